/**
 * Position-aware YAML for frontmatter and catalogue files: YAML 1.2 core
 * schema, with duplicate keys, anchors/aliases, custom tags and merge keys
 * reported as errors. Keeps the parsed document so any value can be traced
 * back to its line and column.
 */
import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Diagnostic, Position } from '../diagnostics/diagnostics.ts';
import type { RuleId } from '../diagnostics/rules.ts';

const YAML11_BOOLEANS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

export interface YamlSource {
  /** The parsed value (undefined when the text could not be parsed). */
  data: unknown;
  doc: Document.Parsed;
  text: string;
  /** Locates a path inside the value: the key, or the value at that key. */
  locate(path: readonly (string | number)[], target?: 'key' | 'value'): Position;
  /** The source text of the value at a path, as the author wrote it. */
  sourceOf(path: readonly (string | number)[]): string | undefined;
  /** Anchors, aliases, tags or merge keys: the value is not what it looks like, so it is not validated further. */
  structural: boolean;
}

/**
 * Parses YAML text that starts at `firstLine` of `file` (1 for a catalogue
 * file, 2 for frontmatter after its `---`). Problems are pushed to `out`.
 */
export function parseYaml(text: string, file: string, firstLine: number, out: Diagnostic[]): YamlSource {
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

  function nodeAt(path: readonly (string | number)[]): { node: Node | undefined; key: Node | undefined; depth: number } {
    let current: unknown = doc.contents;
    let key: Node | undefined;
    let depth = 0;
    for (const segment of path) {
      if (isMap(current)) {
        const pair = current.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === segment);
        if (!pair) break;
        key = pair.key as Node;
        current = pair.value;
      } else if (isSeq(current) && typeof segment === 'number' && current.items[segment] !== undefined) {
        key = undefined;
        current = current.items[segment];
      } else break;
      depth++;
    }
    return { node: isNode(current) ? current : undefined, key, depth };
  }

  return {
    data,
    doc,
    text,
    structural,
    locate(path, target = 'value') {
      const { node, key, depth } = nodeAt(path);
      if (depth === path.length && target === 'key' && key?.range) return at(key.range[0]);
      if (depth === path.length && node?.range) return at(node.range[0]);
      // The path stops early (a missing key): point at the mapping that should hold it.
      if (node && isMap(node) && node.items[0] && isPair(node.items[0]) && isNode(node.items[0].key) && node.items[0].key.range) {
        return at(node.items[0].key.range[0]);
      }
      if (node?.range) return at(node.range[0]);
      if (key?.range) return at(key.range[0]);
      return { line: firstLine, column: 1 };
    },
    sourceOf(path) {
      const { node, depth } = nodeAt(path);
      if (depth !== path.length || !node?.range) return undefined;
      return text.slice(node.range[0], node.range[1]).trim();
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

