import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Generous: browser tests walk every page type, some tests build a site in beforeAll, and machines here are shared.
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
