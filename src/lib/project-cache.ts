/**
 * One Project per build. The Astro integration, the content loaders and the
 * pages run in one process but through different module graphs (Node's and
 * Vite's), so the cache lives on globalThis, not in a module variable.
 */
import type { Project } from '../core/project.ts';
import { openCachedProject } from './parse-cache.ts';

const KEY = Symbol.for('opsbook.projects');
type Cache = Map<string, Promise<Project>>;

function cache(): Cache {
  const g = globalThis as { [KEY]?: Cache };
  return (g[KEY] ??= new Map());
}

export function getProject(root: string): Promise<Project> {
  const projects = cache();
  let project = projects.get(root);
  if (!project) {
    project = openCachedProject(root);
    projects.set(root, project);
  }
  return project;
}

const lastChange = new Map<string, string>();

/**
 * Forget the cached project (a content file changed in `astro dev`). Every
 * collection's loader hears the same file event: `change` names it (the
 * path and its modification time), so the first loader rebuilds the project
 * and the others share it, while the next save, however soon, is a new change.
 */
export function invalidateProject(root: string, change: string): boolean {
  if (lastChange.get(root) === change) return false;
  lastChange.set(root, change);
  cache().delete(root);
  return true;
}
