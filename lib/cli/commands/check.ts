import type { CliCommand } from '../cli-command';
import { paragraphs } from '../paragraphs';

/** The options as commander hands them to the action. */
export interface CheckCommandOptions {
  readonly dist: string;
}

export const checkCommand: CliCommand = (program, { io, exit }) =>
  program
    .command('check')
    .summary("check this repository's stack: it synthesizes, its manifests are valid, and the committed dist/ is fresh")
    .description(
      paragraphs(
        "What a deployment repository runs in CI (npm run check). Loads ./main.ts's exported stackProps and synthesizes the stack in memory, as npm run synth would, without writing anything: everything synth refuses (every prop rule, credential-shaped values included; the rule files, each one listed in load order, and their lint before and after scoping; the vendored files against the lock; the ConfigMap size limit).",
        "Then validates every synthesized manifest: Kubernetes objects against the kubernetes-models schemas, Argo CD objects against @kubernetes-models/argo-cd, HelmCharts against helm-controller v0.17.7's CRD schema, names, namespaces, labels and annotations as the API server checks them, and every Helm value a HelmChart sets against its pinned chart (falco 9.1.0 with its falcosidekick and k8s-metacollector subcharts, falcosidekick 0.14.0): a key the chart does not define is an error naming the closest one. Each problem names the file and a JSON pointer (dist/cluster/x.yaml#/spec/valuesContent).",
        'Then compares the result with the committed dist/, file by file. Needs no network and no ../shared: the references are catalogs generated into the library from the pinned upstream files.',
        'Exit status: 0 the stack synthesizes, its manifests are valid and dist/ is fresh (warnings allowed), 1 otherwise, 2 usage error.',
      ),
    )
    .option('--dist <dir>', 'the committed output folder to compare with', 'dist')
    .action(async (options: CheckCommandOptions) => {
      const { runCheck } = await import('./check-action');
      exit(await runCheck(options, io));
    });
