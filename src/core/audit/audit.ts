/**
 * The audit: Definition-of-Done gaps, stale reviews and coverage gaps, each a
 * finding with the file, line, owning team, rule id and what to do. `npm run
 * audit`, the /review/ page and the freshness badges all use these rules.
 */
import type { ReviewCycle, SectionRule } from '../../model/index.ts';
import { findSection } from '../validate/body-rules.ts';
import type { Diagnostic, Severity } from '../diagnostics/diagnostics.ts';
import { freshness, daysBetween, type Freshness } from './freshness.ts';
import { findCycles, projectGraph } from '../graph/graph.ts';
import type { ContentDocument } from '../load/load.ts';
import { taskItems, type TaskItem } from '../load/markdown.ts';
import { validDocuments, type Project } from '../project.ts';
import { plural } from '../text.ts';

export interface Finding extends Diagnostic {
  /** Id of the team that owns the problem. */
  owner: string;
}

/** Every audit rule, with its severity and what it means (the README lists these). */
export const AUDIT_RULES = {
  'audit/stale-review': { severity: 'error', summary: 'lastReviewed + reviewCycle is in the past' },
  'audit/review-due': { severity: 'warning', summary: 'the next review is due within 14 days' },
  'audit/next-review-passed': { severity: 'error', summary: "an operation's nextReview date has passed" },
  'audit/missing-dod': { severity: 'error', summary: 'a procedure has no Definition of Done task list' },
  'audit/unchecked-items': { severity: 'error', summary: 'a completed operation has unchecked Verification or Definition of Done items' },
  'audit/uncovered-service': { severity: 'warning', summary: 'no runbook covers a service' },
  'audit/orphan-runbook': { severity: 'warning', summary: 'a runbook has no alert and nothing refers to it' },
  'audit/dependency-cycle': { severity: 'warning', summary: 'services depend on each other in a cycle' },
  'audit/draft-linked': { severity: 'warning', summary: 'an active procedure hands over to or links a draft one' },
  'audit/team-without-oncall': { severity: 'warning', summary: 'a team owning a tier 1–2 service has no on-call contact' },
  'audit/invalid-document': { severity: 'error', summary: 'a document fails validation, so it cannot be audited' },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type AuditRule = keyof typeof AUDIT_RULES;

/** Who owns a document: its owner, the team itself, or (operations) the owner of its first service. */
export function ownerOf(project: Project, doc: ContentDocument): string {
  if (doc.collection === 'teams') return doc.id;
  if (typeof doc.raw?.owner === 'string') return doc.raw.owner;
  if (doc.collection === 'operations' && Array.isArray(doc.raw?.services)) {
    for (const id of doc.raw.services) {
      const owner = project.byId.services.get(String(id))?.raw?.owner;
      if (typeof owner === 'string') return owner;
    }
  }
  return 'unowned';
}


/** Freshness of a runbook or procedure, or undefined for other documents. */
export function documentFreshness(doc: ContentDocument, today: string): Freshness | undefined {
  if (!doc.data || (doc.collection !== 'runbooks' && doc.collection !== 'procedures')) return undefined;
  return freshness(String(doc.data.lastReviewed), doc.data.reviewCycle as ReviewCycle, today);
}

export interface ChecklistProgress {
  section: string;
  done: number;
  total: number;
  unchecked: TaskItem[];
}

/** Task-list progress of an operation's Verification and Definition of Done sections. */
export function operationChecklists(doc: ContentDocument, rules: readonly SectionRule[] | undefined): ChecklistProgress[] {
  if (!doc.body) return [];
  const wanted: SectionRule[] = [rules?.find((r) => r.name === 'Verification') ?? { name: 'Verification' }, { name: 'Definition of Done', aliases: ['DoD'] }];
  return wanted.flatMap((rule) => {
    const section = findSection(doc.body!, rule);
    if (!section) return [];
    const items = taskItems(section.nodes);
    return items.length ? [{ section: section.title, done: items.filter((i) => i.checked).length, total: items.length, unchecked: items.filter((i) => !i.checked) }] : [];
  });
}


export interface AuditOptions {
  today: string;
  owner?: string | undefined;
  rule?: string | undefined;
}

export function runAudit(project: Project, options: AuditOptions): Finding[] {
  const { today } = options;
  const findings: Finding[] = [];
  const add = (doc: ContentDocument, rule: AuditRule, at: { line: number; column: number }, message: string, hint: string, owner = ownerOf(project, doc)) =>
    findings.push({ file: doc.file, line: at.line, column: at.column, severity: AUDIT_RULES[rule].severity, rule, owner, message, hint });
  const at = (doc: ContentDocument, path: (string | number)[]) => doc.yaml?.locate(path) ?? { line: 1, column: 1 };

  // Documents that fail validation cannot be audited: say so, once per file.
  // (A procedure's empty Definition of Done is reported below as audit/missing-dod, not twice.)
  const problems = new Map<string, Diagnostic[]>();
  for (const d of project.diagnostics) {
    if (d.severity !== 'error' || (d.rule === 'body/task-list' && d.file.startsWith('content/procedures/'))) continue;
    problems.set(d.file, [...(problems.get(d.file) ?? []), d]);
  }
  for (const doc of project.documents) {
    const errors = problems.get(doc.file);
    if (!errors) continue;
    add(doc, 'audit/invalid-document', errors[0]!, `This document fails validation (${plural(errors.length, 'problem')}), first: ${errors[0]!.message}`, 'Run `npm run check` and fix every problem it lists.');
  }

  // Stale and due reviews.
  for (const doc of [...validDocuments(project, 'runbooks'), ...validDocuments(project, 'procedures')]) {
    if (doc.data!.status === 'deprecated') continue;
    const f = documentFreshness(doc, today)!;
    const where = at(doc, ['lastReviewed']);
    if (f.state === 'overdue') {
      add(doc, 'audit/stale-review', where, `Review overdue by ${plural(-f.daysLeft, 'day')} (${f.cycle}, last reviewed ${f.lastReviewed})`, 'Review it against reality, then update lastReviewed.');
    } else if (f.state === 'due-soon') {
      add(doc, 'audit/review-due', where, `Review due in ${plural(f.daysLeft, 'day')}, on ${f.due} (${f.cycle})`, 'Plan the review; update lastReviewed once done.');
    }
  }

  for (const doc of validDocuments(project, 'operations')) {
    const next = doc.data!.nextReview;
    if (typeof next === 'string' && next < today) {
      add(doc, 'audit/next-review-passed', at(doc, ['nextReview']), `The follow-up review set for ${next} is ${plural(daysBetween(next, today), 'day')} overdue`, 'Review the outcome, record it in the document, and set a new nextReview or remove it.');
    }
    if (doc.data!.status === 'completed') {
      for (const list of operationChecklists(doc, project.config.sections.operations)) {
        for (const item of list.unchecked) {
          add(doc, 'audit/unchecked-items', { line: item.line, column: 1 }, `Completed, but "${item.text}" in ${list.section} is not checked (${list.done}/${list.total} done)`, 'Check it once verified, or record why it was not and change the status.');
        }
      }
    }
  }

  // Procedures must end in a Definition of Done checklist.
  const dodRule = project.config.sections.procedures?.find((r) => r.name === 'Definition of Done') ?? { name: 'Definition of Done' };
  for (const doc of validDocuments(project, 'procedures')) {
    const section = doc.body && findSection(doc.body, dodRule);
    if (!section || taskItems(section.nodes).length === 0) {
      add(doc, 'audit/missing-dod', section ? { line: section.line, column: 1 } : { line: doc.body?.firstLine ?? 1, column: 1 }, section ? '"Definition of Done" has no task-list items' : 'This procedure has no "Definition of Done" section', 'List what must be true when the work is done as "- [ ] …" items.');
    }
  }

  // Coverage.
  const runbooks = validDocuments(project, 'runbooks');
  const covered = new Set(runbooks.flatMap((r) => r.data!.services as string[]));
  for (const doc of validDocuments(project, 'services')) {
    if (!covered.has(doc.id)) add(doc, 'audit/uncovered-service', at(doc, ['name']), `No runbook covers ${String(doc.data!.name)} (tier ${String(doc.data!.tier)})`, `Write a runbook for its likely failures with "services: [${doc.id}]".`);
  }
  for (const doc of runbooks) {
    const alerts = doc.data!.alerts as string[] | undefined;
    if (!alerts?.length && !project.backlinks.get(doc)?.length) {
      add(doc, 'audit/orphan-runbook', at(doc, ['title']), 'No alert leads to this runbook and no document refers to it', 'Add the alerts it answers, or link it from the runbooks, procedures or services where on-call would look.');
    }
  }

  // Dependency cycles, reported on the first service of each.
  const graph = projectGraph(project);
  for (const cycle of findCycles(graph)) {
    const doc = project.byId.services.get(cycle[0]!)!;
    const deps = (doc.raw?.dependsOn as unknown[] | undefined) ?? [];
    const index = deps.findIndex((d) => (typeof d === 'string' ? d : (d as { service?: string }).service) === cycle[1]);
    add(doc, 'audit/dependency-cycle', at(doc, index >= 0 ? ['dependsOn', index] : ['dependsOn']), `Dependency cycle: ${cycle.join(' → ')}`, 'Check the cycle is real; if so, make sure a failure of one cannot take the others down (timeouts, async hand-off).');
  }

  // Active procedures that hand over to or link draft ones (body links indexed once, by document).
  const linksFrom = new Map<ContentDocument, typeof project.links>();
  for (const link of project.links) linksFrom.set(link.from, [...(linksFrom.get(link.from) ?? []), link]);
  for (const doc of validDocuments(project, 'procedures')) {
    if (doc.data!.status !== 'active') continue;
    const seen = new Set<string>();
    for (const field of ['triggers', 'downstream'] as const) {
      ((doc.data![field] as string[] | undefined) ?? []).forEach((id, i) => {
        const target = project.byId.procedures.get(id);
        if (target?.data?.status === 'draft' && !seen.has(id)) {
          seen.add(id);
          add(doc, 'audit/draft-linked', at(doc, [field, i]), `This active procedure lists the draft "${String(target.data.title)}" in ${field}`, `Finish and activate ${target.file}, or remove it from ${field} until it is ready.`);
        }
      });
    }
    for (const link of linksFrom.get(doc) ?? []) {
      if (link.target.kind !== 'document' || link.target.collection !== 'procedures') continue;
      const target = project.byId.procedures.get(link.target.id);
      if (target?.data?.status === 'draft' && !seen.has(target.id)) {
        seen.add(target.id);
        add(doc, 'audit/draft-linked', { line: link.line, column: 1 }, `This active procedure links the draft "${String(target.data.title)}"`, `Finish and activate ${target.file}, or say in the text that it is a draft.`);
      }
    }
  }

  // Teams that must be reachable.
  for (const team of validDocuments(project, 'teams')) {
    if (team.data!.oncall) continue;
    const critical = validDocuments(project, 'services').filter((s) => s.data!.owner === team.id && Number(s.data!.tier) <= 2);
    if (critical.length) {
      add(team, 'audit/team-without-oncall', at(team, ['name']), `No on-call contact, yet the team owns tier 1–2 service${critical.length === 1 ? '' : 's'}: ${critical.map((s) => s.id).join(', ')}`, 'Add an "oncall" block with a pager, chat, email or schedule.');
    }
  }

  return findings
    .filter((f) => (options.owner ? f.owner === options.owner : true) && (options.rule ? f.rule === options.rule : true))
    .sort((a, b) => a.owner.localeCompare(b.owner) || a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
}
