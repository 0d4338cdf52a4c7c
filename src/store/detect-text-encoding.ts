import chardet from "chardet";

/** Encodings a Chinese office CSV arrives in, as iconv-lite names them. */
export type TextEncoding = "utf8" | "gb18030" | "utf16le" | "utf16be";

/**
 * Tell the encoding of a text file from its first bytes: a byte-order mark decides; bytes that are valid UTF-8 are
 * UTF-8; otherwise chardet's guess when it is GB18030/GBK/GB2312 or UTF-16 (Excel's "Unicode 文本"). Anything else is
 * reported as unknown (null) rather than decoded wrongly: a clerk is better told to save as UTF-8 than shown "��".
 *
 * @param head the file's first bytes (64 KB is plenty)
 * @param complete true when head is the whole file (a UTF-8 sequence cut at the end is then an error, not a cut)
 * @returns the encoding, or null when it cannot be told
 */
export function detectTextEncoding(head: Uint8Array, complete = false): TextEncoding | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "utf8";
  if (head[0] === 0xff && head[1] === 0xfe) return "utf16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf16be";
  if (isUtf8(head, complete)) return "utf8";
  const guess = (chardet.detect(head) ?? "").toUpperCase();
  if (/^(GB18030|GBK|GB2312|GB-?2312)/.test(guess)) return "gb18030";
  if (guess === "UTF-16LE") return "utf16le";
  if (guess === "UTF-16BE") return "utf16be";
  // Without a BOM, UTF-16 text of ASCII headers shows as every other byte zero.
  const zeros = (from: number) => {
    let n = 0;
    for (let i = from; i < Math.min(head.length, 512); i += 2) if (head[i] === 0) n++;
    return n / Math.max(1, Math.min(head.length, 512) / 2);
  };
  if (zeros(1) > 0.3) return "utf16le";
  if (zeros(0) > 0.3) return "utf16be";
  return decodesCleanly(head, "gb18030") ? "gb18030" : null;
}

function isUtf8(bytes: Uint8Array, complete: boolean): boolean {
  let end = bytes.length;
  if (!complete) {
    // Drop a multi-byte sequence cut by the sample's end.
    let back = 0;
    while (back < 4 && end - back - 1 >= 0 && (bytes[end - back - 1] & 0xc0) === 0x80) back++;
    const lead = bytes[end - back - 1];
    if (lead !== undefined && lead >= 0xc0) end = end - back - 1;
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

function decodesCleanly(bytes: Uint8Array, enc: string): boolean {
  try {
    new TextDecoder(enc, { fatal: true }).decode(bytes.subarray(0, Math.max(0, bytes.length - 4)));
    return true;
  } catch {
    return false;
  }
}
