/**
 * Where a search index written in parts lists its parts after the first
 * (folders relative to the site's base): written by the build
 * (src/lib/search-index.ts), read by the reader's browser (pagefind.ts) and
 * kept by the offline worker (src/lib/offline/upfront.ts).
 */
export const PARTS_FILE = 'pagefind/opsbook-parts.json';
