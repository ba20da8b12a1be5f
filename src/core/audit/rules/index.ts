/** Every audit rule of the core, one file each; kinds add their own (src/model/kind.ts). */
import changedSinceReview from './changed-since-review.ts';
import criticalNotExercised from './critical-not-exercised.ts';
import dependencyCycle from './dependency-cycle.ts';
import draftLinked from './draft-linked.ts';
import invalidDocument from './invalid-document.ts';
import missingDod from './missing-dod.ts';
import nextReviewPassed from './next-review-passed.ts';
import orphanRunbook from './orphan-runbook.ts';
import reviewDue from './review-due.ts';
import staleReview from './stale-review.ts';
import teamWithoutOncall from './team-without-oncall.ts';
import templateText from './template-text.ts';
import uncheckedItems from './unchecked-items.ts';
import uncoveredService from './uncovered-service.ts';

export const CORE_AUDIT_RULES = [staleReview, reviewDue, nextReviewPassed, missingDod, uncheckedItems, uncoveredService, orphanRunbook, dependencyCycle, draftLinked, teamWithoutOncall, templateText, invalidDocument, changedSinceReview, criticalNotExercised] as const;

export type CoreAuditRuleId = (typeof CORE_AUDIT_RULES)[number]['id'];
