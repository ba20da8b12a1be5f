/**
 * The audit: Definition-of-Done gaps, stale reviews and coverage gaps, each a
 * finding with the file, line, owning team, rule id and what to do. The rules
 * are the core's (rules/, one file each) and those kinds bring; `npm run
 * audit`, the /review/ page and the freshness badges all use them.
 */
import type { KindRule, RuleDocument, RuleLocation } from '../../model/index.ts';
import type { Diagnostic } from '../diagnostics/diagnostics.ts';
import type { ContentDocument } from '../load/load.ts';
import { validDocuments, type Project } from '../project.ts';
import { CORE_AUDIT_RULES } from './rules/index.ts';
import type { AuditCheckContext, AuditRule, ReviewGroup } from './rule.ts';

export interface Finding extends Diagnostic {
  /** Id of the team that owns the problem. */
  owner: string;
}

export interface AuditRuleInfo {
  id: string;
  severity: 'error' | 'warning';
  summary: string;
  group: ReviewGroup;
  /** Kinds whose documents it audits (empty: the project as a whole). */
  kinds: string[];
}

/** Every audit rule of a project: the core's and its kinds', with the kinds each applies to. */
export function auditRules(project: Pick<Project, 'kinds'>): (AuditRuleInfo & { run: (ctx: AuditCheckContext) => void })[] {
  const kindsFor = (id: string) => project.kinds.all.filter((k) => k.audit.includes(id) || k.rules.some((r) => r.id === id)).map((k) => k.name);
  const core = CORE_AUDIT_RULES.map((rule: AuditRule) => ({ id: rule.id, severity: rule.severity, summary: rule.summary, group: rule.group, kinds: kindsFor(rule.id), run: rule.check }));
  const fromKinds = project.kinds.all.flatMap((kind) =>
    kind.rules.filter((r): r is KindRule & { audit: NonNullable<KindRule['audit']> } => r.stage === 'audit' && !!r.audit).map((rule) => ({
      id: rule.id,
      severity: rule.severity,
      summary: rule.summary,
      group: (rule.group ?? 'Coverage and structure') as ReviewGroup,
      kinds: [kind.name],
      run: (ctx: AuditCheckContext) => rule.audit(kindContext(ctx)),
    })),
  );
  return [...core, ...fromKinds];
}

/** The narrow view a kind's own rule gets (the model knows no core types). */
// A valid ContentDocument is a RuleDocument: the rule is handed the document itself and hands it back.
function kindContext(ctx: AuditCheckContext) {
  return {
    today: ctx.today,
    documents: (collection: string): RuleDocument[] => validDocuments(ctx.project, collection),
    subjects: () => ctx.subjects() as RuleDocument[],
    report: (doc: RuleDocument, where: RuleLocation, message: string, hint: string, owner?: string) => {
      const real = doc as ContentDocument;
      ctx.report(real, Array.isArray(where) ? ctx.at(real, where) : { line: where.line, column: 1 }, message, hint, owner);
    },
  };
}

/** Who owns a document: its owner, the team itself, or (operations) the owner of its first service. */
export function ownerOf(project: Project, doc: ContentDocument): string {
  if (doc.collection === 'teams') return doc.id;
  if (typeof doc.raw?.owner === 'string') return doc.raw.owner;
  if (Array.isArray(doc.raw?.services)) {
    for (const id of doc.raw.services) {
      const owner = project.byId.services.get(String(id))?.raw?.owner;
      if (typeof owner === 'string') return owner;
    }
  }
  return 'unowned';
}

export interface AuditOptions {
  today: string;
  owner?: string | undefined;
  rule?: string | undefined;
}

export function runAudit(project: Project, options: AuditOptions): Finding[] {
  const { today } = options;
  const findings: Finding[] = [];
  const at = (doc: ContentDocument, path: (string | number)[]) => doc.yaml?.locate(path) ?? { line: 1, column: 1 };
  for (const rule of auditRules(project)) {
    if (options.rule && rule.id !== options.rule) continue;
    rule.run({
      project,
      today,
      at,
      subjects: () => rule.kinds.flatMap((kind) => validDocuments(project, kind)),
      report: (doc, where, message, hint, owner = ownerOf(project, doc)) =>
        findings.push({ file: doc.file, line: where.line, column: where.column, severity: rule.severity, rule: rule.id as Finding['rule'], owner, message, hint }),
    });
  }
  return findings
    .filter((f) => (options.owner ? f.owner === options.owner : true))
    .sort((a, b) => a.owner.localeCompare(b.owner) || a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
}
