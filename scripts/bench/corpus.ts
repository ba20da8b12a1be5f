/**
 * A deterministic synthetic content tree for the benchmark: teams, a
 * catalogue of services across zones, runbooks, procedures and operation
 * records of realistic size, with tables, task lists, code, links, alerts and
 * Mermaid. The same seed always gives the same files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface CorpusOptions {
  documents: number;
  services: number;
  zones: number;
  /** Share of the documents (after teams and services) that are operation records; the rest are runbooks and procedures, 4.5 to 1. Default 0.45. */
  operations?: number;
  seed?: number;
}

export interface CorpusSummary {
  teams: number;
  services: number;
  runbooks: number;
  procedures: number;
  operations: number;
  bytes: number;
}

/** mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'latency error rate replica primary failover queue consumer backlog disk pressure memory pod node deployment rollout certificate token cache eviction shard partition leader election timeout retry circuit breaker throttle quota upstream downstream gateway ingress egress database migration index vacuum snapshot restore checksum'.split(' ');

export function writeCorpus(root: string, options: CorpusOptions): CorpusSummary {
  const rand = random(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const sentence = (n = 12) => {
    const words = Array.from({ length: n }, () => pick(WORDS));
    return `${words[0]![0]!.toUpperCase()}${words.join(' ').slice(1)}.`;
  };
  const paragraph = (n = 4) => Array.from({ length: n }, () => sentence(8 + Math.floor(rand() * 10))).join(' ');
  let bytes = 0;
  const write = (path: string, text: string) => {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    bytes += text.length;
  };

  const teams = Math.max(3, Math.round(options.services / 25));
  for (let t = 0; t < teams; t++) {
    write(`content/teams/team-${t}.yaml`, `name: Team ${t}\noncall:\n  chat: "#team-${t}-oncall"\n  pager: https://pager.example/team-${t}\nescalation:\n  - after: 15m\n    contact: Team ${t} lead\n  - after: 1h\n    contact: Head of engineering\n`);
  }
  const zone = (s: number) => `zone-${s % options.zones}`;
  for (let s = 0; s < options.services; s++) {
    const deps = new Set<number>();
    const count = 1 + Math.floor(rand() * 3);
    for (let d = 0; d < count; d++) {
      const sameZone = rand() < 0.7;
      const target = sameZone ? ((s + options.zones * (1 + Math.floor(rand() * 5))) % options.services) : Math.floor(rand() * options.services);
      if (target > s) deps.add(target); // edges only point "down": a mostly acyclic catalogue
    }
    const dependsOn = [...deps].map((d) => `  - service: svc-${d}\n    kind: ${pick(['sync', 'async', 'data'])}\n`).join('');
    write(`content/services/svc-${s}.yaml`, `name: Service ${s}\nowner: team-${s % teams}\ntier: ${1 + (s % 4)}\nzone: ${zone(s)}\ndescription: ${sentence(10)}\n${dependsOn ? `dependsOn:\n${dependsOn}` : ''}slo:\n  availability: 99.9\n`);
  }

  const rest = Math.max(0, options.documents - teams - options.services);
  const share = options.operations ?? 0.45;
  if (!(share >= 0 && share <= 1)) throw new Error(`The share of operation records must be between 0 and 1, not ${share}`);
  const scale = options.operations === undefined ? 1 : (1 - share) / 0.55;
  const runbooks = Math.round(rest * 0.45 * scale);
  const procedures = Math.round(rest * 0.1 * scale);
  const operations = rest - runbooks - procedures;
  const svc = () => `svc-${Math.floor(rand() * options.services)}`;

  for (let r = 0; r < runbooks; r++) {
    const services = [...new Set([svc(), svc()])];
    const next = (r + 1) % runbooks;
    const link = `[see also](../group-${Math.floor(next / 50)}/runbook-${next}.md#mitigation)`;
    const mermaid = r % 20 === 0 ? `\n\`\`\`mermaid\nflowchart LR\n  A[${services[0]}] --> B[queue]\n  B --> C[worker]\n\`\`\`\n` : '';
    write(
      `content/runbooks/group-${Math.floor(r / 50)}/runbook-${r}.md`,
      `---\ntitle: "Runbook ${r}: ${pick(WORDS)} ${pick(WORDS)}"\nsummary: ${sentence(12)}\nowner: team-${r % teams}\nservices: [${services.join(', ')}]\nalerts: [Alert${r}High]\nseverity: ${pick(['critical', 'warning', 'info'])}\nlastReviewed: 2026-${String(1 + (r % 11)).padStart(2, '0')}-15\nrelated: [procedure-${r % Math.max(1, procedures)}]\n---\n\n## Symptoms\n\n${paragraph()}\n\n- ${sentence()}\n- ${sentence()}\n${mermaid}\n## Impact\n\n${paragraph(3)}\n\n## Diagnosis\n\n1. ${sentence()}\n\n   \`\`\`bash\n   kubectl -n ${services[0]} get pods -o wide | grep -v Running\n   \`\`\`\n\n2. ${sentence()}\n\n| Signal | Threshold | Meaning |\n| --- | --- | --- |\n| p99 latency | 800 ms | ${sentence(6)} |\n| error rate | 2 % | ${sentence(6)} |\n\n## Mitigation\n\n${paragraph()} ${link}\n\n\`\`\`bash\nkubectl -n ${services[0]} rollout restart deploy/${services[0]}\n\`\`\`\n\n## Escalation\n\nPage team-${r % teams} after 15 minutes.\n\n## Verification\n\n- [ ] ${sentence(6)}\n- [ ] ${sentence(6)}\n`,
    );
  }
  for (let p = 0; p < procedures; p++) {
    write(
      `content/procedures/procedure-${p}.md`,
      `---\ntitle: Procedure ${p}\nsummary: ${sentence(10)}\nowner: team-${p % teams}\nstatus: active\nversion: "1.${p % 10}"\nlastReviewed: 2026-06-01\n${p > 0 ? `triggers: [procedure-${p - 1}]\n` : ''}services: [${svc()}]\n---\n\n## Purpose\n\n${paragraph()}\n\n## Trigger\n\n${paragraph(2)}\n\n## Required Inputs\n\n- [ ] ${sentence(6)}\n\n## Workflow\n\n### Step 1: Prepare\n\n${paragraph(3)}\n\n### Step 2: Apply\n\n${paragraph(3)}\n\n\`\`\`hcl\nresource "aws_db_instance" "main" {\n  instance_class = "db.r6g.large"\n}\n\`\`\`\n\n### Step 3: Verify\n\n${paragraph(2)}\n\n## Definition of Done\n\n- [ ] ${sentence(6)}\n- [ ] ${sentence(6)}\n\n## Exit States\n\n${paragraph(2)}\n`,
    );
  }
  for (let o = 0; o < operations; o++) {
    const day = new Date(Date.UTC(2025, 0, 1) + (o % 700) * 86_400_000).toISOString().slice(0, 10);
    const id = `${day}-operation-${o}`;
    const risk = pick(['low', 'medium', 'high', 'critical']);
    write(
      `content/operations/${day.slice(0, 4)}/${id}.md`,
      `---\noperationId: ${id}\ntitle: Operation ${o}\ndate: ${day}\nstartedAt: ${day}T09:00:00Z\ncompletedAt: ${day}T10:30:00Z\noperator: operator-${o % 40}\n${risk === 'high' || risk === 'critical' ? `supervisor: lead-${o % 7}\n` : ''}category: ${pick(['infrastructure-change', 'deployment', 'migration', 'maintenance', 'incident-response', 'security', 'decommission'])}\nriskLevel: ${risk}\nserviceImpact: ${pick(['none', 'minimal', 'moderate', 'high'])}\nstatus: completed\nservices: [${svc()}]\nprocedure: procedure-${o % Math.max(1, procedures)}\nchangeTicket: CHG-${1000 + o}\n---\n\n## Summary\n\n${paragraph()}\n\n## Steps\n\n1. ${sentence()}\n2. ${sentence()}\n\n## Verification\n\n- [x] ${sentence(6)}\n- [x] ${sentence(6)}\n\n## Rollback\n\n${paragraph(2)}\n`,
    );
  }
  return { teams, services: options.services, runbooks, procedures, operations, bytes };
}
