/** A Markdown table: a header row, its rule, one row per array of cells. Returns its lines. */
export function markdownTable(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)]
}
