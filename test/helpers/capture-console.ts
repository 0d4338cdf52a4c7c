import { afterEach, beforeEach, vi } from "vitest";

/**
 * Capture what a command prints (console.error, warn and log, one string per call) for each test of the
 * calling file or describe block, and reset process.exitCode afterwards. The returned array is emptied
 * before each test and fills as the test runs.
 */
export function captureConsole(): string[] {
  const out: string[] = [];
  beforeEach(() => {
    out.length = 0;
    const keep = (...a: unknown[]) => void out.push(a.map(String).join(" "));
    vi.spyOn(console, "error").mockImplementation(keep);
    vi.spyOn(console, "warn").mockImplementation(keep);
    vi.spyOn(console, "log").mockImplementation(keep);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });
  return out;
}
