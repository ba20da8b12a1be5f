/**
 * Whether a value that has the form of a credential is only a stand-in for
 * one: a variable or template (`$TOKEN`, `${DB_PASSWORD}`, `<token>`,
 * `{{ .Values.key }}`), a word people write for "your secret here"
 * (`changeme`, `xxx`, `yourpassword`), a documented example (AWS's
 * `AKIAIOSFODNN7EXAMPLE`, jwt.io's sample token), or a value with too little
 * variety to be random (`yyy`, `T00000000`, `XXXXXXXXXXXXXXXX`). Runbooks
 * are full of these; a scanner that flags them is soon ignored.
 */

/** Variables, templates and angle-bracket placeholders, in the notations runbooks use; a shell expansion (`$VAR`, `${VAR}`, `$(cmd …`) however it ends. */
const TEMPLATE = /^(?:\$[A-Za-z_{(].*|%[A-Za-z_][A-Za-z0-9_]*%|<[^>]+>|\{\{[^}]*\}\}|\{[A-Za-z_][A-Za-z0-9_]*\}|\[[^\]]+\])$/;

/** Words written in place of a secret, whole (case ignored). */
const STAND_IN_WORD = /^(?:foo|bar|baz|qux|pass|passwd|pwd|password|secret|token|apikey|api[-_]key|test|testing|changeme|change[-_]me|changeit|example|dummy|fake|sample|placeholder|redacted|hidden|none|null|undefined|your[-_.a-z0-9]*|my[-_]?(?:pass|password|secret|token|key))$/i;

/** Example values published by the vendors' own documentation. */
const DOCUMENTED_EXAMPLES = new Set([
  // AWS's documented access key pair.
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  // The sample token on jwt.io.
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
]);

/** Shannon entropy in bits per character. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Too little variety to be random: at most two different letters or digits
 * (`yyy`, `T00000000`, `XXXX…`), or, for a value long enough to be a
 * generated token, under 2.5 bits per character (`aaaabbbbaaaabbbb…`).
 * Passwords people chose (`hunter2hunter2`) have more than that.
 */
export function lowVariety(value: string): boolean {
  const chars = value.replace(/[^A-Za-z0-9]/g, '');
  if (new Set(chars.toLowerCase()).size <= 2) return true;
  return chars.length >= 16 && entropy(chars) < 2.5;
}

/** A stand-in, not a secret: a template, a stand-in word, "example" anywhere, a documented example, or too little variety. */
export function isStandIn(value: string): boolean {
  const bare = value.replace(/^["']|["']$/g, '');
  return TEMPLATE.test(bare) || STAND_IN_WORD.test(bare) || /example/i.test(bare) || DOCUMENTED_EXAMPLES.has(bare) || lowVariety(bare);
}
