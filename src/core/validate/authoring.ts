/**
 * Authoring rules on one document: text a person has not finished writing.
 * A summary of several sentences where the kind asks for one, and lines
 * still holding the `npm run new` template's placeholder text.
 */
import type { Kind } from '../../model/index.ts';
import type { Diagnostic } from '../diagnostics/diagnostics.ts';
import type { ContentDocument } from '../load/load.ts';

const templateLines = new WeakMap<Kind, Set<string>>();

/** The prose lines of a kind's `npm run new` template (not headings, comments or blank lines): placeholders an author must replace. */
export function templatePlaceholders(kind: Kind): Set<string> {
  let lines = templateLines.get(kind);
  if (!lines) {
    const answers = Object.fromEntries(kind.template.fields.map((f) => [f.name, f.choices?.[0] ?? '\u0000']));
    let text = '';
    try {
      text = kind.template.render({ id: 'placeholder', answers, today: '2000-01-01' });
    } catch {
      // A template that cannot render without real answers has no fixed placeholders to look for.
    }
    const body = kind.format === 'markdown' ? text.replace(/^---\n[\s\S]*?\n---\n/, '') : '';
    // Task items are left out: "- [ ] The alert has cleared." is what a written document says too.
    lines = new Set(body.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#') && !l.startsWith('<!--') && !/^[-*] \[[ xX]\]/.test(l) && !l.includes('\u0000')));
    templateLines.set(kind, lines);
  }
  return lines;
}

/** A line left as the template wrote it: the document is not written yet, whatever its lastReviewed says. */
function checkTemplateText(kind: Kind, doc: ContentDocument, out: Diagnostic[]): void {
  const placeholders = templatePlaceholders(kind);
  if (!placeholders.size || !doc.body) return;
  doc.bodyText!.split('\n').forEach((line, i) => {
    if (placeholders.has(line.trim())) {
      out.push({ file: doc.file, line: doc.body!.firstLine + i, column: 1, severity: 'warning', rule: 'body/template-text', message: `This line is still the template's placeholder: "${line.trim()}"`, hint: `Write what on-call needs here; until then the ${kind.noun} does not count as reviewed (audit/template-text).` });
    }
  });
}

/** Abbreviations whose full stop does not end a sentence. */
const ABBREVIATIONS = /\b(?:e\.g|i\.e|etc|vs|approx|incl|no|nr|cf|min|max|ca|resp|dept|Dr|Mr|Mrs|Ms|St)\.(?=\s)/gi;

/** Sentences in a one-line text: a . ! or ? followed by a space and a capital letter or digit starts a new one. */
export function sentenceCount(text: string): number {
  const plain = text.replace(/`[^`]*`/g, 'code').replace(ABBREVIATIONS, 'abbr');
  return 1 + (plain.trim().match(/[.!?]["')\]]?\s+(?=["'(]?[A-Z0-9])/g)?.length ?? 0);
}

/** What an author left unfinished: a second sentence in a one-sentence summary, lines still holding the template. */
export function checkAuthoring(kind: Kind, doc: ContentDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (doc.data && kind.oneSentenceSummary && kind.summaryField) {
    const summary = doc.data[kind.summaryField];
    const count = typeof summary === 'string' ? sentenceCount(summary) : 1;
    if (count > 1) out.push({ file: doc.file, ...doc.yaml!.locate([kind.summaryField]), severity: 'warning', rule: 'schema/summary-sentences', message: `"${kind.summaryField}" has ${count} sentences; a ${kind.noun}'s summary is one`, hint: 'Keep the one sentence a reader needs in a search result; move the rest into the body.' });
  }
  if (doc.bodyText) checkTemplateText(kind, doc, out);
  return out;
}
