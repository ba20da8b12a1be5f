/**
 * Console sessions: a ```console (or ```shell-session) block, or one whose
 * every line starts with the prompt "$ ". Only their command lines are
 * copied (src/scripts/copy-code.ts) and looked at for placeholders
 * (src/markdown/code-placeholders.ts); the output is left alone.
 */

/** The indices of the command lines of a session, or undefined when the block is not one. */
export function sessionCommandLines(code: string, language: string | undefined): Set<number> | undefined {
  const lines = code.replace(/\n$/, '').split('\n');
  const prompted = lines.flatMap((line, n) => (/^\$ /.test(line) ? [n] : []));
  const session = language === 'console' || language === 'shell-session' || (prompted.length > 0 && lines.filter((l) => l.trim()).every((l) => /^\$ /.test(l)));
  return session && prompted.length ? new Set(prompted) : undefined;
}
