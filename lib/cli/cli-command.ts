import type { Command } from 'commander';
import type { CliIo } from './cli-io';

/** What a command's action needs from `main`. */
export interface CommandContext {
  readonly io: CliIo;
  /**
   * Records the exit status of a command that ran to the end: 0, or 1 when the input has errors.
   * The user's mistakes are thrown as `UserError`s instead (`UsageError` for the command line), so
   * `main` prints every one of them the same way.
   */
  readonly exit: (code: number) => void;
}

/**
 * A `falco-gitops` sub-command: adds itself to the program with commander (options, operands,
 * help) and returns the sub-command. Its action loads the command's implementation module only
 * when it runs, so `--help`, `--version` and the other commands never pay for it.
 */
export type CliCommand = (program: Command, context: CommandContext) => Command;
