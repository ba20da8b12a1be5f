/**
 * What a kind of document is, in one object: its folder, schema, body
 * sections, page, search facets, template for `npm run new`, audit rules and
 * offline policy. Each kind is one file in src/model/ that calls
 * `defineKind`; src/model/kinds.ts gathers them, and everything that walks
 * kinds (loading, links, search, pages, navigation, `new`, audit, JSON
 * Schemas, README tables) iterates that registry. A site may add kinds of its
 * own in opsbook.config.ts (`kinds: [defineKind({...})]`).
 */
import type { z } from 'astro/zod';
import { referenceFields, schemaReferences, type FieldReference } from './reference.ts';
import type { SectionRule } from './sections.ts';

export type Answers = Record<string, string>;

/** One question `npm run new` asks (also its `--flag`). */
export interface TemplateField {
  /** Flag name and answer key: --owner. */
  name: string;
  question: string;
  /** Required always, or depending on other answers (then `when` says when). */
  required: boolean | ((answers: Answers) => boolean);
  when?: string;
  /** Allowed values; the answer must be one of them. */
  choices?: readonly string[];
  /** A comma-separated list. */
  list?: boolean;
  /** Ids of this collection: the answer (each item, for a list) must name an existing document. */
  references?: string;
  /** Value used when the field is left out. */
  fallback?: (answers: Answers, today: string) => string;
}

export interface TemplateContext {
  id: string;
  answers: Answers;
  today: string;
}

/** How `npm run new` starts a document of this kind. */
export interface KindTemplate {
  fields: readonly TemplateField[];
  /** The file to write, relative to the project root. Default: content/<name>/<id><first extension>. */
  path?: (context: TemplateContext) => string;
  /** Why an id cannot be used, or undefined. Default: lower-case words joined by hyphens, optionally in folders. */
  idProblem?: (id: string) => string | undefined;
  /** The whole file: frontmatter (or YAML) and body. */
  render: (context: TemplateContext) => string;
}

/** One search facet a kind fills: the search page shows its values with counts. */
export interface FacetSpec {
  /** Stable facet name, used in URLs: `?service=orders-db`. */
  name: string;
  label: string;
  values: (data: Record<string, unknown>, id: string) => readonly unknown[] | unknown;
}

export interface KindSearch {
  facets?: readonly FacetSpec[];
  /** Metadata a result shows (date, operator…); summary, kind and facets are added. */
  meta?: (data: Record<string, unknown>) => Record<string, string | undefined>;
  /** Words that find this document first when typed exactly (alert names, operation ids). */
  exact?: (data: Record<string, unknown>) => readonly string[];
  /** More searchable words from the frontmatter (people, tickets). */
  keywords?: (data: Record<string, unknown>) => readonly string[];
}

/** One column of the kind's listing page. */
export interface ListColumn {
  label: string;
  /** A field name; its value is shown as a badge, reference link(s), date or text, by its schema. */
  field: string;
}

/** A document as a kind's own rules see it (no core types in the model). */
export interface RuleDocument {
  collection: string;
  id: string;
  file: string;
  data: Record<string, unknown>;
}

/** Where a finding points: a field path in the frontmatter, or a line. */
export type RuleLocation = (string | number)[] | { line: number };

/** What a kind's audit rule may ask of the project. */
export interface KindAuditContext {
  /** The day the audit is run as of, YYYY-MM-DD. */
  today: string;
  /** Valid documents of a collection. */
  documents: (collection: string) => RuleDocument[];
  /** The valid documents of the kinds this rule applies to. */
  subjects: () => RuleDocument[];
  report: (doc: RuleDocument, at: RuleLocation, message: string, hint: string, owner?: string) => void;
}

/** What a kind's cross-document validation rule may ask of the project. */
export interface KindValidationContext {
  /** Valid documents of the kind. */
  documents: RuleDocument[];
  /** Alert names (lower-cased) that some runbook lists. */
  knownAlerts: ReadonlySet<string>;
  report: (doc: RuleDocument, at: RuleLocation, message: string, hint: string) => void;
}

/**
 * A rule a kind brings with it. Validation rules whose check is in the schema
 * (a superRefine naming the rule id) need no `validate`; audit rules run in
 * `npm run audit` and on /review/.
 */
export interface KindRule<Id extends string = string> {
  id: Id;
  severity: 'error' | 'warning';
  summary: string;
  /** audit: documentation debt, in `npm run audit`; validation: in `check` and the build. */
  stage: 'audit' | 'validation';
  /** /review/ group of an audit rule. */
  group?: string;
  validate?: (context: KindValidationContext) => void;
  audit?: (context: KindAuditContext) => void;
}

export interface KindDefinition<Name extends string = string, S extends z.ZodType = z.ZodType> {
  /** Collection and folder name: content/<name>/, URL /<name>/. Plural, lower-case. */
  name: Name;
  /** Singular noun for messages: "runbook". */
  noun: string;
  /** Heading and navigation label: "Runbooks". Default: the name, capitalised. */
  label?: string;
  /** One line: what this kind holds (home page, README). */
  description: string;
  /** Markdown documents have a body; catalogue entries are plain YAML. */
  format: 'markdown' | 'yaml';
  schema: S;
  /** Field holding the display title. Default: title, else name. */
  titleField?: string;
  /** Field holding the one-sentence summary shown in results. */
  summaryField?: string;
  /** The summary is one sentence (search results show it): a second one is a warning. */
  oneSentenceSummary?: boolean;
  /** A field whose value references may name instead of the id (operations: `operationId`, without the year folder). */
  referenceKey?: string;
  /** Required and recommended body sections, in order (the site config may change them). */
  sections?: readonly SectionRule[];
  /** Sections must appear in the listed order. */
  orderedSections?: boolean;
  /** Fixed anchors on the kind's page besides its headings (`#blast-radius`); `referenced-by` is on every page. */
  pageAnchors?: readonly string[];
  /** Search facets, result metadata and exact terms. */
  search?: KindSearch;
  /** Columns of the listing at /<name>/ (after the title). */
  list?: readonly ListColumn[];
  /** Ordering of the listing and of "recent" lists: a date field, newest first. Default: by title. */
  sortBy?: string;
  /** The `npm run new` template. */
  template: KindTemplate;
  /** Audit rule ids that apply to documents of this kind. */
  audit?: readonly string[];
  /** Reviewed kinds: the field with the review date and the default cycle (the freshness badge and review rules). */
  review?: { defaultCycle: 'monthly' | 'quarterly' | 'semiannual' | 'annual' };
  /** Offline copy: `upfront` pages are saved on the first visit, most urgent first, within the first-visit budget (src/lib/offline/upfront.ts); `visited` ones when read. */
  offline: 'upfront' | 'visited';
  /** Place in the header navigation (lower first); omitted: not in it. */
  nav?: number;
  /** The kind's pages are written by hand in src/pages/<name>/ (the shared route skips it). */
  ownPages?: boolean;
  /** Rules that belong to this kind alone (declared here, listed in the README with the others). */
  rules?: readonly KindRule[];
  /**
   * Documents of this kind record the use of the documents they name in
   * `fields` (an operation or postmortem lists the runbooks it used), on the
   * day in `dateField`: a runbook page says when it was last used.
   */
  usage?: { fields: readonly string[]; dateField: string };
}

/** A kind as the registry holds it: the definition with defaults filled in and derived facts. */
export interface Kind<Name extends string = string, S extends z.ZodType = z.ZodType> extends Required<Pick<KindDefinition<Name, S>, 'name' | 'noun' | 'label' | 'description' | 'format' | 'schema' | 'template' | 'offline'>> {
  definition: KindDefinition<Name, S>;
  extensions: readonly string[];
  titleField: string | undefined;
  summaryField: string | undefined;
  referenceKey: string | undefined;
  oneSentenceSummary: boolean;
  sections: readonly SectionRule[];
  orderedSections: boolean;
  pageAnchors: readonly string[];
  search: KindSearch;
  list: readonly ListColumn[];
  sortBy: string | undefined;
  audit: readonly string[];
  review: KindDefinition['review'];
  nav: number | undefined;
  ownPages: boolean;
  /** Top-level fields that hold references, with the collections they name. */
  referenceFields: Map<string, readonly string[]>;
  rules: readonly KindRule[];
  usage: KindDefinition['usage'];
  /** Every reference in a document of this kind. */
  references: (data: Record<string, unknown>) => FieldReference[];
  /** The title of a document of this kind. */
  titleOf: (data: Record<string, unknown> | undefined, id: string) => string;
  summaryOf: (data: Record<string, unknown> | undefined) => string | undefined;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function shapeKeys(schema: z.ZodType): string[] {
  const def = (schema as unknown as { _zod: { def: { type: string; shape?: Record<string, unknown> } } })._zod.def;
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** Declares a kind of document. */
export function defineKind<const Name extends string, S extends z.ZodType, const D extends KindDefinition<Name, S>>(definition: D & KindDefinition<Name, S>): Kind<Name, S> & { definition: D } {
  const keys = shapeKeys(definition.schema);
  const titleField = definition.titleField ?? (keys.includes('title') ? 'title' : keys.includes('name') ? 'name' : undefined);
  const summaryField = definition.summaryField ?? (keys.includes('summary') ? 'summary' : keys.includes('description') ? 'description' : undefined);
  return {
    definition,
    name: definition.name,
    noun: definition.noun,
    label: definition.label ?? capitalise(definition.name),
    description: definition.description,
    format: definition.format,
    schema: definition.schema,
    template: definition.template,
    offline: definition.offline,
    extensions: definition.format === 'markdown' ? ['.md', '.mdx'] : ['.yaml', '.yml'],
    titleField,
    summaryField,
    referenceKey: definition.referenceKey,
    oneSentenceSummary: definition.oneSentenceSummary ?? false,
    sections: definition.sections ?? [],
    orderedSections: definition.orderedSections ?? false,
    pageAnchors: [...(definition.pageAnchors ?? []), 'referenced-by'],
    search: definition.search ?? {},
    list: definition.list ?? [],
    sortBy: definition.sortBy,
    audit: definition.audit ?? [],
    review: definition.review,
    nav: definition.nav,
    ownPages: definition.ownPages ?? false,
    rules: definition.rules ?? [],
    usage: definition.usage,
    referenceFields: referenceFields(definition.schema),
    references: (data) => schemaReferences(definition.schema, data),
    titleOf: (data, id) => {
      const value = titleField ? data?.[titleField] : undefined;
      return typeof value === 'string' ? value : id;
    },
    summaryOf: (data) => {
      const value = summaryField ? data?.[summaryField] : undefined;
      return typeof value === 'string' ? value : undefined;
    },
  };
}

/** Strings in a value that may be one string or a list. */
export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : [];
}

/** Facets most kinds share. */
export const facet = {
  services: (field = 'services'): FacetSpec => ({ name: 'service', label: 'Service', values: (d) => d[field] }),
  team: (field = 'owner'): FacetSpec => ({ name: 'team', label: 'Team', values: (d) => d[field] }),
  field: (name: string, label: string, field: string): FacetSpec => ({ name, label, values: (d) => d[field] }),
  year: (field = 'date'): FacetSpec => ({ name: 'year', label: 'Year', values: (d) => strings(d[field]).map((v) => v.slice(0, 4)) }),
};
