/**
 * Finds the placeholders in a code block — the parts an operator must fill
 * before running it: `<namespace>`, `$NAMESPACE`, `${NAMESPACE}` and
 * `{{ namespace }}`. Which forms count depends on the block's language,
 * because in most languages those characters are the language's own syntax:
 *
 *   shell (bash, sh, shell, zsh, console…) and plain text or no language:
 *                            all three forms
 *   promql, logql:           `<name>` and `$NAME` (Grafana's `$__interval` excepted)
 *   sql and configuration (yaml, json, toml…):
 *                            `<name>` only — `{{ }}` is Helm's or Prometheus'
 *                            own templating there, `$x` their variables
 *   anything else (html, xml, code in a programming language): none
 *
 * A false alarm costs more than a miss (Copy refuses to copy until every
 * placeholder is filled), so each form has its exclusions: see the tests in
 * test/unit/markdown/code-placeholders.test.ts for every case.
 */
import { sessionCommandLines } from './console-session.ts';

export interface Placeholder {
  /** Offsets in the block's text: `text` is exactly `code.slice(start, end)`. */
  start: number;
  end: number;
  text: string;
  /** One name per thing to fill, whatever the form: `$NODE_NAME` and `<node-name>` are both `node-name`. */
  name: string;
  /** A token or password (`<token>`): shown as a placeholder, but never asked for in the page (see isSecret). */
  secret?: boolean;
}

type Form = 'angle' | 'dollar' | 'braces';

const SHELL = new Set(['bash', 'sh', 'shell', 'zsh', 'ksh', 'console', 'shell-session', 'shellsession', 'terminal']);
const PLAIN = new Set(['', 'text', 'txt', 'plain', 'plaintext', 'none']);
const ANGLE_ONLY = new Set([
  'sql', 'psql', 'pgsql', 'postgresql', 'mysql', 'kql',
  'yaml', 'yml', 'json', 'jsonc', 'toml', 'ini', 'conf', 'cfg', 'properties', 'hcl', 'terraform', 'tf', 'env', 'dotenv',
]);

/** A query is pasted into Prometheus or Grafana Explore, where `$CANARY` means nothing until filled. */
const QUERIES = new Set(['promql', 'logql', 'metricsql', 'traceql']);

function formsFor(language: string | undefined): Form[] {
  const lang = (language ?? '').toLowerCase();
  if (SHELL.has(lang) || PLAIN.has(lang)) return ['angle', 'dollar', 'braces'];
  if (QUERIES.has(lang)) return ['angle', 'dollar'];
  if (ANGLE_ONLY.has(lang)) return ['angle'];
  return [];
}

/** `<p>` or `<br>` is markup, and kubectl prints `<none>` and `<pending>` in its tables: none of them is a thing to fill. */
const NOT_ANGLE = new Set([
  'none', 'pending', 'unknown', 'nil', 'null', 'invalid', 'unset', 'empty', 'missing', 'no-value', 'redacted',
  'p', 'br', 'hr', 'b', 'i', 'u', 'em', 'strong', 'code', 'pre', 'div', 'span', 'html', 'head', 'body', 'script', 'style',
  'ul', 'ol', 'li', 'table', 'tr', 'td', 'th', 'details', 'summary', 'kbd', 'sup', 'sub',
]);

/**
 * Variables the reader's shell already has (or that awk gives): a command
 * using them is meant to run as written. Secrets are never asked for
 * either (see isSecret).
 */
const ENVIRONMENT = new Set([
  'HOME', 'PATH', 'USER', 'LOGNAME', 'PWD', 'OLDPWD', 'SHELL', 'TERM', 'LANG', 'TZ', 'EDITOR', 'VISUAL', 'PAGER',
  'TMPDIR', 'TMP', 'TEMP', 'HOSTNAME', 'HOST', 'UID', 'EUID', 'GID', 'PPID', 'IFS', 'RANDOM', 'SECONDS', 'LINENO',
  'BASH', 'BASHPID', 'BASH_SOURCE', 'BASH_VERSION', 'BASH_REMATCH', 'FUNCNAME', 'PIPESTATUS', 'REPLY', 'OPTARG', 'OPTIND',
  'PS1', 'PS2', 'PS4', 'SHLVL', 'HISTFILE', 'MAIL', 'DISPLAY', 'SSH_AUTH_SOCK', 'SSH_CONNECTION', 'SSH_CLIENT',
  'KUBECONFIG', 'NODE_ENV', 'NODE_OPTIONS', 'GOPATH', 'GOROOT', 'JAVA_HOME', 'NF', 'NR', 'FNR', 'FS', 'OFS', 'RS', 'ORS', 'FILENAME',
]);

/**
 * A token or password is not typed into a web page (the page would keep it
 * for the session): `$FLAGS_TOKEN` stays for the shell to expand from the
 * reader's environment, and `<token>` is marked but has no field.
 */
function isSecret(name: string): boolean {
  return /(^|[_-])(TOKEN|SECRET|PASSWORD|PASSWD|PASS|API_KEY|APIKEY|KEY|CREDENTIALS?|AUTH)$/i.test(name);
}

/** Go, Helm and Jinja template words: `{{end}}` or `{{ range }}` belong to a template, not to the reader. */
const TEMPLATE_WORDS = new Set([
  'end', 'else', 'if', 'range', 'with', 'define', 'template', 'block', 'break', 'continue', 'nil', 'true', 'false',
  'len', 'print', 'printf', 'println', 'index', 'and', 'or', 'not', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'include',
  'endif', 'endfor', 'for', 'loop', 'super', 'self', 'this',
]);

export function placeholderName(raw: string): string {
  return raw.trim().toLowerCase().replace(/[\s_.]+/g, '-');
}

/** Variables the block sets itself (`NS=payments`, `export NS=…`, `for pod in`, `read -r line`): `$NS` then means that value. */
function assignedNames(code: string): Set<string> {
  const names = new Set<string>();
  const ident = '[A-Za-z_][A-Za-z0-9_]*';
  for (const m of code.matchAll(new RegExp(`(?:^|[\\s;&|(\`])(?:(?:export|local|readonly|declare|typeset)\\s+(?:-\\w+\\s+)*)?(${ident})(?:\\[[^\\]]*\\])?\\+?=`, 'gm'))) names.add(m[1]!);
  for (const m of code.matchAll(new RegExp(`\\b(?:for|select)\\s+(${ident})\\s+in\\b`, 'g'))) names.add(m[1]!);
  // read, mapfile and getopts: every bare word after the options names a variable.
  for (const m of code.matchAll(/\b(?:read|mapfile|readarray|getopts|export)\b([^;&|<>\n]*)/g)) {
    for (const word of m[1]!.matchAll(new RegExp(`(?:^|\\s)(${ident})(?=\\s|$)`, 'g'))) names.add(word[1]!);
  }
  return names;
}

/**
 * The parts of a shell block where `$NAME` is not expanded by the shell, so
 * cannot be a placeholder of that form: single quotes (awk's `$NF`, jq's
 * `$x`), the body of a quoted heredoc (`<<'EOF'`), and `{{ … }}` (a
 * template's `$labels`). In plain text an apostrophe inside a word
 * ("don't") opens no quote.
 */
function literalRanges(code: string, plain: boolean): boolean[] {
  const literal = new Array<boolean>(code.length).fill(false);
  let i = 0;
  let double = false;
  let heredoc: string | undefined;
  const lineStart = (at: number) => at === 0 || code[at - 1] === '\n';
  while (i < code.length) {
    if (heredoc !== undefined && lineStart(i)) {
      const end = code.indexOf('\n', i);
      const line = code.slice(i, end === -1 ? code.length : end);
      const stop = end === -1 ? code.length : end + 1;
      if (line.trim() === heredoc) heredoc = undefined;
      else for (let k = i; k < stop; k++) literal[k] = true;
      i = stop;
      continue;
    }
    const c = code[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '{' && code[i + 1] === '{') {
      const close = code.indexOf('}}', i + 2);
      if (close !== -1) {
        for (let k = i; k < close + 2; k++) literal[k] = true;
        i = close + 2;
        continue;
      }
    }
    if (!double && c === '#' && (i === 0 || /\s/.test(code[i - 1]!))) {
      // A comment: an apostrophe in it opens no quote.
      const end = code.indexOf('\n', i);
      i = end === -1 ? code.length : end;
      continue;
    }
    if (!double && c === "'") {
      if (plain && /\w/.test(code[i - 1] ?? '') && /\w/.test(code[i + 1] ?? '')) {
        i++;
        continue;
      }
      const close = code.indexOf("'", i + 1);
      const end = close === -1 ? code.length : close + 1;
      // `watch '…'`, `sh -c '…'` and `ssh host '…'` hand the quoted text to another shell, which expands it.
      const command = code.slice(code.lastIndexOf('\n', i) + 1, i).split(/[|;&]/).pop() ?? '';
      const another = /^\s*(?:watch\b|ssh\b)/.test(command) || /(?:^|\s)(?:ba|z)?sh\s+-c\s*$/.test(command);
      if (!another) for (let k = i; k < end; k++) literal[k] = true;
      i = end;
      continue;
    }
    if (c === '"') double = !double;
    if (!double && c === '<' && code[i + 1] === '<' && code[i + 2] !== '<') {
      const m = /^<<-?\s*(['"])(\w+)\1/.exec(code.slice(i));
      if (m) heredoc = m[2];
      i += 2;
      continue;
    }
    i++;
  }
  return literal;
}

function angleMatches(code: string): Placeholder[] {
  const found: Placeholder[] = [];
  for (const m of code.matchAll(/<([A-Za-z][A-Za-z0-9]*(?:[-_. ][A-Za-z0-9]+)*)>/g)) {
    const inner = m[1]!;
    const before = code[m.index - 1] ?? '';
    // `Map<Key>` and `<<EOF>` are syntax; `<tag>…</tag>` is markup.
    if (/[\w<]/.test(before) || NOT_ANGLE.has(inner.toLowerCase())) continue;
    // `<your cluster name>` is one, `<a href>` is a tag.
    const words = inner.split(' ');
    if (words.length > 8 || (words.length > 1 && (NOT_ANGLE.has(words[0]!.toLowerCase()) || /^(a|img|input|meta|link|svg|g|path)$/i.test(words[0]!)))) continue;
    if (code.toLowerCase().includes(`</${inner.toLowerCase()}`)) continue;
    found.push({ start: m.index, end: m.index + m[0].length, text: m[0], name: placeholderName(inner), ...(isSecret(placeholderName(inner)) ? { secret: true } : {}) });
  }
  return found;
}

function dollarMatches(code: string, plain: boolean, query: boolean): Placeholder[] {
  // A query has no shell quoting: only its `{{ $labels }}` templates are left alone.
  const literal = query ? literalRanges(code.replace(/'/g, ' '), false) : literalRanges(code, plain);
  const assigned = assignedNames(code);
  const found: Placeholder[] = [];
  for (const m of code.matchAll(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g)) {
    const name = m[1] ?? m[2]!;
    const before = code[m.index - 1] ?? '';
    // `\$X` is escaped, `$$X` is the process id then text; `${X:-default}` and friends never match.
    if (before === '\\' || before === '$' || literal[m.index] || name.startsWith('__')) continue;
    if (assigned.has(name) || ENVIRONMENT.has(name) || /^(XDG|LC)_/.test(name) || isSecret(name)) continue;
    found.push({ start: m.index, end: m.index + m[0].length, text: m[0], name: placeholderName(name) });
  }
  return found;
}

function braceMatches(code: string): Placeholder[] {
  const found: Placeholder[] = [];
  for (const m of code.matchAll(/\{\{-?\s*([A-Za-z_][A-Za-z0-9_-]*)\s*-?\}\}/g)) {
    const before = code[m.index - 1] ?? '';
    // `${{ env }}` is a GitHub Actions expression.
    if (before === '$' || TEMPLATE_WORDS.has(m[1]!.toLowerCase())) continue;
    found.push({ start: m.index, end: m.index + m[0].length, text: m[0], name: placeholderName(m[1]!), ...(isSecret(m[1]!) ? { secret: true } : {}) });
  }
  return found;
}

/** In a console session only the command lines are looked at (the output is not copied); the rest is blanked, keeping offsets. */
function commandsOnly(code: string, language: string | undefined): string {
  const commands = sessionCommandLines(code, language);
  if (!commands) return code;
  return code
    .split('\n')
    .map((line, n) => (commands.has(n) ? `  ${line.slice(2)}` : ' '.repeat(line.length)))
    .join('\n');
}

export function findPlaceholders(code: string, language: string | undefined): Placeholder[] {
  const forms = formsFor(language);
  if (!forms.length) return [];
  const plain = PLAIN.has((language ?? '').toLowerCase());
  const text = commandsOnly(code, language);
  const all = [
    ...(forms.includes('braces') ? braceMatches(text) : []),
    ...(forms.includes('angle') ? angleMatches(text) : []),
    ...(forms.includes('dollar') ? dollarMatches(text, plain, QUERIES.has((language ?? '').toLowerCase())) : []),
  ].sort((a, b) => a.start - b.start);
  // Overlaps cannot both be wrapped: the first one found wins.
  const kept: Placeholder[] = [];
  for (const p of all) if (!kept.length || p.start >= kept[kept.length - 1]!.end) kept.push({ ...p, text: code.slice(p.start, p.end) });
  return kept;
}
