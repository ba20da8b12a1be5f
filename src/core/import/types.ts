/**
 * What `npm run import` decides, file by file: the shapes the report is
 * written from. Every input file ends in exactly one FileEntry (converted,
 * copied as an asset, or skipped with a reason), and every value the
 * importer made up rather than read is a Guess with its reason.
 */

/** The layouts import knows. `prometheus` is Hugo with one file per alert (prometheus-operator/runbooks). */
export const LAYOUTS = ['prometheus', 'hugo', 'mkdocs', 'github'] as const;
export type Layout = (typeof LAYOUTS)[number];

export interface ImportOptions {
  /** The folder to import (absolute or relative to cwd). */
  input: string;
  /** The Opsbook project root to write into: documents go to <out>/content/. */
  out: string;
  /** A layout named with --as; detected when absent. */
  layout?: Layout | undefined;
  dryRun: boolean;
  /** Owning team of every imported document. */
  owner: string;
  /** The service of documents that sit in no component folder (runbooks need one). */
  fallbackService?: string | undefined;
  /** Globs of Prometheus rule files to write runbook_url annotations into. */
  rules: string[];
  /** Prefix of the runbook_url annotations: https://ops.example.com */
  siteUrl?: string | undefined;
  /** YYYY-MM-DD: lastReviewed when git does not say. */
  today: string;
  /**
   * Headings found under proposed section aliases count as those sections
   * (the aliases are going into opsbook.config.ts): no pointer sections are
   * added for them, and check reports them missing until the aliases are there.
   */
  trustAliases?: boolean | undefined;
  /** Where relative --rules globs are read from. */
  cwd: string;
}

/** A value import wrote without reading it as such from the document. */
export interface Guess {
  field: string;
  value: unknown;
  why: string;
}

/** Something import changed in a document's text. */
export interface Change {
  what:
    | 'title-heading-removed'
    | 'headings-demoted'
    | 'fence-closed'
    | 'heading-renamed'
    | 'section-added'
    | 'link-rewritten'
    | 'link-unwrapped'
    | 'anchor-dropped'
    | 'shortcode'
    | 'placeholder-escaped'
    | 'html-image'
    | 'html-markdown'
    | 'admonition'
    | 'frontmatter-dropped';
  detail: string;
  /** Line in the source file, when there is one. */
  line?: number | undefined;
}

export type FileAction = 'converted' | 'asset' | 'skipped';

export interface FileEntry {
  /** Path inside the imported folder, forward slashes (a folder ends with /). */
  source: string;
  action: FileAction;
  /** The collection a converted document went to. */
  kind?: string | undefined;
  /** Where it was (or, with --dry-run, would be) written, relative to the project root. */
  target?: string | undefined;
  /** Why it became what it became. */
  reason: string;
  guesses: Guess[];
  changes: Change[];
}

export interface CatalogueEntry {
  kind: 'teams' | 'services';
  id: string;
  target: string;
  action: 'created' | 'exists';
  guesses: Guess[];
}

export interface AliasProposal {
  collection: string;
  /** The canonical section, e.g. "Diagnosis". */
  section: string;
  /** The heading used in its place, as written. */
  alias: string;
  /** How many imported documents use it. */
  documents: number;
  /** `dictionary`: a known translation of the section's name; `position`: the same heading in the same place of many documents. */
  basis: 'dictionary' | 'position';
}

export interface RuleAnnotation {
  alert: string;
  url: string;
  /** The runbook_url it replaced, when there was one. */
  previous?: string | undefined;
  line: number;
}

export interface RuleFileEntry {
  file: string;
  action: 'updated' | 'unchanged' | 'unreadable';
  reason?: string | undefined;
  annotations: RuleAnnotation[];
  /** Alerts the file defines that no imported runbook lists. */
  withoutRunbook: string[];
}

export interface CheckSummary {
  errors: number;
  warnings: number;
  byRule: Record<string, number>;
  /** Findings in imported files, one formatted line each. */
  findings: string[];
}

export interface ImportReport {
  version: 1;
  input: string;
  out: string;
  dryRun: boolean;
  today: string;
  layout: { name: Layout; detected: boolean; reasons: string[] };
  counts: {
    files: number;
    converted: Record<string, number>;
    assets: number;
    skipped: number;
    guesses: number;
  };
  files: FileEntry[];
  catalogue: CatalogueEntry[];
  sectionAliases: { proposals: AliasProposal[]; config?: string | undefined };
  rules?: { files: RuleFileEntry[] } | undefined;
  /** `npm run check` on the result (with --dry-run, on a scratch copy). */
  check?: CheckSummary | undefined;
}
