/**
 * One Project per build. The Astro integration, the content loaders and the
 * pages run in one process but through different module graphs (Node's and
 * Vite's), so the cache lives on globalThis, not in a module variable.
 */
import { openProject, type Project } from '../core/project.ts';

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
    project = openProject(root);
    projects.set(root, project);
  }
  return project;
}

/** Forget the cached project (a content file changed in `astro dev`). */
export function invalidateProject(root: string): void {
  cache().delete(root);
}
