/**
 * Parsed trees kept in packs (src/lib/tree-packs.ts): what a run used is
 * there for the next, packs no tree uses are removed, a pack less than half
 * used is written again with only its trees in use, and files of the old
 * one-file-per-tree layout are cleared.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openTreePacks, writePack } from '../../src/lib/tree-packs.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsbook-packs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tree = (n: number) => JSON.stringify({ type: 'root', children: [{ type: 'text', value: `body ${n}\twith a tab` }] });
const packs = () => readdirSync(dir).filter((f) => f.endsWith('.pack')).sort();
const names = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `t${from + i}.json`);

describe('tree packs', () => {
  test('trees added and placed by a worker are there for the next run, each as written', () => {
    const first = openTreePacks(dir);
    const pack = writePack(dir, names(0, 4).map((name, i) => [name, tree(i)] as const))!;
    first.placed(names(0, 4), pack);
    first.add('t9.json', tree(9));
    first.save();
    expect(packs()).toHaveLength(2);
    const second = openTreePacks(dir);
    expect(names(0, 4).map((name) => second.take(name))).toEqual([0, 1, 2, 3].map(tree));
    expect(second.take('t9.json')).toBe(tree(9));
    expect(second.take('t5.json')).toBeUndefined();
    second.save();
    expect(packs()).toHaveLength(2); // nothing changed, nothing written
  });

  test('a pack no tree uses goes; one less than half used is written again with its trees in use', () => {
    const first = openTreePacks(dir);
    const a = writePack(dir, names(0, 10).map((name, i) => [name, tree(i)] as const))!;
    const b = writePack(dir, names(10, 14).map((name, i) => [name, tree(10 + i)] as const))!;
    first.placed(names(0, 10), a);
    first.placed(names(10, 14), b);
    first.save();
    expect(packs()).toEqual([a, b].sort());
    // The next run uses 4 of a's 10 trees and none of b's.
    const second = openTreePacks(dir);
    expect(names(0, 4).map((name) => second.take(name))).toEqual([0, 1, 2, 3].map(tree));
    second.save();
    expect(packs()).toHaveLength(1);
    expect(packs()).not.toContain(a);
    expect(readFileSync(join(dir, packs()[0]!), 'utf8').trim().split('\n')).toHaveLength(4);
    const third = openTreePacks(dir);
    expect(names(0, 4).map((name) => third.take(name))).toEqual([0, 1, 2, 3].map(tree));
    expect(third.take('t5.json')).toBeUndefined();
  });

  test('a body two documents share is given to both', () => {
    const first = openTreePacks(dir);
    first.add('t1.json', tree(1));
    first.save();
    const second = openTreePacks(dir);
    expect([second.take('t1.json'), second.take('t1.json')]).toEqual([tree(1), tree(1)]);
  });

  test('a damaged index or pack costs a parse, and the files of the old layout are cleared', () => {
    writeFileSync(join(dir, 'index.json'), '{"trees": {"t1.json": "gone.pack"');
    writeFileSync(join(dir, '0123abcd.json'), tree(0));
    const run = openTreePacks(dir);
    expect(run.has('t1.json')).toBe(false);
    run.add('t1.json', tree(1));
    run.save();
    expect(readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json')).toEqual([]);
    writeFileSync(join(dir, packs()[0]!), 't1.json\t{"type":"ro');
    expect(openTreePacks(dir).take('t1.json')).toBe('{"type":"ro'); // the caller's JSON.parse refuses it and parses again
  });
});
