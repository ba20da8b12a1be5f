/**
 * Drift: a reviewed document whose system changed after its review. An
 * operation record that completed an infrastructure change, migration or
 * decommission on one of its services, or a catalogue commit that changed a
 * service's dependencies, zone or owner, means it may no longer be true.
 */
import type { ContentDocument } from '../load/load.ts';
import { validDocuments, type Project, type Valid } from '../project.ts';
import { historyOf } from './index.ts';
import { utcDay } from './git.ts';

/** Operation categories that change what a runbook describes. */
export const DRIFT_CATEGORIES: readonly string[] = ['infrastructure-change', 'migration', 'decommission'];

export interface DriftChange {
  /** The day of the change, YYYY-MM-DD. */
  day: string;
  service: string;
  /** The operation record, for a change recorded as an operation. */
  operation?: ContentDocument;
  /** The commit (short hash and subject), for a catalogue change. */
  commit?: { hash: string; subject: string; changes: string[] };
  /** One line: "operation 2026-11-18-search-upgrade (migration on search-cluster)". */
  label: string;
}

function services(doc: ContentDocument): string[] {
  const list = doc.data?.services;
  return Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : [];
}

interface ServiceOperation {
  day: string;
  operation: Valid<ContentDocument>;
}

const byService = new WeakMap<Project, Map<string, ServiceOperation[]>>();

/** Completed drift-making operations by the services they touched (indexed once per project: sites have thousands of documents). */
function operationsByService(project: Project): Map<string, ServiceOperation[]> {
  let index = byService.get(project);
  if (index) return index;
  index = new Map();
  for (const op of validDocuments(project, 'operations')) {
    if (op.data.status !== 'completed' || !DRIFT_CATEGORIES.includes(op.data.category)) continue;
    const day = op.data.completedAt ? utcDay(op.data.completedAt) : op.data.date;
    for (const service of new Set(op.data.services)) index.set(service, [...(index.get(service) ?? []), { day, operation: op }]);
  }
  byService.set(project, index);
  return index;
}

/** The changes since the document's lastReviewed and up to `today`, newest first (none for deprecated or unreviewed documents). */
export function driftOf(project: Project, doc: ContentDocument, today: string): DriftChange[] {
  const reviewed = doc.data?.lastReviewed;
  if (typeof reviewed !== 'string' || doc.data?.status === 'deprecated') return [];
  const mine = services(doc);
  if (mine.length === 0) return [];
  const out: DriftChange[] = [];
  const seen = new Set<ContentDocument>();
  const operations = operationsByService(project);
  const catalogue = historyOf(project).catalogue();
  for (const service of mine) {
    for (const { day, operation: op } of operations.get(service) ?? []) {
      // An operation on two of its services is one change.
      if (day <= reviewed || day > today || seen.has(op)) continue;
      seen.add(op);
      out.push({ day, service, operation: op, label: `operation ${op.data.operationId} (${op.data.category} on ${service})` });
    }
    for (const change of catalogue.get(service) ?? []) {
      if (change.commit.day <= reviewed || change.commit.day > today) continue;
      const hash = change.commit.hash.slice(0, 7);
      out.push({ day: change.commit.day, service, commit: { hash, subject: change.commit.subject, changes: change.changes }, label: `commit ${hash} to services/${service}.yaml (${change.changes.join('; ')})` });
    }
  }
  return out.sort((a, b) => b.day.localeCompare(a.day) || a.label.localeCompare(b.label));
}
