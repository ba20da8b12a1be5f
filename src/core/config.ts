/**
 * The site configuration: `opsbook.config.ts` at the project root. Every
 * field is optional; the defaults are the content model's.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_SECTIONS, type RuleSeverity, type SectionRule, type SectionRules } from '../model/sections.ts';
import type { CollectionName } from '../model/reference.ts';

/** Changes to one section rule, keyed by the section's canonical name. */
export interface SectionOverride {
  /** Headings accepted in its place, added to the defaults. */
  aliases?: string[];
  /** error, warning, or off to drop the rule. */
  severity?: RuleSeverity;
}

export interface OpsbookConfig {
  /** Site title in the header and page titles. */
  title?: string;
  /** One line under the title on the home page. */
  tagline?: string;
  /**
   * Body sections per collection. A name that is not a default section adds
   * a new one (error unless a severity is given).
   */
  sections?: Partial<Record<CollectionName, Record<string, SectionOverride>>>;
  /**
   * Prometheus-style alert rule files (globs relative to the project root).
   * Alerts they define without a runbook are errors; runbook alerts they do
   * not define are warnings.
   */
  alertRules?: string[];
  /**
   * Where diagrams are drawn: `build` (inline SVG, needs Chromium), `client`
   * (in the reader's browser, from the site's own Mermaid), or `auto`
   * (build when Chromium is found). OPSBOOK_DIAGRAMS overrides it.
   */
  diagrams?: 'auto' | 'build' | 'client';
  /** false forbids .mdx documents (MDX runs as code at build time). Default true. */
  mdx?: boolean;
}

export interface ResolvedConfig {
  title: string;
  tagline: string;
  sections: SectionRules;
  alertRules: string[];
  diagrams: 'auto' | 'build' | 'client';
  mdx: boolean;
}

export const CONFIG_FILE = 'opsbook.config.ts';

export function resolveConfig(config: OpsbookConfig = {}): ResolvedConfig {
  const sections: SectionRules = {};
  for (const [collection, defaults] of Object.entries(DEFAULT_SECTIONS) as [CollectionName, SectionRule[]][]) {
    const overrides = config.sections?.[collection] ?? {};
    const rules = defaults.map((rule) => {
      const override = overrides[rule.name];
      if (!override) return rule;
      return { ...rule, aliases: [...(rule.aliases ?? []), ...(override.aliases ?? [])], severity: override.severity ?? rule.severity };
    });
    for (const [name, override] of Object.entries(overrides)) {
      if (!defaults.some((rule) => rule.name === name)) rules.push({ name, aliases: override.aliases, severity: override.severity ?? 'error' });
    }
    sections[collection] = rules;
  }
  return {
    title: config.title ?? 'Opsbook',
    tagline: config.tagline ?? 'Runbooks, procedures and operation records',
    sections,
    alertRules: config.alertRules ?? [],
    diagrams: config.diagrams ?? 'auto',
    mdx: config.mdx ?? true,
  };
}

/** Reads `opsbook.config.ts` from the project root, if there is one. */
export async function loadConfig(root: string): Promise<ResolvedConfig> {
  const file = join(root, CONFIG_FILE);
  if (!existsSync(file)) return resolveConfig();
  let module: { default?: OpsbookConfig };
  try {
    module = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { default?: OpsbookConfig };
  } catch (error) {
    throw new Error(`${CONFIG_FILE} cannot be loaded: ${(error as Error).message}`, { cause: error });
  }
  return resolveConfig(module.default ?? {});
}
