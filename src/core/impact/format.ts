/** The impact of a change as text for a terminal, Markdown for a pull-request summary, and JSON. */
import { plural } from '../text.ts';
import type { Impact, TeamToTell } from './impact.ts';

const STATUS_LETTER = { added: 'A', modified: 'M', deleted: 'D', renamed: 'R' } as const;

function contacts(team: TeamToTell): string[] {
  const o = team.oncall;
  if (!o) return ['no on-call contact recorded'];
  return [o.pager && `pager ${o.pager}`, o.chat && `chat ${o.chat}`, o.email && `email ${o.email}`, o.schedule && `schedule ${o.schedule}`].filter((c): c is string => Boolean(c));
}

const escalation = (team: TeamToTell) => team.escalation.map((s) => `after ${s.after}: ${s.contact}`).join(', ');
const arrowPath = (path: readonly string[]) => path.join(' → ');
const short = (sha: string) => sha.slice(0, 12);
const contentFiles = (impact: Impact) => impact.files.filter((f) => f.path.startsWith('content/') || f.from?.startsWith('content/'));

function heading(impact: Impact): string {
  const n = contentFiles(impact).length;
  return `Impact of the change against ${impact.base} (merge base ${short(impact.mergeBase)}): ${plural(n, 'document file')} changed${impact.files.length > n ? `, ${impact.files.length - n} other` : ''}.`;
}

export function impactText(impact: Impact): string {
  const out = [heading(impact)];
  const section = (title: string, lines: string[], empty: string) => out.push('', title, ...(lines.length ? lines : [`  ${empty}`]));
  section(
    'Files',
    contentFiles(impact).map((f) => `  ${STATUS_LETTER[f.status]} ${f.from ? `${f.from} → ` : ''}${f.path}${f.document ? `  (${f.document.collection}/${f.document.id})` : ''}`),
    'no file under content/',
  );
  section(`Services changed (${impact.changedServices.length})`, impact.changedServices.map((s) => `  ${s.id} (${s.name}): ${s.reasons.join('; ')}`), 'none');
  section(
    `Blast radius: ${plural(impact.blastRadius.length, 'service')} depend on them`,
    impact.blastRadius.map((s) => `  ${s.id} (${s.name}), ${plural(s.hops, 'hop')}: ${arrowPath(s.path)}`),
    'nothing depends on them',
  );
  section(
    `Runbooks and procedures to check (${impact.documents.length})`,
    impact.documents.map((d) => `  ${d.collection}/${d.id} (${d.title}) covers ${d.services.join(', ')}${d.touched ? ' [edited in this change]' : ''}`),
    'none cover these services',
  );
  section(
    `Teams to tell (${impact.teams.length})`,
    impact.teams.flatMap((t) => [
      `  ${t.id} (${t.name})${t.services.length ? `: owns ${t.services.join(', ')}` : ''}${t.documents.length ? `${t.services.length ? ';' : ':'} owns changed ${t.documents.join(', ')}` : ''}`,
      `    on call: ${contacts(t).join(', ')}`,
      ...(t.escalation.length ? [`    escalation: ${escalation(t)}`] : []),
    ]),
    'none',
  );
  if (impact.defaultEscalation && impact.teams.length) out.push(`  default escalation: ${[impact.defaultEscalation.team, impact.defaultEscalation.note].filter(Boolean).join(', ')}`);
  section(
    `Possibly stale (${impact.stale.length})`,
    impact.stale.map((s) => `  ${s.file}${s.line ? `:${s.line}` : ''} (${s.title}): ${s.reason}`),
    'nothing',
  );
  return out.join('\n');
}

/** Markdown-safe text for a table cell or list item. */
function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

export function impactMarkdown(impact: Impact): string {
  const out = ['## Impact of this change', '', md(heading(impact))];
  out.push('', `### Services changed (${impact.changedServices.length})`, '');
  if (impact.changedServices.length) {
    out.push('| service | why |', '| --- | --- |', ...impact.changedServices.map((s) => `| ${code(s.id)} ${md(s.name)} | ${md(s.reasons.join('; '))} |`));
  } else out.push('No service is changed.');
  out.push('', `### Blast radius (${impact.blastRadius.length})`, '');
  if (impact.blastRadius.length) {
    out.push('| service | hops | path |', '| --- | --- | --- |', ...impact.blastRadius.map((s) => `| ${code(s.id)} ${md(s.name)} | ${s.hops} | ${s.path.map(code).join(' → ')} |`));
  } else out.push('Nothing depends on the changed services.');
  out.push('', `### Runbooks and procedures to check (${impact.documents.length})`, '');
  if (impact.documents.length) {
    out.push(...impact.documents.map((d) => `- [${d.touched ? 'x' : ' '}] ${md(d.title)} (${code(`${d.collection}/${d.id}`)}) covers ${d.services.map(code).join(', ')}${d.touched ? ' (edited in this change)' : ''}`));
  } else out.push('None cover these services.');
  out.push('', `### Teams to tell (${impact.teams.length})`, '');
  if (impact.teams.length) {
    out.push(
      '| team | owns | on call | escalation |',
      '| --- | --- | --- | --- |',
      ...impact.teams.map((t) => `| ${md(t.name)} (${code(t.id)}) | ${[...t.services, ...t.documents].map(code).join(', ')} | ${md(contacts(t).join(', '))} | ${md(escalation(t)) || '—'} |`),
    );
    if (impact.defaultEscalation) out.push('', `Default escalation: ${md([impact.defaultEscalation.team, impact.defaultEscalation.note].filter(Boolean).join(', '))}`);
  } else out.push('No team to tell.');
  out.push('', `### Possibly stale (${impact.stale.length})`, '');
  if (impact.stale.length) out.push(...impact.stale.map((s) => `- ${code(`${s.file}${s.line ? `:${s.line}` : ''}`)} ${md(s.title)}: ${md(s.reason)}`));
  else out.push('Nothing the change leaves stale.');
  return out.join('\n');
}

export function impactJson(impact: Impact): string {
  return JSON.stringify(impact, null, 2);
}
