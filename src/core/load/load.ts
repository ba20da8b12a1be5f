/**
 * Phase one: find every file under content/<collection>/, read it, parse its
 * YAML and Markdown, and validate it on its own (schema, body structure).
 * Nothing here throws for bad content: every problem is a Diagnostic, and an
 * invalid document is kept (with `data` undefined) so later phases still see it.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { BuiltinKindName, Kind, KindData } from '../../model/index.ts';
import { checkBody } from '../validate/body-rules.ts';
import { checkAuthoring } from '../validate/authoring.ts';
import { dropTitleHeading } from '../../markdown/remark-title-heading.ts';
import type { ResolvedConfig } from '../config.ts';
import type { Diagnostic } from '../diagnostics/diagnostics.ts';
import { parseBody, type MarkdownBody, type ParseCache, type ParsedBody } from './markdown.ts';
import { normaliseText, splitFrontmatter } from './source-file.ts';
import { parseYaml, type YamlSource } from './yaml.ts';
import { issuesToDiagnostics } from '../diagnostics/zod-issues.ts';

/** One file of a collection, as loaded: validated data (typed by kind), YAML positions, the parsed body. */
export interface ContentDocument<Data = Record<string, unknown>> {
  /** The kind's name, e.g. "runbooks". */
  collection: string;
  /** Path inside the collection folder, without extension, lower-case, NFC. */
  id: string;
  /** Path relative to the project root, forward slashes. */
  file: string;
  /** .md, .mdx, .yaml or .yml */
  ext: string;
  /** Validated frontmatter or catalogue entry (defaults applied); undefined when invalid. */
  data: Data | undefined;
  /** The YAML as parsed, before validation (undefined when it could not be parsed). */
  raw: Record<string, unknown> | undefined;
  yaml: YamlSource | undefined;
  /** Markdown documents only. */
  body: ParsedBody | undefined;
  /** The body text as written (Markdown documents only). */
  bodyText: string | undefined;
  /** The whole file as text (BOM removed, line ends normalised). */
  source: string;
}

/** A document of a built-in kind, its data typed by the kind's schema. */
export type DocumentOf<K extends BuiltinKindName> = ContentDocument<KindData[K]> & { collection: K };

/** Files beside documents that are published as assets rather than read as documents. */
export interface AssetFile {
  collection: string;
  file: string;
  /** Whether the site publishes it: its type is allowed and its content safe (see validate/assets.ts). */
  publish?: boolean;
}

export interface LoadedContent {
  documents: ContentDocument[];
  assets: AssetFile[];
  diagnostics: Diagnostic[];
}

const MARKDOWN_LOOKALIKES = new Set(['.markdown', '.mdown', '.mkd', '.txt']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A `.txt` or `.markdown` file that starts with frontmatter is a misnamed document, not an attachment. */
function looksLikeDocument(absPath: string): boolean {
  try {
    return /^\uFEFF?---\r?\n/.test(readFileSync(absPath).subarray(0, 8).toString('utf8'));
  } catch {
    return true;
  }
}

/** A path with forward slashes, as diagnostics and ids use. */
export function toPosix(path: string): string {
  return path.split(sep).join('/');
}

function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** The id of a file: its path inside the collection, without extension, lower-case and NFC. */
export function documentId(pathInCollection: string): string {
  const posix = toPosix(pathInCollection);
  return posix.slice(0, posix.length - extname(posix).length).normalize('NFC').toLowerCase();
}

/**
 * Files under a collection folder. A symbolic link is followed only when it
 * stays inside content/; one that leads elsewhere (or nowhere) is an error,
 * since it could publish any file of the machine that builds the site.
 */
function listFiles(dir: string, contentRoot: string, root: string, out: Diagnostic[]): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      if (entry.name.startsWith('.')) return [];
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return listFiles(path, contentRoot, root, out);
      if (entry.isSymbolicLink()) {
        const file = toPosix(relative(root, path));
        let target: string;
        try {
          target = realpathSync(path);
        } catch {
          out.push({ file, line: 0, column: 0, severity: 'error', rule: 'file/symlink', message: 'This symbolic link leads nowhere', hint: 'Remove it, or point it at a file inside content/.' });
          return [];
        }
        if (!target.startsWith(contentRoot + sep)) {
          out.push({ file, line: 0, column: 0, severity: 'error', rule: 'file/symlink', message: 'This symbolic link leads outside content/', hint: 'Copy the file into content/ instead; links out of it are not followed.' });
          return [];
        }
        return statSync(path).isDirectory() ? listFiles(path, contentRoot, root, out) : [path];
      }
      return entry.isFile() ? [path] : [];
    });
}

function readText(absPath: string, file: string, out: Diagnostic[]): string | undefined {
  try {
    return normaliseText(utf8.decode(readFileSync(absPath)));
  } catch (error) {
    const invalid = error instanceof TypeError;
    out.push({
      file,
      line: 0,
      column: 0,
      severity: 'error',
      rule: invalid ? 'file/encoding' : 'file/unreadable',
      message: invalid ? 'This file is not valid UTF-8' : `This file cannot be read: ${(error as Error).message}`,
      hint: invalid ? 'Save it as UTF-8 (most editors have an "encoding" setting).' : undefined,
    });
    return undefined;
  }
}

/**
 * Parses and validates one document from its text. `pathInCollection` is the
 * file's path inside content/<collection>/ (it gives the id and extension).
 */
export function parseDocument(spec: Kind, pathInCollection: string, text: string, config: ResolvedConfig, out: Diagnostic[], cache?: ParseCache): ContentDocument {
  const file = `content/${spec.name}/${toPosix(pathInCollection)}`;
  const ext = extname(pathInCollection).toLowerCase();
  text = normaliseText(text);
  const doc: ContentDocument = { collection: spec.name, id: documentId(pathInCollection), file, ext, data: undefined, raw: undefined, yaml: undefined, body: undefined, bodyText: undefined, source: text };
  if (text.trim() === '') {
    out.push({ file, line: 1, column: 1, severity: 'error', rule: 'file/empty', message: `This ${spec.noun} is empty`, hint: `Write the ${spec.noun}'s fields, or delete the file.` });
    return doc;
  }

  let yamlText = text;
  let yamlLine = 1;
  if (spec.format === 'markdown') {
    const split = splitFrontmatter(text, file, spec.noun, out);
    yamlText = split.frontmatter;
    yamlLine = split.frontmatterLine;
    doc.bodyText = split.body;
    doc.body = parseBody(split.body, { file, mdx: ext === '.mdx', firstLine: split.bodyLine, cache }, out);
    if (!split.hasFrontmatter) return doc;
  }

  const yaml = parseYaml(yamlText, file, yamlLine, out, cache);
  doc.yaml = yaml;
  if (yaml.fatal || yaml.structural) return doc;
  const raw = yaml.data ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    out.push({ file, line: yamlLine, column: 1, severity: 'error', rule: 'schema/type', message: `The ${spec.noun}'s fields must be a YAML mapping (key: value lines), not ${Array.isArray(raw) ? 'a list' : 'a single value'}`, hint: 'Write one "field: value" per line.' });
    return doc;
  }
  doc.raw = raw as Record<string, unknown>;
  const result = spec.schema.safeParse(raw);
  if (result.success) doc.data = result.data as Record<string, unknown>;
  else out.push(...issuesToDiagnostics(result.error.issues, { file, noun: spec.noun, yaml, data: raw, schema: spec.schema }));

  // A first `# Title` equal to the title is not shown twice (the page prints the title).
  if (doc.data && doc.body && spec.titleField) dropTitleHeading(doc.body.mdast, doc.data[spec.titleField]);
  out.push(...checkAuthoring(spec, doc));
  const rules = config.sections[spec.name];
  if (doc.body && rules) out.push(...checkBody(doc.body, { file, noun: spec.noun, rules, ordered: spec.orderedSections, data: doc.raw }));
  return doc;
}

/** Every file under content/, read once: each document's text (undefined when unreadable) and the files beside them. */
export interface ContentFiles {
  documents: { spec: Kind; pathInCollection: string; text: string | undefined }[];
  assets: AssetFile[];
  /** Problems with the files themselves: unreadable, not UTF-8, ignored, a symbolic link that leads out. */
  diagnostics: Diagnostic[];
}

/** Finds and reads every file of every collection under `<root>/content`. */
export function readContent(root: string, config: ResolvedConfig): ContentFiles {
  const files: ContentFiles = { documents: [], assets: [], diagnostics: [] };
  const { diagnostics } = files;
  for (const spec of config.kinds.all) {
    const dir = join(root, 'content', spec.name);
    const contentRoot = realpathOr(join(root, 'content'));
    for (const absPath of listFiles(dir, contentRoot, root, diagnostics)) {
      const ext = extname(absPath).toLowerCase();
      const file = toPosix(relative(root, absPath));
      if (spec.extensions.includes(ext)) {
        files.documents.push({ spec, pathInCollection: relative(dir, absPath), text: readText(absPath, file, diagnostics) });
      } else if (spec.format === 'markdown' && (!MARKDOWN_LOOKALIKES.has(ext) || !looksLikeDocument(absPath))) {
        files.assets.push({ collection: spec.name, file });
      } else {
        diagnostics.push({
          file,
          line: 0,
          column: 0,
          severity: 'warning',
          rule: 'file/ignored',
          message: `This file is not read: ${spec.name} are ${spec.extensions.join(' or ')} files`,
          hint: `Rename it to ${spec.extensions[0]} if it is a ${spec.noun}, or move it out of content/${spec.name}/.`,
        });
      }
    }
  }
  return files;
}

/**
 * The body of each document of `files`, in order, split from its frontmatter
 * as parseDocument splits it (undefined for all but `.md` documents), so a
 * parse cache can parse them ahead on other threads. Problems are left for
 * loadContent to report.
 */
export function markdownBodies(files: ContentFiles): (MarkdownBody | undefined)[] {
  return files.documents.map(({ spec, pathInCollection, text }) => {
    if (spec.format !== 'markdown' || extname(pathInCollection).toLowerCase() !== '.md' || !text?.trim()) return undefined;
    const split = splitFrontmatter(normaliseText(text), '', spec.noun, []);
    return { text: split.body, firstLine: split.bodyLine };
  });
}

/** Parses and validates every document of `files` (read from `<root>/content` when not given); `cache` gives trees parsed by earlier runs. */
export function loadContent(root: string, config: ResolvedConfig, cache?: ParseCache, files: ContentFiles = readContent(root, config)): LoadedContent {
  const diagnostics = [...files.diagnostics];
  const documents = files.documents.map((file) => loadOne(file, config, diagnostics, cache));
  return { documents, assets: files.assets, diagnostics };
}

function loadOne({ spec, pathInCollection, text }: ContentFiles['documents'][number], config: ResolvedConfig, diagnostics: Diagnostic[], cache?: ParseCache): ContentDocument {
  return text === undefined ? parseDocument(spec, pathInCollection, '', config, []) : parseDocument(spec, pathInCollection, text, config, diagnostics, cache);
}

/** Documents validated between two looks at the event loop, where the workers' batches come back and are handed out. */
const YIELD_EVERY = 32;

/**
 * loadContent while the cache parses `bodies` (markdownBodies of `files`) on
 * other threads (ParseCache.warm): each document is validated as soon as its
 * body is back, in order, so the frontmatter, schema and body checks of the
 * first documents run while the last are parsed (10,000 documents: they took
 * 8 s after the 13 s parse). The same documents and problems, in the same
 * order, as loadContent.
 */
export async function loadContentAhead(config: ResolvedConfig, cache: ParseCache, files: ContentFiles, bodies: readonly (MarkdownBody | undefined)[]): Promise<LoadedContent> {
  const diagnostics = [...files.diagnostics];
  const documents: ContentDocument[] = [];
  for (const [i, file] of files.documents.entries()) {
    const body = bodies[i];
    const coming = body && cache.parsing?.(body.text, body.firstLine);
    if (coming) await coming;
    else if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
    documents.push(loadOne(file, config, diagnostics, cache));
  }
  return { documents, assets: files.assets, diagnostics };
}
