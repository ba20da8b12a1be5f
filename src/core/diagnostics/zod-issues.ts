/**
 * Turns zod issues into Diagnostics that speak of the author's own value,
 * at the line where the YAML wrote it.
 */
import type { z } from 'astro/zod';
import type { Diagnostic } from './diagnostics.ts';
import type { RuleId } from './rules.ts';
import { suggest } from './suggest.ts';
import type { YamlSource } from '../load/yaml.ts';
import { referenceFields } from '../../model/reference.ts';

type Issue = z.core.$ZodIssue;
type Path = (string | number)[];

/** Hints for fields whose value is an id of another collection. */
/** `<team id>"; teams are the files in content/teams/`, from the reference the schema declares for a field. */
function referenceHint(schema: z.ZodType, field: string): string | undefined {
  const targets = referenceFields(schema).get(field);
  if (!targets?.length) return undefined;
  const target = targets[0]!;
  const noun = target.replace(/s$/, '');
  const list = isListField(schema, field);
  return `${list ? '[' : ''}<${noun} id>${list ? ']' : ''}"; ${target} are the files in content/${target}/`;
}

function isListField(schema: z.ZodType, field: string): boolean {
  let inner = (schema as unknown as { _zod: { def: { shape?: Record<string, z.ZodType> } } })._zod.def.shape?.[field];
  while (inner) {
    const def = (inner as unknown as { _zod: { def: { type: string; innerType?: z.ZodType } } })._zod.def;
    if (def.type === 'array') return true;
    inner = def.type === 'optional' || def.type === 'default' ? def.innerType : undefined;
  }
  return false;
}

export function fieldLabel(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function describeType(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of fields',
};

/** The field names an object schema accepts at a path, for did-you-mean. */
export function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: unknown = schema;
  const unwrap = () => {
    for (;;) {
      const def = (current as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
      if (!def) return def;
      if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') current = def.innerType;
      else if (def.type === 'pipe') current = def.in;
      else return def;
    }
  };
  for (const segment of path) {
    const def = unwrap();
    if (!def) return [];
    if (def.type === 'object' && typeof segment === 'string') current = (def.shape as Record<string, unknown>)[segment];
    else if (def.type === 'array') current = def.element;
    else return [];
    if (typeof segment === 'number') continue;
  }
  let def = unwrap();
  if (def?.type === 'array') {
    current = def.element;
    def = unwrap();
  }
  if (def?.type === 'union') {
    const object = (def.options as { _zod: { def: Record<string, unknown> } }[]).find((o) => o._zod.def.type === 'object');
    if (object) return Object.keys(object._zod.def.shape as object);
  }
  return def?.type === 'object' ? Object.keys(def.shape as object) : [];
}

interface Context {
  file: string;
  noun: string;
  yaml: YamlSource;
  data: unknown;
  schema: z.ZodType;
}

/** Picks the union branch that speaks to the value the author wrote. */
function unionIssues(issue: Extract<Issue, { code: 'invalid_union' }>): Issue[] | undefined {
  const branches = issue.errors;
  if (branches.length === 0) return undefined;
  const rootTypeMiss = (branch: Issue[]) => branch.some((i) => i.code === 'invalid_type' && i.path.length === 0);
  const relevant = branches.filter((b) => !rootTypeMiss(b));
  if (relevant.length === 1) return relevant[0]!.map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as Issue);
  return undefined;
}

export function issuesToDiagnostics(issues: readonly Issue[], ctx: Context): Diagnostic[] {
  const out: Diagnostic[] = [];
  const push = (path: Path, rule: RuleId, message: string, hint: string | undefined, target: 'key' | 'value' = 'value') => {
    const pos = ctx.yaml.locate(path, target);
    out.push({ file: ctx.file, line: pos.line, column: pos.column, severity: 'error', rule, message, hint });
  };

  for (const issue of issues) {
    const path = issue.path as Path;
    const label = fieldLabel(path);
    const value = valueAt(ctx.data, path);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = knownKeys(ctx.schema, path);
        // A merge key (<<) is reported by the YAML layer already.
        for (const key of issue.keys.filter((k) => k !== '<<')) {
          const match = suggest(key, known);
          const where = path.length ? ` in "${label}"` : ` in this ${ctx.noun}`;
          const hint = match ? `Did you mean "${match}"?` : `Known fields: ${known.join(', ')}.`;
          push([...path, key], 'schema/unknown-key', `Unknown field "${key}"${where}`, hint, 'key');
        }
        break;
      }
      case 'invalid_type': {
        if (value === undefined) {
          const last = path[path.length - 1];
          const ref = typeof last === 'string' && path.length === 1 ? referenceHint(ctx.schema, last) : undefined;
          const hint = ref ? `Add "${last}: ${ref}.` : `Add "${String(last)}: …".`;
          push(path, 'schema/required', `"${label}" is required for ${ctx.noun}s`, hint);
        } else if (issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
          const written = ctx.yaml.sourceOf(path) ?? String(value);
          const last = path[path.length - 1];
          const quoted = typeof last === 'number' ? `"${written}"` : `${String(last)}: "${written}"`;
          push(path, 'schema/type', `"${label}" must be text, but YAML reads ${written} as ${describeType(value)}`, `Quote the value: ${quoted}.`);
        } else {
          const expected = EXPECTED[issue.expected] ?? issue.expected;
          const hint = issue.expected === 'array' && typeof value === 'string' ? `Write a list: ${String(path[path.length - 1])}: [${value}].` : undefined;
          push(path, 'schema/type', `"${label}" must be ${expected}, not ${describeType(value)}`, hint);
        }
        break;
      }
      case 'invalid_value': {
        const allowed = issue.values.map(String);
        const match = typeof value === 'string' ? suggest(value, allowed) : undefined;
        const shown = typeof value === 'string' ? `"${value}"` : String(value);
        const hint = match ? `Did you mean "${match}"?` : `Use one of: ${allowed.join(', ')}.`;
        push(path, 'schema/enum', `"${label}" must be one of ${allowed.join(', ')}, not ${shown}`, hint);
        break;
      }
      case 'invalid_union': {
        const branch = unionIssues(issue);
        if (branch) {
          out.push(...issuesToDiagnostics(branch, ctx));
          break;
        }
        const values = issue.errors.flat().flatMap((i) => (i.code === 'invalid_value' ? i.values.map(String) : []));
        if (values.length && issue.errors.every((b) => b.every((i) => i.code === 'invalid_value'))) {
          push(path, 'schema/enum', `"${label}" must be one of ${values.join(', ')}, not ${JSON.stringify(value)}`, `Use one of: ${values.join(', ')}.`);
        } else {
          const expected = [...new Set(issue.errors.flat().flatMap((i) => (i.code === 'invalid_type' ? [EXPECTED[i.expected] ?? i.expected] : [])))];
          push(path, 'schema/type', `"${label}" must be ${expected.join(' or ')}, not ${describeType(value)}`, undefined);
        }
        break;
      }
      case 'too_small': {
        if (issue.origin === 'array') push(path, 'schema/required', `"${label}" needs at least ${issue.minimum} entr${issue.minimum === 1 ? 'y' : 'ies'}`, `Add the ${label} as a list: ${label}: [id].`);
        else if (issue.origin === 'string') push(path, 'schema/required', `"${label}" must not be empty`, 'Write a value or remove the field.');
        else push(path, 'schema/range', `"${label}" must be at least ${String(issue.minimum)}, not ${String(value)}`, undefined);
        break;
      }
      case 'too_big':
        push(path, 'schema/range', `"${label}" must be at most ${String(issue.maximum)}, not ${String(value)}`, undefined);
        break;
      case 'invalid_format': {
        const expected = label === 'operationId' ? 'YYYY-MM-DD-<slug> (lower-case words joined by hyphens)' : issue.format === 'email' ? 'an email address' : `in the format ${issue.format}`;
        push(path, 'schema/format', `"${label}" must be ${expected}, not "${String(value)}"`, label === 'operationId' ? 'Example: 2026-03-14-orders-db-failover.' : undefined);
        break;
      }
      case 'custom': {
        const params = (issue.params ?? {}) as { rule?: string; hint?: string };
        push(path, (params.rule as RuleId | undefined) ?? 'schema/invalid', `"${label}" ${issue.message}`, params.hint);
        break;
      }
      default:
        push(path, 'schema/invalid', `"${label}" is not valid: ${issue.message}`, undefined);
    }
  }
  return out;
}
