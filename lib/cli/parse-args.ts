import type { OptionSpec, ParsedArgs } from './command';
import { UsageError } from './usage-error';

/**
 * Parses `argv` (the arguments after the command name) against `specs`.
 *
 * Accepts `--name value`, `--name=value`, `-s value`, boolean `--flag`, and `--` to end options
 * (so a file called `-x.yaml` can be passed). `-` alone is an operand. Throws `UsageError`
 * naming the offending argument. `--help`/`-h` are handled by the dispatcher before this runs.
 */
export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const options: Record<string, string | string[] | boolean | undefined> = {};
  const operands: string[] = [];
  const byLong = new Map(specs.map((s) => [s.name, s] as const));
  const byShort = new Map(specs.filter((s) => s.short !== undefined).map((s) => [s.short as string, s] as const));

  for (const spec of specs) {
    if (spec.default !== undefined) options[spec.name] = spec.default;
    else if (spec.repeatable) options[spec.name] = [];
  }

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      operands.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    const eq = long ? arg.indexOf('=') : -1;
    const key = long ? arg.slice(2, eq === -1 ? undefined : eq) : arg.slice(1);
    const spec = long ? byLong.get(key) : byShort.get(key);
    if (spec === undefined) throw new UsageError(`unknown option '${long ? `--${key}` : arg}'`);
    const shown = long ? `--${spec.name}` : `-${key}`;

    if (spec.valueName === undefined) {
      if (eq !== -1) throw new UsageError(`option '${shown}' takes no value`);
      options[spec.name] = true;
      continue;
    }
    let value: string;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(`option '${shown}' needs a value (${spec.valueName})`);
      value = next;
      i++;
    }
    if (spec.choices !== undefined && !spec.choices.includes(value)) {
      throw new UsageError(
        `invalid value '${value}' for '${shown}': expected one of ${spec.choices.map((c) => `'${c}'`).join(', ')}`,
      );
    }
    if (spec.repeatable) (options[spec.name] as string[]).push(value);
    else options[spec.name] = value;
  }
  return { options, operands };
}

/** Reads a string option that has a default (so it is always set after `parseArgs`). */
export function stringOption(args: ParsedArgs, name: string): string {
  const v = args.options[name];
  if (typeof v !== 'string') throw new Error(`option '${name}' has no string value; give it a default in its OptionSpec`);
  return v;
}
