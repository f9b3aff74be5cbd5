import type { CliIo, Command } from './command';
import { COMMANDS } from './commands';
import { ExitCode } from './exit-code';
import { commandHelp, TOOL_NAME, toolHelp, usageLine } from './help';
import { parseArgs } from './parse-args';
import { UsageError } from './usage-error';

const isHelp = (a: string): boolean => a === '--help' || a === '-h';

/**
 * Runs `falco-gitops <command> ...` and returns the exit code; never throws for user mistakes.
 * `--help` anywhere before a `--` wins over everything else, so `lint --bogus --help` still shows help.
 */
export async function main(argv: readonly string[], io: CliIo, commands: readonly Command[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || isHelp(name)) {
    (name === undefined ? io.stderr : io.stdout)(toolHelp(commands));
    return name === undefined ? ExitCode.Usage : ExitCode.Ok;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    io.stderr(`${TOOL_NAME}: unknown command '${name}'. Commands: ${commands.map((c) => c.name).join(', ')}\n`);
    io.stderr(`Run '${TOOL_NAME} --help' for usage.\n`);
    return ExitCode.Usage;
  }
  const end = rest.indexOf('--');
  if ((end === -1 ? rest : rest.slice(0, end)).some(isHelp)) {
    io.stdout(commandHelp(command));
    return ExitCode.Ok;
  }
  try {
    return await command.run(parseArgs(rest, command.options), io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`${TOOL_NAME} ${command.name}: ${e.message}\n${usageLine(command)}\n`);
    io.stderr(`Run '${TOOL_NAME} ${command.name} --help' for details.\n`);
    return ExitCode.Usage;
  }
}

/** Entry point used by `bin/falco-gitops.js`. */
export function run(): void {
  const io: CliIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // A bug, not a user error: keep the stack so it can be reported.
      process.stderr.write(`${TOOL_NAME}: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 70;
    },
  );
}
