/**
 * The pages an `astro build` log lists, and whether each was reused from the
 * last build. With build.concurrency above 1 the page lines run together and
 * a rendered page's time can come later, but a reused page's "(cached)" or
 * "(restored)" always follows its path at once.
 */
export function builtPages(log: string): { path: string; reused: boolean }[] {
  // A path ends at white space or where the next line's time ("18:51:58") runs on.
  return [...log.matchAll(/├─ (\/\S*?)(?=\s|\d\d:\d\d:\d\d|$)( \((?:cached|restored)\))?/g)].map((m) => ({ path: m[1]!, reused: m[2] !== undefined }));
}
