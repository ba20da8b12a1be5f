/**
 * The search box in every page's header: `/` focuses it; results appear as
 * you type in a listbox navigable with the arrow keys; Enter opens the
 * highlighted result, or the full search page when none is highlighted.
 */
import { renderResult, searchSite } from './pagefind.ts';

const input = document.querySelector<HTMLInputElement>('#site-search');
const popup = document.querySelector<HTMLElement>('#site-search-results');
const form = input?.form;

if (input && popup && form) {
  let active = -1;
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const options = () => [...popup.querySelectorAll<HTMLElement>('[role="option"]')];

  function close(): void {
    popup!.hidden = true;
    input!.setAttribute('aria-expanded', 'false');
    input!.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function highlight(index: number): void {
    const all = options();
    if (all.length === 0) return;
    active = (index + all.length) % all.length;
    all.forEach((option, i) => option.setAttribute('aria-selected', String(i === active)));
    input!.setAttribute('aria-activedescendant', all[active]!.id);
    all[active]!.scrollIntoView({ block: 'nearest' });
  }

  async function update(): Promise<void> {
    const query = input!.value;
    const mine = ++generation;
    if (!query.trim()) return close();
    const { results } = await searchSite(query, {}, 8);
    if (mine !== generation) return; // a newer query has started
    const list = document.createElement('ul');
    list.className = 'search-results';
    results.forEach((result, i) => {
      const item = renderResult(result, { id: `site-search-option-${i}`, asLink: false });
      item.setAttribute('role', 'option');
      item.dataset.url = result.url;
      item.setAttribute('aria-selected', 'false');
      item.addEventListener('mousedown', (event) => {
        event.preventDefault();
        window.location.href = result.url;
      });
      list.append(item);
    });
    const footer = document.createElement('p');
    footer.className = 'search-more';
    footer.textContent = results.length ? 'Enter opens the highlighted result; ' : `Nothing found for “${query}”. `;
    const more = document.createElement('a');
    more.href = `${form!.action}?q=${encodeURIComponent(query)}`;
    more.textContent = 'filter all results';
    footer.append(more);
    popup!.replaceChildren(list, footer);
    popup!.hidden = false;
    input!.setAttribute('aria-expanded', 'true');
    active = -1;
    if (results.length) highlight(0);
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void update(), 120);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      highlight(active + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      highlight(active - 1);
    } else if (event.key === 'Escape') {
      close();
    } else if (event.key === 'Enter' && active >= 0 && !popup.hidden) {
      event.preventDefault();
      const url = options()[active]?.dataset.url;
      if (url) window.location.href = url;
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  input.addEventListener('focus', () => void import('./pagefind.ts').then((m) => m.loadPagefind()), { once: true });

  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
}
