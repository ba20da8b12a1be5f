/**
 * Credentials in content: cloud keys, private keys, GitHub, GitLab, Slack and
 * Google tokens, bearer tokens, passwords in connection strings and curl
 * lines. Every line of every file is scanned (frontmatter, body, code blocks,
 * HTML comments, diagrams). A finding never repeats the secret: it is masked.
 * Documented placeholders pass; a reviewed exception carries the mark
 * `opsbook:allow-secret` on its line or the line above.
 */
import type { Diagnostic } from '../diagnostics/diagnostics.ts';

interface Pattern {
  name: string;
  regex: RegExp;
  /** Group holding the secret (0: the whole match). */
  group?: number;
}

const PATTERNS: Pattern[] = [
  { name: 'an AWS access key id', regex: /\b((?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16})\b/g, group: 1 },
  { name: 'an AWS secret access key', regex: /aws_?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})\b/gi, group: 1 },
  { name: 'a private key', regex: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----/g },
  { name: 'a GitHub token', regex: /\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/g, group: 1 },
  { name: 'a GitLab token', regex: /\b(glpat-[A-Za-z0-9_-]{20,})/g, group: 1 },
  { name: 'a Slack token', regex: /\b(xox[abposr]-[A-Za-z0-9-]{10,})/g, group: 1 },
  { name: 'a Slack webhook URL', regex: /(https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{16,})/g, group: 1 },
  { name: 'a Google API key', regex: /\b(AIza[0-9A-Za-z_-]{35})\b/g, group: 1 },
  { name: 'a bearer token', regex: /\bBearer\s+([A-Za-z0-9._~+/-]{20,}=*)/g, group: 1 },
  { name: 'a password in a connection string', regex: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"']+:([^\s@/"']{3,})@[^\s"']+/gi, group: 1 },
  { name: 'a password on a curl command line', regex: /\bcurl\b.*?\s(?:-u|--user)\s+["']?[^\s:"']+:([^\s"']{3,})/g, group: 1 },
  { name: 'a credential in a curl header', regex: /\bcurl\b.*?(?:-H|--header)\s+["'](?:Authorization|X-Api-Key|X-Auth-Token|Private-Token|PRIVATE-TOKEN)\s*:\s*(?:Basic\s+|Token\s+|Bearer\s+)?([^"'\s]{12,})["']/gi, group: 1 },
];

/** Well-known example values and placeholders that are not secrets. */
const PLACEHOLDER = /^(?:\$\{?[A-Z_][A-Z0-9_]*\}?|<[^>]+>|\{\{[^}]+\}\}|\*+|x+|X+|\.\.\.|…|changeme|password|secret|redacted|example|dummy|REDACTED)$|EXAMPLE|^(?:AKIAIOSFODNN7EXAMPLE|wJalrXUtnFEMI\/K7MDENG\/bPxRfiCYEXAMPLEKEY)$/i;
export const ALLOW_MARK = 'opsbook:allow-secret';

/** "ghp_…(40 characters)": enough to find it, never the secret itself. */
export function mask(secret: string): string {
  return `${secret.slice(0, 4)}…(${secret.length} characters)`;
}

export function findSecrets(file: string, text: string, firstLine = 1): Diagnostic[] {
  const out: Diagnostic[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line.includes(ALLOW_MARK) || (i > 0 && lines[i - 1]!.includes(ALLOW_MARK))) return;
    const seen = new Set<string>();
    for (const pattern of PATTERNS) {
      for (const match of line.matchAll(pattern.regex)) {
        const secret = match[pattern.group ?? 0]!;
        // One finding per secret, however many patterns see it.
        if (PLACEHOLDER.test(secret) || seen.has(secret)) continue;
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
  });
  return out;
}
