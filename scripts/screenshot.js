// Render a local HTML page in Debian's chromium and save a full-page PNG (and optionally a PDF).
// Usage: node scripts/screenshot.js <page.html> <out.png> [out.pdf]
import { chromium } from "playwright-core";
import path from "node:path";

const [page, png, pdf] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const errors = [];
tab.on("console", (m) => m.type() === "error" && errors.push(m.text()));
tab.on("pageerror", (e) => errors.push(String(e)));
await tab.goto("file://" + path.resolve(page));
await tab.waitForTimeout(1500);
await tab.screenshot({ path: png, fullPage: true });
if (pdf) await tab.pdf({ path: pdf, format: "A4", printBackground: true });
const svgs = await tab.$$eval(".plot", (els) => els.map((e) => e.querySelectorAll("svg.main-svg").length));
console.log(JSON.stringify({ charts: svgs.length, rendered: svgs.filter((n) => n > 0).length, errors }));
await browser.close();
