/**
 * The content model: the kinds of document (one file each), their schemas
 * and the registry that gathers them. No `astro:*` imports, so scripts and
 * tests load it as it is.
 */
export * from './common.ts';
export * from './kind.ts';
export * from './kinds.ts';
export * from './reference.ts';
export * from './sections.ts';
export * from './team.ts';
export * from './service.ts';
export * from './runbook.ts';
export * from './procedure.ts';
export * from './operation.ts';
export * from './guide.ts';
export * from './postmortem.ts';

/** A collection's name: one of the kinds' names. */
export type CollectionName = string;
