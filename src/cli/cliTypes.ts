// What every subcommand gets and returns, so that `suggest`, `export`, `agree` slot in beside `validate`.

/** Where a command writes and what it resolves paths against; tests pass their own. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
}

export const EXIT_OK = 0;
/** The command ran and found problems (validate: at least one error). */
export const EXIT_PROBLEMS = 1;
/** Wrong arguments; usage was printed. */
export const EXIT_USAGE = 2;

export interface CliCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full help text, printed for `<command> --help` and after a usage error. */
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** A wrong argument; the dispatcher prints the message and the command's usage, exit 2. */
export class UsageError extends Error {}
