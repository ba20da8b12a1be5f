/**
 * Catalogue stubs for every team and service the imported documents name,
 * valid per the team and service schemas: a team needs a name; a service a
 * name, an owner and a tier (guessed 3, and said so). Entries that exist
 * are kept as they are.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { renderYamlEntry } from './frontmatter.ts';
import type { CatalogueEntry, Guess } from './types.ts';

/** Lower-case words joined by hyphens: `Kube State Metrics` → kube-state-metrics. */
export function catalogueId(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** "imported" → "Imported", "kube-state-metrics" stays as written. */
function teamName(id: string): string {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface ServiceStub {
  id: string;
  name: string;
  nameWhy: string;
  /** Where the service came from, for the report: "the folder runbooks/kubernetes/". */
  from: string;
}

export interface CatalogueFile {
  entry: CatalogueEntry;
  text?: string | undefined;
}

export function catalogueStubs(out: string, owners: readonly { id: string; why: string }[], serviceOwner: string, services: readonly ServiceStub[]): CatalogueFile[] {
  const files: CatalogueFile[] = [];
  const exists = (kind: string, id: string) => ['.yaml', '.yml'].some((ext) => existsSync(join(out, 'content', kind, `${id}${ext}`)));
  for (const team of owners) {
    const target = `content/teams/${team.id}.yaml`;
    if (files.some((f) => f.entry.target === target)) continue;
    if (exists('teams', team.id)) files.push({ entry: { kind: 'teams', id: team.id, target, action: 'exists', guesses: [] } });
    else {
      const name = teamName(team.id);
      const guesses: Guess[] = [{ field: 'name', value: name, why: `a stub for a team that owns imported documents (${team.why}); add its on-call contacts and escalation` }];
      files.push({ entry: { kind: 'teams', id: team.id, target, action: 'created', guesses }, text: renderYamlEntry([['name', name]]) });
    }
  }
  for (const service of [...services].sort((a, b) => a.id.localeCompare(b.id))) {
    const target = `content/services/${service.id}.yaml`;
    if (exists('services', service.id)) {
      files.push({ entry: { kind: 'services', id: service.id, target, action: 'exists', guesses: [] } });
      continue;
    }
    const guesses: Guess[] = [
      { field: 'name', value: service.name, why: service.nameWhy },
      { field: 'owner', value: serviceOwner, why: 'the owner of the imported documents (--owner)' },
      { field: 'tier', value: 3, why: 'a guess: the folder says nothing about how critical the service is; set 1 (most critical) to 4' },
    ];
    files.push({ entry: { kind: 'services', id: service.id, target, action: 'created', guesses }, text: renderYamlEntry([['name', service.name], ['owner', serviceOwner], ['tier', 3]]) });
  }
  return files;
}
