import type { Command } from '../command';
import { ExitCode } from '../exit-code';
import { FORMAT_OPTION, type OutputFormat } from '../format-option';
import { readInputFiles } from '../input-files';
import { stringOption } from '../parse-args';
import { reportDiagnostics } from '../report-diagnostics';
import { hasErrors, lintRuleTexts } from '../../rules';

export const lintCommand: Command = {
  name: 'lint',
  summary: 'Check Falco rule files the way Falco 0.44 loads them',
  operands: 'FILE...',
  description: [
    'Loads the files in the given order, as Falco loads its rules_files (later files may',
    'override or append to items of earlier ones), and reports every problem as',
    'file:line:col: error|warning: message [code].',
    '',
    'Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error.',
  ].join('\n'),
  options: [FORMAT_OPTION],
  run(args, io) {
    const files = readInputFiles(args.operands, io);
    const diagnostics = lintRuleTexts(files);
    reportDiagnostics(diagnostics, stringOption(args, 'format') as OutputFormat, io);
    return hasErrors(diagnostics) ? ExitCode.Findings : ExitCode.Ok;
  },
};
