import type { CliIo, Command, ParsedArgs } from '../command';
import { ExitCode } from '../exit-code';
import { readInputFiles } from '../input-files';
import { stringOption } from '../parse-args';
import { UsageError } from '../usage-error';
import { formatDiagnostic, hasErrors, type Diagnostic, lintRuleTexts, SCOPE_FIELDS, SCOPE_OPTION_FLAGS, ScopeOptionsError, scopeRuleFiles, type ScopeField } from '../../rules';

export const scopeCommand: Command = {
  name: 'scope',
  summary: 'Restrict Falco rules to namespaces and print them as flat rule files',
  operands: 'FILE...',
  description: [
    'Loads the files in the given order as Falco does, merges every append and override, and',
    "rewrites each rule's whole condition to '(<condition>) and falco_gitops_scope', where the",
    'macro falco_gitops_scope checks that the event comes from one of the --namespace namespaces',
    '(k8s_audit rules use ka.target.namespace). Rules whose source has no namespace field are left',
    'unscoped with a warning; --exclude-rule and --exclude-tag keep rules cluster-wide on purpose.',
    '',
    'Prints the flat files on stdout, in load order, as one YAML stream (`---` between files) that',
    'Falco and `falco-gitops lint` read as they are; diagnostics go to stderr as',
    'file:line:col: error|warning: message [code]. The inputs are linted first.',
    '',
    'Exit status: 0 done (warnings allowed), 1 the inputs have errors, 2 usage error.',
  ].join('\n'),
  options: [
    { name: 'namespace', short: 'n', valueName: 'NS', repeatable: true, description: 'Namespace the rules fire in (repeat for more)' },
    {
      name: 'field',
      valueName: 'FIELD',
      choices: SCOPE_FIELDS,
      default: 'k8smeta.ns.name',
      description: 'Field that carries the namespace of a syscall event',
    },
    { name: 'exclude-rule', valueName: 'NAME', repeatable: true, description: 'Leave this rule cluster-wide (repeatable)' },
    { name: 'exclude-tag', valueName: 'TAG', repeatable: true, description: 'Leave rules with this tag cluster-wide (repeatable)' },
    {
      name: 'scoped-file',
      valueName: 'FILE',
      repeatable: true,
      description: 'Only scope rules first defined in this input file (repeatable; default: all files)',
    },
  ],
  run(args, io) {
    const namespaces = listOption(args, 'namespace');
    if (namespaces.length === 0) throw new UsageError('no namespace: give at least one --namespace, e.g. --namespace prod');
    const files = readInputFiles(args.operands, io);

    const lintDiagnostics = lintRuleTexts(files);
    if (hasErrors(lintDiagnostics)) {
      report(lintDiagnostics, io);
      return ExitCode.Findings;
    }

    const files_ = listOption(args, 'scoped-file');
    let result;
    try {
      result = scopeRuleFiles(files, {
        namespaces,
        field: stringOption(args, 'field') as ScopeField,
        excludeRules: listOption(args, 'exclude-rule'),
        excludeTags: listOption(args, 'exclude-tag'),
        ...(files_.length > 0 ? { files: files_ } : {}),
      });
    } catch (e) {
      if (e instanceof ScopeOptionsError) throw e.as((option) => SCOPE_OPTION_FLAGS[option], { summary: 'invalid options', usage: true });
      throw e;
    }
    // The linter already reports what the loader finds; add only what the scoping found on top.
    const seen = new Set(lintDiagnostics.map(formatDiagnostic));
    report([...lintDiagnostics, ...result.diagnostics.filter((d) => !seen.has(formatDiagnostic(d)))], io);
    if (hasErrors(result.diagnostics)) return ExitCode.Findings;
    io.stdout(result.files.map((f) => f.text).join('---\n'));
    return ExitCode.Ok;
  },
};

function listOption(args: ParsedArgs, name: string): string[] {
  const v = args.options[name];
  return Array.isArray(v) ? v : [];
}

/** Diagnostics and a count line on stderr (stdout carries the rules), as `lint` prints them. */
function report(diagnostics: readonly Diagnostic[], io: CliIo): void {
  if (diagnostics.length === 0) return;
  for (const d of diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  io.stderr(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
}
