/**
 * What a page needs to be read offline, read from its HTML: the same-origin
 * files it uses (stylesheets, scripts, images), the files beside documents it
 * links (attachments), and the pages on-call opens from it (the team, service
 * and incident kit pages linked in its on-call card, and kit pages linked
 * anywhere).
 *
 * One function for both sides: the build uses it to put a runbook's bundle in
 * the up-front set, and the service worker (which gets this function's own
 * source) uses it to save the same bundle when a page is visited. It must stay
 * self-contained: no imports, nothing from outside its body.
 */
export function offlineLinks(html: string, pageUrl: string, base: string): { files: string[]; attachments: string[]; pages: string[] } {
  const page = new URL(pageUrl);
  const root = base.replace(/\/?$/, '/');
  const files = new Set<string>();
  const attachments = new Set<string>();
  const pages = new Set<string>();
  const local = (raw: string): string | undefined => {
    try {
      const url = new URL(raw.replace(/&amp;/g, '&'), page);
      return url.origin === page.origin && url.pathname.startsWith(root) ? url.pathname : undefined;
    } catch {
      return undefined;
    }
  };
  const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)?.slice(1).find((v) => v !== undefined);
  // Pages on-call opens from here: under <base>teams/<id>/, services/<id>/ and services/<id>/kit/.
  const onCallPage = new RegExp(`^${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:teams/[^/]+/|services/[^/]+/(?:kit/)?)$`);
  const kitPage = /\/services\/[^/]+\/kit\/$/;
  for (const [tag] of html.matchAll(/<(?:img|script|link|source)\b[^>]*>/gi)) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('<link') && !/\srel\s*=\s*["']?(?:stylesheet|icon|apple-touch-icon|modulepreload|manifest)/.test(lower)) continue;
    const path = local(attr(tag, lower.startsWith('<link') ? 'href' : 'src') ?? '');
    if (path) files.add(path);
  }
  const cardStart = html.search(/<section\b[^>]*\sclass\s*=\s*["'][^"']*\boncall-card\b/i);
  const cardEnd = cardStart < 0 ? -1 : html.indexOf('</section>', cardStart);
  for (const match of html.matchAll(/<a\b[^>]*>/gi)) {
    const raw = attr(match[0], 'href');
    if (!raw || raw.startsWith('#')) continue;
    const path = local(raw.replace(/[?#].*$/, ''));
    if (!path) continue;
    const inCard = match.index >= cardStart && match.index < cardEnd;
    if ((inCard && onCallPage.test(path)) || kitPage.test(path)) pages.add(path);
    // A file beside a document (an attachment): a last segment with an extension, below the site's root.
    else if (/\/[^/]+\.(?!html?$)[A-Za-z0-9]+$/.test(path) && path.slice(root.length).includes('/')) attachments.add(path);
  }
  return { files: [...files], attachments: [...attachments], pages: [...pages] };
}
