/** Where a command writes; tests pass collecting functions instead of the process streams. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Directory that relative operands are resolved against. */
  readonly cwd: string;
}

/** One `--long`/`-s` option of a command. */
export interface OptionSpec {
  /** Long name without dashes, e.g. `format`; also the key in `ParsedArgs.options`. */
  readonly name: string;
  /** One-letter alias without the dash, e.g. `o`. */
  readonly short?: string;
  /** Placeholder shown in help for an option that takes a value, e.g. `FORMAT`. Absent for a boolean flag. */
  readonly valueName?: string;
  /** Allowed values; anything else is a usage error. */
  readonly choices?: readonly string[];
  /** Value used when the option is not given (options with a value only). */
  readonly default?: string;
  /** May be given more than once; the values are collected in order. */
  readonly repeatable?: boolean;
  readonly description: string;
}

/** Result of parsing a command's arguments against its `OptionSpec`s. */
export interface ParsedArgs {
  /** Option values by long name: a string (or string[] for repeatable options), `true` for a given flag. */
  readonly options: Readonly<Record<string, string | string[] | boolean | undefined>>;
  /** Arguments that are not options, in order. */
  readonly operands: readonly string[];
}

/**
 * A `falco-gitops` sub-command. Register new commands in `commands/index.ts`; `main.ts` does
 * the dispatch, `--help`, usage errors and exit codes for all of them.
 */
export interface Command {
  /** The word after `falco-gitops`, e.g. `lint`. */
  readonly name: string;
  /** One line for the tool's command list. */
  readonly summary: string;
  /** Operand part of the usage line, e.g. `FILE...`. */
  readonly operands: string;
  /** Paragraphs printed under the usage line by `--help`. */
  readonly description: string;
  readonly options: readonly OptionSpec[];
  /** Returns the exit code. Throw `UsageError` for command-line mistakes; other exceptions are bugs. */
  run(args: ParsedArgs, io: CliIo): number | Promise<number>;
}
