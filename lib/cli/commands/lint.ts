import type { CliCommand } from '../cli-command';
import { formatOption, type OutputFormat } from '../format-option';
import { paragraphs } from '../paragraphs';

export const lintCommand: CliCommand = (program, { io, exit }) =>
  program
    .command('lint')
    .summary('check Falco rule files as Falco 0.44 loads them')
    .description(
      paragraphs(
        'Loads the files in the given order, as Falco loads its rules_files (later files may override or append to items of earlier ones), and reports every problem as file:line:col: error|warning: message [code], or as one JSON document with --format json.',
        'Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error.',
      ),
    )
    .argument('<file...>', 'rule files, in load order')
    .addOption(formatOption())
    .action(async (files: string[], options: { format: OutputFormat }) => {
      const { runLint } = await import('./lint-action');
      exit(runLint(files, options, io));
    });
