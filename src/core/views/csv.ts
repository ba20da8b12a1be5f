/** RFC 4180 CSV: CRLF line ends; fields with commas, quotes or line breaks are quoted, quotes doubled. */

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(columns: readonly string[], rows: readonly Record<string, string>[]): string {
  const lines = [columns.map(field).join(','), ...rows.map((row) => columns.map((c) => field(row[c] ?? '')).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
