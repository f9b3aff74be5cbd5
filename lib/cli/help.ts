import type { Command, OptionSpec } from './command';

export const TOOL_NAME = 'falco-gitops';

/** `falco-gitops lint [options] FILE...` */
export function usageLine(command: Command): string {
  const opts = command.options.length > 0 ? ' [options]' : '';
  return `Usage: ${TOOL_NAME} ${command.name}${opts}${command.operands ? ` ${command.operands}` : ''}`;
}

function optionLabel(o: OptionSpec): string {
  const names = [o.short !== undefined ? `-${o.short}` : undefined, `--${o.name}`].filter(Boolean).join(', ');
  return o.valueName !== undefined ? `${names} ${o.valueName}` : names;
}

function table(rows: ReadonlyArray<readonly [string, string]>): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

/** Full `falco-gitops <command> --help` text. */
export function commandHelp(command: Command): string {
  const rows: Array<readonly [string, string]> = command.options.map((o) => {
    const extra = [
      o.choices !== undefined ? `one of: ${o.choices.join(', ')}` : undefined,
      o.default !== undefined ? `default: ${o.default}` : undefined,
    ].filter(Boolean);
    return [optionLabel(o), extra.length > 0 ? `${o.description} (${extra.join('; ')})` : o.description] as const;
  });
  rows.push(['-h, --help', 'Show this help and exit']);
  return [usageLine(command), '', command.summary, '', command.description.trimEnd(), '', 'Options:', ...table(rows), ''].join(
    '\n',
  );
}

/** `falco-gitops --help` text listing every registered command. */
export function toolHelp(commands: readonly Command[]): string {
  return [
    `Usage: ${TOOL_NAME} <command> [options] [operands]`,
    '',
    'Falco rules toolchain of the falco-gitops project.',
    '',
    'Commands:',
    ...table(commands.map((c) => [c.name, c.summary] as const)),
    '',
    'Options:',
    ...table([['-h, --help', 'Show this help and exit']]),
    '',
    `Run '${TOOL_NAME} <command> --help' for a command's options.`,
    '',
  ].join('\n');
}
