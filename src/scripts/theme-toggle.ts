/**
 * The light/dark toggle. Without a saved choice the system setting applies;
 * a choice is saved in localStorage and applied early by /theme-init.js.
 */
const button = document.querySelector<HTMLButtonElement>('#theme-toggle');

function current(): 'light' | 'dark' {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function show(): void {
  button!.setAttribute('aria-pressed', String(current() === 'dark'));
}

if (button) {
  button.hidden = false;
  show();
  button.addEventListener('click', () => {
    const next = current() === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    try {
      localStorage.setItem('opsbook-theme', next);
    } catch {
      // private mode: the choice lasts for this page only
    }
    show();
  });
}
