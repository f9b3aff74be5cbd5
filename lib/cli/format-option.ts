import type { OptionSpec } from './command';

export type OutputFormat = 'text' | 'json';

/** The `--format text|json` option every reporting command shares. */
export const FORMAT_OPTION: OptionSpec = {
  name: 'format',
  short: 'f',
  valueName: 'FORMAT',
  choices: ['text', 'json'],
  default: 'text',
  description: 'Output format',
};
