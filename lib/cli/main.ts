import { Command } from 'commander';
import type { CliCommand } from './cli-command';
import type { CliIo } from './cli-io';
import { COMMANDS } from './commands';
import { ExitCode } from './exit-code';
import { createProgram } from './program';
import { reportFailure } from './report-failure';
import { TOOL_NAME } from './tool-info';

/**
 * Runs `falco-gitops <command> ...` with `argv` (the arguments after the executable) and returns
 * the exit status; never throws and never exits the process, so tests call it in-process with a
 * collecting io. `commands` replaces the registered commands (tests add failing ones).
 */
export async function main(argv: readonly string[], io: CliIo, commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  // The command whose action runs, so a usage error it throws points at its own --help.
  let running = new Command(TOOL_NAME);
  let debug = argv.includes('--debug');
  try {
    const program = createProgram(commands, { io, exit: (code) => (exitCode = code) });
    running = program;
    program.hook('preAction', (_program, command) => {
      running = command;
      debug = program.opts().debug === true;
    });
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportFailure(error, io, { command: running, debug });
  }
}

/** Entry point of `bin/falco-gitops.js`: the process's arguments, streams and directory. */
export function run(): void {
  // A reader that stops early (`falco-gitops lint ... | head`) closes the pipe: stop quietly, as
  // grep does, instead of crashing on the unhandled EPIPE of the next write.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? 0);
    });
  }
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    ...(process.stdout.isTTY ? { columns: process.stdout.columns } : {}),
  };
  // exitCode, not exit(): output still queued for a pipe gets written.
  void main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
