/**
 * Operation records written the way the seed template writes them: bold
 * fields in the body (`**Operation ID**: …`, `**Risk Level**: High`,
 * `**Service Impact**: Minimal`, `**Operation Status**: ✅ COMPLETED` at the
 * end). They become an operation's typed front matter; the body is kept as
 * written. Values still in the template's brackets (`[Low/Medium/High]`)
 * count as not filled in.
 */
import type { Root } from 'mdast';
import { impossibleDateReason } from '../../model/common.ts';
import { OPERATION_ID_PATTERN, OperationCategory, RiskLevel, ROLLBACK_RISKS, ServiceImpact, SUPERVISED_RISKS } from '../../model/operation.ts';
import { endOf, startOf } from './markdown.ts';
import type { Guess } from './types.ts';

export interface RecordField {
  /** As written: "Risk Level". */
  label: string;
  value: string;
  line: number;
}

const norm = (label: string) => label.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** `**Label**: value` and `**Label:** value` lines of the body's top-level paragraphs (not of lists). */
export function recordFields(text: string, tree: Root, firstLine: number): Map<string, RecordField> {
  const fields = new Map<string, RecordField>();
  for (const node of tree.children) {
    if (node.type !== 'paragraph') continue;
    const source = text.slice(startOf(node), endOf(node));
    source.split('\n').forEach((row, i) => {
      const match = /^\s*\*\*([^*\n]+?)(:?)\*\*\s*(:?)\s*(.*?)\s*\\?$/.exec(row);
      if (!match || (!match[2] && !match[3])) return;
      const key = norm(match[1]!);
      if (!fields.has(key)) fields.set(key, { label: match[1]!.trim(), value: match[4]!.replace(/^`|`$/g, '').trim(), line: (node.position?.start.line ?? 1) + i + firstLine - 1 });
    });
  }
  return fields;
}

/** Whether the fields make a record: an operation id, or two of risk, impact, operator and status. */
export function isOperationRecord(fields: ReadonlyMap<string, RecordField>): boolean {
  if (fields.has('operation id') || fields.has('change id')) return true;
  return ['risk level', 'service impact', 'operator', 'operation status'].filter((k) => fields.has(k)).length >= 2;
}

/** A value the template's author did not fill in: `[Low/Medium/High]`, `YYYY-MM-DD`, `HH:MM`. */
export function unfilled(value: string | undefined): boolean {
  return value === undefined || value.trim() === '' || /^\[.*\]$/.test(value.trim()) || /YYYY|HH:MM|\bTZ\b/.test(value);
}

function field(fields: ReadonlyMap<string, RecordField>, ...keys: string[]): RecordField | undefined {
  for (const key of keys) {
    const found = fields.get(key);
    if (found && !unfilled(found.value)) return found;
  }
  return undefined;
}

const ZONES: Record<string, string> = { UTC: 'Z', GMT: 'Z', Z: 'Z', CET: '+01:00', CEST: '+02:00', EET: '+02:00', EEST: '+03:00', WET: 'Z', WEST: '+01:00', BST: '+01:00', IST: '+05:30', JST: '+09:00', KST: '+09:00', AEST: '+10:00', AEDT: '+11:00', EST: '-05:00', EDT: '-04:00', CST: '-06:00', CDT: '-05:00', MST: '-07:00', MDT: '-06:00', PST: '-08:00', PDT: '-07:00' };

/** `2026-03-10` and `14:05:00 UTC` (or `2026-03-10 14:05 CET`) as an ISO timestamp with an offset. */
export function timestamp(date: string, time: string): { value: string; zoneGuessed: boolean } | undefined {
  const match = /(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|[A-Z]{1,5}|[+-]\d{2}:?\d{2})?/.exec(time);
  if (!match) return undefined;
  const [, h, m, s, zone] = match;
  if (Number(h) > 23 || Number(m) > 59 || Number(s ?? 0) > 59) return undefined;
  let offset = zone ? (ZONES[zone] ?? (/^[+-]\d{2}:?\d{2}$/.test(zone) ? zone.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2') : undefined)) : undefined;
  const zoneGuessed = offset === undefined;
  offset ??= 'Z';
  return { value: `${date}T${h!.padStart(2, '0')}:${m}:${s ?? '00'}${offset}`, zoneGuessed };
}

function dateIn(text: string): string | undefined {
  const match = /\b(\d{4}-\d{2}-\d{2})\b/.exec(text);
  return match && !impossibleDateReason(match[1]!) ? match[1] : undefined;
}

function choose<T extends string>(text: string, options: readonly T[], synonyms: Record<string, T> = {}): T | undefined {
  const lower = text.toLowerCase();
  // Several options listed ("Low/Medium/High") is the template, not an answer.
  const named = options.filter((o) => new RegExp(`\\b${o.replace(/-/g, '[- ]')}\\b`).test(lower));
  if (named.length === 1) return named[0];
  if (named.length > 1) return undefined;
  const synonym = Object.entries(synonyms).find(([word]) => new RegExp(`\\b${word}`).test(lower));
  return synonym?.[1];
}

const slugify = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

export interface OperationContext {
  title: string;
  /** File name without extension. */
  stem: string;
  /** Services from the folder (used when the record names none). */
  folderServices: string[];
  /** The last commit date of the file, or today. */
  fallbackDate: string;
  fallbackDateWhy: string;
  /** Turns a service name into a service id. */
  serviceId: (name: string) => string;
}

export interface OperationFrontmatter {
  operationId: string;
  fields: [string, unknown][];
  guesses: Guess[];
  services: string[];
  /** Service id → the name the record writes ("Payments DB"). */
  serviceNames: Map<string, string>;
  riskLevel: string;
}

/** The operation's front matter from its bold fields, with a guess (and its reason) for each value the record does not give. */
export function operationFrontmatter(fields: ReadonlyMap<string, RecordField>, context: OperationContext): OperationFrontmatter {
  const guesses: Guess[] = [];
  const read = (name: string, value: unknown, f: RecordField) => guesses.push({ field: name, value, why: `from "**${f.label}**: ${f.value}" (line ${f.line})` });
  const guess = (name: string, value: unknown, why: string) => guesses.push({ field: name, value, why });

  // The date: the record's Date, else the one in its id, else its file name, else git.
  const idField = field(fields, 'operation id', 'change id', 'id');
  const dateField = field(fields, 'date', 'operation date');
  let date = dateField ? dateIn(dateField.value) : undefined;
  const idDate = idField ? dateIn(idField.value) : undefined;
  if (idDate && date && idDate !== date) {
    guess('date', idDate, `the record says ${date} but its id starts with ${idDate}; the id's day is used, since the two must agree`);
    date = idDate;
  } else if (date && dateField) read('date', date, dateField);
  else if (idDate && idField) {
    date = idDate;
    read('date', date, idField);
  } else if (dateIn(context.stem)) {
    date = dateIn(context.stem)!;
    guess('date', date, 'no date in the record: taken from the file name');
  } else {
    date = context.fallbackDate;
    guess('date', date, `no date in the record: ${context.fallbackDateWhy}`);
  }

  let operationId: string;
  const idText = idField ? slugify(idField.value) : '';
  if (OPERATION_ID_PATTERN.test(idText) && idText.startsWith(date)) {
    operationId = idText;
    if (idField && idText !== idField.value) guess('operationId', operationId, `"${idField.value}" written as lower-case words joined by hyphens`);
    else if (idField) read('operationId', operationId, idField);
  } else {
    const stemSlug = slugify(context.stem.replace(/^\d{4}-\d{2}-\d{2}-?/, ''));
    operationId = `${date}-${stemSlug || slugify(context.title) || 'operation'}`;
    guess('operationId', operationId, idField ? `"${idField.value}" is not a date followed by a slug; made from the date and the file name` : 'no Operation ID in the record: made from the date and the file name');
  }

  const result: [string, unknown][] = [['operationId', operationId], ['title', context.title], ['date', date]];
  guess('title', context.title, 'the first heading');

  const timeField = field(fields, 'time', 'start time', 'started', 'started at', 'start');
  if (timeField) {
    const stamp = timestamp(date, timeField.value);
    if (stamp) {
      result.push(['startedAt', stamp.value]);
      if (stamp.zoneGuessed) guess('startedAt', stamp.value, `"${timeField.value}" names no time zone Opsbook knows: read as UTC`);
      else read('startedAt', stamp.value, timeField);
    }
  }

  const operator = field(fields, 'operator', 'performed by', 'executed by', 'engineer', 'author');
  if (operator) {
    result.push(['operator', operator.value]);
    read('operator', operator.value, operator);
  } else {
    result.push(['operator', 'not recorded']);
    guess('operator', 'not recorded', 'the record names no operator: write who carried it out');
  }

  const risk = field(fields, 'risk level', 'risk');
  let riskLevel = risk ? choose(risk.value, RiskLevel.options, { severe: 'critical', moderate: 'medium', med: 'medium' }) : undefined;
  if (riskLevel && risk) read('riskLevel', riskLevel, risk);
  else {
    riskLevel = 'medium';
    guess('riskLevel', riskLevel, risk ? `"${risk.value}" is not one of ${RiskLevel.options.join(', ')}: medium assumed, so a Rollback section is required` : 'the record gives no risk level: medium assumed, so a Rollback section is required');
  }

  const supervisor = field(fields, 'supervisor', 'devops supervisor', 'supervised by', 'approver', 'approved by');
  if (supervisor) {
    result.push(['supervisor', supervisor.value]);
    read('supervisor', supervisor.value, supervisor);
  } else if (SUPERVISED_RISKS.includes(riskLevel)) {
    result.push(['supervisor', 'not recorded']);
    guess('supervisor', 'not recorded', `a ${riskLevel} risk operation needs a supervisor and the record names none: write who supervised it`);
  }

  const categoryField = field(fields, 'category', 'type', 'change type', 'operation type');
  let category = categoryField
    ? choose(categoryField.value, OperationCategory.options, { infra: 'infrastructure-change', 'infrastructure': 'infrastructure-change', change: 'infrastructure-change', deploy: 'deployment', release: 'deployment', rollout: 'deployment', migrat: 'migration', maint: 'maintenance', patch: 'maintenance', upgrade: 'maintenance', incident: 'incident-response', outage: 'incident-response', secur: 'security', decom: 'decommission', retire: 'decommission' })
    : undefined;
  if (category && categoryField) read('category', category, categoryField);
  else {
    category = 'maintenance';
    guess('category', category, categoryField ? `"${categoryField.value}" matches none of ${OperationCategory.options.join(', ')}: maintenance assumed` : 'the record gives no category: maintenance assumed');
  }
  result.push(['category', category], ['riskLevel', riskLevel]);

  const impactField = field(fields, 'service impact', 'impact', 'user impact');
  let impact = impactField ? choose(impactField.value, ServiceImpact.options, { no: 'none', zero: 'none', low: 'minimal', minor: 'minimal', medium: 'moderate', major: 'high', critical: 'high', severe: 'high', outage: 'high' }) : undefined;
  if (impact && impactField) read('serviceImpact', impact, impactField);
  else {
    impact = 'minimal';
    guess('serviceImpact', impact, impactField ? `"${impactField.value}" is not one of ${ServiceImpact.options.join(', ')}: minimal assumed` : 'the record gives no service impact: minimal assumed');
  }
  result.push(['serviceImpact', impact]);

  const statusField = field(fields, 'operation status', 'status', 'outcome');
  let status = statusField ? choose(statusField.value.replace(/rolled back|roll back|rollback/i, 'rolled-back').replace(/in progress/i, 'in-progress'), ['planned', 'in-progress', 'completed', 'failed', 'rolled-back'] as const, { complete: 'completed', success: 'completed', done: 'completed', schedul: 'planned', pending: 'planned', ongoing: 'in-progress', abort: 'failed', revert: 'rolled-back' }) : undefined;
  const completionField = field(fields, 'completion time', 'completed', 'completed at', 'end time', 'finished', 'end');
  const completion = completionField ? timestamp(dateIn(completionField.value) ?? date, completionField.value) : undefined;
  if (status && statusField) read('status', status, statusField);
  else {
    status = completion ? 'completed' : 'planned';
    guess('status', status, completion ? 'the record gives no status but a completion time: completed assumed' : 'the record gives no status and no completion time: planned assumed');
  }
  const finished = ['completed', 'failed', 'rolled-back'].includes(status);
  if (status === 'in-progress' && !result.some(([k]) => k === 'startedAt')) {
    result.push(['startedAt', `${date}T00:00:00Z`]);
    guess('startedAt', `${date}T00:00:00Z`, 'the record is in progress and gives no start time: the start of its day assumed');
  }
  result.push(['status', status]);
  if (finished) {
    const started = result.find(([k]) => k === 'startedAt')?.[1] as string | undefined;
    if (completion && completionField) {
      let value = completion.value;
      if (started && Date.parse(value) < Date.parse(started)) {
        value = started;
        guess('completedAt', value, `"${completionField.value}" is before the start; the start time used: correct it`);
      } else if (completion.zoneGuessed) guess('completedAt', value, `"${completionField.value}" names no time zone Opsbook knows: read as UTC`);
      else read('completedAt', value, completionField);
      result.push(['completedAt', value]);
    } else {
      const value = started ?? `${date}T00:00:00Z`;
      result.push(['completedAt', value]);
      guess('completedAt', value, `the record is ${status} but gives no completion time: ${started ? 'its start time' : 'the start of its day'} used; correct it`);
    }
  }

  const servicesField = field(fields, 'services', 'service', 'affected services', 'systems', 'system', 'affected systems');
  let services: string[];
  const serviceNames = new Map<string, string>();
  if (servicesField) {
    for (const name of servicesField.value.split(/[,;]|\band\b/).map((s) => s.replace(/[`*]/g, '').trim())) {
      const id = context.serviceId(name);
      if (id && !serviceNames.has(id)) serviceNames.set(id, name);
    }
    services = [...serviceNames.keys()];
    guesses.push({ field: 'services', value: services, why: `from "**${servicesField.label}**: ${servicesField.value}" (line ${servicesField.line}), written as service ids` });
  } else {
    services = context.folderServices;
    guess('services', services, context.folderServices.length ? 'the record names no services: the folder it sits in' : 'the record names no services');
  }
  result.push(['services', services]);

  const ticket = field(fields, 'change ticket', 'ticket', 'change request', 'jira', 'change');
  if (ticket) {
    result.push(['changeTicket', ticket.value]);
    read('changeTicket', ticket.value, ticket);
  }
  const next = field(fields, 'next review', 'next infrastructure review', 'review date', 'next review date');
  const nextDate = next ? dateIn(next.value) : undefined;
  if (next && nextDate) {
    result.push(['nextReview', nextDate]);
    read('nextReview', nextDate, next);
  }
  return { operationId, fields: result, guesses, services, serviceNames, riskLevel };
}

export { ROLLBACK_RISKS };
