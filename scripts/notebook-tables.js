// Rewrite a notebook's console.table(x) calls as tslab.display.html(gaibo.notebookTableHtml(x)), so its tables
// export as HTML tables with formatted numbers instead of quoted, wrapped ASCII. Run: node scripts/notebook-tables.js notebooks/*.ipynb
// (Each notebook already imports tslab and gaibo; the JSON layout of the file is kept.)
import { readFileSync, writeFileSync } from "node:fs";

/** The source with every console.table( … ) call (balanced parentheses, strings skipped) rewritten. */
function convert(src) {
  let out = "";
  let i = 0;
  let count = 0;
  for (;;) {
    const j = src.indexOf("console.table(", i);
    if (j < 0) return { text: out + src.slice(i), count };
    out += src.slice(i, j);
    const k = j + "console.table(".length;
    let depth = 1;
    let quote = null;
    let m = k;
    while (depth > 0) {
      const ch = src[m];
      if (quote) {
        if (ch === "\\") m++;
        else if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'" || ch === "`") quote = ch;
      else if (ch === "(") depth++;
      else if (ch === ")") depth--;
      m++;
    }
    out += `tslab.display.html(gaibo.notebookTableHtml(${src.slice(k, m - 1)}))`;
    i = m;
    count++;
  }
}

for (const file of process.argv.slice(2)) {
  const raw = readFileSync(file, "utf8");
  const nb = JSON.parse(raw);
  let total = 0;
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code") continue;
    const asList = Array.isArray(cell.source);
    const { text, count } = convert(asList ? cell.source.join("") : cell.source);
    if (!count) continue;
    total += count;
    cell.source = asList ? text.split(/(?<=\n)/) : text;
  }
  writeFileSync(file, JSON.stringify(nb, null, 1) + (raw.endsWith("\n") ? "\n" : ""));
  console.log(`${file}: ${total} console.table call(s) rewritten`);
}
