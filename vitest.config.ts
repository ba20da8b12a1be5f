import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Site builds run once per fixture in globalSetup-like beforeAll hooks; give them room.
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
