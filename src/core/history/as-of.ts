/**
 * The procedure as it was: the text of the procedure an operation followed,
 * from the commit current when the operation started (else when it ended,
 * else at the end of its day), rendered by the same pipeline and safety
 * checks as today's version, with a line diff to today's text.
 */
import { diffLines } from 'diff';
import type { Diagnostic } from '../diagnostics/diagnostics.ts';
import { checkBodyLinks } from '../links/links.ts';
import { urlSlug } from '../links/urls.ts';
import { parseDocument, type ContentDocument } from '../load/load.ts';
import { validDocuments, type Project, type Valid } from '../project.ts';
import { checkSafety } from '../validate/safety.ts';
import { renderMarkdown } from '../../markdown/render.ts';
import type { Commit } from './git.ts';
import { historyOf } from './index.ts';

export type AsOf =
  | { state: 'no-history' | 'not-committed'; procedure: ContentDocument }
  | { state: 'unchanged'; procedure: ContentDocument; then: Commit }
  | { state: 'changed'; procedure: ContentDocument; then: Commit; after: Commit[]; date: string; path: string };

/** The moment an operation's procedure was read. */
function moment(op: Valid<ContentDocument>): number {
  const d = op.data;
  const at = (typeof d.startedAt === 'string' && d.startedAt) || (typeof d.completedAt === 'string' && d.completedAt) || `${d.date as string}T23:59:59Z`;
  return Date.parse(at);
}

/** The site path of the page showing a procedure as of a day. */
export function asOfPath(procedureId: string, date: string): string {
  return `/history/procedures/${urlSlug(procedureId)}/${date}/`;
}

/** Which version of its procedure an operation followed, and whether the procedure changed after. */
export function procedureAsOf(project: Project, op: Valid<ContentDocument>): AsOf | undefined {
  const id = op.data.procedure;
  if (typeof id !== 'string') return undefined;
  const procedure = project.refIndex.procedures?.get(id.replace(/^procedures\//, ''));
  if (!procedure?.data) return undefined;
  const history = historyOf(project);
  if (!history.git.available) return { state: 'no-history', procedure };
  const commits = history.git.files.get(procedure.file) ?? [];
  const when = moment(op);
  const then = commits.find((c) => Date.parse(c.at) <= when);
  if (!then) return { state: 'not-committed', procedure };
  const after = commits.slice(0, commits.indexOf(then));
  if (after.length === 0) return { state: 'unchanged', procedure, then };
  const date = op.data.date as string;
  return { state: 'changed', procedure, then, after, date, path: asOfPath(procedure.id, date) };
}

export interface ProcedureVersion {
  procedure: ContentDocument;
  commit: Commit;
  date: string;
  /** Operations that followed this version (on `date`). */
  operations: ContentDocument[];
}

/** Every as-of page to build: one per procedure and operation day where the procedure changed after. */
export function asOfPages(project: Project, operations: readonly Valid<ContentDocument>[]): ProcedureVersion[] {
  const pages = new Map<string, ProcedureVersion>();
  for (const op of operations) {
    const asOf = procedureAsOf(project, op);
    if (asOf?.state !== 'changed') continue;
    const page = pages.get(asOf.path);
    // Two operations on one day share the page of the first one's version.
    if (page) page.operations.push(op);
    else pages.set(asOf.path, { procedure: asOf.procedure, commit: asOf.then, date: asOf.date, operations: [op] });
  }
  return [...pages.values()];
}

export interface OldText {
  text: string;
  /** The frontmatter as it was (undefined when it did not parse). */
  data: Record<string, unknown> | undefined;
  /** Rendered HTML, for a Markdown version that passes today's safety rules. */
  html: string | undefined;
  /** Why the text is shown as source only. */
  sourceOnly: string | undefined;
}

const texts = new WeakMap<Project, Map<string, string | undefined>>();

/** Every earlier procedure text the site shows, read in one batch on first use (not a git process per operation). */
function oldText(project: Project, procedure: ContentDocument, commit: Commit): string | undefined {
  let known = texts.get(project);
  if (!known) {
    const pages = asOfPages(project, validDocuments(project, 'operations'));
    const wanted = pages.map((p) => ({ commit: p.commit.hash, file: p.procedure.file }));
    const read = historyOf(project).git.show(wanted);
    known = new Map(wanted.map((w, i) => [`${w.commit}:${w.file}`, read[i]]));
    texts.set(project, known);
  }
  const key = `${commit.hash}:${procedure.file}`;
  if (!known.has(key)) known.set(key, historyOf(project).git.show([{ commit: commit.hash, file: procedure.file }])[0]);
  return known.get(key);
}

/** The procedure's text at a commit, parsed, checked and rendered like today's. */
export function oldVersion(project: Project, procedure: ContentDocument, commit: Commit, base: string): OldText | undefined {
  const text = oldText(project, procedure, commit);
  if (text === undefined) return undefined;
  const kind = project.kinds.get(procedure.collection)!;
  const ignored: Diagnostic[] = [];
  const old = parseDocument(kind, procedure.file.replace(`content/${procedure.collection}/`, ''), text, project.config, ignored);
  const data = old.raw;
  if (old.ext !== '.md' || !old.body) return { text: old.source, data, html: undefined, sourceOnly: 'Only Markdown versions are rendered; this is the file as it was.' };
  const unsafe = checkSafety([old], { allowMdx: project.config.mdx }).filter((d) => d.severity === 'error');
  if (unsafe.length) return { text: old.source, data, html: undefined, sourceOnly: `This version broke a safety rule (${unsafe[0]!.rule}), so it is shown as text.` };
  checkBodyLinks([old], project.linkIndex, ignored);
  return { text: old.source, data, html: renderMarkdown(old.body.mdast, base), sourceOnly: undefined };
}

export interface DiffRow {
  type: 'same' | 'added' | 'removed' | 'skipped';
  text: string;
}

/** A line diff with three lines of context around each change; longer unchanged runs become one `skipped` row. */
export function lineDiff(before: string, after: string, context = 3): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const part of diffLines(before, after)) {
    const type = part.added ? 'added' : part.removed ? 'removed' : 'same';
    for (const line of part.value.replace(/\n$/, '').split('\n')) rows.push({ type, text: line });
  }
  const near = rows.map(() => false);
  rows.forEach((r, i) => {
    if (r.type === 'same') return;
    for (let j = Math.max(0, i - context); j <= Math.min(rows.length - 1, i + context); j++) near[j] = true;
  });
  const out: DiffRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (rows[i]!.type !== 'same' || near[i]) {
      out.push(rows[i]!);
      continue;
    }
    let j = i;
    while (j < rows.length && rows[j]!.type === 'same' && !near[j]) j++;
    out.push({ type: 'skipped', text: `${j - i} unchanged line${j - i === 1 ? '' : 's'}` });
    i = j - 1;
  }
  return out;
}
