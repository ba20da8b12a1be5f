import { findCycles, projectGraph } from '../../graph/graph.ts';
import { defineAuditRule } from '../rule.ts';

/** Dependency cycles, reported on the first service of each. */
export default defineAuditRule({
  id: 'audit/dependency-cycle',
  severity: 'warning',
  summary: 'services that depend on each other in a cycle',
  group: 'Coverage and structure',
  check: ({ project, report, at }) => {
    for (const cycle of findCycles(projectGraph(project))) {
      const doc = project.byId.services.get(cycle[0]!)!;
      const deps = (doc.raw?.dependsOn as unknown[] | undefined) ?? [];
      const index = deps.findIndex((d) => (typeof d === 'string' ? d : (d as { service?: string }).service) === cycle[1]);
      report(doc, at(doc, index >= 0 ? ['dependsOn', index] : ['dependsOn']), `Dependency cycle: ${cycle.join(' → ')}`, 'Check the cycle is real; if so, make sure a failure of one cannot take the others down (timeouts, async hand-off).');
    }
  },
});
