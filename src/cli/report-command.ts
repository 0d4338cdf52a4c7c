/** `gaibo report`: placeholder until the report pipeline lands. */
export async function runReport(_opts: { out?: string; lang: "zh" | "en" }): Promise<number> {
  return 0;
}
