/**
 * The impact of a change, from the project before and after it: the services
 * it changes and everything that depends on them (with the path), the
 * runbooks and procedures to check, the teams to tell with their on-call and
 * escalation, and the documents it leaves stale.
 */
import { normaliseDependency, type Dependency } from '../../model/index.ts';
import { projectGraph, type ServiceGraph } from '../graph/graph.ts';
import type { ContentDocument } from '../load/load.ts';
import type { Project } from '../project.ts';
import { fieldWords } from '../text.ts';
import type { ChangeSet, ChangeStatus } from './git.ts';

export interface ImpactFile {
  status: ChangeStatus;
  path: string;
  from?: string;
  /** The document the file holds (before the change, for a deleted one). */
  document?: { collection: string; id: string };
}

export interface ChangedService {
  id: string;
  name: string;
  owner: string;
  /** Why it counts as changed: its catalogue entry, or a document about it. */
  reasons: string[];
}

export interface AffectedService {
  id: string;
  name: string;
  owner: string;
  /** Dependency steps to the nearest changed service. */
  hops: number;
  /** From this service to a changed one, each depending on the next. */
  path: string[];
}

export interface DocumentToCheck {
  collection: string;
  id: string;
  title: string;
  file: string;
  /** The changed or affected services it covers. */
  services: string[];
  /** Whether the change already edits it. */
  touched: boolean;
}

export interface TeamToTell {
  id: string;
  name: string;
  /** Changed or affected services it owns (or owned before the change); every service it owns when its own entry changed. */
  services: string[];
  /** Changed documents it owns, as collection/id. */
  documents: string[];
  oncall: { pager?: string; chat?: string; email?: string; schedule?: string } | null;
  escalation: { after: string; contact: string }[];
}

export interface StaleDocument {
  file: string;
  line?: number;
  collection: string;
  id: string;
  title: string;
  reason: string;
}

export interface Impact {
  version: 1;
  base: string;
  mergeBase: string;
  files: ImpactFile[];
  changedServices: ChangedService[];
  blastRadius: AffectedService[];
  documents: DocumentToCheck[];
  teams: TeamToTell[];
  defaultEscalation: { team?: string | undefined; note?: string | undefined } | null;
  stale: StaleDocument[];
}

type Fields = Record<string, unknown>;

/** A changed file's document as it is now and as it was (either may be missing). */
interface ChangedDocument {
  status: ChangeStatus;
  now: ContentDocument | undefined;
  was: ContentDocument | undefined;
}

const fieldsOf = (doc: ContentDocument | undefined): Fields | undefined => (doc?.data as Fields | undefined) ?? doc?.raw;
const byFile = (project: Project) => new Map(project.documents.map((d) => [d.file, d]));
const key = (doc: { collection: string; id: string }) => `${doc.collection}/${doc.id}`;

function titleOf(project: Project, doc: ContentDocument): string {
  return project.kinds.get(doc.collection)?.titleOf(fieldsOf(doc), doc.id) ?? doc.id;
}

/** Service ids a document's front matter names. */
function servicesNamed(project: Project, doc: ContentDocument | undefined): string[] {
  const raw = doc?.raw;
  if (!doc || !raw) return [];
  const refs = project.kinds.get(doc.collection)?.references(raw) ?? [];
  return refs.filter((r) => r.targets.includes('services')).map((r) => r.id.replace(/^services\//, ''));
}

function dependencies(fields: Fields | undefined): Map<string, string | undefined> {
  const list = Array.isArray(fields?.dependsOn) ? (fields.dependsOn as Dependency[]) : [];
  return new Map(list.filter((d) => typeof d === 'string' || (typeof d === 'object' && d !== null)).map((d) => normaliseDependency(d)).map((d) => [d.service, d.kind]));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Fields whose change may make a service's runbooks wrong. */
const STRUCTURAL = ['owner', 'tier', 'zone', 'dependsOn'];

/** What changed in a catalogue entry, field by field, e.g. "owner shop → money", "dependsOn +payments-db". */
function serviceDiff(before: Fields, after: Fields): { field: string; text: string }[] {
  const out: { field: string; text: string }[] = [];
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  for (const field of fields) {
    if (field === 'dependsOn') {
      const a = dependencies(before);
      const b = dependencies(after);
      const parts = [...[...b.keys()].filter((id) => !a.has(id)).map((id) => `+${id}`), ...[...a.keys()].filter((id) => !b.has(id)).map((id) => `-${id}`), ...[...b.keys()].filter((id) => a.has(id) && a.get(id) !== b.get(id)).map((id) => `${id} ${a.get(id) ?? 'unset'} → ${b.get(id) ?? 'unset'}`)];
      if (parts.length) out.push({ field, text: `dependsOn ${parts.join(', ')}` });
      else if (!same(before.dependsOn, after.dependsOn)) out.push({ field: 'dependsOn notes', text: 'dependency notes' });
    } else if (!same(before[field], after[field])) {
      const scalar = (v: unknown) => (v === undefined ? 'unset' : typeof v === 'object' ? undefined : String(v));
      const [a, b] = [scalar(before[field]), scalar(after[field])];
      out.push({ field, text: a !== undefined && b !== undefined ? `${field} ${a} → ${b}` : fieldWords(field) });
    }
  }
  return out;
}

const ORDER: Record<ChangeStatus, string> = { added: 'added', modified: 'changed', deleted: 'removed', renamed: 'renamed' };

/** Dependents of the changed services, transitively, each with its path to the nearest one (breadth first, so the path is a shortest one). */
function dependents(before: ServiceGraph, after: ServiceGraph, changed: readonly string[]): Map<string, string[]> {
  const paths = new Map<string, string[]>(changed.map((id) => [id, [id]]));
  let frontier = [...changed].sort();
  while (frontier.length) {
    const next: string[] = [];
    for (const id of frontier) {
      // A removed service's dependents are read from the graph before the change.
      const edges = after.nodes.has(id) ? after.in.get(id) : before.in.get(id);
      for (const edge of [...(edges ?? [])].sort((a, b) => a.from.localeCompare(b.from))) {
        if (paths.has(edge.from)) continue;
        paths.set(edge.from, [edge.from, ...paths.get(id)!]);
        next.push(edge.from);
      }
    }
    frontier = next.sort();
  }
  for (const id of changed) paths.delete(id);
  return paths;
}

export function analyseImpact(before: Project, after: Project, change: ChangeSet): Impact {
  const beforeFiles = byFile(before);
  const afterFiles = byFile(after);
  const graphBefore = projectGraph(before);
  const graphAfter = projectGraph(after);
  const touchedFiles = new Set(change.files.map((f) => f.path));

  // Each changed file with the document it holds, now and before.
  const changedDocs: ChangedDocument[] = [];
  const files: ImpactFile[] = change.files.map((f) => {
    const now = f.status === 'deleted' ? undefined : afterFiles.get(f.path);
    const was = f.status === 'added' ? undefined : beforeFiles.get(f.from ?? f.path);
    const doc = now ?? was;
    if (doc) changedDocs.push({ status: f.status, now, was });
    return { ...f, ...(doc ? { document: { collection: doc.collection, id: doc.id } } : {}) };
  });

  // Services changed: catalogue entries, and services named by changed documents (before or after).
  const reasons = new Map<string, string[]>();
  const addReason = (id: string, reason: string) => reasons.set(id, [...new Set([...(reasons.get(id) ?? []), reason])]);
  const structural = new Map<string, string[]>();
  for (const { status, now, was } of changedDocs) {
    const doc = (now ?? was)!;
    if (doc.collection === 'services') {
      if (status === 'added') addReason(doc.id, 'catalogue entry added');
      else if (status === 'deleted') addReason(doc.id, 'catalogue entry removed');
      else if (status === 'renamed' && was && now && was.id !== now.id) {
        addReason(now.id, `catalogue entry renamed from ${was.id}`);
        addReason(was.id, `catalogue entry renamed to ${now.id}`);
      }
      if (was && now && was.id === now.id) {
        const diff = serviceDiff(fieldsOf(was) ?? {}, fieldsOf(now) ?? {});
        if (diff.length) addReason(doc.id, `catalogue entry changed: ${diff.map((d) => d.text).join('; ')}`);
        const moved = diff.filter((d) => STRUCTURAL.includes(d.field)).map((d) => d.text);
        if (moved.length) structural.set(doc.id, moved);
      }
      continue;
    }
    const kind = after.kinds.get(doc.collection);
    // Records of what was done (operations, postmortems) change no service: they are listed, not counted.
    if (kind?.usage) continue;
    const noun = kind?.noun ?? 'document';
    const id = now && was && now.id !== was.id ? `${was.id} → ${now.id}` : doc.id;
    for (const service of new Set([...servicesNamed(after, now), ...servicesNamed(before, was)])) {
      if (graphAfter.nodes.has(service) || graphBefore.nodes.has(service)) addReason(service, `${noun} ${id} ${ORDER[status]}`);
    }
  }
  const changedIds = [...reasons.keys()].sort();
  const serviceEntry = (id: string) => {
    const node = graphAfter.nodes.get(id) ?? graphBefore.nodes.get(id);
    return { id, name: node?.name ?? id, owner: node?.owner ?? '' };
  };
  const changedServices = changedIds.map((id) => ({ ...serviceEntry(id), reasons: reasons.get(id)! }));
  const radius = dependents(graphBefore, graphAfter, changedIds);
  const blastRadius = [...radius]
    .map(([id, path]) => ({ ...serviceEntry(id), hops: path.length - 1, path }))
    .sort((a, b) => a.hops - b.hops || a.id.localeCompare(b.id));
  const concerned = new Set([...changedIds, ...radius.keys()]);

  // Runbooks and procedures that cover a changed or affected service.
  const documents: DocumentToCheck[] = [];
  for (const collection of ['runbooks', 'procedures']) {
    for (const doc of [...(after.byId[collection]?.values() ?? [])].sort((a, b) => a.id.localeCompare(b.id))) {
      const covered = servicesNamed(after, doc).filter((s) => concerned.has(s));
      if (covered.length) documents.push({ collection, id: doc.id, title: titleOf(after, doc), file: doc.file, services: [...new Set(covered)], touched: touchedFiles.has(doc.file) });
    }
  }

  // Teams: owners of the services (now and, when it changed, before), and of the changed documents.
  const teams = new Map<string, { services: Set<string>; documents: Set<string> }>();
  const team = (id: string) => teams.get(id) ?? teams.set(id, { services: new Set(), documents: new Set() }).get(id)!;
  for (const id of concerned) {
    for (const owner of new Set([graphAfter.nodes.get(id)?.owner, graphBefore.nodes.get(id)?.owner])) if (owner) team(owner).services.add(id);
  }
  for (const { now, was } of changedDocs) {
    const doc = (now ?? was)!;
    if (doc.collection === 'services' || doc.collection === 'teams') continue;
    const owner = fieldsOf(now ?? was)?.owner;
    if (typeof owner === 'string') team(owner).documents.add(key(doc));
  }
  // A team whose own entry changed (on-call, escalation): it and the services it owns.
  for (const { now } of changedDocs) {
    if (now?.collection !== 'teams') continue;
    const held = team(now.id);
    for (const node of graphAfter.nodes.values()) if (node.owner === now.id) held.services.add(node.id);
  }
  const teamList: TeamToTell[] = [...teams]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, held]) => {
      const data = fieldsOf(after.byId.teams.get(id) ?? before.byId.teams.get(id)) as { name?: string; oncall?: TeamToTell['oncall']; escalation?: TeamToTell['escalation'] } | undefined;
      return { id, name: data?.name ?? id, services: [...held.services].sort(), documents: [...held.documents].sort(), oncall: data?.oncall ?? null, escalation: data?.escalation ?? [] };
    });

  return {
    version: 1,
    base: change.base,
    mergeBase: change.mergeBase,
    files,
    changedServices,
    blastRadius,
    documents,
    teams: teamList,
    defaultEscalation: after.config.defaultEscalation ? { ...after.config.defaultEscalation } : null,
    stale: staleDocuments(before, after, changedDocs, structural, touchedFiles),
  };
}

/** Documents the change leaves behind: they name something it removed or renamed, or cover a service whose place changed and were not edited. */
function staleDocuments(before: Project, after: Project, changedDocs: readonly ChangedDocument[], structural: Map<string, string[]>, touched: Set<string>): StaleDocument[] {
  const out: StaleDocument[] = [];
  // Ids that no longer exist, with what they became.
  const gone = new Map<ContentDocument, string>();
  for (const { now, was } of changedDocs) {
    if (!was || after.byId[was.collection]?.has(was.id)) continue;
    gone.set(was, now ? `renamed to ${now.id}` : 'removed');
  }
  const afterFiles = byFile(after);
  const seen = new Set<string>();
  for (const ref of before.references) {
    const why = gone.get(ref.to);
    if (!why || gone.has(ref.from)) continue;
    const from = afterFiles.get(ref.from.file);
    if (!from) continue;
    // Still pointing at it: validation of the new tree finds the dangling reference (a fixed document has none).
    const finding = after.diagnostics.find((d) =>
      d.file === from.file && (ref.via === 'body' ? d.rule === 'links/missing-target' && d.message.includes(`leads to ${ref.to.file},`) : d.rule === 'refs/missing' && d.message.includes(`"${ref.to.id}"`)),
    );
    if (!finding) continue;
    const reason = `names ${after.kinds.get(ref.to.collection)?.noun ?? 'document'} ${ref.to.id}${ref.via === 'body' ? ' in a link' : ` in "${ref.via}"`}, which this change ${why}`;
    const id = `${from.file}\0${reason}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ file: from.file, line: finding.line, collection: from.collection, id: from.id, title: titleOf(after, from), reason });
  }
  for (const [service, what] of [...structural].sort(([a], [b]) => a.localeCompare(b))) {
    for (const collection of ['runbooks', 'procedures']) {
      for (const doc of [...(after.byId[collection]?.values() ?? [])].sort((a, b) => a.id.localeCompare(b.id))) {
        if (touched.has(doc.file) || !servicesNamed(after, doc).includes(service)) continue;
        out.push({ file: doc.file, collection, id: doc.id, title: titleOf(after, doc), reason: `covers ${service}, whose catalogue entry changed (${what.join('; ')}), and is not edited by this change` });
      }
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.reason.localeCompare(b.reason));
}
