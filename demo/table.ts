/** Prints rows as an aligned text table; long cells are cut so a row fits a wide terminal. */
export const printTable = (header: string[], rows: string[][], maxCell = 90) => {
  const cut = (s: string) => (s.length > maxCell ? `${s.slice(0, maxCell - 1)}…` : s);
  const all = [header, ...rows].map((r) => r.map((c) => cut(String(c ?? ''))));
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  console.log(line(all[0]!));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of all.slice(1)) console.log(line(r));
  if (!rows.length) console.log('(none)');
};

/** A titled table: the title on its own line (a leading `\n` leaves a blank line before it), then the table. */
export const report = (title: string, header: string[], rows: string[][]) => {
  console.log(title);
  printTable(header, rows);
};
