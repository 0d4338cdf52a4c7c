import { Command } from "commander";

/** Entry point of the `gaibo` command; commands are registered here and do no analysis themselves. */
export async function main(argv: string[]): Promise<void> {
  const program = new Command();
  program.name("gaibo").description("全面改薄 analysis toolkit");
  await program.parseAsync(argv);
}
