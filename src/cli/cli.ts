// Subcommand dispatch for the `arabic-news-annotator` command. New commands are added to
// COMMANDS; each parses its own options.
import { EXIT_OK, EXIT_USAGE, UsageError, type CliCommand, type CliIo } from './cliTypes';
import { suggestCommand } from './suggest';
import { validateCommand } from './validate';

export const CLI_NAME = 'arabic-news-annotator';

export const COMMANDS: readonly CliCommand[] = [validateCommand, suggestCommand];

function mainUsage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `Usage: ${CLI_NAME} <command> [options]`,
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Run \`${CLI_NAME} <command> --help\` for a command's options.`,
  ].join('\n');
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(mainUsage());
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(mainUsage());
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`${CLI_NAME}: unknown command "${name}".\n\n${mainUsage()}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${CLI_NAME} ${command.name}: ${err.message}\n\n${command.usage}`);
      return EXIT_USAGE;
    }
    throw err;
  }
}
