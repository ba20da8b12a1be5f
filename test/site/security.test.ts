/**
 * Over every page of the built example site: a strict Content-Security-Policy
 * first in <head>, no script inline, and no resource from any other host.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/core/views/csp.ts';
import { builtSite } from '../helpers/site.ts';

const site = builtSite('example');

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name), ext) : e.name.endsWith(ext) ? [join(dir, e.name)] : []));
}

test('the policy allows the site itself only', () => {
  expect(CONTENT_SECURITY_POLICY).toBe("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self'; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'");
  expect(readFileSync(join(site.dist, '_headers'), 'utf8')).toContain(`Content-Security-Policy: ${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
});

test('every page carries the policy before anything it governs, and no inline script', () => {
  const pages = files(site.dist, '.html');
  expect(pages.length).toBeGreaterThan(70);
  for (const file of pages) {
    const html = readFileSync(file, 'utf8');
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head, file).toMatch(/^<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="[^"]+">/);
    for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) expect(tag, file).toMatch(/\ssrc="/);
    expect(html, file).not.toMatch(/\son[a-z]+="/);
  }
});

test('no page, stylesheet or script asks for anything from another host', () => {
  for (const file of files(site.dist, '.html')) {
    const html = readFileSync(file, 'utf8');
    // Resources a browser fetches by itself (links to other sites, in <a href>, are navigation, not requests).
    const fetched = [...html.matchAll(/<(?:script|img|iframe|link|source|video|audio|embed|object)\b[^>]*\s(?:src|href|data|srcset)="([^"]+)"/g)].map((m) => m[1]!);
    expect(fetched.filter((url) => /^(https?:)?\/\//.test(url)), file).toEqual([]);
  }
  for (const file of [...files(site.dist, '.css'), ...files(join(site.dist, '_astro'), '.js')]) {
    const text = readFileSync(file, 'utf8');
    expect(text.match(/url\(\s*["']?(https?:)?\/\/[^)]+\)|@import\s+["']?(https?:)?\/\//g), file).toBeNull();
    expect(text.match(/\b(?:fetch|import)\(\s*["'`]https?:\/\//g), file).toBeNull();
  }
});
