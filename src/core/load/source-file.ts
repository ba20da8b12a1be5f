/**
 * Splits a Markdown document into frontmatter and body, tolerating a BOM and
 * CRLF line ends, and remembers where each part starts in the file.
 */
import type { Diagnostic } from '../diagnostics/diagnostics.ts';

export interface SplitDocument {
  /** The YAML between the `---` fences ('' when absent). */
  frontmatter: string;
  /** 1-based line of the first YAML line. */
  frontmatterLine: number;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
  hasFrontmatter: boolean;
}

/** Removes a byte-order mark and turns CRLF/CR into LF; line numbers stay the same. */
export function normaliseText(raw: string): string {
  return raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export function splitFrontmatter(text: string, file: string, noun: string, out: Diagnostic[]): SplitDocument {
  const lines = text.split('\n');
  if (lines[0]?.trimEnd() !== '---') {
    out.push({
      file,
      line: 1,
      column: 1,
      severity: 'error',
      rule: 'frontmatter/missing',
      message: `This ${noun} has no frontmatter`,
      hint: `Start the file with a line "---", the ${noun}'s fields in YAML, and another "---".`,
    });
    return { frontmatter: '', frontmatterLine: 1, body: text, bodyLine: 1, hasFrontmatter: false };
  }
  const close = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (close === -1) {
    out.push({
      file,
      line: 1,
      column: 1,
      severity: 'error',
      rule: 'frontmatter/unclosed',
      message: 'The frontmatter opened on line 1 is never closed',
      hint: 'Add a line "---" after the last field.',
    });
    // Without the closing fence there is no telling where YAML ends: report that alone.
    return { frontmatter: '', frontmatterLine: 2, body: '', bodyLine: lines.length + 1, hasFrontmatter: false };
  }
  return {
    frontmatter: lines.slice(1, close).join('\n'),
    frontmatterLine: 2,
    body: lines.slice(close + 1).join('\n'),
    bodyLine: close + 2,
    hasFrontmatter: true,
  };
}
