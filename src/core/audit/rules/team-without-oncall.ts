import { validDocuments } from '../../project.ts';
import { defineAuditRule } from '../rule.ts';

export default defineAuditRule({
  id: 'audit/team-without-oncall',
  severity: 'warning',
  summary: 'a team owning a tier 1–2 service with no `oncall` contact',
  group: 'Coverage and structure',
  check: ({ project, subjects, report, at }) => {
    for (const team of subjects()) {
      if (team.data!.oncall) continue;
      const critical = validDocuments(project, 'services').filter((s) => s.data.owner === team.id && s.data.tier <= 2);
      if (critical.length) {
        report(team, at(team, ['name']), `No on-call contact, yet the team owns tier 1–2 service${critical.length === 1 ? '' : 's'}: ${critical.map((s) => s.id).join(', ')}`, 'Add an "oncall" block with a pager, chat, email or schedule.');
      }
    }
  },
});
