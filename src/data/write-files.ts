import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/** A file to write: path relative to the output directory and its content. */
export interface OutputFile {
  path: string;
  content: string | Uint8Array;
}

/**
 * Write a set of output files so that either all of them appear or none changes: everything is
 * written into a sibling staging folder first and moved into place only when all writes succeeded.
 * A failed run therefore never leaves a half-written report beside the previous good one.
 *
 * @param dir output directory (created when missing)
 * @param files files relative to dir
 */
export async function writeFilesAtomically(dir: string, files: readonly OutputFile[]): Promise<string[]> {
  const staging = path.join(path.dirname(path.resolve(dir)), `.${path.basename(dir)}.staging-${process.pid}-${Date.now()}`);
  try {
    for (const f of files) {
      const target = path.join(staging, f.path);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, f.content);
    }
    const written: string[] = [];
    for (const f of files) {
      const target = path.join(dir, f.path);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(path.join(staging, f.path), target);
      written.push(target);
    }
    return written;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
