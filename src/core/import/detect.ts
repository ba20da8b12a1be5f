/**
 * Which layout a folder of Markdown is in, and what its site tool's
 * configuration says (Hugo's baseURL and params, MkDocs' docs_dir and nav
 * titles). Detection looks at the folder as a whole, never at one repository's
 * names:
 *
 * - `mkdocs`: an mkdocs.yml;
 * - `hugo`: a Hugo configuration beside a content/ folder, an archetypes/
 *   folder, `_index.md` section pages or `{{< … >}}` shortcodes;
 * - `prometheus`: one file per alert: most documents with incident sections
 *   are named like an alert (`KubePodCrashLooping.md`), usually on Hugo;
 * - `github`: anything else, plain Markdown with relative links.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parseDocument } from 'yaml';
import { parseToml } from './frontmatter.ts';
import type { InputFile } from './scan.ts';
import type { Layout } from './types.ts';

export interface SiteInfo {
  layout: Layout;
  detected: boolean;
  reasons: string[];
  /** Hugo-style handling: shortcodes, `_index.md`, page-relative links. */
  hugo: boolean;
  /** Runbooks are one file per alert, the alert named by the file. */
  onePerAlert: boolean;
  /** The folder documents live in, inside the imported folder ('' for the folder itself). */
  docsRoot: string;
  /** Folders a site path (`/docs/x`) is read from. */
  siteRoots: string[];
  /** Hugo's baseURL, for site paths that lead to pages not imported. */
  baseUrl?: string | undefined;
  /** Hugo params (keys lower-cased, as Hugo reads them). */
  params: Record<string, string>;
  /** MkDocs nav titles by file (inside the imported folder). */
  navTitles: Map<string, string>;
  /** Configuration files read (skipped as documents, with this reason). */
  configFiles: Map<string, string>;
  /** Top-level folders that are build output for this layout. */
  buildOutput: Set<string>;
}

const HUGO_CONFIGS = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'config.json'];
const MKDOCS_CONFIGS = ['mkdocs.yml', 'mkdocs.yaml'];

function readConfig(path: string): Record<string, unknown> {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.toml')) return parseToml(text);
  if (path.endsWith('.json')) {
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  // MkDocs files carry custom tags (!!python/name:…); they are read as plain values.
  const doc = parseDocument(text, { logLevel: 'silent', strict: false, uniqueKeys: false });
  const data = doc.toJS({ maxAliasCount: -1 }) as unknown;
  return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
}

function navTitles(nav: unknown, docsDir: string, out: Map<string, string>): void {
  if (!Array.isArray(nav)) return;
  for (const item of nav) {
    if (!item || typeof item !== 'object') continue;
    for (const [title, value] of Object.entries(item as Record<string, unknown>)) {
      if (typeof value === 'string' && /\.md$/i.test(value)) out.set(posix.join(docsDir, value), title);
      else navTitles(value, docsDir, out);
    }
  }
}

/** A file name that names an alert: one word of letters and digits (`KubePodCrashLooping`, `etcdNoLeader`, `Watchdog`). */
export function alertLikeName(stem: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_]*$/.test(stem) && !/^(readme|index|_index|changelog|license|contributing|summary|glossary|faq|overview|introduction|intro|about|template|todo)$/i.test(stem);
}

/** CamelCase with a hump (`TargetDown`, `etcdNoLeader`): almost surely an alert, not a word. */
export function camelCase(stem: string): boolean {
  return /[a-z0-9][A-Z]/.test(stem) && !/[-\s]/.test(stem);
}

export interface DocumentFacts {
  rel: string;
  stem: string;
  /** Required runbook sections it has (by name or alias). */
  incidentSections: number;
  hasShortcodes: boolean;
}

export function detectSite(root: string, files: readonly InputFile[], facts: readonly DocumentFacts[], named: Layout | undefined): SiteInfo {
  const present = new Set(files.map((f) => f.rel));
  const reasons: string[] = [];
  const configFiles = new Map<string, string>();
  let baseUrl: string | undefined;
  const params: Record<string, string> = {};
  const navs = new Map<string, string>();

  const hugoConfig = HUGO_CONFIGS.find((name) => present.has(name));
  const hasContent = files.some((f) => f.rel.startsWith('content/'));
  const mkdocsConfig = MKDOCS_CONFIGS.find((name) => present.has(name));
  let docsRoot = '';
  const buildOutput = new Set<string>();

  const hugoSignals: string[] = [];
  if (hugoConfig && hasContent) hugoSignals.push(`a Hugo configuration (${hugoConfig}) beside content/`);
  if (files.some((f) => f.rel.startsWith('archetypes/'))) hugoSignals.push('an archetypes/ folder');
  const indexes = files.filter((f) => posix.basename(f.rel) === '_index.md').length;
  if (indexes) hugoSignals.push(`${indexes} _index.md section page${indexes > 1 ? 's' : ''}`);
  const shortcodes = facts.filter((f) => f.hasShortcodes).length;
  if (shortcodes) hugoSignals.push(`{{< … >}} shortcodes in ${shortcodes} document${shortcodes > 1 ? 's' : ''}`);

  const incident = facts.filter((f) => f.incidentSections >= 2);
  const perAlert = incident.filter((f) => alertLikeName(f.stem) && camelCase(f.stem));
  const onePerAlertSignal = incident.length >= 3 && perAlert.length >= incident.length / 2;

  let layout: Layout;
  if (named) {
    layout = named;
    reasons.push(`named with --as ${named}`);
  } else if (mkdocsConfig) {
    layout = 'mkdocs';
    reasons.push(`an MkDocs configuration (${mkdocsConfig})`);
  } else if (onePerAlertSignal) {
    layout = 'prometheus';
    reasons.push(`${perAlert.length} of the ${incident.length} documents with incident sections are named like an alert (e.g. ${perAlert[0]!.stem}.md): one file per alert`);
  } else if (hugoSignals.length) {
    layout = 'hugo';
  } else {
    layout = 'github';
    reasons.push('no site tool configuration, section pages or shortcodes: plain Markdown with relative links');
  }

  // Shortcodes and section pages are read the Hugo way whatever the layout (MkDocs has neither).
  const hugo = layout === 'hugo' || (hugoSignals.length > 0 && layout !== 'mkdocs');
  if ((layout === 'hugo' || layout === 'prometheus') && hugoSignals.length) reasons.push(`Hugo: ${hugoSignals.join(', ')}`);
  if (hugo) {
    if (hugoConfig) {
      const config = readConfig(join(root, hugoConfig));
      baseUrl = typeof config.baseURL === 'string' ? config.baseURL : typeof config.baseurl === 'string' ? config.baseurl : undefined;
      const p = config.params;
      if (p && typeof p === 'object') for (const [k, v] of Object.entries(p as Record<string, unknown>)) if (typeof v === 'string' || typeof v === 'number') params[k.toLowerCase()] = String(v);
      configFiles.set(hugoConfig, 'the Hugo site configuration: read for baseURL and params, not a document');
      const contentDir = typeof config.contentDir === 'string' ? config.contentDir : 'content';
      if (files.some((f) => f.rel.startsWith(`${contentDir}/`))) docsRoot = contentDir;
      buildOutput.add(typeof config.publishDir === 'string' ? config.publishDir : 'public').add('resources');
    } else if (hasContent && files.some((f) => f.rel.startsWith('archetypes/'))) docsRoot = 'content';
  }
  if (layout === 'mkdocs' && mkdocsConfig) {
    const config = readConfig(join(root, mkdocsConfig));
    const dir = typeof config.docs_dir === 'string' ? config.docs_dir.replace(/^\.\/|\/$/g, '') : 'docs';
    if (existsSync(join(root, dir))) docsRoot = dir;
    navTitles(config.nav, docsRoot, navs);
    configFiles.set(mkdocsConfig, 'the MkDocs configuration: read for docs_dir and the nav titles, not a document');
    buildOutput.add(typeof config.site_dir === 'string' ? config.site_dir : 'site');
    if (navs.size) reasons.push(`titles for ${navs.size} pages from its nav`);
  }
  const siteRoots = [...new Set([docsRoot, ...(hugo && files.some((f) => f.rel.startsWith('static/')) ? ['static'] : []), ''])];
  return {
    layout,
    detected: !named,
    reasons,
    hugo,
    onePerAlert: layout === 'prometheus',
    docsRoot,
    siteRoots,
    baseUrl,
    params,
    navTitles: navs,
    configFiles,
    buildOutput,
  };
}
