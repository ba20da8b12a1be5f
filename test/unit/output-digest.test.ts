/**
 * The output digest (src/lib/output-digest.ts): a record is used only for
 * the very file it was made from, and a replaced file's record keeps only
 * what the step that replaced it says still holds.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openOutputDigest } from '../../src/lib/output-digest.ts';

let root: string;
let dist: string;
let store: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'opsbook-digest-'));
  dist = join(root, 'dist');
  store = join(root, 'cache/output-digest.json');
  mkdirSync(dist);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

test('facts of an unchanged file come back in the next build; a changed, replaced or moved-in file starts empty', () => {
  for (const name of ['same.html', 'edited.html', 'replaced.html', 'gone.html']) writeFileSync(join(dist, name), name);
  const first = openOutputDigest(dist, store);
  for (const name of ['same.html', 'edited.html', 'replaced.html', 'gone.html']) first.facts(join(dist, name)).sha = `hash of ${name}`;
  first.save();

  // Same size, same content length: only the file's times and inode tell the change.
  writeFileSync(join(dist, 'edited.html'), 'EDITED.html');
  writeFileSync(join(dist, 'other.tmp'), 'REPLACED.html');
  renameSync(join(dist, 'other.tmp'), join(dist, 'replaced.html'));
  const second = openOutputDigest(dist, store);
  expect(second.facts(join(dist, 'same.html')).sha).toBe('hash of same.html');
  expect(second.facts(join(dist, 'edited.html')).sha).toBeUndefined();
  expect(second.facts(join(dist, 'replaced.html')).sha).toBeUndefined();
  expect(second.stats).toEqual({ reused: 1, made: 2 });
  second.save();

  // Only files asked about are kept: gone.html was not, so a file put there later is not taken for it.
  const third = openOutputDigest(dist, store);
  expect(third.facts(join(dist, 'gone.html')).sha).toBeUndefined();
  // Another output folder's digest is not this one's.
  expect(openOutputDigest(join(root, 'elsewhere'), store).facts(join(dist, 'same.html')).sha).toBeUndefined();
});

test('a step that replaces a file says which facts still hold for the new one', () => {
  writeFileSync(join(dist, 'page.html'), '<pre class="mermaid-source">');
  const digest = openOutputDigest(dist, store);
  Object.assign(digest.facts(join(dist, 'page.html')), { search: 'abc', sources: 1, drawn: 0, sha: 'old bytes' });
  writeFileSync(join(dist, 'page.html.tmp'), '<svg>');
  renameSync(join(dist, 'page.html.tmp'), join(dist, 'page.html'));
  digest.replaced(join(dist, 'page.html'), { search: 'abc', sources: 0, drawn: 1 });
  digest.save();
  expect(openOutputDigest(dist, store).facts(join(dist, 'page.html'))).toMatchObject({ search: 'abc', sources: 0, drawn: 1 });
  expect(openOutputDigest(dist, store).facts(join(dist, 'page.html')).sha).toBeUndefined();
});

test('without a store, nothing is kept', () => {
  writeFileSync(join(dist, 'a.html'), 'a');
  const digest = openOutputDigest(dist, null);
  digest.facts(join(dist, 'a.html')).sha = 'x';
  digest.save();
  expect(openOutputDigest(dist, null).facts(join(dist, 'a.html')).sha).toBeUndefined();
});
