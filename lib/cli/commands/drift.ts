import type { CliCommand } from '../cli-command';
import { formatOption, type OutputFormat } from '../format-option';
import { paragraphs } from '../paragraphs';
import { repeatable } from '../repeatable';

/** The options as commander hands them to the action. */
export interface DriftCommandOptions {
  readonly metrics?: readonly string[];
  readonly dist: string;
  readonly falco?: string;
  readonly format: OutputFormat;
}

export const driftCommand: CliCommand = (program, { io, exit }) =>
  program
    .command('drift')
    .summary("compare the rules files each Falco pod loaded with what dist/ ships")
    .description(
      paragraphs(
        "Reads Falco's Prometheus metrics (its webserver's /metrics, e.g. after `kubectl -n secured-ns port-forward pod/<falco pod> 8765`) from each URL or file, one per Falco pod, and compares falcosecurity_falco_sha256_rules_files_info (the sha256 of each rules file the pod loaded) with the sha256 of each rules file the ConfigMaps under --dist ship to that Falco (the main Falco and the audit Falco each load their own, as their HelmCharts mount them).",
        'Prints one line per pod and file: ok, drift (loaded with another sha256), missing (shipped, not loaded) or unexpected (loaded, not shipped); or one JSON document with --format json.',
        'Exit status: 0 every pod runs exactly the shipped files, 1 drift, 2 usage error or unreadable input (unreachable URL, empty file, not Falco metrics).',
      ),
    )
    .option('-m, --metrics <url|file>', "Falco's Prometheus text, from an http(s) URL or a file; once per Falco pod", repeatable)
    .option('--dist <dir>', 'the synthesized manifests', 'dist')
    .option('--falco <release>', "compare with the files of this Falco release (a HelmChart of dist/, e.g. falco or falco-k8saudit); default: the one whose files the pod loaded")
    .addOption(formatOption())
    .action(async (options: DriftCommandOptions) => {
      const { runDrift } = await import('./drift-action');
      exit(await runDrift(options, io));
    });
