/**
 * The site's history, read once per project: git's commits for every
 * content file, and the catalogue changes that make documents drift. Pages,
 * the audit and /review/ all ask this module. Without usable history the
 * git parts are left out and that is said once, on stderr.
 */
import { validDocuments, type Project } from '../project.ts';
import { catalogueChanges, type CatalogueChange } from './catalogue.ts';
import { readGitHistory, type Commit, type GitHistory } from './git.ts';

export type { Commit, GitHistory } from './git.ts';
export type { CatalogueChange } from './catalogue.ts';

export interface SiteHistory {
  git: GitHistory;
  /** The last commit that touched a content file (`content/runbooks/x.md`), if it was ever committed. */
  lastCommit: (file: string) => Commit | undefined;
  /** Catalogue changes to dependencies, zone or owner, by service id, newest first (empty without history). */
  catalogue: () => Map<string, CatalogueChange[]>;
}

const cache = new WeakMap<Project, SiteHistory>();
const told = new Set<string>();

/** The one line said when there is no history. */
export function noHistoryNotice(reason: string): string {
  return `info: no git history (${reason}): catalogue drift, last-updated dates and earlier versions of procedures are left out.`;
}

export function historyOf(project: Project): SiteHistory {
  const known = cache.get(project);
  if (known) return known;
  const git = readGitHistory(project.root);
  if (!git.available && !told.has(project.root)) {
    told.add(project.root);
    process.stderr.write(`${noHistoryNotice(git.reason ?? 'unknown')}\n`);
  }
  let changes: Map<string, CatalogueChange[]> | undefined;
  const history: SiteHistory = {
    git,
    lastCommit: (file) => git.files.get(file)?.[0],
    catalogue: () => {
      if (changes) return changes;
      if (!git.available) return (changes = new Map());
      // Only commits after the earliest review can make anything drift.
      const reviewed = project.kinds.all.filter((k) => k.review).flatMap((k) => validDocuments(project, k.name));
      const since = reviewed.map((d) => d.data.lastReviewed).filter((d): d is string => typeof d === 'string').sort()[0];
      const files = new Map([...project.byId.services.values()].map((s) => [s.id, s.file]));
      return (changes = since ? catalogueChanges(git, files, since) : new Map());
    },
  };
  cache.set(project, history);
  return history;
}
