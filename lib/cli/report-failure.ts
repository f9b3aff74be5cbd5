import { CommanderError, type Command } from 'commander';
import type { CliIo } from './cli-io';
import { ExitCode } from './exit-code';
import { usageHint } from './usage-hint';

/**
 * Prints what went wrong in a run of `falco-gitops` and returns its exit status; every front end
 * prints errors this way (synth through the same `formatUserError` and `formatInternalError`).
 *
 * - commander's own exits: help and version (0; already printed), or a command-line mistake it
 *   found and printed as `error: ...` with the usage hint (2);
 * - a `UserError`: `error: ` and its problems, no stack trace; its exit code (2 for a
 *   `UsageError`, then with the usage hint of the command that ran);
 * - anything else is a bug: one line, the stack trace only with `--debug`; 70.
 */
export async function reportFailure(error: unknown, io: CliIo, context: { readonly command: Command; readonly debug: boolean }): Promise<number> {
  if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
  // Loaded only on this path: the error model's module graph (lib/core) costs start-up time.
  const { formatInternalError, formatUserError, isUserError } = await import('../core');
  if (isUserError(error)) {
    io.stderr(`${formatUserError(error)}\n`);
    if (error.exitCode === ExitCode.Usage) io.stderr(`${usageHint(context.command)}\n`);
    return error.exitCode;
  }
  io.stderr(`${formatInternalError(error, context.debug)}\n`);
  return ExitCode.Internal;
}
