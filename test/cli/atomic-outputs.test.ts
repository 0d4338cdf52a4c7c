import { chmod, mkdir, mkdtemp, readFile, readdir, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { unitsFromSyntheticProvince } from "../../src/allocation/units-from-synthetic-province.js";
import { main } from "../../src/cli/main.js";
import { tableToCsv } from "../../src/data/convert-table.js";
import { loadBundledData } from "../../src/data/load-bundled-data.js";
import { DATASET_PATHS } from "../../src/data/paths.js";
import { OUTPUT_MANIFEST, writeFilesAtomically } from "../../src/data/write-files.js";
import { DataValidationError } from "../../src/shared/errors.js";
import { createRandom } from "../../src/shared/random.js";

let dir: string;
let out: string[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gaibo-atomic-"));
});
beforeEach(() => {
  out = [];
  const keep = (...a: unknown[]) => void out.push(a.map(String).join(" "));
  vi.spyOn(console, "error").mockImplementation(keep);
  vi.spyOn(console, "log").mockImplementation(keep);
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

/** Every file under a folder with its bytes, as { relative path: base64 }: "byte-identical" made checkable. */
async function snapshot(folder: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (rel: string) => {
    for (const e of await readdir(path.join(folder, rel), { withFileTypes: true })) {
      const child = path.join(rel, e.name);
      if (e.isDirectory()) await walk(child);
      else files[child] = (await readFile(path.join(folder, child))).toString("base64");
    }
  };
  await walk("");
  return files;
}

describe("all or nothing outputs", () => {
  it("gaibo allocate succeeds, then fails on all-zero pupils: the earlier outputs stay byte-identical", async () => {
    const data = await loadBundledData();
    const units = unitsFromSyntheticProvince(data.synthetic.counties, data.synthetic.progress, { random: createRandom(2015) }).table;
    const good = path.join(dir, "units.csv");
    const zero = path.join(dir, "units-zero.csv");
    await writeFile(good, tableToCsv(units));
    await writeFile(zero, tableToCsv(units.derive({ pupils: () => 0 })));
    const outDir = path.join(dir, "allocation");
    const rule = path.join(DATASET_PATHS.rules(), "need-only.json");
    await main(["node", "gaibo", "allocate", "--units", good, "--rule", rule, "--budget-wan-yuan", "135040", "--out", outDir]);
    expect(process.exitCode ?? 0).toBe(0);
    const before = await snapshot(outDir);
    expect(Object.keys(before)).toEqual(expect.arrayContaining([OUTPUT_MANIFEST, "allocation-need-only.csv", "allocation-need-only.xlsx"]));
    await main(["node", "gaibo", "allocate", "--units", zero, "--rule", rule, "--budget-wan-yuan", "135040", "--out", outDir]);
    expect(process.exitCode).toBe(1);
    expect(out.join("\n")).toMatch(/未写出任何结果/);
    expect(await snapshot(outDir)).toEqual(before);
    // No staging or set-aside folders are left beside the output.
    expect((await readdir(dir)).filter((n) => n.startsWith("."))).toEqual([]);
  });

  it("writeFilesAtomically puts a new folder in place whole, with a manifest of what it owns", async () => {
    const target = path.join(dir, "fresh");
    const written = await writeFilesAtomically(target, [{ path: "a.csv", content: "1\n" }, { path: "data/s1/b.csv", content: "2\n" }], { owner: "report" });
    expect(written).toEqual([path.join(target, "a.csv"), path.join(target, "data/s1/b.csv")]);
    expect(JSON.parse(await readFile(path.join(target, OUTPUT_MANIFEST), "utf8"))).toEqual({ report: ["a.csv", "data/s1/b.csv"] });
  });

  it("a rerun replaces what the owner wrote, removes its stale files (a scenario no longer present) and keeps the user's own files", async () => {
    const target = path.join(dir, "rerun");
    await writeFilesAtomically(target, [{ path: "index.html", content: "old" }, { path: "data/s1/x.csv", content: "1" }, { path: "data/s2/y.csv", content: "2" }], { owner: "report", ownedFolders: ["data"] });
    await writeFile(path.join(target, "notes.txt"), "mine");
    await writeFilesAtomically(target, [{ path: "index.html", content: "new" }, { path: "data/s1/x.csv", content: "1b" }], { owner: "report", ownedFolders: ["data"] });
    const snap = await snapshot(target);
    expect(Object.keys(snap).sort()).toEqual([OUTPUT_MANIFEST, "data/s1/x.csv", "index.html", "notes.txt"]);
    expect(Buffer.from(snap["index.html"], "base64").toString()).toBe("new");
    expect(Buffer.from(snap["notes.txt"], "base64").toString()).toBe("mine");
  });

  it("a failure while moving files in puts every earlier output back byte-identical", async () => {
    const target = path.join(dir, "midway");
    await writeFilesAtomically(target, [{ path: "a.csv", content: "old a" }, { path: "b.csv", content: "old b" }], { owner: "allocate" });
    // A user's file named "sub" stands where the new output sub/c.csv needs a folder: the move of c.csv fails after a and b moved.
    await writeFile(path.join(target, "sub"), "user file");
    const before = await snapshot(target);
    const err = await writeFilesAtomically(target, [{ path: "a.csv", content: "new a" }, { path: "b.csv", content: "new b" }, { path: "sub/c.csv", content: "c" }], { owner: "allocate" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataValidationError);
    expect((err as DataValidationError).issues[0].message).toMatch(/cannot be written \(a file stands where a folder goes, EEXIST|cannot be written \(a part of the path is a file, not a folder, ENOTDIR/);
    expect(await snapshot(target)).toEqual(before);
  });

  it("a failure while making derived outputs (the PDF) changes nothing", async () => {
    const target = path.join(dir, "derived");
    await writeFilesAtomically(target, [{ path: "index.html", content: "old" }], { owner: "report" });
    const before = await snapshot(target);
    await expect(
      writeFilesAtomically(target, [{ path: "index.html", content: "new" }], {
        owner: "report",
        afterStaging: async () => {
          throw new Error("chromium crashed");
        },
      }),
    ).rejects.toThrow("chromium crashed");
    expect(await snapshot(target)).toEqual(before);
  });

  it("--out naming a file, or a folder that cannot be written, gets a clear message", async () => {
    const file = path.join(dir, "a-file.txt");
    await writeFile(file, "x");
    const e1 = (await writeFilesAtomically(file, [{ path: "a.csv", content: "1" }]).catch((e: unknown) => e)) as DataValidationError;
    expect(e1.issues[0]).toMatchObject({ file, messageZh: "是一个文件，不是文件夹；--out 请指定一个文件夹（新的，或 gaibo 以前写出的）" });
    expect(await readFile(file, "utf8")).toBe("x");
    const locked = path.join(dir, "locked");
    await mkdir(locked);
    await chmod(locked, 0o555);
    try {
      // root ignores permission bits: then the folder is writable and the check has nothing to show.
      if (process.getuid?.() === 0) return;
      const e2 = (await writeFilesAtomically(path.join(locked, "out"), [{ path: "a.csv", content: "1" }]).catch((e: unknown) => e)) as DataValidationError;
      expect(e2.issues[0].message).toMatch(/cannot be written \(no permission to write there, EACCES/);
    } finally {
      await chmod(locked, 0o755);
    }
    expect((await stat(locked)).isDirectory()).toBe(true);
  });
});
