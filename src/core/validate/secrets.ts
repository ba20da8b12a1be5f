/**
 * Credentials in content: cloud keys, private keys, GitHub, GitLab, Slack and
 * Google tokens, bearer tokens, passwords in connection strings and curl
 * lines. Every line of every file is scanned (frontmatter, body, code blocks,
 * HTML comments, diagrams). A finding never repeats the secret: it is masked.
 * Stand-ins pass (placeholders, documented examples, values with too little
 * variety to be random: placeholder-values.ts), and so does a private key
 * header with no key after it; a reviewed exception carries the mark
 * `opsbook:allow-secret` on its line or the line above.
 */
import type { Diagnostic } from '../diagnostics/diagnostics.ts';
import { isStandIn, lowVariety } from './placeholder-values.ts';

interface Pattern {
  name: string;
  regex: RegExp;
  /** Group holding the secret (0: the whole match). */
  group?: number;
  /** Groups judged for a stand-in, when not the secret itself (a webhook's ids and token). */
  judge?: number[];
  /** A further test on the lines around (a key header needs a key after it). */
  confirm?: (lines: readonly string[], index: number, match: RegExpMatchArray) => boolean;
}

/** A line of a PEM body: base64, as written in a file, a YAML block or a code block. */
const PEM_BODY = /^\s*[A-Za-z0-9+/]{16,}={0,2}\s*$/;
/** Headers an encrypted PEM block may carry before its body. */
const PEM_HEADER = /^\s*(?:[A-Za-z-]+:\s.*|)$/;

/** A private key header followed by a key: on the same line (a JSON string, `\n` escaped) or within the next few lines. */
function hasKeyBody(lines: readonly string[], index: number, match: RegExpMatchArray): boolean {
  const rest = lines[index]!.slice((match.index ?? 0) + match[0].length);
  const inline = /^(?:\\n|\s)+([A-Za-z0-9+/]{16,})/.exec(rest)?.[1];
  if (inline) return !lowVariety(inline);
  for (const line of lines.slice(index + 1, index + 5)) {
    if (PEM_BODY.test(line)) return !lowVariety(line);
    if (!PEM_HEADER.test(line)) return false;
  }
  return false;
}

const PATTERNS: Pattern[] = [
  { name: 'an AWS access key id', regex: /\b((?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16})\b/g, group: 1 },
  { name: 'an AWS secret access key', regex: /aws_?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})\b/gi, group: 1 },
  { name: 'a private key', regex: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----/g, confirm: hasKeyBody },
  { name: 'a GitHub token', regex: /\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/g, group: 1 },
  { name: 'a GitLab token', regex: /\b(glpat-[A-Za-z0-9_-]{20,})/g, group: 1 },
  { name: 'a Slack token', regex: /\b(xox[abposr]-[A-Za-z0-9-]{10,})/g, group: 1 },
  { name: 'a Slack webhook URL', regex: /(https:\/\/hooks\.slack\.com\/services\/(T[A-Z0-9]+)\/(B[A-Z0-9]+)\/([A-Za-z0-9]{16,}))/g, group: 1, judge: [2, 3, 4] },
  { name: 'a Google API key', regex: /\b(AIza[0-9A-Za-z_-]{35})\b/g, group: 1 },
  { name: 'a bearer token', regex: /\bBearer\s+([A-Za-z0-9._~+/-]{20,}=*)/g, group: 1 },
  { name: 'a password in a connection string', regex: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"']+:([^\s@/"']{3,})@[^\s"']+/gi, group: 1 },
  { name: 'a password on a curl command line', regex: /\bcurl\b.*?\s(?:-u|--user)\s+["']?[^\s:"']+:([^\s"']{3,})/g, group: 1 },
  { name: 'a credential in a curl header', regex: /\bcurl\b.*?(?:-H|--header)\s+["'](?:Authorization|X-Api-Key|X-Auth-Token|Private-Token|PRIVATE-TOKEN)\s*:\s*(?:Basic\s+|Token\s+|Bearer\s+)?([^"'\s]{12,})["']/gi, group: 1 },
];

export const ALLOW_MARK = 'opsbook:allow-secret';

/** "ghp_…(40 characters)": enough to find it, never the secret itself (a short one shows a third at most). */
export function mask(secret: string): string {
  return `${secret.slice(0, Math.min(4, Math.floor(secret.length / 3)))}…(${secret.length} characters)`;
}

/**
 * A word every pattern's match holds on its line (case aside). One pass of it
 * over the whole text picks the lines worth the twelve patterns: most lines
 * hold none, and scanning each line with every pattern was a tenth of `check`.
 */
const TRIGGER = /AKIA|ASIA|AGPA|AIDA|AROA|ANPA|secret|PRIVATE KEY|gh[pousr]_|github_pat_|glpat-|xox|hooks\.slack\.com|AIza|Bearer|:\/\/|curl/gi;

/** The indexes of the lines that hold a trigger word, in order. */
function candidateLines(text: string, lines: readonly string[]): number[] {
  const out: number[] = [];
  let line = 0;
  let lineEnd = lines[0]!.length;
  for (const match of text.matchAll(TRIGGER)) {
    while (match.index > lineEnd) lineEnd += 1 + lines[++line]!.length;
    if (out[out.length - 1] !== line) out.push(line);
  }
  return out;
}

export function findSecrets(file: string, text: string, firstLine = 1): Diagnostic[] {
  const out: Diagnostic[] = [];
  const lines = text.split('\n');
  for (const i of candidateLines(text, lines)) {
    const line = lines[i]!;
    if (line.includes(ALLOW_MARK) || (i > 0 && lines[i - 1]!.includes(ALLOW_MARK))) continue;
    const seen = new Set<string>();
    for (const pattern of PATTERNS) {
      for (const match of line.matchAll(pattern.regex)) {
        const secret = match[pattern.group ?? 0]!;
        const judged = pattern.judge ? pattern.judge.map((group) => match[group]!) : pattern.group === undefined ? [] : [secret];
        if (judged.some(isStandIn) || (pattern.confirm && !pattern.confirm(lines, i, match))) continue;
        // One finding per secret, however many patterns see it.
        if (seen.has(secret)) continue;
        seen.add(secret);
        out.push({
          file,
          line: firstLine + i,
          column: (match.index ?? 0) + 1,
          severity: 'error',
          rule: 'secrets/credential',
          message: `This looks like ${pattern.name}: ${mask(secret)}`,
          hint: `Remove it and rotate it: it is in the git history now. Write a placeholder (<token>, $API_TOKEN) instead; a reviewed false alarm can carry the comment ${ALLOW_MARK}.`,
        });
      }
    }
  }
  return out;
}
