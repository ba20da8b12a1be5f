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

const lastInvalidated = new Map<string, number>();

/**
 * Forget the cached project (a content file changed in `astro dev`). Every
 * collection's loader hears the same file event; the first one to call this
 * within a short window rebuilds the project, the others share it.
 */
export function invalidateProject(root: string, now = Date.now()): void {
  if (now - (lastInvalidated.get(root) ?? 0) < 250) return;
  lastInvalidated.set(root, now);
  cache().delete(root);
}
