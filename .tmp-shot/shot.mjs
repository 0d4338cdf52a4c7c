import { chromium } from "playwright-core";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
const tab = await browser.newPage({ viewport: { width: 1200, height: 900 } });
await tab.goto("file:///work/wt/i15/reports/index.html");
await tab.waitForTimeout(1500);
for (const lang of ["zh", "en"]) {
  await tab.click(`.switch button[data-lang="${lang}"]`);
  await tab.waitForTimeout(1500);
  const ids = await tab.evaluate(() => [...document.querySelectorAll("[id]")].map((e) => e.id).filter((id) => /winners|provisions/.test(id) && document.getElementById(id).offsetParent !== null));
  console.log(lang, ids.slice(0, 6));
  for (const id of ["synthetic-allocation-winners-losers", "synthetic-allocation-provisions"]) {
    const el = await tab.$(`[id*="${id}"]:visible`) ?? null;
    const handles = await tab.$$(`[id*="${id}"]`);
    let shot = false;
    for (const h of handles) { if (await h.isVisible()) { await h.scrollIntoViewIfNeeded(); await tab.waitForTimeout(500); await h.screenshot({ path: `/tmp/${lang}-${id}.png` }); shot = true; break; } }
    console.log(id, shot);
  }
  const tables = await tab.$$("table");
  for (const t of tables) { const txt = await t.evaluate((e) => e.querySelector("caption, th")?.textContent ?? ""); if (await t.isVisible() && /各县分配额|Allocation by county|区县|county/.test(await t.evaluate((e) => e.previousElementSibling?.textContent ?? "") + txt)) { await t.scrollIntoViewIfNeeded(); await t.screenshot({ path: `/tmp/${lang}-county-table.png`, }); console.log("table", txt.slice(0,40)); break; } }
}
await browser.close();
