/** Field separators found in office text files: comma (CSV), tab (Excel's "Unicode 文本" and 制表符分隔), semicolon (CSV from European-locale Excel). */
export type Delimiter = "," | "\t" | ";";

/**
 * Choose the field separator of delimited text from its first lines: the candidate that splits the
 * most lines into the same number (≥ 2) of fields, outside quotes. Comma wins ties, as in RFC 4180.
 *
 * @param text the decoded file
 * @param lines how many non-empty lines to look at
 * @example sniffDelimiter("a\tb\n1\t2\n") // "\t"
 */
export function sniffDelimiter(text: string, lines = 30): Delimiter {
  const sample: string[] = [];
  let start = 0;
  while (sample.length < lines && start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/"[^"]*"/g, "");
    if (line.trim() !== "") sample.push(line);
    start = end + 1;
  }
  let best: { d: Delimiter; score: number } = { d: ",", score: 0 };
  for (const d of [",", "\t", ";"] as const) {
    const counts = new Map<number, number>();
    for (const line of sample) {
      const n = line.split(d).length;
      if (n >= 2) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    // Lines that agree on one field count; more fields breaks a tie (a title line has few).
    let score = 0;
    for (const [fields, count] of counts) score = Math.max(score, count + fields / 1000);
    if (score > best.score) best = { d, score };
  }
  return best.d;
}
