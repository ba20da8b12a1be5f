/**
 * A copy button on every code block, in the bar above the code
 * (src/markdown/rehype-code-blocks.ts), so it never covers a command. The
 * copied text is exactly what the author wrote; in console sessions
 * (```console, or every command line starting with "$ "), only the commands
 * are copied, without prompts or output.
 *
 * A block with placeholders (`<var class="placeholder">`, marked at build
 * time) gets a field for each name under its bar; what is typed shows in the
 * command, in every block of the page that uses the name, and is kept for the
 * page in sessionStorage. Copy refuses while one is empty and says which: a
 * command pasted with `$NAMESPACE` unset runs against the default namespace,
 * and `<namespace>` is read by the shell as a redirection — at 3 a.m. the
 * pasted text must be the command meant, or nothing. A destructive block
 * copies only on a second click ("Confirm copy") within a few seconds.
 */
import { sessionCommandLines } from '../markdown/console-session.ts';

export function commandText(code: string, language: string | undefined): string {
  const lines = code.replace(/\n$/, '').split('\n');
  const commands = sessionCommandLines(code, language);
  return commands ? lines.flatMap((l, n) => (commands.has(n) ? [l.slice(2)] : [])).join('\n') : lines.join('\n');
}

/** "namespace", "namespace and pod", "namespace, pod and 2 more". */
export function nameList(names: string[]): string {
  if (names.length <= 2) return names.join(' and ');
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}

const CONFIRM_MS = 5000;
const RESET_MS = 4000;

/** The bar above a block: the one the build wrote, or one made now for a block without it. */
function barOf(pre: HTMLPreElement): HTMLElement {
  const block = pre.parentElement;
  const existing = block?.classList.contains('code-block') ? block.querySelector<HTMLElement>(':scope > .code-bar') : null;
  if (existing) return existing;
  const wrapper = document.createElement('div');
  wrapper.className = 'code-block';
  const bar = document.createElement('div');
  bar.className = 'code-bar';
  if (pre.dataset.language) {
    const label = document.createElement('span');
    label.className = 'code-language';
    label.textContent = pre.dataset.language;
    bar.append(label);
  }
  pre.replaceWith(wrapper);
  wrapper.append(bar, pre);
  return bar;
}

/** Values typed for each placeholder name, shared by every block of the page and kept for the session. */
class Values {
  private key = `opsbook:placeholders:${globalThis.location?.pathname ?? ''}`;
  private values: Record<string, string> = {};

  constructor() {
    try {
      this.values = JSON.parse(sessionStorage.getItem(this.key) ?? '{}') as Record<string, string>;
    } catch {
      this.values = {};
    }
  }

  get(name: string): string {
    return (this.values[name] ?? '').trim();
  }

  set(name: string, value: string): void {
    this.values[name] = value;
    try {
      sessionStorage.setItem(this.key, JSON.stringify(this.values));
    } catch {
      // Storage may be off (private mode): the values still hold for this page.
    }
    this.show(name, value);
  }

  /** Every placeholder and field of that name on the page shows the value; an empty one shows the text as written. */
  show(name: string, value: string): void {
    for (const v of document.querySelectorAll<HTMLElement>(`var.placeholder[data-name="${CSS.escape(name)}"]:not([data-secret])`)) {
      const filled = value.trim();
      v.dataset.text ??= v.textContent ?? '';
      v.textContent = filled || v.dataset.text;
      v.classList.toggle('filled', Boolean(filled));
    }
    for (const input of document.querySelectorAll<HTMLInputElement>(`.code-fields input[data-name="${CSS.escape(name)}"]`)) {
      if (input.value !== value) input.value = value;
    }
  }
}

let fieldCount = 0;

/** `<div class="code-fields">` with a labelled input per name, between the bar and the code. */
function fieldsFor(names: string[], values: Values, onEnter: () => void): HTMLElement {
  const fields = document.createElement('div');
  fields.className = 'code-fields';
  for (const name of names) {
    const id = `code-field-${++fieldCount}`;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = name;
    const input = document.createElement('input');
    Object.assign(input, { id, type: 'text', autocomplete: 'off', spellcheck: false, value: values.get(name) });
    input.dataset.name = name;
    input.setAttribute('autocapitalize', 'off');
    input.addEventListener('input', () => values.set(name, input.value));
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') onEnter();
    });
    const field = document.createElement('span');
    field.className = 'code-field';
    field.append(label, input);
    fields.append(field);
  }
  return fields;
}

function setUp(pre: HTMLPreElement, code: HTMLElement, values: Values): void {
  const bar = barOf(pre);
  const block = bar.parentElement!;
  const destructive = pre.hasAttribute('data-destructive');
  const vars = [...code.querySelectorAll<HTMLElement>('var.placeholder[data-name]')];
  const names = [...new Set(vars.filter((v) => !v.hasAttribute('data-secret')).map((v) => v.dataset.name!))];
  const secrets = [...new Set(vars.filter((v) => v.hasAttribute('data-secret')).map((v) => v.textContent ?? ''))];

  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy-button';
  button.textContent = 'Copy';
  button.setAttribute('aria-label', destructive ? 'Copy this destructive command' : 'Copy this code');
  // Button text changes are not reliably read out: a polite live region says each state.
  const status = document.createElement('span');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');

  let armed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const say = (label: string, message: string, state: string, resetAfter: number) => {
    button.textContent = label;
    button.dataset.state = state;
    status.textContent = message;
    clearTimeout(timer);
    timer = setTimeout(() => {
      armed = false;
      button.textContent = 'Copy';
      delete button.dataset.state;
      status.textContent = '';
    }, resetAfter);
  };

  const copy = async () => {
    const missing = names.filter((name) => !values.get(name));
    if (missing.length) {
      armed = false;
      say(`Fill ${nameList(missing)} first`, `Not copied: fill ${nameList(missing)} first.`, 'missing', RESET_MS);
      block.querySelector<HTMLInputElement>(`.code-fields input[data-name="${CSS.escape(missing[0]!)}"]`)?.focus();
      return;
    }
    if (destructive && !armed) {
      armed = true;
      say('Confirm copy', 'Destructive command. Press Confirm copy within 5 seconds to copy it.', 'confirm', CONFIRM_MS);
      return;
    }
    armed = false;
    const text = commandText(code.textContent ?? '', pre.dataset.language);
    try {
      await navigator.clipboard.writeText(text);
      const note = secrets.length ? ` Replace ${secrets.join(' and ')} yourself.` : '';
      say(secrets.length ? `Copied: replace ${secrets.join(', ')}` : 'Copied', `Copied.${note}`, 'copied', RESET_MS);
    } catch {
      say('Copy failed: select the text', 'Copy failed: select the text and copy it.', 'failed', RESET_MS);
    }
  };
  button.addEventListener('click', () => void copy());
  bar.append(button, status);

  if (names.length) {
    block.classList.add('has-fields');
    bar.after(fieldsFor(names, values, () => void copy()));
    for (const name of names) values.show(name, values.get(name));
  }
}

if (typeof document !== 'undefined') {
  const values = new Values();
  for (const pre of document.querySelectorAll<HTMLPreElement>('.prose pre:not(.mermaid-source)')) {
    const code = pre.querySelector('code');
    if (!code || pre.closest('.diagram, .diagram-source')) continue;
    setUp(pre, code, values);
  }
}
