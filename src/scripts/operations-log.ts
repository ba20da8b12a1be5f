/**
 * Filters the operations log in the browser: service, risk, status,
 * category, operator and a date range. The filter state is the page's query
 * string, so a filtered view can be shared and restored.
 */
const form = document.querySelector<HTMLFormElement>('#ops-filters');
const rows = [...document.querySelectorAll<HTMLElement>('.ops-row')];
const months = [...document.querySelectorAll<HTMLElement>('.ops-month')];
const count = document.querySelector<HTMLElement>('#ops-count');

const FIELDS = ['service', 'risk', 'status', 'category', 'operator', 'from', 'to'] as const;
type State = Partial<Record<(typeof FIELDS)[number], string>>;

function readForm(): State {
  const data = new FormData(form!);
  return Object.fromEntries(FIELDS.map((f) => [f, String(data.get(f) ?? '')]).filter(([, v]) => v));
}

function matches(row: HTMLElement, state: State): boolean {
  const d = row.dataset;
  if (state.service && !(d.service ?? '').split(' ').includes(state.service)) return false;
  if (state.risk && d.risk !== state.risk) return false;
  if (state.status && d.status !== state.status) return false;
  if (state.category && d.category !== state.category) return false;
  if (state.operator && d.operator !== state.operator) return false;
  if (state.from && (d.date ?? '') < state.from) return false;
  if (state.to && (d.date ?? '') > state.to) return false;
  return true;
}

function apply(state: State): void {
  let shown = 0;
  for (const row of rows) {
    row.hidden = !matches(row, state);
    if (!row.hidden) shown++;
  }
  for (const month of months) month.hidden = ![...month.querySelectorAll<HTMLElement>('.ops-row')].some((r) => !r.hidden);
  const filtered = Object.keys(state).length > 0;
  count!.textContent = filtered ? `${shown} of ${rows.length} operations match the filters.` : `${rows.length} operations.`;
  const params = new URLSearchParams(state as Record<string, string>).toString();
  history.replaceState(null, '', `${window.location.pathname}${params ? `?${params}` : ''}`);
}

if (form && count) {
  const params = new URLSearchParams(window.location.search);
  for (const field of FIELDS) {
    const control = form.elements.namedItem(field) as HTMLInputElement | HTMLSelectElement | null;
    const value = params.get(field);
    if (control && value !== null) control.value = value;
  }
  apply(readForm());
  form.addEventListener('input', () => apply(readForm()));
  form.addEventListener('change', () => apply(readForm()));
  form.addEventListener('reset', () => setTimeout(() => apply(readForm())));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply(readForm());
  });
}
