/**
 * Checks the Mermaid diagrams authors write (```mermaid blocks): the syntax,
 * with Mermaid's own parser, and the safety rules. Authored diagrams run at
 * Mermaid's strict security level, so click callbacks, scripts and raw HTML
 * are errors, and so is an %%{init}%% directive that tries to loosen it.
 */
import { walk } from '../../markdown/walk.ts';
import type { Diagnostic } from '../diagnostics/diagnostics.ts';
import type { RuleId } from '../diagnostics/rules.ts';
import type { ContentDocument } from '../load/load.ts';
import type { ParseCache } from '../load/markdown.ts';
import { DANGEROUS_TAGS, isUnsafeUrl, scanMarkup, shown, URL_ATTRIBUTES } from './safety.ts';

export interface MermaidBlock {
  doc: ContentDocument;
  source: string;
  /** Line of the opening fence in the file. */
  line: number;
}

export function mermaidBlocks(documents: readonly ContentDocument[]): MermaidBlock[] {
  const blocks: MermaidBlock[] = [];
  for (const doc of documents) {
    if (!doc.body) continue;
    walk(doc.body.mdast, (node) => {
      if (node.type === 'code' && node.lang?.toLowerCase() === 'mermaid') blocks.push({ doc, source: node.value, line: node.position?.start.line ?? doc.body!.firstLine });
    });
  }
  return blocks;
}

/** Settings an %%{init}%% may not touch: they loosen what a diagram can do. */
const LOOSENING_SETTINGS = /\b(securityLevel|secure|dompurifyConfig|htmlLabels|startOnLoad|maxTextSize|maxEdges|arrowMarkerAbsolute|legacyMathML)\b/;
/** Tags in a label that run script, load content or escape the label (any other tag is checked by its attributes). */
const ACTIVE_TAGS = new Set([...DANGEROUS_TAGS, 'foreignobject', 'handler', 'listener']);

/**
 * Active HTML in one diagram: the tags its labels hold (`A["<script>…"]`,
 * `A[<img src=x onerror=…>]`), read as HTML, with Mermaid's own entity
 * codes (`#60;`, `#lt;`) decoded as Mermaid decodes them. Words in labels are
 * text: `A[only = one]` holds no tag. Returns the 1-based line in `source`
 * of each finding.
 */
export function activeMarkup(source: string): { line: number; what: string }[] {
  const found: { line: number; what: string }[] = [];
  // Mermaid turns #name; and #123; into HTML character references before it draws a label; read the text both ways.
  const decoded = source.replace(/#([a-zA-Z][a-zA-Z0-9]*|\d+);/g, (_, code: string) => (/^\d/.test(code) ? `&#${code};` : `&${code};`));
  const tags = [source, ...(decoded === source ? [] : [decoded])].flatMap((text) => scanMarkup(text, 'html').tags);
  for (const tag of tags) {
    const local = tag.name.slice(tag.name.lastIndexOf(':') + 1);
    if (ACTIVE_TAGS.has(local)) found.push({ line: tag.line, what: `<${tag.name}>` });
    for (const attribute of tag.attributes) {
      const name = attribute.name.slice(attribute.name.lastIndexOf(':') + 1);
      if (/^on[a-z]/.test(name)) found.push({ line: attribute.line, what: `${attribute.name}=` });
      // A URL attribute, or an SVG animation that sets one (<set attributeName="href" to="javascript:…">).
      else if (isUnsafeUrl(attribute.value) && (URL_ATTRIBUTES.has(attribute.name) || URL_ATTRIBUTES.has(name) || /^(values|to|from|by)$/.test(name))) found.push({ line: attribute.line, what: `${attribute.name}="${shown(attribute.value)}"` });
    }
  }
  return found.filter((f, i) => found.findIndex((g) => g.line === f.line && g.what === f.what) === i);
}

/** Safety rules, line by line; positions are file lines (the file is only named in the messages). */
function checkSafety(block: Pick<MermaidBlock, 'source' | 'line'> & { doc: Pick<ContentDocument, 'file'> }): Diagnostic[] {
  const out: Diagnostic[] = [];
  const active = new Set(activeMarkup(block.source).map((f) => f.line));
  block.source.split('\n').forEach((text, i) => {
    const line = block.line + 1 + i;
    const report = (rule: RuleId, message: string, hint: string) => out.push({ file: block.doc.file, line, column: 1, severity: 'error', rule, message, hint });
    if (/^\s*click\s/i.test(text)) {
      report('mermaid/click', 'Mermaid "click" callbacks and links are not allowed in authored diagrams', 'Remove the click line; link to pages in the text around the diagram instead.');
    }
    const init = /%%\s*\{\s*(init|initialize)\b([\s\S]*)\}\s*%%/.exec(text);
    if (init && LOOSENING_SETTINGS.test(init[2]!)) {
      report('mermaid/init', `This %%{init}%% changes ${LOOSENING_SETTINGS.exec(init[2]!)![1]}, which would loosen Mermaid's strict security level`, 'Remove that setting; diagrams always render at the strict level.');
    }
    if (active.has(i + 1)) {
      report('mermaid/html', 'This diagram line holds script or active HTML', 'Use plain text in labels; Mermaid shows HTML as text at the strict level.');
    }
  });
  return out;
}

interface MermaidApi {
  parse(text: string): Promise<unknown>;
}

let mermaid: Promise<MermaidApi> | undefined;

/** Mermaid's parser needs a DOM; happy-dom gives it one in Node. Loaded only when a diagram exists. */
async function loadMermaid(): Promise<MermaidApi> {
  mermaid ??= (async () => {
    const g = globalThis as { window?: unknown; document?: unknown };
    if (!g.document) {
      const { Window } = await import('happy-dom');
      const window = new Window();
      g.window = window;
      g.document = window.document;
    }
    const module = (await import('mermaid')) as { default: MermaidApi & { initialize(config: object): void } };
    module.default.initialize({ startOnLoad: false, securityLevel: 'strict' });
    return module.default;
  })();
  return mermaid;
}

/** Mermaid's message, first line, without its ASCII-art pointer. */
function parseMessage(error: unknown): { text: string; line?: number; column?: number } {
  const raw = error instanceof Error ? error.message : String(error);
  const at = /line (\d+)(?:, column (\d+))?/i.exec(raw);
  const lines = raw.split('\n').map((l) => l.trim()).filter(Boolean);
  const expecting = lines.find((l) => /^Expecting|Expecting token/.test(l) || /Expecting/.test(l));
  const text = (expecting ?? lines[0] ?? 'syntax error').replace(/^Parsing failed:\s*/, '').replace(/^Parse error on line \d+(, column \d+)?:\s*/, '');
  return { text, ...(at ? { line: Number(at[1]) } : {}), ...(at?.[2] ? { column: Number(at[2]) } : {}) };
}

/** Verdicts kept between runs (the parse cache): a run whose diagrams were all seen before loads no Mermaid. */
type KeptVerdicts = Pick<ParseCache, 'verdict' | 'setVerdict'>;

/** Mermaid's verdict on each source of a run: documents often repeat a diagram (a template's, a shared flow), and a parse is the dear part. */
export type Verdicts = Map<string, Promise<unknown>>;

function parseError(source: string, verdicts: Verdicts, kept?: KeptVerdicts): Promise<unknown> {
  let verdict = verdicts.get(source);
  if (!verdict) {
    const known = kept?.verdict?.(source);
    verdict =
      known !== undefined
        ? Promise.resolve(known === null ? undefined : new Error(known))
        : loadMermaid()
            .then((api) => api.parse(source))
            .then(
              () => undefined,
              (error: unknown) => error ?? new Error('syntax error'),
            )
            .then((error) => {
              kept?.setVerdict?.(source, error === undefined ? null : error instanceof Error ? error.message : String(error));
              return error;
            });
    verdicts.set(source, verdict);
  }
  return verdict;
}

async function checkSyntax(block: MermaidBlock, verdicts: Verdicts, kept?: KeptVerdicts): Promise<Diagnostic[]> {
  const error = await parseError(block.source, verdicts, kept);
  if (error === undefined) return [];
  const { text, line, column } = parseMessage(error);
  const lines = block.source.split('\n').length;
  const within = Math.min(Math.max(line ?? 1, 1), lines);
  return [
    {
      file: block.doc.file,
      line: block.line + within,
      column: column ?? 1,
      severity: 'error',
      rule: 'mermaid/syntax',
      message: `This Mermaid diagram cannot be parsed: ${text}`,
      hint: 'Check the diagram in the Mermaid live editor or against the Mermaid docs; a diagram that cannot be parsed would render as nothing.',
    },
  ];
}

/**
 * The sources of the Mermaid blocks fenced at the margin of some bodies (what
 * their trees' code blocks will hold), read from the text before it is parsed.
 */
export function fencedMermaid(text: string): string[] {
  const sources: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})[ \t]*mermaid(?:[ \t]|$)/i.exec(lines[i]!);
    if (!open || (open[1]![0] === '`' && lines[i]!.slice(open[1]!.length).includes('`'))) continue;
    const close = new RegExp(`^${open[1]![0] === '`' ? '`' : '~'}{${open[1]!.length},}[ \\t]*$`);
    const start = ++i;
    while (i < lines.length && !close.test(lines[i]!)) i++;
    sources.push(lines.slice(start, i).join('\n'));
  }
  return sources;
}

/**
 * Mermaid's verdicts on the diagrams of some bodies, worked out while their
 * trees are still being parsed on other threads (the main thread waits for
 * them a third of that time): at 10,000 documents, loading Mermaid and
 * parsing 152 diagrams took the last second of a cold check, on one core;
 * ahead, the check took about 0.3 s less (the parse keeps both cores busy).
 * A source the trees do not hold costs only its parse; one they hold that
 * was missed here is parsed by checkDiagrams. Unsafe sources are left to it.
 * `parsed` tells how many were parsed here, once all are.
 */
export function verdictsAhead(texts: Iterable<string | undefined>, kept?: KeptVerdicts): { verdicts: Verdicts; parsed: Promise<number> } {
  const verdicts: Verdicts = new Map();
  const todo = new Set<string>();
  for (const text of texts) if (text?.includes('mermaid')) for (const source of fencedMermaid(text)) if (kept?.verdict?.(source) === undefined) todo.add(source);
  const parsed = (async () => {
    let count = 0;
    for (const source of todo) {
      if (verdicts.has(source) || checkSafety({ doc: { file: '' }, source, line: 0 }).length) continue;
      // One at a time, each after a turn of the event loop: the trees coming back are handled in between.
      await new Promise((resolve) => setImmediate(resolve));
      await parseError(source, verdicts, kept);
      count++;
    }
    return count;
  })();
  return { verdicts, parsed };
}

/** Every problem in every authored diagram; `kept` holds Mermaid's verdicts of earlier runs, `ahead` those verdictsAhead is working out. */
export async function checkDiagrams(documents: readonly ContentDocument[], kept?: KeptVerdicts, ahead?: Verdicts): Promise<Diagnostic[]> {
  const blocks = mermaidBlocks(documents);
  if (blocks.length === 0) return [];
  const out: Diagnostic[] = [];
  const verdicts: Verdicts = ahead ?? new Map();
  for (const block of blocks) {
    const safety = checkSafety(block);
    out.push(...safety);
    if (safety.length === 0) out.push(...(await checkSyntax(block, verdicts, kept)));
  }
  return out;
}
