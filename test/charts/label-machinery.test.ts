import { describe, expect, it } from "vitest";
import { fitText, textWidthPx } from "../../src/charts/fit-text.js";
import { placePointLabels, rankedTicks, rankImportance, thinByImportance } from "../../src/charts/label-placement.js";
import { placeCell, placeName, shortPlaceName } from "../../src/charts/place-name.js";
import { shortenUrls, sourceStanding, standingFromSource, standingLabel, weakestStanding } from "../../src/charts/source-standing.js";
import { baseLayout, makeChart } from "../../src/charts/figure.js";

describe("fitText", () => {
  it("textWidthPx counts a Han character as 1 em and ignores tags: 新疆 at 10 px is 20 px", () => {
    expect(textWidthPx("新疆", 10)).toBe(20);
    expect(textWidthPx('<span style="color:red">新疆</span>', 10)).toBe(20);
  });
  it("fitText(text, maxPx, fontPx) breaks Chinese between characters and never splits a number", () => {
    expect(fitText("甲乙丙丁", 20, 10)).toEqual({ text: "甲乙<br>丙丁", lines: 2 });
    // "2016-10-31" is 10 tokens wide as one word: it moves whole to the next line.
    expect(fitText("截至 2016-10-31", 45, 10).text).toBe("截至<br>2016-10-31");
  });
  it("fitText truncates past maxLines with an ellipsis and closes an open span", () => {
    const f = fitText('<span style="x">甲乙丙丁戊己庚辛', 30, 10, 2);
    expect(f.lines).toBe(2);
    expect(f.text).toBe('<span style="x">甲乙丙<br>甲乙…</span>'.replace("<br>甲乙…", "<br>丁戊…"));
    for (const line of f.text.split("<br>")) expect(textWidthPx(line, 10)).toBeLessThanOrEqual(30);
  });
});

describe("thinning by importance", () => {
  it("thinByImportance(importance, gap) keeps the most important slots at least gap apart", () => {
    expect(thinByImportance([3, 0, 1, 0, 2], 2)).toEqual([0, 2, 4]);
    expect(thinByImportance([1, 1, 1], 1)).toEqual([0, 1, 2]);
  });
  it("rankImportance(n) is highest at both ends: [2, 1, 0, 1, 2] for 5, [2, 1, 1, 2] for 4", () => {
    expect(rankImportance(5)).toEqual([2, 1, 0, 1, 2]);
    expect(rankImportance(4)).toEqual([2, 1, 1, 2]);
  });
  it("rankedTicks always names the first and the last of a ranking when the axis is at least one label tall", () => {
    for (const n of [2, 7, 40, 99, 108]) {
      const cats = Array.from({ length: n }, (_, i) => `县${i}`);
      for (const rowPx of [3, 6.5, 12, 20].filter((r) => (n - 1) * r >= 12.5)) {
        const t = rankedTicks(cats, rowPx, 10);
        expect(t[0]).toBe("县0");
        expect(t[t.length - 1]).toBe(`县${n - 1}`);
        // No two kept ticks closer than one label height (12.5 px).
        const idx = t.map((c) => cats.indexOf(c));
        for (let k = 1; k < idx.length; k++) expect((idx[k] - idx[k - 1]) * rowPx).toBeGreaterThanOrEqual(12.5 - 1e-9);
      }
    }
  });
  it("placePointLabels moves the second of two close labels (山东 17.8% / 山西 19.0%) instead of stacking them", () => {
    const box = { xRange: ["2015-01-01", "2019-12-31"] as [string, string], yRange: [0, 1.1] as [number, number], widthPx: 760, heightPx: 246, fontPx: 10.5, markerPx: 6 };
    const pos = placePointLabels(
      [
        { x: "2015-08-31", y: 0.178, text: "山东 17.8%", importance: 1 },
        { x: "2015-10-31", y: 0.19, text: "山西 19.0%", importance: 1 },
      ],
      box,
    );
    expect(pos[0]).toBe("top left");
    expect(pos[1]).not.toBe("top left");
    expect(pos[1]).not.toBe("");
  });
  it("placePointLabels drops a label that fits nowhere inside the plot rather than cut it", () => {
    const pos = placePointLabels([{ x: 0, y: 0.5, text: "新疆维吾尔自治区新疆维吾尔自治区", importance: 1 }], { xRange: [0, 1], yRange: [0, 1], widthPx: 100, heightPx: 100, fontPx: 11 });
    expect(pos).toEqual([""]);
  });
});

describe("place names", () => {
  it("placeName gives pinyin on the English page and the short name on the Chinese one", () => {
    expect(placeName("新疆维吾尔自治区", "en")).toBe("Xinjiang");
    expect(placeName("新疆维吾尔自治区", "zh")).toBe("新疆");
    expect(placeName("许昌县", "en")).toBe("Xuchang County");
    expect(placeName("许昌市", "en")).toBe("Xuchang");
    expect(placeName("吉林市", "en")).toBe("Jilin City");
    expect(placeName("天水市", "en")).toBe("Tianshui");
    // Unknown names are shown as written, never invented.
    expect(placeName("某某县", "en")).toBe("某某县");
    // gaibo's synthetic places are translated literally (合成 = synthetic), number kept
    expect(placeName("合成县018", "en")).toBe("Synthetic county 018");
    expect(placeName("合成地州05", "en")).toBe("Synthetic prefecture 05");
    expect(placeName("合成县018", "zh")).toBe("合成县018");
    expect(shortPlaceName("许昌县")).toBe("许昌县");
  });
  it("placeCell puts the Chinese beside the pinyin in English tables", () => {
    expect(placeCell("平凉市", "en")).toBe("Pingliang (平凉市)");
    expect(placeCell("平凉市", "zh")).toBe("平凉市");
  });
});

describe("source standing", () => {
  it("sourceStanding(caveat) reads the real tables' caveat column", () => {
    expect(sourceStanding("official page")).toBe("official");
    expect(sourceStanding("official figure, unofficial copy")).toBe("repost");
    expect(sourceStanding("official document, unofficial copy on a document-sharing site")).toBe("repost");
    expect(sourceStanding("official figure, unofficial copy", "DERIVED 5166万 / 22000万 m² plan")).toBe("derived");
    expect(weakestStanding(["official", "repost"])).toBe("repost");
    expect(weakestStanding(["official", "official"])).toBe("official");
  });
  it("standingFromSource: a page off a government site is a repost; only gov.cn pages are official; no page, no guess", () => {
    expect(standingFromSource("公布值：https://feifmx.com/domesticgd/1.html · http://www.moe.gov.cn/a")).toBe("repost");
    expect(standingFromSource("http://edu.shandong.gov.cn/art/2017/3/9/art.html")).toBe("official");
    expect(standingFromSource("gaibo 合成省")).toBeUndefined();
    expect(shortenUrls("见 https://www.feifmx.com/a/b.html · http://m.ggong-tv.com/t/1")).toBe("见 feifmx.com · ggong-tv.com");
  });
  it("a real chart citing a repost says so in the page's language beside the mark", () => {
    const c = makeChart({ id: "x", title: "t", provenance: "real", source: "https://feifmx.com/a", lang: "zh", rows: [], data: [] });
    expect(c.standing).toBe("repost");
    const sub = (c.figure.layout.title as { subtitle: { text: string } }).subtitle.text;
    expect(sub).toContain(`真实公开数据</span>（${standingLabel("repost", "zh")}）`);
    expect(sub).toContain("来源：feifmx.com");
    expect(sub).not.toMatch(/official|unofficial/);
  });
});

describe("shared layout defaults", () => {
  it("baseLayout wraps a long source to two lines and grows the top margin by the extra line (15 px)", () => {
    const short = baseLayout("标题", "synthetic", "gaibo", "zh");
    const long = baseLayout("标题", "synthetic", "很长的来源".repeat(40), "zh");
    const text = (l: Record<string, unknown>) => (l.title as { subtitle: { text: string } }).subtitle.text;
    expect(text(short).split("<br>")).toHaveLength(1);
    expect(text(long).split("<br>")).toHaveLength(2);
    expect(text(long)).toMatch(/…$/);
    expect((long.margin as { t: number }).t - (short.margin as { t: number }).t).toBe(15);
  });
  it("makeChart gives every axis automargin, no SI suffix, and 2015年7月 date ticks on the Chinese page only", () => {
    const spec = (lang: "zh" | "en") => makeChart({ id: "x", title: "t", provenance: "synthetic", source: "s", lang, rows: [], data: [{ type: "scatter", x: ["2015-07-31", "2015-09-30"], y: [120000, 130000] }] });
    const zh = spec("zh").figure.layout;
    expect(zh.xaxis).toMatchObject({ automargin: true, tickformat: "%Y年%-m月" });
    expect(zh.yaxis).toMatchObject({ automargin: true, exponentformat: "none" });
    expect((spec("en").figure.layout.xaxis as Record<string, unknown>).tickformat).toBeUndefined();
  });
});

describe("targetLineName", () => {
  it("names the “双超70%” target only on completion and equipment charts; a start-rate line is a reference line", async () => {
    const { targetLineName } = await import("../../src/charts/labels.js");
    expect(targetLineName("completion_rate", 0.7, "zh")).toBe("“双超70%”目标");
    expect(targetLineName("start_rate", 0.7, "zh")).toBe("70% 参考线");
    expect(targetLineName("start_rate", 0.7, "en")).toBe("70% reference line");
  });
});
