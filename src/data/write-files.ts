import { mkdir, readFile, readdir, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { DataValidationError } from "../shared/errors.js";

/** A file to write: path relative to the output directory and its content. */
export interface OutputFile {
  path: string;
  content: string | Uint8Array;
}

/** Options of `writeFilesAtomically`. */
export interface WriteFilesOptions {
  /**
   * Who owns these outputs in the folder (a command, e.g. "report"). The folder's manifest
   * (`.gaibo-outputs.json`) remembers what each owner wrote; files the owner wrote last time and not this time are
   * stale and removed (a scenario no longer in the report leaves no CSVs behind). Default "gaibo".
   */
  owner?: string;
  /** Sub-folders the owner owns whole (e.g. report's data/ and png/): any file in them not written now is stale too. */
  ownedFolders?: readonly string[];
  /**
   * Runs once every file is staged, with the staging folder: outputs made from the staged files (a PDF printed from
   * the staged page) go in with them. Returns their paths, relative to the staging folder or absolute inside it.
   */
  afterStaging?: (stagingDir: string) => Promise<string[]>;
  /** Keep the manifest (default true); a fixed set of files in a versioned folder (datasets/) needs none. */
  manifest?: boolean;
}

/** The manifest: for each owner, the files (relative paths) it wrote last. */
export const OUTPUT_MANIFEST = ".gaibo-outputs.json";

/**
 * Write a command's outputs so that either all of them appear or nothing changes. Everything is written into a
 * staging folder beside the target first. A new folder is then one rename. In an existing folder the owner's
 * earlier files (those it writes now and its stale ones) are moved aside, the new ones moved in, and the aside
 * copies deleted only when all moves succeeded; any failure moves everything back, so earlier outputs stay
 * byte-identical. Files the owner never wrote (a user's notes, another command's outputs) are left alone.
 *
 * @param dir output directory (created when missing; must not be a file)
 * @param files files relative to dir
 * @param options owner, owned sub-folders, outputs derived from the staged files
 * @returns the written paths (dir joined with each relative path), files first, then derived outputs
 * @throws DataValidationError when dir is a file or cannot be written (naming the folder and what to do)
 */
export async function writeFilesAtomically(dir: string, files: readonly OutputFile[], options: WriteFilesOptions = {}): Promise<string[]> {
  const owner = options.owner ?? "gaibo";
  const useManifest = options.manifest ?? true;
  const target = path.resolve(dir);
  const parent = path.dirname(target);
  const existing = await stat(target).catch(() => null);
  if (existing && !existing.isDirectory()) {
    throw writeProblem(dir, "names a file, not a folder; give --out a folder (new or one gaibo wrote before)", "是一个文件，不是文件夹；--out 请指定一个文件夹（新的，或 gaibo 以前写出的）");
  }
  for (const f of files) checkRelative(f.path);
  const tag = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const staging = path.join(parent, `.${path.basename(target)}.staging-${tag}`);
  const aside = path.join(parent, `.${path.basename(target)}.previous-${tag}`);
  try {
    await mkdir(staging, { recursive: true });
  } catch (err) {
    throw cannotWrite(dir, parent, err);
  }
  try {
    try {
      for (const f of files) {
        const file = path.join(staging, f.path);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, f.content);
      }
    } catch (err) {
      throw cannotWrite(dir, staging, err);
    }
    const derived = options.afterStaging ? (await options.afterStaging(staging)).map((p) => (path.isAbsolute(p) ? path.relative(staging, p) : p)) : [];
    derived.forEach(checkRelative);
    const owned = [...files.map((f) => path.normalize(f.path)), ...derived.map((p) => path.normalize(p))];
    const written = owned.map((p) => path.join(dir, p));
    if (useManifest) {
      const manifest = existing ? await readManifest(target) : {};
      manifest[owner] = owned.map(toPosix);
      await writeFile(path.join(staging, OUTPUT_MANIFEST), JSON.stringify(manifest, null, 2) + "\n");
    }

    if (!existing) {
      try {
        await rename(staging, target);
      } catch (err) {
        throw cannotWrite(dir, parent, err);
      }
      return written;
    }

    const ownedSet = new Set(owned);
    const previous = (await previousOwned(target, useManifest ? owner : undefined, options.ownedFolders ?? [])).filter((p) => !ownedSet.has(p));
    const moves = [...owned, ...previous, ...(useManifest ? [OUTPUT_MANIFEST] : [])];
    const movedAside: string[] = [];
    const placed: string[] = [];
    try {
      for (const rel of moves) {
        const from = path.join(target, rel);
        if (!(await stat(from).catch(() => null))) continue;
        await mkdir(path.dirname(path.join(aside, rel)), { recursive: true });
        await rename(from, path.join(aside, rel));
        movedAside.push(rel);
      }
      for (const rel of [...owned, ...(useManifest ? [OUTPUT_MANIFEST] : [])]) {
        await mkdir(path.dirname(path.join(target, rel)), { recursive: true });
        await rename(path.join(staging, rel), path.join(target, rel));
        placed.push(rel);
      }
    } catch (err) {
      // Put the earlier outputs back exactly as they were.
      for (const rel of placed.reverse()) await rm(path.join(target, rel), { recursive: true, force: true }).catch(() => undefined);
      for (const rel of movedAside.reverse()) await rename(path.join(aside, rel), path.join(target, rel)).catch(() => undefined);
      throw cannotWrite(dir, target, err);
    }
    await removeEmptyFolders(target, previous);
    return written;
  } finally {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    await rm(aside, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * Check an output folder before a long run, so `--out` naming a file fails at once instead of after the work:
 * the same message `writeFilesAtomically` gives at the end.
 *
 * @param dir the output folder (may not exist yet)
 * @throws DataValidationError when dir is an existing file
 */
export async function checkOutputFolder(dir: string): Promise<void> {
  const existing = await stat(path.resolve(dir)).catch(() => null);
  if (existing && !existing.isDirectory()) {
    throw writeProblem(dir, "names a file, not a folder; give --out a folder (new or one gaibo wrote before)", "是一个文件，不是文件夹；--out 请指定一个文件夹（新的，或 gaibo 以前写出的）");
  }
}

function checkRelative(p: string): void {
  const n = path.normalize(p);
  if (path.isAbsolute(n) || n.startsWith("..") || n === OUTPUT_MANIFEST) throw new Error(`writeFilesAtomically requires paths inside the output folder, got ${p}`);
}

const toPosix = (p: string) => p.split(path.sep).join("/");

async function readManifest(target: string): Promise<Record<string, string[]>> {
  try {
    const parsed = JSON.parse(await readFile(path.join(target, OUTPUT_MANIFEST), "utf8")) as unknown;
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      const out: Record<string, string[]> = {};
      for (const [k, v] of Object.entries(parsed)) if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === "string");
      return out;
    }
  } catch {
    // No manifest (a folder written before manifests, or by hand): nothing is known to be ours beyond owned folders.
  }
  return {};
}

/** The owner's earlier files: those its manifest lists, and every file in the folders it owns whole. */
async function previousOwned(target: string, owner: string | undefined, ownedFolders: readonly string[]): Promise<string[]> {
  const listed = (owner === undefined ? [] : ((await readManifest(target))[owner] ?? []))
    .map((p) => path.normalize(p))
    .filter((p) => !path.isAbsolute(p) && !p.startsWith("..") && p !== OUTPUT_MANIFEST);
  const inFolders: string[] = [];
  const walk = async (rel: string) => {
    const entries = await readdir(path.join(target, rel), { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const child = path.join(rel, e.name);
      if (e.isDirectory()) await walk(child);
      else inFolders.push(child);
    }
  };
  for (const f of ownedFolders) await walk(path.normalize(f));
  return [...new Set([...listed, ...inFolders])];
}

/** Folders emptied by removing stale files go too (data/<old scenario>/). */
async function removeEmptyFolders(target: string, removed: readonly string[]): Promise<void> {
  const dirs = new Set<string>();
  for (const rel of removed) for (let d = path.dirname(rel); d !== "." && d !== ""; d = path.dirname(d)) dirs.add(d);
  for (const d of [...dirs].sort((a, b) => b.length - a.length)) await rmdir(path.join(target, d)).catch(() => undefined);
}

function writeProblem(dir: string, message: string, messageZh: string): DataValidationError {
  return new DataValidationError([{ severity: "error", file: dir, message, messageZh }], `${dir}: ${message}`);
}

// The file system's refusals, in words a clerk can act on.
function cannotWrite(dir: string, where: string, err: unknown): Error {
  if (err instanceof DataValidationError) return err;
  const code = (err as NodeJS.ErrnoException)?.code;
  const why: Record<string, [string, string]> = {
    EACCES: ["no permission to write there", "没有写入权限"],
    EPERM: ["no permission to write there", "没有写入权限"],
    EROFS: ["the disk is read-only", "磁盘为只读"],
    ENOSPC: ["the disk is full", "磁盘已满"],
    ENOTDIR: ["a part of the path is a file, not a folder", "路径中有一段是文件而不是文件夹"],
    EISDIR: ["a folder stands where an output file goes", "输出文件的位置上有一个同名文件夹"],
    EEXIST: ["a file stands where a folder goes", "需要文件夹的位置上有一个同名文件"],
    ENOTEMPTY: ["a folder stands where an output file goes", "输出文件的位置上有一个同名文件夹"],
  };
  const [en, zh] = (code && why[code]) ?? [String((err as Error)?.message ?? err), String((err as Error)?.message ?? err)];
  return writeProblem(
    dir,
    `cannot be written (${en}${code ? `, ${code}` : ""} at ${where}); nothing was changed; choose another --out or fix the folder`,
    `无法写入（${zh}${code ? `，${code}` : ""}，位置 ${where}）；已有文件均未改动；请换一个 --out 文件夹或修正后重试`,
  );
}
