/**
 * Text fitting for chart titles, subtitles and axis titles. Plotly neither wraps nor shortens text, so a
 * long Chinese source note or an English axis title runs past the chart's edge and is cut. The chart
 * spec is built before the page knows its width, so widths are estimated from character classes (the
 * CJK fonts draw a Han character 1 em wide; Latin letters and digits average about 0.56 em in Noto Sans)
 * against the narrowest width a chart is drawn at (`NOMINAL_CHART_WIDTH_PX`).
 */

/** The narrowest width (CSS px) a chart is laid out for: wider pages only leave more room. */
export const NOMINAL_CHART_WIDTH_PX = 860;

const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2014\u2026\u201c\u201d\u2018\u2019■]/;

/** Width of one character in em (an over-estimate, so a fitted text is never cut). */
function charEm(ch: string): number {
  if (WIDE.test(ch)) return 1;
  if (/[ilj.,:;'|!()[\]]/.test(ch)) return 0.3;
  if (ch === " ") return 0.28;
  if (/[MW@%mw]/.test(ch)) return 0.9;
  if (/[A-Z]/.test(ch)) return 0.66;
  return 0.57;
}

/** Strip plotly's HTML-like tags (`<span …>`, `<br>`) for measuring. */
const plain = (s: string) => s.replace(/<[^>]*>/g, "");

/**
 * Estimated drawn width of a text in px.
 *
 * @param text the text (tags such as `<span>` are not counted)
 * @param fontPx font size in px
 * @example textWidthPx("新疆", 10) // 20
 */
export function textWidthPx(text: string, fontPx: number): number {
  let em = 0;
  for (const ch of plain(text)) em += charEm(ch);
  return em * fontPx;
}

/** Tokens that may not be split: a run of Latin letters/digits (a word, a number, a URL) or one CJK character. */
function tokens(text: string): string[] {
  return text.match(/<[^>]*>|[A-Za-z0-9][A-Za-z0-9.,:/_\-–%·?=&#+]*|\s+|./gu) ?? [];
}

/**
 * Wrap a text onto lines no wider than `maxPx`, at most `maxLines` lines, the last ending in "…" when
 * the text does not fit (the full text stays in the caption and the CSV). Words and numbers are never
 * split; Chinese breaks between characters. Returns plotly's `<br>`-joined text and the line count.
 *
 * @param text text, optionally with plotly inline tags (kept, not measured)
 * @param maxPx the widest a line may be, px
 * @param fontPx font size, px
 * @param maxLines most lines (default 2)
 * @example fitText("甲乙丙丁", 20, 10).text // "甲乙<br>丙丁"
 */
export function fitText(text: string, maxPx: number, fontPx: number, maxLines = 2): { text: string; lines: number } {
  const lines: string[] = [];
  let line = "";
  let width = 0;
  const limit = Math.max(maxPx, fontPx * 2);
  let truncated = false;
  for (const tok of tokens(text)) {
    if (tok.startsWith("<")) {
      line += tok;
      continue;
    }
    const w = textWidthPx(tok, fontPx);
    if (width + w > limit && width > 0) {
      if (lines.length + 1 >= maxLines) {
        truncated = true;
        break;
      }
      lines.push(line.trimEnd());
      line = "";
      width = 0;
      if (/^\s+$/.test(tok)) continue;
    }
    line += tok;
    width += w;
  }
  if (truncated) {
    // Make room for the ellipsis, then close any span left open.
    while (line.length && textWidthPx(line + "…", fontPx) > limit) line = line.slice(0, -1);
    line = line.replace(/<[^>]*$/, "").trimEnd() + "…";
    const all = lines.join("") + line;
    const open = (all.match(/<span/g) ?? []).length - (all.match(/<\/span>/g) ?? []).length;
    line += "</span>".repeat(Math.max(0, open));
  }
  lines.push(line);
  return { text: lines.join("<br>"), lines: lines.length };
}
