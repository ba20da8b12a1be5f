/**
 * Position-aware YAML for frontmatter and catalogue files: YAML 1.2 core
 * schema, with duplicate keys, anchors/aliases, custom tags and merge keys
 * reported as errors. Keeps the parsed document so any value can be traced
 * back to its line and column.
 */
import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { isDeepStrictEqual } from 'node:util';
import type { Diagnostic, Position } from '../diagnostics/diagnostics.ts';
import type { RuleId } from '../diagnostics/rules.ts';

const YAML11_BOOLEANS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

export interface YamlSource {
  /** The parsed value (undefined when the text could not be parsed). */
  data: unknown;
  /** The parsed document; absent when the parse was taken from an earlier run (see YamlCache). */
  doc?: Document.Parsed;
  /** The text could not be parsed: `data` is undefined. */
  fatal: boolean;
  text: string;
  /** Locates a path inside the value: the key, or the value at that key. */
  locate(path: readonly (string | number)[], target?: 'key' | 'value'): Position;
  /** The source text of the value at a path, as the author wrote it. */
  sourceOf(path: readonly (string | number)[]): string | undefined;
  /** Anchors, aliases, tags or merge keys: the value is not what it looks like, so it is not validated further. */
  structural: boolean;
}

/**
 * A parse without errors, kept between runs by a hash of the text and its
 * first line: the value, where each path is (see `PathIndex`), and the
 * warnings the parse gave. At 10,000 documents parsing frontmatter took 2 s
 * of a 6 s check.
 */
export interface KeptYaml {
  data: unknown;
  index: PathIndex;
  diagnostics: Omit<Diagnostic, 'file'>[];
}

export interface YamlCache {
  getYaml(text: string, firstLine: number): KeptYaml | undefined;
  setYaml(text: string, firstLine: number, kept: KeptYaml): void;
}

/**
 * Where each value is, by its path (JSON of the path's keys and indexes):
 * [key line, key column, value line, value column, first key's line and
 * column when the value is a mapping, value start and end offsets], 0 where
 * there is none. Enough to answer `locate` and `sourceOf` without the
 * parsed document.
 */
export type PathIndex = Record<string, number[]>;

/**
 * Parses YAML text that starts at `firstLine` of `file` (1 for a catalogue
 * file, 2 for frontmatter after its `---`). Problems are pushed to `out`.
 * With `cache`, a text parsed cleanly before is not parsed again.
 */
export function parseYaml(text: string, file: string, firstLine: number, out: Diagnostic[], cache?: Partial<YamlCache>): YamlSource {
  const kept = cache?.getYaml?.(text, firstLine);
  if (kept) {
    out.push(...kept.diagnostics.map((d) => ({ file, ...d })));
    return { data: kept.data, fatal: false, text, structural: false, ...locator(kept.index, text, firstLine) };
  }
  const before = out.length;
  const source = parseYamlDocument(text, file, firstLine, out);
  if (cache?.setYaml && !source.fatal && !source.structural && keepable(source.data)) {
    cache.setYaml(text, firstLine, { data: source.data, index: source.index, diagnostics: out.slice(before).map(({ file: _, ...d }) => d) });
  }
  return source;
}

/** A value JSON gives back as it was (no infinities, NaN or negative zero), so a kept copy is the same value. */
function keepable(data: unknown): boolean {
  try {
    return isDeepStrictEqual(JSON.parse(JSON.stringify(data) ?? 'null'), data ?? null);
  } catch {
    return false;
  }
}

/** parseYaml without a cache, for callers that walk the parsed document (alert rule files). */
export function parseYamlDocument(text: string, file: string, firstLine: number, out: Diagnostic[]): YamlSource & { doc: Document.Parsed; index: PathIndex } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, schema: 'core', uniqueKeys: true, merge: false, prettyErrors: false, strict: true });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + firstLine - 1, column: col };
  };
  let structural = false;
  const report = (offset: number, rule: RuleId, message: string, hint: string) => {
    if (rule !== 'yaml/ambiguous-boolean') structural = true;
    out.push({ file, ...at(offset), severity: 'error', rule, message, hint });
  };

  const duplicates = duplicateKeys(doc);
  for (const error of doc.errors) {
    if (error.code === 'DUPLICATE_KEY') {
      const duplicate = duplicates.get(error.pos[0]);
      const name = duplicate ? `The key ${JSON.stringify(duplicate.key.length > 40 ? `${duplicate.key.slice(0, 40)}…` : duplicate.key)}` : 'This key';
      const first = duplicate?.first !== undefined ? ` (first on line ${at(duplicate.first).line})` : '';
      report(error.pos[0], 'yaml/duplicate-key', `${name} appears twice in the same mapping${first}`, 'Keep one of them: YAML would silently use only one value.');
    } else {
      report(error.pos[0], 'yaml/syntax', `YAML syntax error: ${firstSentence(error.message)}`, 'Check indentation, colons and quotes on this line and the one above.');
    }
  }
  for (const warning of doc.warnings) {
    if (warning.code === 'TAG_RESOLVE_FAILED') {
      const tag = /tag: (\S+)/.exec(warning.message)?.[1] ?? 'here';
      report(warning.pos[0], 'yaml/tag', `YAML tag ${tag} is not allowed`, 'Remove the tag; values are plain text, numbers, booleans, lists and mappings.');
    } else {
      report(warning.pos[0], 'yaml/syntax', `YAML problem: ${firstSentence(warning.message)}`, 'Check this line against the YAML you meant to write.');
    }
  }
  const checkNode = (node: Node) => {
    if (node.anchor) report(node.range?.[0] ?? 0, 'yaml/anchor', `YAML anchors (&${node.anchor}) are not allowed`, 'Remove the anchor and write values out in full.');
    // Unknown tags arrive as TAG_RESOLVE_FAILED warnings; this catches known non-core ones (!!binary, !!set…).
    if (node.tag && !CORE_TAGS.has(node.tag) && !doc.warnings.some((w) => w.pos[0] === node.range?.[0])) {
      report(node.range?.[0] ?? 0, 'yaml/tag', `YAML tag ${node.tag} is not allowed`, 'Remove the tag; values are plain text, numbers, booleans, lists and mappings.');
    }
  };
  visit(doc, {
    Scalar(key, node, path) {
      checkNode(node);
      // YAML 1.1 readers (and many tools) take these words as booleans; say so before a value flips.
      if (key !== 'key' && node.type === 'PLAIN' && typeof node.value === 'string' && YAML11_BOOLEANS.test(node.value)) {
        const parent = path[path.length - 1];
        const field = isPair(parent) && isScalar(parent.key) ? `"${String(parent.key.value)}" is` : 'This value is';
        report(node.range?.[0] ?? 0, 'yaml/ambiguous-boolean', `${field} ${node.value}, which many YAML readers take as ${/^(y|yes|on)$/i.test(node.value) ? 'true' : 'false'}`, `Quote the value: "${node.value}".`);
      }
    },
    Alias(_, node) {
      report(node.range?.[0] ?? 0, 'yaml/alias', `YAML aliases (*${node.source}) are not allowed`, 'Write the value out in full; aliases hide what a document says.');
    },
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === '<<') {
        report(pair.key.range?.[0] ?? 0, 'yaml/merge-key', 'YAML merge keys (<<) are not allowed', 'Write the keys out in full.');
      }
    },
    Node(_, node) {
      checkNode(node);
    },
  });

  // `title: Restart #2 pod` reads as "Restart": a # after a space starts a comment.
  text.split('\n').forEach((line, i) => {
    const match = /^(\s*(?:-\s+)?([A-Za-z_][\w-]*):\s+)([^'"\s#|>&*!{[][^#]*?)\s+#(\S.*)$/.exec(line);
    if (!match) return;
    const [, lead, key, value, rest] = match;
    out.push({
      file,
      line: firstLine + i,
      column: lead!.length + 1,
      severity: 'error',
      rule: 'yaml/comment-in-value',
      message: `"${key}" is read as "${value}": YAML takes "#${rest}" as a comment`,
      hint: `Quote the value: ${key}: "${value} #${rest}".`,
    });
  });

  const fatal = doc.errors.length > 0;
  const data = fatal ? undefined : doc.toJS({ maxAliasCount: -1 });
  const index = pathIndex(doc, at);
  return { data, doc, fatal, text, structural, index, ...locator(index, text, firstLine) };
}

/** Every value's place (see PathIndex), from the document's scalar keys and sequence items. */
function pathIndex(doc: Document.Parsed, at: (offset: number) => Position): PathIndex {
  const index: PathIndex = {};
  const pos = (offset: number | undefined) => (offset === undefined ? [0, 0] : [at(offset).line, at(offset).column]);
  const add = (path: (string | number)[], key: Node | undefined, value: unknown) => {
    const node = isNode(value) ? value : undefined;
    const first = node && isMap(node) && node.items[0] && isPair(node.items[0]) && isNode(node.items[0].key) ? node.items[0].key.range?.[0] : undefined;
    index[JSON.stringify(path)] = [...pos(key?.range?.[0]), ...pos(node?.range?.[0]), ...pos(first), node?.range?.[0] ?? -1, node?.range?.[1] ?? -1];
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        // The first pair with a key counts, as when a path is looked up.
        if (!isPair(pair) || !isScalar(pair.key) || seen.has(pair.key.value)) continue;
        seen.add(pair.key.value);
        add([...path, pair.key.value as string], pair.key as Node, pair.value);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => add([...path, i], undefined, item));
    }
  };
  add([], undefined, doc.contents);
  return index;
}

/**
 * `locate` and `sourceOf` from a path index. A path that stops early (a
 * missing key) points at the mapping that should hold it, else at the last
 * value or key it reached.
 */
function locator(index: PathIndex, text: string, firstLine: number): Pick<YamlSource, 'locate' | 'sourceOf'> {
  const reach = (path: readonly (string | number)[]) => {
    let depth = 0;
    while (depth < path.length && index[JSON.stringify(path.slice(0, depth + 1))]) depth++;
    return { depth, entry: index[JSON.stringify(path.slice(0, depth))] };
  };
  const point = (line: number | undefined, column: number | undefined): Position | undefined => (line ? { line, column: column! } : undefined);
  return {
    locate(path, target = 'value') {
      const { depth, entry: e } = reach(path);
      if (!e) return { line: firstLine, column: 1 };
      const key = point(e[0], e[1]);
      const value = point(e[2], e[3]);
      const first = point(e[4], e[5]);
      if (depth === path.length && target === 'key' && key) return key;
      if (depth === path.length && value) return value;
      return first ?? value ?? key ?? { line: firstLine, column: 1 };
    },
    sourceOf(path) {
      const { depth, entry } = reach(path);
      if (depth !== path.length || !entry || entry[6]! < 0) return undefined;
      return text.slice(entry[6], entry[7]).trim();
    },
  };
}

/** Keys written again in the same mapping, by the offset of the repeat: the key as text and the offset of its first use. */
function duplicateKeys(doc: Document.Parsed): Map<number, { key: string; first: number | undefined }> {
  const repeats = new Map<number, { key: string; first: number | undefined }>();
  if (!doc.errors.some((e) => e.code === 'DUPLICATE_KEY')) return repeats;
  visit(doc, {
    Map(_, map) {
      const seen = new Map<string, number | undefined>();
      for (const pair of map.items) {
        const key = pair.key;
        const text = isScalar(key) ? String(key.value) : isNode(key) ? key.toString() : String(key);
        const offset = isNode(key) ? key.range?.[0] : undefined;
        if (seen.has(text)) {
          if (offset !== undefined) repeats.set(offset, { key: text, first: seen.get(text) });
        } else seen.set(text, offset);
      }
    },
  });
  return repeats;
}

function firstSentence(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
}

