import { hasErrors, lintRuleTexts } from '../../rules';
import type { CliIo } from '../cli-io';
import { ExitCode } from '../exit-code';
import type { OutputFormat } from '../format-option';
import { readInputFiles } from '../input-files';
import { reportDiagnostics } from '../report-diagnostics';

/** `falco-gitops lint`: lints the files together, in load order; 1 when Falco would refuse them. */
export function runLint(files: readonly string[], options: { readonly format: OutputFormat }, io: CliIo): number {
  const diagnostics = lintRuleTexts(readInputFiles(files, io));
  reportDiagnostics(diagnostics, options.format, io.stdout);
  return hasErrors(diagnostics) ? ExitCode.Findings : ExitCode.Ok;
}
