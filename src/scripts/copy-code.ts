/**
 * A copy button on every code block. The copied text is exactly what the
 * author wrote; in console sessions (```console, or every command line
 * starting with "$ "), only the commands are copied, without prompts or output.
 */
export function commandText(code: string, language: string | undefined): string {
  const lines = code.replace(/\n$/, '').split('\n');
  const prompted = lines.filter((l) => /^\$ /.test(l));
  const session = language === 'console' || language === 'shell-session' || (prompted.length > 0 && lines.filter((l) => l.trim()).every((l) => /^\$ /.test(l)));
  return session && prompted.length ? prompted.map((l) => l.slice(2)).join('\n') : lines.join('\n');
}

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
  const wrapper = document.createElement('div');
  wrapper.className = 'code-block';
  pre.replaceWith(wrapper);
  wrapper.append(button, pre);
}
