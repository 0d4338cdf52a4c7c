import chardet from "chardet";
import iconv from "iconv-lite";

/** Text decoded from a file's bytes, with the encoding it was read in and how that was decided. */
export interface DecodedText {
  text: string;
  /** "UTF-8", "UTF-16LE", "UTF-16BE", "GB18030" or the name chardet gave. */
  encoding: string;
  /** How the encoding was chosen: a byte-order mark, a valid decoding, or a statistical guess (chardet). */
  basis: "bom" | "valid" | "guess";
}

// Control characters (C0 other than tab and line ends, DEL, C1) do not occur in office text: a decoding that yields them is wrong.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

const strict = (label: string, bytes: Uint8Array): string | undefined => {
  try {
    const text = new TextDecoder(label, { fatal: true }).decode(bytes);
    return CONTROL.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
};

// UTF-16 without a BOM: text of ASCII and CJK has a zero byte in most odd (LE) or even (BE) positions.
function utf16WithoutBom(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  // CJK characters at U+xx00 (开 U+5F00) put a few zeros on the other side too.
  if (oddZero > pairs * 0.2 && oddZero > 4 * evenZero) return "utf-16le";
  if (evenZero > pairs * 0.2 && evenZero > 4 * oddZero) return "utf-16be";
  return undefined;
}

/**
 * Decode a text file the way Chinese planning offices save them, never silently wrong:
 * a byte-order mark decides first (UTF-8, Excel's "Unicode 文本" UTF-16LE, UTF-16BE); then UTF-16
 * without a BOM is recognised by its zero bytes; then the bytes are decoded strictly as UTF-8 and,
 * when that fails (or yields control characters), strictly as GB18030 (the superset of GBK and GB2312 that Excel writes on Chinese
 * Windows). Only when both fail is chardet's guess used, and the result says so (`basis: "guess"`),
 * so the caller can name the encoding in any later message.
 *
 * @param bytes the file's bytes
 * @returns the text without a BOM, and the encoding used
 * @example decodeText(iconv.encode("县区代码", "gbk")).encoding // "GB18030"
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "UTF-8", basis: "bom" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "UTF-16LE", basis: "bom" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "UTF-16BE", basis: "bom" };
  const wide = utf16WithoutBom(bytes);
  const wideText = wide ? strict(wide, bytes) : undefined;
  if (wide && wideText !== undefined) return { text: wideText, encoding: wide.toUpperCase(), basis: "valid" };
  const utf8 = strict("utf-8", bytes);
  if (utf8 !== undefined) return { text: utf8, encoding: "UTF-8", basis: "valid" };
  const gb = strict("gb18030", bytes);
  if (gb !== undefined) return { text: gb, encoding: "GB18030", basis: "valid" };
  const guess = chardet.detect(bytes) ?? "GB18030";
  const label = iconv.encodingExists(guess) ? guess : "GB18030";
  return { text: iconv.decode(Buffer.from(bytes), label), encoding: label, basis: "guess" };
}
