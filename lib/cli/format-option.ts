import { Option } from 'commander';

export const OUTPUT_FORMATS = ['text', 'json'] as const;

export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The `--format text|json` option of every command that reports something (a new one per command). */
export function formatOption(description = 'output format'): Option {
  return new Option('-f, --format <format>', description).choices(OUTPUT_FORMATS).default('text');
}
