/**
 * Front matter in and out: the YAML (`---`), TOML (`+++`, Hugo) or JSON
 * (`{`, Hugo) a document arrives with, and the Opsbook front matter import
 * writes, with the model's own YAML helpers so values are quoted the way
 * `npm run new` quotes them.
 */
import { parseDocument } from 'yaml';
import { impossibleDateReason } from '../../model/common.ts';
import { lines, yamlList, yamlString } from '../../model/template-text.ts';
import { sentenceCount } from '../validate/authoring.ts';

export interface SourceFrontmatter {
  format: 'yaml' | 'toml' | 'json' | undefined;
  data: Record<string, unknown>;
  body: string;
  /** 1-based line of the body in the file. */
  bodyLine: number;
  /** Why the front matter could not be read (the fields are then empty). */
  problem?: string | undefined;
}

function fenced(text: string, fence: string): { inner: string; body: string; bodyLine: number } | undefined {
  const rows = text.split('\n');
  if (rows[0]?.trimEnd() !== fence) return undefined;
  const close = rows.findIndex((row, i) => i > 0 && row.trimEnd() === fence);
  if (close === -1) return undefined;
  return { inner: rows.slice(1, close).join('\n'), body: rows.slice(close + 1).join('\n'), bodyLine: close + 2 };
}

/** A small TOML reader for Hugo front matter and config: tables, strings, numbers, booleans, dates and flat arrays. */
export function parseToml(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let table = root;
  const value = (raw: string): unknown => {
    const v = raw.trim();
    if (/^"""/.test(v) || /^'''/.test(v)) return v.slice(3, -3);
    if (/^".*"$/.test(v)) {
      try {
        return JSON.parse(v);
      } catch {
        return v.slice(1, -1);
      }
    }
    if (/^'.*'$/.test(v)) return v.slice(1, -1);
    if (v === 'true' || v === 'false') return v === 'true';
    if (/^[+-]?\d+(\.\d+)?$/.test(v)) return Number(v);
    if (/^\[.*\]$/.test(v)) {
      const inner = v.slice(1, -1).trim();
      if (!inner) return [];
      return (inner.match(/"(?:[^"\\]|\\.)*"|'[^']*'|[^,]+/g) ?? []).map((item) => value(item)).filter((item) => item !== '');
    }
    return v;
  };
  for (const row of text.split('\n')) {
    const line = row.replace(/^\s+/, '');
    if (!line || line.startsWith('#')) continue;
    const header = /^\[\[?([^\]]+)\]\]?\s*(#.*)?$/.exec(line);
    if (header) {
      table = root;
      for (const key of header[1]!.split('.').map((k) => k.trim().replace(/^["']|["']$/g, ''))) {
        const next = (table[key] ??= {}) as Record<string, unknown>;
        table = typeof next === 'object' && !Array.isArray(next) ? next : {};
      }
      continue;
    }
    const pair = /^("[^"]+"|'[^']+'|[A-Za-z0-9_.-]+)\s*=\s*(.*)$/.exec(line);
    if (!pair) continue;
    const key = pair[1]!.replace(/^["']|["']$/g, '');
    const raw = pair[2]!.replace(/\s+#[^"']*$/, '');
    table[key] = value(raw);
  }
  return root;
}

/** Splits a document into its front matter (parsed) and its body. Never throws. */
export function readSourceFrontmatter(text: string): SourceFrontmatter {
  const yaml = fenced(text, '---');
  if (yaml) {
    const doc = parseDocument(yaml.inner, { prettyErrors: false, uniqueKeys: false, logLevel: 'silent' });
    if (doc.errors.length) return { format: 'yaml', data: {}, body: yaml.body, bodyLine: yaml.bodyLine, problem: `its YAML front matter cannot be read (${doc.errors[0]!.message.split('\n')[0]})` };
    const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
    return { format: 'yaml', data: data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {}, body: yaml.body, bodyLine: yaml.bodyLine };
  }
  const toml = fenced(text, '+++');
  if (toml) return { format: 'toml', data: parseToml(toml.inner), body: toml.body, bodyLine: toml.bodyLine };
  if (text.startsWith('{')) {
    // Hugo's JSON front matter: an object at the very start, then the body.
    let depth = 0;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        try {
          const data = JSON.parse(text.slice(0, i + 1)) as Record<string, unknown>;
          const rest = text.slice(i + 1).replace(/^[^\n]*\n?/, '');
          return { format: 'json', data, body: rest, bodyLine: text.slice(0, i + 1).split('\n').length + 1 };
        } catch {
          break;
        }
      }
    }
  }
  return { format: undefined, data: {}, body: text, bodyLine: 1 };
}

/** A YAML value for one field: a string, a list of strings, a number. */
function yamlValue(value: unknown): string {
  if (Array.isArray(value)) return yamlList(value.map(String));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return yamlString(String(value));
}

/** Opsbook front matter from ordered fields; undefined and empty lists are left out. */
export function renderFrontmatter(fields: readonly [string, unknown][]): string {
  return lines(
    '---',
    ...fields.filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)).map(([k, v]) => `${k}: ${yamlValue(v)}`),
    '---',
  );
}

/** A YAML catalogue entry (team or service) from ordered fields. */
export function renderYamlEntry(fields: readonly [string, unknown][]): string {
  return lines(...fields.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${yamlValue(v)}`));
}

/** A date written YYYY-MM-DD that exists, from a front matter value (a YAML date becomes a Date). */
export function dateValue(value: unknown): string | undefined {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' ? value.trim().slice(0, 10) : undefined;
  return text && /^\d{4}-\d{2}-\d{2}$/.test(text) && !impossibleDateReason(text) ? text : undefined;
}

const ABBREVIATION = /\b(?:e\.g|i\.e|etc|vs|approx|incl|no|nr|cf|min|max|ca|resp|dept|Dr|Mr|Mrs|Ms|St)\.(?=\s)/gi;
const MAX_SUMMARY = 240;

/**
 * The first sentence of a text, the way the model counts sentences (see
 * sentenceCount): cut before a space that follows `.`, `!` or `?` and
 * precedes a capital or a digit, outside inline code and abbreviations. Long
 * sentences are cut at a word, with an ellipsis.
 */
export function firstSentence(text: string): { sentence: string; cut: boolean } {
  const flat = text.replace(/\s+/g, ' ').trim();
  // Mask code and abbreviations with text of the same length, so offsets stay those of `flat`.
  const masked = flat.replace(/`[^`]*`/g, (m) => 'x'.repeat(m.length)).replace(ABBREVIATION, (m) => 'x'.repeat(m.length));
  const end = /[.!?]["')\]]?(?=\s+["'(]?[A-Z0-9])/.exec(masked);
  let sentence = end ? flat.slice(0, end.index + end[0].length) : flat;
  let cut = false;
  if (sentence.length > MAX_SUMMARY) {
    sentence = `${sentence.slice(0, MAX_SUMMARY).replace(/\s+\S*$/, '')}…`;
    cut = true;
  }
  // Whatever the cut, the result must read as one sentence to the model.
  while (sentenceCount(sentence) > 1) {
    const stop = /[.!?]["')\]]?\s+(?=["'(]?[A-Z0-9])/.exec(sentence.replace(/`[^`]*`/g, (m) => 'x'.repeat(m.length)));
    if (!stop) break;
    sentence = sentence.slice(0, stop.index + 1);
    cut = true;
  }
  return { sentence: sentence.replace(/:$/, '.'), cut };
}

/** Words from a file or folder name: `add-runbook` → "Add runbook", `KubePodCrashLooping` stays as written. */
export function titleFromName(name: string): string {
  if (!/[-_\s]/.test(name)) return name;
  const words = name.replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
