import { Option } from 'commander';
import type { CLUSTER_WIDE_TAG, SCOPE_DEFAULTS, ScopeField } from '../../rules';
import type { CliCommand } from '../cli-command';
import { formatOption, type OutputFormat } from '../format-option';
import { paragraphs } from '../paragraphs';
import { repeatable } from '../repeatable';

/**
 * The `--field` choices, with what each needs. Spelled out here so that defining the command
 * loads none of the rules toolchain; typed by the library's `ScopeField`, so this stops compiling
 * when the library's `SCOPE_FIELDS` gains or loses a field.
 */
const FIELDS: Readonly<Record<ScopeField, string>> = {
  'k8smeta.ns.name': 'the k8smeta plugin, fed by the k8s-metacollector',
  'k8s.ns.name': 'the container plugin, from the container runtime',
  'container.name': 'Docker-named containers k8s_<container>_<pod>_<ns>_… (never under containerd, so not on k3s)',
};
/**
 * Synth's defaults, shown in the help. Typed by the library's `SCOPE_DEFAULTS` (the one source,
 * applied by the action), so this stops compiling when a default changes there and not here.
 */
const DEFAULT_FIELD: typeof SCOPE_DEFAULTS.field = 'k8smeta.ns.name';
const DEFAULT_EXCLUDED_TAG: typeof CLUSTER_WIDE_TAG = 'falco_gitops_cluster_wide';

/** The options as commander hands them to the action. */
export interface ScopeCommandOptions {
  readonly namespace: readonly string[];
  readonly field: ScopeField;
  readonly excludeRule?: readonly string[];
  /** `false` after `--no-exclude-tag`; left out, the action applies synth's default. */
  readonly excludeTag?: readonly string[] | false;
  readonly scopedFile?: readonly string[];
  readonly format: OutputFormat;
}

export const scopeCommand: CliCommand = (program, { io, exit }) =>
  program
    .command('scope')
    .summary('scope rules to namespaces, print flat rule files')
    .description(
      paragraphs(
        "Loads the files in the given order as Falco does, merges every append and override, and rewrites each rule's whole condition to '(<condition>) and falco_gitops_scope', where the macro falco_gitops_scope checks that the event comes from one of the --namespace namespaces (k8s_audit rules use ka.target.namespace). Rules whose source has no namespace field are left unscoped with a warning; --exclude-rule and --exclude-tag keep rules cluster-wide on purpose.",
        'Prints the flat files on stdout, in load order, as one YAML stream (`---` between files) that Falco and `falco-gitops lint` read as they are; diagnostics go to stderr as file:line:col: error|warning: message [code] (or JSON with --format json). The inputs are linted first.',
        `--field, the field that carries the namespace of a syscall event, needs:\n${Object.entries(FIELDS)
          .map(([field, needs]) => `  ${field.padEnd(16)} ${needs}`)
          .join('\n')}`,
        `The defaults are synth's (rules.scope in main.ts), so the output is what synth ships for the same namespaces: --field ${DEFAULT_FIELD} and --exclude-tag ${DEFAULT_EXCLUDED_TAG}, the tag of the project rules meant to fire in every namespace. Giving --exclude-tag replaces that default; --no-exclude-tag excludes no tag. Each file's header lists the effective options, defaults marked.`,
        'Exit status: 0 done (warnings allowed), 1 the inputs have errors, 2 usage error.',
      ),
    )
    .argument('<file...>', 'rule files, in load order')
    .addOption(
      new Option('-n, --namespace <namespace>', 'namespace the scoped rules fire in (repeat for more)')
        .argParser(repeatable)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--field <field>', 'field that carries the namespace of a syscall event')
        .choices(Object.keys(FIELDS))
        .default(DEFAULT_FIELD),
    )
    .addOption(new Option('--exclude-rule <name>', 'leave this rule cluster-wide (repeatable)').argParser(repeatable))
    .addOption(
      new Option('--exclude-tag <tag>', `leave the rules with this tag cluster-wide (repeatable; default: ${DEFAULT_EXCLUDED_TAG})`).argParser(repeatable),
    )
    .addOption(new Option('--no-exclude-tag', 'exclude no tag: scope every rule not excluded by name'))
    .addOption(
      new Option('--scoped-file <file>', 'only scope the rules first defined in this input file (repeatable; default: every file)').argParser(
        repeatable,
      ),
    )
    .addOption(formatOption('format of the diagnostics on stderr'))
    .action(async (files: string[], options: ScopeCommandOptions) => {
      const { runScope } = await import('./scope-action');
      exit(runScope(files, options, io));
    });
