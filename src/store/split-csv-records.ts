/** One CSV record with the line it starts on (1-based, as a text editor counts). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * A CSV tokenizer that takes text in pieces (RFC 4180: quoted fields, doubled quotes, CR/LF, line breaks inside
 * quotes) and hands back whole records as they complete, so a file of any size is read in bounded memory.
 * `parseCsvRecords` in src/data reads a whole text; this one keeps the same rules for a stream (hand-written for that
 * reason: it must resume mid-field at any chunk boundary and keep each record's line number for messages).
 *
 * @example
 * const split = splitCsvRecords();
 * split.push('a,b\n1,"x\ny"\n'); // [{ line: 1, fields: ["a", "b"] }, { line: 2, fields: ["1", "x\ny"] }]
 */
export function splitCsvRecords(delimiter: "," | "\t" | ";" = ","): {
  /** Feed the next piece of text; returns the records completed by it. */
  push(text: string): CsvRecord[];
  /** End of input: the last record without a final line break, and whether a quote was left open (its line). */
  end(): { records: CsvRecord[]; openQuoteLine?: number };
} {
  let fields: string[] = [];
  let field = "";
  let inQuotes = false;
  // A quote seen at the end of a piece may be the first of a doubled quote: decide on the next piece.
  let pendingQuote = false;
  let pendingCr = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 0;
  let started = false;

  const push = (text: string): CsvRecord[] => {
    const out: CsvRecord[] = [];
    let i = 0;
    if (!started && text.length > 0) {
      started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    for (; i < text.length; i++) {
      const ch = text[i];
      if (pendingCr) {
        pendingCr = false;
        if (ch === "\n") continue;
      }
      if (pendingQuote) {
        pendingQuote = false;
        if (ch === '"') {
          field += '"';
          continue;
        }
        inQuotes = false;
      }
      if (inQuotes) {
        if (ch === '"') pendingQuote = true;
        else {
          if (ch === "\n") line++;
          field += ch;
        }
        continue;
      }
      if (ch === '"' && field === "") {
        inQuotes = true;
        quoteLine = line;
      } else if (ch === delimiter) {
        fields.push(field);
        field = "";
      } else if (ch === "\n" || ch === "\r") {
        if (ch === "\r") pendingCr = true;
        fields.push(field);
        out.push({ line: recordLine, fields });
        fields = [];
        field = "";
        line++;
        recordLine = line;
      } else field += ch;
    }
    return out;
  };

  const end = () => {
    if (pendingQuote) {
      pendingQuote = false;
      inQuotes = false;
    }
    if (inQuotes) return { records: [], openQuoteLine: quoteLine };
    if (field !== "" || fields.length > 0) {
      fields.push(field);
      const rec = { line: recordLine, fields };
      fields = [];
      field = "";
      return { records: [rec] };
    }
    return { records: [] };
  };
  return { push, end };
}
