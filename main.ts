/**
 * The stack definition: change the props below, run `npm run synth` (offline; `npm run check` in CI
 * says whether the committed dist/ is fresh), review the diff of dist/, open a pull request. Argo CD
 * syncs dist/cluster/ once it is merged.
 *
 * Every prop is optional except `argocd.repoUrl`; the defaults reproduce the reference setup
 * (secured-ns/dev/prod, Falco 9.1.0 with modern eBPF and the k8s-metacollector, Falcosidekick 0.14.0
 * to Telegram, the default rules scoped to prod). See lib/stack/falco-gitops-stack-props.ts.
 */
import { FalcoGitopsStack, runSynth, type FalcoGitopsStackProps } from 'falco-gitops';

export const stackProps: FalcoGitopsStackProps = {
  argocd: {
    // The clone URL of the repository that holds this dist/ (change it to your fork).
    repoUrl: 'https://github.com/falco-gitops/falco-gitops.git',
    targetRevision: 'main',
  },
  falcosidekick: {
    telegram: {
      // TELEGRAM_TOKEN and TELEGRAM_CHATID live in this Secret, created out of band (README).
      secretName: 'falcosidekick-telegram',
      minimumPriority: 'warning',
    },
  },
};

if (require.main === module) {
  process.exitCode = runSynth((app) => new FalcoGitopsStack(app, 'FalcoGitops', stackProps));
}
