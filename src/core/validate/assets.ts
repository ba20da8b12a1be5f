/**
 * Which files kept beside documents the site publishes. A published file is
 * served from the site's own origin, so a file a browser would run as a page
 * or a script (HTML, XHTML, JavaScript, Flash…) would run with the site's
 * authority: those are refused. Everything else is decided by an allow-list
 * of what runbook repositories hold: images, PDFs, and text (configs, logs,
 * dumps, scripts offered for download), which a browser shows or downloads
 * but never runs. SVG and XML are read and published only when they hold no
 * script (see svg.ts). Text files are scanned for credentials, as documents
 * are.
 *
 * The rule, for the loader: a file is published if and only if checkAsset
 * returns no diagnostic for it. Every file that is not published has one
 * (an error, or the `assets/unknown-type` warning): nothing is dropped
 * silently.
 */
import { basename, extname } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostics.ts';
import type { RuleId } from '../diagnostics/rules.ts';
import { normaliseText } from '../load/source-file.ts';
import { findSecrets } from './secrets.ts';
import { findActiveContent } from './svg.ts';

export type AssetCategory = 'image' | 'svg' | 'xml' | 'document' | 'media' | 'archive' | 'text';

export interface AssetType {
  category: AssetCategory;
  /** The Content-Type to serve it with (the dev server; hosts choose their own by extension). */
  mime: string;
  /** Binary: never decoded, never scanned for credentials. */
  binary: boolean;
}

const TEXT = 'text/plain; charset=utf-8';
const type = (category: AssetCategory, mime: string, binary = category !== 'text' && category !== 'svg' && category !== 'xml'): AssetType => ({ category, mime, binary });

/** Published types, by lower-case extension. */
export const ASSET_TYPES: ReadonlyMap<string, AssetType> = new Map<string, AssetType>([
  ['.png', type('image', 'image/png')],
  ['.jpg', type('image', 'image/jpeg')],
  ['.jpeg', type('image', 'image/jpeg')],
  ['.gif', type('image', 'image/gif')],
  ['.webp', type('image', 'image/webp')],
  ['.avif', type('image', 'image/avif')],
  ['.ico', type('image', 'image/vnd.microsoft.icon')],
  ['.bmp', type('image', 'image/bmp')],
  ['.svg', type('svg', 'image/svg+xml')],
  ['.xml', type('xml', 'application/xml')],
  ['.xsd', type('xml', 'application/xml')],
  ['.plist', type('xml', 'application/xml')],
  ['.pdf', type('document', 'application/pdf')],
  ['.mp4', type('media', 'video/mp4')],
  ['.webm', type('media', 'video/webm')],
  ['.zip', type('archive', 'application/zip')],
  ['.gz', type('archive', 'application/gzip')],
  ['.tgz', type('archive', 'application/gzip')],
  ['.tar', type('archive', 'application/x-tar')],
  ['.bz2', type('archive', 'application/x-bzip2')],
  ['.xz', type('archive', 'application/x-xz')],
  ['.zst', type('archive', 'application/zstd')],
  ['.pcap', type('archive', 'application/vnd.tcpdump.pcap')],
  ['.pcapng', type('archive', 'application/vnd.tcpdump.pcap')],
  ['.json', type('text', 'application/json')],
  ['.csv', type('text', 'text/csv; charset=utf-8')],
  ...[
    // Notes, logs and data
    'txt', 'log', 'out', 'tsv', 'jsonl', 'ndjson', 'har', 'diff', 'patch', 'dump',
    // Configuration
    'yaml', 'yml', 'ini', 'conf', 'cfg', 'cnf', 'properties', 'env', 'toml', 'service', 'timer', 'socket', 'rules', 'cron', 'vcl', 'j2', 'tpl', 'tmpl',
    // Infrastructure as code and queries
    'tf', 'tfvars', 'hcl', 'nomad', 'rego', 'sql', 'promql', 'cypher',
    // Scripts offered for download (served as text: a browser never runs them)
    'sh', 'bash', 'zsh', 'fish', 'ps1', 'bat', 'cmd', 'py', 'rb', 'pl', 'lua', 'go', 'awk',
    // Certificates and public keys (a private key is a credential, and is found as one)
    'pem', 'crt', 'cer', 'csr', 'pub',
  ].map((ext) => [`.${ext}`, type('text', TEXT)] as const),
]);

/** Files without an extension that runbook repositories hold, by exact name. */
const TEXT_NAMES = new Set(['Dockerfile', 'Containerfile', 'Makefile', 'Jenkinsfile', 'Vagrantfile', 'Procfile', 'Caddyfile', 'Brewfile', 'Justfile', 'README', 'LICENSE']);

const PAGE = 'Write it as a Markdown document, or link to where it is hosted.';
const DOWNLOAD = (file: string) => `To offer it for download, rename it to ${basename(file)}.txt: a text file is served as text and never runs.`;

interface Forbidden {
  what: string;
  hint: (file: string) => string;
}
const forbid = (exts: readonly string[], what: string, hint: (file: string) => string): [string, Forbidden][] => exts.map((ext) => [ext, { what, hint }]);

/** Types a browser runs as a page or a script: refused, with what they are. */
export const FORBIDDEN_TYPES: ReadonlyMap<string, Forbidden> = new Map<string, Forbidden>([
  ...forbid(['.html', '.htm', '.xhtml', '.xht', '.shtml', '.shtm', '.mht', '.mhtml', '.hta', '.htc'], 'a web page', () => PAGE),
  ...forbid(['.xsl', '.xslt', '.xbl', '.xul', '.rss', '.atom', '.rdf'], 'an XML document a browser renders with its own scripts or styles', DOWNLOAD),
  ...forbid(['.svgz'], 'a compressed SVG, which cannot be checked', () => 'Publish the uncompressed .svg instead; it is checked for script.'),
  ...forbid(['.js', '.mjs', '.cjs', '.jsx', '.wasm'], 'a script a page of the site could load and run', DOWNLOAD),
  ...forbid(['.swf', '.spl', '.jar', '.class', '.xap'], 'a browser plug-in program', () => 'Remove it; plug-in content is never published.'),
]);

/** How a file beside documents is published, or undefined when its type is not published. */
export function assetType(file: string): AssetType | undefined {
  const ext = extname(file).toLowerCase();
  if (ext === '' && TEXT_NAMES.has(basename(file))) return type('text', TEXT);
  return ASSET_TYPES.get(ext);
}

function diagnostic(file: string, rule: RuleId, message: string, hint: string, where: { line: number; column: number } = { line: 0, column: 0 }, severity: 'error' | 'warning' = 'error'): Diagnostic {
  return { file, ...where, severity, rule, message, hint };
}

/** A file is binary when its type says so, or when it holds a NUL byte (as git decides). */
function isBinary(file: string, bytes: Buffer): boolean {
  return assetType(file)?.binary === true || bytes.includes(0);
}

/**
 * Credentials in a file beside documents (`secrets/credential`, as in
 * documents): every line of a text file, decoded as UTF-8 (a BOM and CRLF
 * are fine; bytes that are not UTF-8 do not hide the ASCII around them).
 * Binary files (by type, or holding a NUL byte) are not scanned. Files of
 * any type are scanned, published or not: they are in the repository either
 * way. Already part of checkAsset.
 */
export function findAssetSecrets(file: string, bytes: Buffer): Diagnostic[] {
  if (isBinary(file, bytes)) return [];
  return findSecrets(file, normaliseText(bytes.toString('utf8')));
}

export interface AssetCheck {
  /** Problems with the file; empty when it is published. */
  diagnostics: Diagnostic[];
  /** The bytes to publish, unchanged; undefined when the file is not published. */
  publish: Buffer | undefined;
  /** Its type, when the site publishes files of that type. */
  type: AssetType | undefined;
}

/**
 * The whole check of one file beside documents: its type, its content for
 * SVG and XML, and credentials. `file` is the path relative to the project
 * root (it names the file in diagnostics and gives the type), `bytes` its
 * content. Pure: reads nothing, writes nothing.
 *
 * - a type a browser would run (.html, .js, .swf…): `assets/forbidden`, error;
 * - SVG with script, event handlers, foreignObject, javascript: URLs or
 *   references to other hosts: `assets/unsafe-svg`, error, naming each
 *   thing and its line;
 * - XML a browser would render with script (HTML, SVG or MathML namespaces
 *   inside, `<?xml-stylesheet?>`, a DTD internal subset): `assets/forbidden`;
 * - any other type not in ASSET_TYPES: `assets/unknown-type`, a warning; the
 *   file is not published;
 * - a credential in a text file: `secrets/credential`, error.
 *
 * The file is published (`publish` set) only when there is no diagnostic.
 */
export function checkAsset(file: string, bytes: Buffer): AssetCheck {
  const diagnostics: Diagnostic[] = [];
  const ext = extname(file).toLowerCase();
  const forbidden = FORBIDDEN_TYPES.get(ext);
  const kind = assetType(file);
  if (forbidden) {
    diagnostics.push(diagnostic(file, 'assets/forbidden', `${ext} files are not published: this is ${forbidden.what}, and served from the site it would run with the site's authority`, forbidden.hint(file)));
  } else if (!kind) {
    diagnostics.push(
      diagnostic(
        file,
        'assets/unknown-type',
        `This file is not published: the site does not serve ${ext ? `${ext} files` : 'files without an extension'}`,
        `Images, PDFs, SVG and text files (configs, logs, scripts) are published; rename it to ${basename(file)}.txt to offer it as text, or move it out of content/.`,
        undefined,
        'warning',
      ),
    );
  } else if (kind.category === 'svg' || kind.category === 'xml') {
    const text = normaliseText(bytes.toString('utf8'));
    const found = findActiveContent(text, kind.category);
    for (const item of found) {
      diagnostics.push(
        kind.category === 'svg'
          ? diagnostic(
              file,
              'assets/unsafe-svg',
              item.kind === 'script' ? `This SVG holds ${item.what}, which can run script when the file is opened from the site` : `This SVG loads ${item.what} from another host`,
              item.kind === 'script' ? 'Remove it (export the drawing as plain SVG, or as PNG); SVG files are published only without script.' : 'Embed what it needs in the file, or keep it beside the SVG and refer to it by a relative path.',
              item,
            )
          : diagnostic(file, 'assets/forbidden', `This XML file holds ${item.what}, which can run script when the file is opened from the site`, DOWNLOAD(file), item),
      );
    }
  }
  diagnostics.push(...findAssetSecrets(file, bytes));
  return { diagnostics, publish: diagnostics.length === 0 ? bytes : undefined, type: kind };
}
