import { OperationCategory } from '../../../model/operation.ts';
import { addMonths } from '../freshness.ts';
import { lastUse } from '../../history/usage.ts';
import { validDocuments } from '../../project.ts';
import { defineAuditRule } from '../rule.ts';

/** How long a critical runbook may go without being used or drilled. */
export const EXERCISE_MONTHS = 12;

/** The operation category a drill is recorded under: `drill` if the model has it, else routine `maintenance`. */
export const DRILL_CATEGORY: string = (OperationCategory.options as readonly string[]).includes('drill') ? 'drill' : 'maintenance';

export default defineAuditRule({
  id: 'audit/critical-not-exercised',
  severity: 'warning',
  summary: `a \`critical\` runbook that no operation record or postmortem has used in ${EXERCISE_MONTHS} months: drill it`,
  group: 'Coverage and structure',
  check: ({ project, today, report, at }) => {
    const since = addMonths(today, -EXERCISE_MONTHS);
    for (const doc of validDocuments(project, 'runbooks')) {
      if (doc.data.severity !== 'critical') continue;
      const use = lastUse(project, doc, today);
      if (use && use.date >= since) continue;
      const slug = doc.id.split('/').pop()!;
      report(
        doc,
        at(doc, ['severity']),
        use ? `Critical runbook last used ${use.date} (${use.by.id}), more than ${EXERCISE_MONTHS} months ago` : `Critical runbook never used or drilled: no operation record or postmortem lists it`,
        `Drill it and record the drill: \`npm run new -- operation ${slug}-drill --category ${DRILL_CATEGORY} --services ${doc.data.services.join(',')}\`, then list "${doc.id}" under its runbooks (recovery drills are due quarterly).`,
      );
    }
  },
});
