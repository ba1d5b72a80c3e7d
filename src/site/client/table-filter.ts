/**
 * Filters the rows of an index table (the SLO index, the incident index) by a text and by
 * selects, shown only when scripts run (without JavaScript the table is whole). Each row to
 * filter is `tr[data-row]`; a `<select data-filter="state">` keeps the rows whose
 * `data-filter-state` lists its value (space-separated); `[data-filter-text]` matches the row's
 * text and its group's (`tbody[data-group]`). A group whose rows are all hidden is hidden too.
 */
export function filterTable(table: HTMLTableElement, filters: HTMLElement, noun: string): void {
  const text = filters.querySelector<HTMLInputElement>('[data-filter-text]');
  const selects = [...filters.querySelectorAll<HTMLSelectElement>('select[data-filter]')];
  const count = filters.querySelector<HTMLElement>('[data-filter-count]');
  const rows = [...table.querySelectorAll<HTMLTableRowElement>('tr[data-row]')];
  filters.hidden = false;
  const apply = () => {
    const words = text?.value.trim().toLowerCase() ?? '';
    let shown = 0;
    for (const row of rows) {
      const group = row.closest('tbody')?.dataset.group ?? '';
      const matchesText = words === '' || `${row.textContent} ${group}`.toLowerCase().includes(words);
      const matchesSelects = selects.every((s) => s.value === '' || (row.getAttribute(`data-filter-${s.dataset.filter}`) ?? '').split(' ').includes(s.value));
      row.hidden = !(matchesText && matchesSelects);
      if (!row.hidden) shown++;
    }
    for (const body of table.tBodies) body.hidden = ![...body.querySelectorAll<HTMLTableRowElement>('tr[data-row]')].some((r) => !r.hidden);
    if (count) count.textContent = `${shown} of ${rows.length} ${noun} shown`;
  };
  text?.addEventListener('input', apply);
  for (const s of selects) s.addEventListener('change', apply);
  apply();
}
