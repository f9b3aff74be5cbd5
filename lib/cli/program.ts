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
  program.configureOutput({ outputError: suggestionInLine(program) });
  for (const add of commands) {
    const command = add(program, context);
    command.showHelpAfterError(usageHint(command)).configureOutput({ outputError: suggestionInLine(command) });
  }
  return program;
}

/**
 * Commander prints its "did you mean" on a line of its own, `(Did you mean lint?)`, without the
 * command it belongs to; here it joins the error line and names the whole command to type:
 * `error: unknown command 'lnt'; did you mean 'falco-gitops lint'?` (commander@14.0.3
 * lib/suggestSimilar.js writes the suggestion as `\n(Did you mean X?)` or `one of X, Y`).
 */
function suggestionInLine(command: Command): (text: string, write: (text: string) => void) => void {
  const names: string[] = [];
  for (let c: Command | null = command; c !== null; c = c.parent) names.unshift(c.name());
  const prefix = names.join(' ');
  return (text, write) => {
    const joined = text.replace(/\n\(Did you mean (one of )?(.+)\?\)\n$/, (_m, oneOf: string | undefined, list: string) => {
      const quoted = list.split(', ').map((name) => `'${prefix} ${name}'`);
      return `; did you mean ${oneOf !== undefined ? `one of ${quoted.join(', ')}` : quoted[0]}?\n`;
    });
    write(joined);
  };
}
