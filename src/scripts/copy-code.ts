/**
 * A copy button on every code block, in the bar above the code
 * (src/markdown/rehype-code-blocks.ts), so it never covers a command. The
 * copied text is exactly what the author wrote; in console sessions
 * (```console, or every command line starting with "$ "), only the commands
 * are copied, without prompts or output.
 */
export function commandText(code: string, language: string | undefined): string {
  const lines = code.replace(/\n$/, '').split('\n');
  const prompted = lines.filter((l) => /^\$ /.test(l));
  const session = language === 'console' || language === 'shell-session' || (prompted.length > 0 && lines.filter((l) => l.trim()).every((l) => /^\$ /.test(l)));
  return session && prompted.length ? prompted.map((l) => l.slice(2)).join('\n') : lines.join('\n');
}

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

if (typeof document !== 'undefined') {
  for (const pre of document.querySelectorAll<HTMLPreElement>('.prose pre:not(.mermaid-source)')) {
    const code = pre.querySelector('code');
    if (!code || pre.closest('.diagram, .diagram-source')) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-button';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', 'Copy this code');
    button.addEventListener('click', async () => {
      const text = commandText(code.textContent ?? '', pre.dataset.language);
      try {
        await navigator.clipboard.writeText(text);
        button.textContent = 'Copied';
      } catch {
        button.textContent = 'Copy failed: select the text';
      }
      setTimeout(() => (button.textContent = 'Copy'), 2000);
    });
    barOf(pre).append(button);
  }
}
