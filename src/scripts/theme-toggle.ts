/**
 * The theme toggle: System, Light or Dark, in that cycle, starting with the
 * one that changes what the reader sees. Without a saved choice the system
 * setting applies (and still does without JavaScript: the button stays
 * hidden); a choice is saved in localStorage and applied early by
 * /theme-init.js; choosing System again forgets it. The button's name says
 * the state: "Theme: system (dark)".
 */
type Choice = 'system' | 'light' | 'dark';

const KEY = 'opsbook-theme';
const button = document.querySelector<HTMLButtonElement>('#theme-toggle');
const systemDark = window.matchMedia('(prefers-color-scheme: dark)');

function system(): 'light' | 'dark' {
  return systemDark.matches ? 'dark' : 'light';
}

function chosen(): Choice {
  const theme = document.documentElement.dataset.theme;
  return theme === 'light' || theme === 'dark' ? theme : 'system';
}

/** System → the other look → the system's look chosen for good → System. */
function next(current: Choice): Choice {
  const opposite = system() === 'dark' ? 'light' : 'dark';
  if (current === 'system') return opposite;
  return current === opposite ? system() : 'system';
}

function apply(choice: Choice): void {
  if (choice === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
  try {
    if (choice === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

const LABELS: Record<Choice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

function show(): void {
  const choice = chosen();
  const label = button!.querySelector('.theme-toggle-state');
  if (label) label.textContent = LABELS[choice];
  button!.dataset.choice = choice;
  button!.setAttribute('aria-label', `Theme: ${choice === 'system' ? `system (${system()})` : choice}`);
  button!.title = `Switch to ${next(choice) === 'system' ? 'the system theme' : `the ${next(choice)} theme`}`;
}

if (button) {
  button.hidden = false;
  show();
  button.addEventListener('click', () => {
    apply(next(chosen()));
    show();
  });
  // Following the system: the name follows it too.
  systemDark.addEventListener('change', show);
  // Another tab changed the choice.
  window.addEventListener('storage', (event) => {
    if (event.key !== KEY) return;
    const value = event.newValue;
    if (value === 'light' || value === 'dark') document.documentElement.dataset.theme = value;
    else delete document.documentElement.dataset.theme;
    show();
  });
}
