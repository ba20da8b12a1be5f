/** Task-list progress of a document's checklists, for the audit and the operation pages' badges. */
import type { SectionRule } from '../../model/index.ts';
import type { ContentDocument } from '../load/load.ts';
import { taskItems, type TaskItem } from '../load/markdown.ts';
import { findSection } from '../validate/body-rules.ts';

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
