/**
 * The content model: one entry per collection with its folder, file types,
 * schema and reference fields. Everything that walks the content (the Astro
 * content config, the build gate, check, audit) starts here.
 */
import type { z } from 'astro/zod';
import { OperationSchema, operationReferences } from './operation.ts';
import { ProcedureSchema, procedureReferences } from './procedure.ts';
import type { CollectionName, FieldReference } from './reference.ts';
import { RunbookSchema, runbookReferences } from './runbook.ts';
import { ServiceSchema, serviceReferences } from './service.ts';
import { TeamSchema, teamReferences } from './team.ts';

export interface CollectionSpec {
  name: CollectionName;
  /** Singular noun for messages: "runbook". */
  noun: string;
  /** File endings the collection holds. */
  extensions: readonly string[];
  /** Markdown documents have a body; catalogue entries are plain YAML. */
  format: 'markdown' | 'yaml';
  schema: z.ZodType;
  references: (data: Record<string, unknown>) => FieldReference[];
}

export const COLLECTIONS: Record<CollectionName, CollectionSpec> = {
  teams: { name: 'teams', noun: 'team', extensions: ['.yaml', '.yml'], format: 'yaml', schema: TeamSchema, references: teamReferences },
  services: { name: 'services', noun: 'service', extensions: ['.yaml', '.yml'], format: 'yaml', schema: ServiceSchema, references: serviceReferences },
  runbooks: { name: 'runbooks', noun: 'runbook', extensions: ['.md', '.mdx'], format: 'markdown', schema: RunbookSchema, references: runbookReferences },
  procedures: { name: 'procedures', noun: 'procedure', extensions: ['.md', '.mdx'], format: 'markdown', schema: ProcedureSchema, references: procedureReferences },
  operations: { name: 'operations', noun: 'operation', extensions: ['.md', '.mdx'], format: 'markdown', schema: OperationSchema, references: operationReferences },
};

export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

export type { CollectionName, FieldReference } from './reference.ts';
export * from './common.ts';
export * from './team.ts';
export * from './service.ts';
export * from './runbook.ts';
export * from './procedure.ts';
export * from './operation.ts';
export * from './sections.ts';
