/**
 * Last exercised, apart from last reviewed: the newest operation record or
 * postmortem that names a runbook or procedure (the kinds' `usage`), on or
 * before today. A planned operation has not used it yet.
 */
import type { ContentDocument } from '../load/load.ts';
import type { Project } from '../project.ts';
import { usesOf, type Use } from '../views/hubs.ts';

export function usesUpTo(project: Project, doc: ContentDocument, today: string): Use[] {
  return usesOf(project, doc).filter((u) => u.date <= today && u.by.data?.status !== 'planned');
}

export function lastUse(project: Project, doc: ContentDocument, today: string): Use | undefined {
  return usesUpTo(project, doc, today)[0];
}
