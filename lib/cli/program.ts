import { Command } from 'commander';
import type { CliCommand, CommandContext } from './cli-command';
import { packageVersion, TOOL_NAME } from './tool-info';
import { usageHint } from './usage-hint';

/**
 * The `falco-gitops` program on commander, a fresh one per run (commander keeps parsed values on
 * the command objects). Commander, rather than Node's `util.parseArgs`, because it gives every
 * sub-command the same generated help, usage line, `--version`, choices, required operands and
 * "did you mean" suggestions; `util.parseArgs` parses one flat argument list and leaves
 * sub-commands, help and those checks to hand-written code, which is what this replaced.
 *
 * Nothing here exits the process: `exitOverride` turns commander's exits into `CommanderError`s
 * for `main`, and `configureOutput` sends everything it prints to the injected io.
 */
export function createProgram(commands: readonly CliCommand[], context: CommandContext): Command {
  const { io } = context;
  const program = new Command(TOOL_NAME)
    .description('Falco rules toolchain of the falco-gitops project: lint, scope and vendor Falco rule files, and check the stack of a deployment repository.')
    .usage('<command> [options]')
    .version(packageVersion(), '-V, --version', 'print the version and exit')
    .option('--debug', 'print the stack trace of an internal error')
    .helpOption('-h, --help', 'show this help and exit')
    .helpCommand('help [command]', 'show the help of a command')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      getOutHelpWidth: () => io.columns ?? 80,
      getErrHelpWidth: () => io.columns ?? 80,
    })
    .showHelpAfterError(usageHint(new Command(TOOL_NAME)))
    // Text added this way is printed as it is, not wrapped.
    .addHelpText(
      'after',
      [
        '',
        'Exit status: 0 ok (warnings allowed), 1 the input has errors, 2 usage error,',
        '70 internal error (a bug in falco-gitops: please report it).',
        '',
        `Run '${TOOL_NAME} <command> --help' for a command's options.`,
      ].join('\n'),
    );
  // Sub-commands created by program.command() inherit the settings above; each names its own help.
  for (const add of commands) {
    const command = add(program, context);
    command.showHelpAfterError(usageHint(command));
  }
  return program;
}
