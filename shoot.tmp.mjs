import { chromium } from "playwright-core";
const [,, url, scenario, lang, filter] = process.argv;
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless","--no-sandbox","--disable-gpu","--disable-background-networking","--disable-component-update","--disable-sync","--no-first-run"] });
const p = await b.newPage({ viewport: { width: 1280, height: 900 } });
await p.goto(url);
if (scenario) await p.click(`.scenarios button[data-scenario="${scenario}"]`);
await p.click(`.switch button[data-lang="${lang}"]`);
await p.waitForTimeout(4000);
const figs = await p.$$(".variant:not([hidden]) figure.chart");
for (const f of figs) {
  const id = await f.getAttribute("data-chart");
  if (filter && !new RegExp(filter).test(id)) continue;
  await f.screenshot({ path: `/tmp/shots/${lang}-${id}.png` });
}
if (!filter) { const secs = await p.$$(".variant:not([hidden]) section"); let i=0; for (const s of secs) await s.screenshot({ path: `/tmp/shots/${lang}-section-${i++}.png` }); }
await b.close();
