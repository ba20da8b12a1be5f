/**
 * The site configuration: `opsbook.config.ts` at the project root, checked by
 * a zod schema like content is. An unknown key, an unknown collection name or
 * a value outside its list is an error with the file, the line and a
 * did-you-mean, reported before anything is rendered. Every field is
 * optional; the defaults are the content model's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'astro/zod';
import { KindRegistry, type Kind, type RuleSeverity, type SectionRule, type SectionRules } from '../model/index.ts';
import type { Diagnostic } from './diagnostics/diagnostics.ts';
import { suggest } from './diagnostics/suggest.ts';

const SectionOverrideSchema = z.strictObject({
  /** Headings accepted in its place, added to the defaults. */
  aliases: z.array(z.string().min(1)).optional(),
  /** error, warning, or off to drop the rule. */
  severity: z.enum(['error', 'warning', 'off']).optional(),
});

function isKind(value: unknown): value is Kind {
  return !!value && typeof value === 'object' && 'definition' in value && 'schema' in value && typeof (value as Kind).name === 'string';
}

const DefaultEscalationSchema = z.strictObject({
  /**
   * Id of the team (`content/teams/<id>.yaml`) to page when an alert has no
   * runbook: its on-call contacts and escalation steps are shown on the
   * unknown-alert page, the 404 page and the alert list. It must name a team.
   */
  team: z.string().min(1).optional(),
  /** A line shown with it, e.g. "Page the platform on-call and declare an incident in #incident". */
  note: z.string().min(1).optional(),
});

export const ConfigSchema = z.strictObject({
  /** Site title in the header and page titles. */
  title: z.string().min(1).optional(),
  /** One line under the title on the home page. */
  tagline: z.string().optional(),
  /**
   * Body sections per collection, keyed by the section's canonical name. A
   * name that is not a default section adds a new one (error unless a
   * severity is given).
   */
  sections: z.record(z.string(), z.record(z.string(), SectionOverrideSchema)).optional(),
  /**
   * Prometheus-style alert rule files (globs relative to the project root).
   * Alerts they define without a runbook are errors; runbook alerts they do
   * not define are warnings.
   */
  alertRules: z.array(z.string().min(1)).optional(),
  /**
   * Where diagrams are drawn: `build` (inline SVG, needs Chromium), `client`
   * (in the reader's browser, from the site's own Mermaid), or `auto`
   * (build when Chromium is found). OPSBOOK_DIAGRAMS overrides it.
   */
  diagrams: z.enum(['auto', 'build', 'client']).optional(),
  /**
   * true prints each service's incident kit to `/services/<id>/kit.pdf` at
   * build time, with the browser that draws diagrams (none when diagrams are
   * left to the reader). Off by default: it costs a browser print per service
   * on a cold build (about 0.4 s each, two at a time), and any browser saves
   * the kit page as the same PDF from its print menu. OPSBOOK_KIT_PDF=on|off
   * overrides it.
   */
  kitPdf: z.boolean().optional(),
  /** false forbids .mdx documents (MDX runs as code at build time). Default true. */
  mdx: z.boolean().optional(),
  /** Kinds of document this site adds to the built-in ones, each made with `defineKind` (src/model/kind.ts). */
  kinds: z.array(z.custom<Kind>(isKind, { message: 'must be made with defineKind() from src/model/kind.ts' })).optional(),
  /**
   * Who to turn to when an alert has no runbook (an unknown name under
   * `/alerts/`) or a page is not found: a team id and/or a note. Unset, those
   * pages point to the list of teams.
   */
  defaultEscalation: DefaultEscalationSchema.optional(),
  /**
   * Where a document's source file can be edited: a URL to which its path
   * from the project root is appended, e.g.
   * `https://github.com/kestrel/ops/edit/main/` (a project in a subfolder
   * adds it: `…/edit/main/ops/`). Every document page then links "Edit this
   * page". Unset, there is no link.
   */
  editUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, such as https://github.com/<org>/<repo>/edit/main/' }).optional(),
});

export type OpsbookConfig = z.input<typeof ConfigSchema>;
export type SectionOverride = z.input<typeof SectionOverrideSchema>;
export type DefaultEscalation = z.output<typeof DefaultEscalationSchema>;

export interface ResolvedConfig {
  title: string;
  tagline: string;
  /** Body section rules by collection, defaults and overrides merged. */
  sections: SectionRules;
  alertRules: string[];
  diagrams: 'auto' | 'build' | 'client';
  /** Whether kits are printed to PDF when the build has a browser (see ConfigSchema.kitPdf). */
  kitPdf: boolean;
  mdx: boolean;
  kinds: KindRegistry;
  /** Who to turn to when an alert has no runbook; undefined when the config does not say. */
  defaultEscalation: DefaultEscalation | undefined;
  /** Base URL of "Edit this page" links; undefined when unset. */
  editUrl: string | undefined;
}

/** What pages may read of the configuration (plain data, for the virtual module). */
export interface SiteSettings {
  title: string;
  tagline: string;
  /** Base URL of "Edit this page" links (see ConfigSchema.editUrl); undefined when unset. */
  editUrl?: string | undefined;
}

export const CONFIG_FILE = 'opsbook.config.ts';

function mergeSections(kinds: KindRegistry, overridesByKind: Record<string, Record<string, SectionOverride>>): SectionRules {
  const sections: SectionRules = {};
  for (const kind of kinds.markdown) {
    const overrides = overridesByKind[kind.name] ?? {};
    const rules: SectionRule[] = kind.sections.map((rule) => {
      const override = overrides[rule.name];
      if (!override) return rule;
      return { ...rule, aliases: [...(rule.aliases ?? []), ...(override.aliases ?? [])], severity: (override.severity as RuleSeverity | undefined) ?? rule.severity };
    });
    for (const [name, override] of Object.entries(overrides)) {
      if (!kind.sections.some((rule) => rule.name === name)) rules.push({ name, aliases: override.aliases, severity: override.severity ?? 'error' });
    }
    sections[kind.name] = rules;
  }
  return sections;
}

/** The configuration with defaults filled in. The input must have been checked (see `checkConfig`). */
export function resolveConfig(config: OpsbookConfig = {}): ResolvedConfig {
  const kinds = new KindRegistry(config.kinds ?? []);
  return {
    title: config.title ?? 'Opsbook',
    tagline: config.tagline ?? 'Runbooks, procedures and operation records',
    sections: mergeSections(kinds, config.sections ?? {}),
    alertRules: config.alertRules ?? [],
    diagrams: config.diagrams ?? 'auto',
    kitPdf: config.kitPdf ?? false,
    mdx: config.mdx ?? true,
    kinds,
    defaultEscalation: config.defaultEscalation,
    editUrl: config.editUrl,
  };
}

/** Where a key path is written in the config's source: the first `key:` after its parent's. Approximate, but points at the right line. */
function locate(source: string, path: readonly PropertyKey[]): { line: number; column: number } {
  let offset = 0;
  let found = -1;
  for (const key of path) {
    if (typeof key !== 'string') continue;
    const pattern = new RegExp(`(^|[\\s{,])['"]?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]?\\s*:`, 'm');
    const match = pattern.exec(source.slice(offset));
    if (!match) break;
    found = offset + match.index + match[1]!.length;
    offset = found + 1;
  }
  if (found < 0) return { line: 1, column: 1 };
  const before = source.slice(0, found);
  const line = before.split('\n').length;
  return { line, column: found - before.lastIndexOf('\n') };
}

function pathLabel(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Checks a config object; every problem is a Diagnostic at its line in `source`. */
/** Top-level paths of the site's own pages (src/pages/): a kind of that name would collide with them. */
export const RESERVED_PATHS = new Set(['alerts', 'history', 'search', 'review', 'topology', 'offline', '_opsbook', '_astro', 'pagefind']);

export function checkConfig(input: unknown, source: string, file = CONFIG_FILE): { config: OpsbookConfig; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const at = (path: readonly PropertyKey[]) => ({ file, ...locate(source, path) });
  const result = ConfigSchema.safeParse(input ?? {});
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        const known = Object.keys(issue.path.length === 0 ? ConfigSchema.shape : issue.path[0] === 'defaultEscalation' ? DefaultEscalationSchema.shape : SectionOverrideSchema.shape);
        for (const key of issue.keys) {
          const match = suggest(key, known);
          diagnostics.push({ ...at([...issue.path, key]), severity: 'error', rule: 'config/unknown-key', message: `Unknown setting "${pathLabel([...issue.path, key])}" in ${file}${match ? `. Did you mean "${match}"?` : ''}`, hint: `Settings are: ${known.join(', ')}. A typo in the config is never ignored.` });
        }
      } else if (issue.code === 'invalid_value') {
        const allowed = issue.values.map(String);
        const value = valueAt(input, issue.path);
        const match = typeof value === 'string' ? suggest(value, allowed) : undefined;
        diagnostics.push({ ...at(issue.path), severity: 'error', rule: 'config/invalid', message: `"${pathLabel(issue.path)}" is ${JSON.stringify(value)}, which is not one of ${allowed.join(', ')}${match ? `. Did you mean "${match}"?` : ''}`, hint: `Set it to one of ${allowed.join(', ')}, or remove it for the default.` });
      } else {
        diagnostics.push({ ...at(issue.path), severity: 'error', rule: 'config/invalid', message: `"${pathLabel(issue.path)}" ${issue.message.replace(/^Invalid input: /, '')}`, hint: 'See the Configuration section of the README for what each setting takes.' });
      }
    }
  }
  // Kinds and collection names are checked whatever else is wrong, so one run reports everything.
  const raw = (input ?? {}) as { kinds?: unknown; sections?: unknown };
  const extra = Array.isArray(raw.kinds) ? raw.kinds.filter(isKind) : [];
  const kinds = new KindRegistry(extra);
  for (const kind of extra) {
    if (RESERVED_PATHS.has(kind.name)) diagnostics.push({ ...at(['kinds']), severity: 'error', rule: 'config/invalid', message: `A kind cannot be named "${kind.name}": the site's own pages live at /${kind.name}/`, hint: `Choose another name; these are taken: ${[...RESERVED_PATHS].sort().join(', ')}.` });
    if (kinds.all.filter((k) => k.name === kind.name).length > 1) diagnostics.push({ ...at(['kinds']), severity: 'error', rule: 'config/invalid', message: `Two kinds are named "${kind.name}"`, hint: 'Give the new kind a name of its own: it is its folder under content/ and its URL.' });
  }
  const sections = raw.sections && typeof raw.sections === 'object' ? Object.keys(raw.sections) : [];
  for (const collection of sections) {
    if (kinds.markdown.some((k) => k.name === collection)) continue;
    const names = kinds.markdown.map((k) => k.name);
    const match = suggest(collection, names);
    diagnostics.push({ ...at(['sections', collection]), severity: 'error', rule: 'config/unknown-collection', message: `"sections.${collection}" names no collection with body sections${match ? `. Did you mean "${match}"?` : ''}`, hint: `Collections with sections are: ${names.join(', ')}.` });
  }
  if (!result.success || diagnostics.length) return { config: { kinds: extra }, diagnostics };
  return { config: result.data, diagnostics };
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const key of path) current = current && typeof current === 'object' ? (current as Record<PropertyKey, unknown>)[key] : undefined;
  return current;
}

export interface LoadedConfig {
  config: ResolvedConfig;
  diagnostics: Diagnostic[];
}

/** Reads and checks `opsbook.config.ts` from the project root, if there is one. Never throws for a bad config. */
export async function loadConfig(root: string): Promise<LoadedConfig> {
  const file = join(root, CONFIG_FILE);
  if (!existsSync(file)) return { config: resolveConfig(), diagnostics: [] };
  let module: { default?: unknown };
  try {
    module = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    return { config: resolveConfig(), diagnostics: [{ file: CONFIG_FILE, line: 1, column: 1, severity: 'error', rule: 'config/unreadable', message: `${CONFIG_FILE} cannot be loaded: ${(error as Error).message}`, hint: 'Fix the TypeScript in the file; it must `export default { … }`.' }] };
  }
  const { config, diagnostics } = checkConfig(module.default ?? {}, readFileSync(file, 'utf8'));
  return { config: resolveConfig(config), diagnostics };
}
