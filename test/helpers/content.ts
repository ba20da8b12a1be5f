/** Runs the real loader and validator on text or on a fixture tree. */
import { fileURLToPath } from 'node:url';
import { resolveConfig, type OpsbookConfig } from '../../src/core/config.ts';
import { formatDiagnostic, sortDiagnostics, type Diagnostic } from '../../src/core/diagnostics/diagnostics.ts';
import { parseDocument } from '../../src/core/load/load.ts';
import { buildProject, openProject, type Project } from '../../src/core/project.ts';
import type { CollectionName } from '../../src/model/index.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function fixturePath(name: string): string {
  return `${FIXTURES}${name}`;
}

/** Diagnostics for one document given as text, one formatted line each. */
export function checkText(collection: CollectionName, pathInCollection: string, text: string, config: OpsbookConfig = {}): string[] {
  const out: Diagnostic[] = [];
  const resolved = resolveConfig(config);
  parseDocument(resolved.kinds.get(collection)!, pathInCollection, text, resolved, out);
  return sortDiagnostics(out).map(formatDiagnostic);
}

export async function openFixture(name: string): Promise<Project> {
  return openProject(fixturePath(name));
}

export function projectFromFixture(name: string, config: OpsbookConfig = {}): Project {
  return buildProject(fixturePath(name), resolveConfig(config));
}

/** Diagnostics of a fixture tree, one formatted line each. */
export async function checkFixture(name: string): Promise<string[]> {
  return (await openFixture(name)).diagnostics.map(formatDiagnostic);
}

/** Joins lines into a document, so tests read like the files they stand for. */
export function lines(...rows: string[]): string {
  return `${rows.join('\n')}\n`;
}
