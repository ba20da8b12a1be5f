/**
 * A site built in global setup, served over HTTP and opened in Chromium for
 * one test file: the hooks that start and stop both are registered here, so
 * browser tests begin with `const served = servedSite('example')`.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser } from './browser.ts';
import { serveStatic, type StaticServer } from './server.ts';
import { builtSite, type SiteBuild } from './site.ts';

export interface Served {
  readonly site: SiteBuild;
  /** Set before the file's tests run. */
  readonly server: StaticServer;
  readonly browser: Browser;
}

export function servedSite(name: string, base?: string): Served {
  const state: { site: SiteBuild; server?: StaticServer; browser?: Browser } = { site: builtSite(name) };
  beforeAll(async () => {
    expect(state.site.status, state.site.output).toBe(0);
    state.server = await serveStatic(state.site.dist, base);
    state.browser = await launchBrowser();
  });
  afterAll(async () => {
    await state.browser?.close();
    await state.server?.close();
  });
  return {
    get site() {
      return state.site;
    },
    get server() {
      return state.server!;
    },
    get browser() {
      return state.browser!;
    },
  };
}
