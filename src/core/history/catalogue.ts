/**
 * Changes to catalogue entries that matter to the documents about a
 * service: its dependencies, zone or owner, read from the YAML at each
 * commit and the version before it. A comment, description or SLO edit is
 * not a change here.
 */
import { parse } from 'yaml';
import type { Commit, GitHistory } from './git.ts';

export interface CatalogueChange {
  service: string;
  commit: Commit;
  /** What changed, one phrase per field: "zone eu-1 → eu-2", "dependencies + orders-db". */
  changes: string[];
}

interface Watched {
  owner: string | undefined;
  zone: string | undefined;
  dependencies: Map<string, string>;
}

function watched(text: string | undefined): Watched | undefined {
  if (text === undefined) return undefined;
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    return undefined; // a version that did not parse then is not compared
  }
  if (!data || typeof data !== 'object') return undefined;
  const d = data as Record<string, unknown>;
  const dependencies = new Map<string, string>();
  for (const dep of Array.isArray(d.dependsOn) ? d.dependsOn : []) {
    if (typeof dep === 'string') dependencies.set(dep, '');
    else if (dep && typeof dep === 'object' && typeof (dep as Record<string, unknown>).service === 'string') {
      // The note is a description: only the service and the kind of edge count.
      const kind = (dep as Record<string, unknown>).kind;
      dependencies.set((dep as Record<string, string>).service!, typeof kind === 'string' ? kind : '');
    }
  }
  const text2 = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  return { owner: text2(d.owner), zone: text2(d.zone), dependencies };
}

function differences(before: Watched, after: Watched): string[] {
  const out: string[] = [];
  const added = [...after.dependencies.keys()].filter((s) => !before.dependencies.has(s));
  const removed = [...before.dependencies.keys()].filter((s) => !after.dependencies.has(s));
  const rekinded = [...after.dependencies].filter(([s, k]) => before.dependencies.has(s) && before.dependencies.get(s) !== k).map(([s]) => s);
  const deps = [...added.map((s) => `+ ${s}`), ...removed.map((s) => `− ${s}`), ...rekinded.map((s) => `${s} now ${after.dependencies.get(s) || 'unspecified'}`)];
  if (deps.length) out.push(`dependencies ${deps.join(', ')}`);
  if (before.zone !== after.zone) out.push(`zone ${before.zone ?? 'none'} → ${after.zone ?? 'none'}`);
  if (before.owner !== after.owner) out.push(`owner ${before.owner ?? 'none'} → ${after.owner ?? 'none'}`);
  return out;
}

/**
 * For each service file, the commits after `since` (YYYY-MM-DD) that changed
 * its dependencies, zone or owner, newest first. All versions are read in one
 * batch. A file's first commit creates it and is not a change.
 */
export function catalogueChanges(history: GitHistory, files: ReadonlyMap<string, string>, since: string): Map<string, CatalogueChange[]> {
  const pairs: { service: string; commit: Commit; newer: number; older: number }[] = [];
  const wanted: { commit: string; file: string }[] = [];
  // Each version is read and parsed once, though it is compared twice (with the one before and the one after).
  const slots = new Map<string, number>();
  const slot = (commit: string, file: string) => {
    const key = `${commit}:${file}`;
    if (!slots.has(key)) slots.set(key, wanted.push({ commit, file }) - 1);
    return slots.get(key)!;
  };
  for (const [service, file] of files) {
    const commits = history.files.get(file) ?? [];
    for (let i = 0; i < commits.length - 1; i++) {
      if (commits[i]!.day <= since) break;
      pairs.push({ service, commit: commits[i]!, newer: slot(commits[i]!.hash, file), older: slot(commits[i + 1]!.hash, file) });
    }
  }
  const versions = history.show(wanted).map(watched);
  const out = new Map<string, CatalogueChange[]>();
  for (const pair of pairs) {
    const after = versions[pair.newer];
    const before = versions[pair.older];
    if (!after || !before) continue;
    const changes = differences(before, after);
    if (changes.length) out.set(pair.service, [...(out.get(pair.service) ?? []), { service: pair.service, commit: pair.commit, changes }]);
  }
  return out;
}
