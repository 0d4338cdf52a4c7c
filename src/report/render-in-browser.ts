import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** Chromium flags that work headless on a closed network (no background fetches, no sandbox as root). */
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/** Where Debian's chromium lives, or CHROMIUM_PATH. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

/**
 * Print a generated briefing to an A4 PDF and save one PNG per chart, using Debian's chromium
 * through playwright-core (no browser download). The page's default variant is printed.
 *
 * @param htmlFile the report's index.html
 * @param out where to write: `pdf` path and/or `pngDir` folder
 * @returns the files written
 * @throws Error when chromium is not installed, naming the package to install
 */
export async function renderInBrowser(htmlFile: string, out: { pdf?: string; pngDir?: string }): Promise<string[]> {
  const exe = chromiumPath();
  if (!existsSync(exe)) throw new Error(`renderInBrowser requires chromium at ${exe} (apt-get install chromium fonts-noto-cjk)`);
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS });
  const written: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    await page.goto(pathToFileURL(path.resolve(htmlFile)).href);
    // Browser-side code is passed as text: this module compiles without DOM types.
    // The page script draws the first chart at once and the rest in small batches; it marks the body when done.
    await page.waitForFunction('document.body.dataset.drawn === "all"', undefined, { timeout: 120_000 });
    if (out.pngDir) {
      await mkdir(out.pngDir, { recursive: true });
      const images = (await page.evaluate(`Promise.all([...document.querySelectorAll(".variant:not([hidden]) .plot")].map(async (el) => ({
        id: el.closest("figure").dataset.chart,
        url: await Plotly.toImage(el, { format: "png", width: 1100, height: 560, scale: 2 }),
      })))`)) as { id: string; url: string }[];
      for (const { id, url } of images) {
        const file = path.join(out.pngDir, `${id}.png`);
        await writeFile(file, Buffer.from(url.split(",")[1], "base64"));
        written.push(file);
      }
    }
    if (out.pdf) {
      await page.emulateMedia({ media: "print" });
      await page.pdf({ path: out.pdf, format: "A4", printBackground: true, scale: 0.72, margin: { top: "12mm", bottom: "12mm", left: "10mm", right: "10mm" } });
      written.push(out.pdf);
    }
  } finally {
    await browser.close();
  }
  return written;
}
