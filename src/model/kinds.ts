/**
 * The kind registry: every built-in kind, in the order the site lists them.
 * Nothing else names the kinds; a site adds its own with `kinds` in
 * opsbook.config.ts (see core/config.ts).
 */
import type { z } from 'astro/zod';
import { guides } from './guide.ts';
import type { Kind } from './kind.ts';
import { operations } from './operation.ts';
import { postmortems } from './postmortem.ts';
import { procedures } from './procedure.ts';
import { runbooks } from './runbook.ts';
import { services } from './service.ts';
import { teams } from './team.ts';

export const BUILTIN_KINDS = [teams, services, runbooks, procedures, operations, postmortems, guides] as const;

type Builtin = (typeof BUILTIN_KINDS)[number];

/** Names of the built-in kinds: 'runbooks', 'services'… */
export type BuiltinKindName = Builtin['name'];

/** The validated data of each built-in kind. */
export type KindData = { [K in Builtin as K['name']]: z.output<K['schema']> };

/** "a", "a or b", "a, b or c". */
export function orList(items: readonly string[]): string {
  return items.length <= 2 ? items.join(' or ') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** The kinds of one site: the built-in ones and those its config adds, by name. */
export class KindRegistry {
  readonly all: readonly Kind[];
  private readonly byName: Map<string, Kind>;

  constructor(extra: readonly Kind[] = []) {
    this.all = [...BUILTIN_KINDS, ...extra];
    this.byName = new Map(this.all.map((k) => [k.name, k]));
  }

  get(name: BuiltinKindName): Kind;
  get(name: string): Kind | undefined;
  get(name: string): Kind | undefined {
    return this.byName.get(name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  get names(): string[] {
    return this.all.map((k) => k.name);
  }

  /** Kinds with a body, in registry order. */
  get markdown(): Kind[] {
    return this.all.filter((k) => k.format === 'markdown');
  }

  /** "runbook or procedure" for a list of collection names. */
  nouns(names: readonly string[]): string {
    return orList(names.map((n) => this.byName.get(n)?.noun ?? n));
  }

  /** The kind whose `new` noun is `noun` ("runbook" → runbooks). */
  byNoun(noun: string): Kind | undefined {
    return this.all.find((k) => k.noun === noun);
  }
}

/** The registry of the built-in kinds alone (scripts and tests that load no config). */
export const builtinKinds = new KindRegistry();
