import { ARGOCD_DEFAULTS } from '../argocd';
import { AUDIT_CLUSTER_SCOPED_RULES, AUDIT_LOG_DEFAULTS, DEFAULT_OMIT_STAGES, defaultAuditPolicyRules } from '../audit';
import { FALCO_HELM_CHART_DEFAULTS, FALCO_K8SAUDIT_HELM_CHART_DEFAULTS, FALCOSIDEKICK_HELM_CHART_DEFAULTS } from '../falco';
import { ALERT_THRESHOLD_DEFAULTS, KUBE_PROMETHEUS_STACK_HELM_CHART_DEFAULTS, KubePrometheusStackHelmChart } from '../monitoring';
import type { PodSecurityLevel } from '../namespaces';
import { SCOPE_DEFAULTS } from '../rules';
import { RULE_BUNDLES_DEFAULTS } from '../rules-delivery';
import { DEMO_WORKLOADS_DEFAULTS } from '../workloads';
import type { FalcoGitopsStackProps } from './falco-gitops-stack-props';
import type { ResolvedStackProps } from './resolved-stack-props';

/**
 * The default `falco.appendOutput` when `falco.kubernetesMetadata` is false: the pod and namespace
 * from the container plugin (0.7.1), which needs no k8s-metacollector.
 */
export const CONTAINER_PLUGIN_APPEND_OUTPUT = 'pod_uid=%k8s.pod.uid, pod_name=%k8s.pod.name, namespace_name=%k8s.ns.name';

/**
 * A default computed from what the user gave and what is already resolved, e.g. a PSA `warn`
 * level that follows `enforce`. Resolved after every literal default, in key order.
 */
export class Derived<T> {
  constructor(
    readonly compute: (context: {
      /** The user's props at the same level (the object this key belongs to). */
      readonly given: Readonly<Record<string, unknown>>;
      /** The resolved values at the same level, so far. */
      readonly siblings: Readonly<Record<string, unknown>>;
      /** The whole resolved props, so far. */
      readonly root: ResolvedStackProps;
    }) => T,
  ) {}
}

/** The shape of `STACK_DEFAULTS`: every resolved key, with a literal default or a `Derived` one. */
export type StackDefaults<T> = {
  readonly [K in keyof T]: T[K] extends readonly unknown[] | string | number | boolean | undefined
    ? T[K] | Derived<T[K]>
    : StackDefaults<T[K]>;
};

/** Dev and prod: admit the demo workloads, report what `restricted` would reject. */
const workloadNamespace = (name: string): StackDefaults<ResolvedStackProps['namespaces']['dev']> => ({
  name,
  enforce: 'baseline',
  warn: new Derived(({ given, siblings }) =>
    given.enforce === undefined ? 'restricted' : (siblings.enforce as PodSecurityLevel),
  ),
  audit: new Derived(({ siblings }) => siblings.warn as PodSecurityLevel),
});

/**
 * Every prop of the stack and its default: the one source from which `resolveStackProps` fills
 * the props and `validateStackProps` knows which keys exist (any other key is a typo). A key whose
 * default is `undefined` is optional with no default. The constructs' own defaults are reused, so
 * a construct used on its own and the stack agree.
 */
export const STACK_DEFAULTS: StackDefaults<ResolvedStackProps> = {
  namespaces: {
    // Falco's pods are privileged (kernel instrumentation): any other level rejects them.
    security: {
      name: 'secured-ns',
      enforce: 'privileged',
      warn: new Derived(({ siblings }) => siblings.enforce as PodSecurityLevel),
      audit: new Derived(({ siblings }) => siblings.warn as PodSecurityLevel),
    },
    dev: workloadNamespace('dev'),
    prod: workloadNamespace('prod'),
  },
  demoWorkloads: { enabled: true, ...DEMO_WORKLOADS_DEFAULTS },
  falco: {
    ...FALCO_HELM_CHART_DEFAULTS,
    // Without the k8smeta plugin its fields stay empty: the container plugin's k8s.* fields (read
    // from the container runtime) say the same, so `kubernetesMetadata: false` alone is complete.
    appendOutput: new Derived(({ siblings }) =>
      siblings.kubernetesMetadata === false ? CONTAINER_PLUGIN_APPEND_OUTPUT : FALCO_HELM_CHART_DEFAULTS.appendOutput,
    ),
  },
  falcosidekick: {
    ...FALCOSIDEKICK_HELM_CHART_DEFAULTS,
    telegram: { ...FALCOSIDEKICK_HELM_CHART_DEFAULTS.telegram },
  },
  rules: {
    ...RULE_BUNDLES_DEFAULTS,
    upstreamRulesDir: undefined,
    scope: {
      namespaces: new Derived(({ root }) => [root.namespaces.prod.name]),
      // Shared with `falco-gitops scope` (SCOPE_DEFAULTS), so the command reproduces what synth
      // ships; without k8s-metacollector the container plugin's field.
      field: new Derived(({ root }) => (root.falco.kubernetesMetadata === false ? 'k8s.ns.name' : SCOPE_DEFAULTS.field)),
      files: undefined,
      excludeRules: [...SCOPE_DEFAULTS.excludeRules],
      excludeTags: [...SCOPE_DEFAULTS.excludeTags],
    },
  },
  audit: {
    enabled: true,
    policy: {
      rules: new Derived(({ root }) => defaultAuditPolicyRules({ volumeNamespaces: root.audit.volumeNamespaces, feedFalco: root.audit.feedFalco })),
      omitStages: [...DEFAULT_OMIT_STAGES],
      omitManagedFields: true,
    },
    volumeNamespaces: ['front-apps'],
    feedFalco: true,
    allowSecretBodies: false,
    log: { ...AUDIT_LOG_DEFAULTS },
    hostConfigDir: '/etc/kubernetes/audit',
    falco: {
      enabled: true,
      // In the low, statically assigned band of k3s/RKE2's service CIDR 10.43.0.0/16 (KEP-3070); kube-dns is 10.43.0.10.
      webhookClusterIP: '10.43.0.90',
      webhookPort: FALCO_K8SAUDIT_HELM_CHART_DEFAULTS.webhookPort,
      projectRulesDir: 'rules-k8saudit',
      unscopedRules: [...AUDIT_CLUSTER_SCOPED_RULES],
    },
  },
  argocd: {
    // Required; validation names it when it is missing.
    repoUrl: undefined,
    ...ARGOCD_DEFAULTS,
  },
  observability: {
    enabled: true,
    namespace: 'monitoring',
    kubePrometheusStack: {
      enabled: true,
      repo: KUBE_PROMETHEUS_STACK_HELM_CHART_DEFAULTS.repo,
      chartVersion: KUBE_PROMETHEUS_STACK_HELM_CHART_DEFAULTS.chartVersion,
      helmChartNamespace: KUBE_PROMETHEUS_STACK_HELM_CHART_DEFAULTS.helmChartNamespace,
    },
    prometheusReleaseLabel: KubePrometheusStackHelmChart.RELEASE_NAME,
    grafana: {
      enabled: KUBE_PROMETHEUS_STACK_HELM_CHART_DEFAULTS.grafana,
      dashboards: true,
      adminSecretName: KUBE_PROMETHEUS_STACK_HELM_CHART_DEFAULTS.grafanaAdminSecretName,
      dashboardLabel: KUBE_PROMETHEUS_STACK_HELM_CHART_DEFAULTS.dashboardLabel,
      dashboardLabelValue: KUBE_PROMETHEUS_STACK_HELM_CHART_DEFAULTS.dashboardLabelValue,
    },
    alerts: { detectionMinimumPriority: 'critical', ...ALERT_THRESHOLD_DEFAULTS, extraRules: [] },
    // Below the Telegram default minimum ('warning'): counted by Falco, never sent.
    metadataGuard: { enabled: true, priority: 'notice' },
  },
};

/** Sanity check at compile time: the defaults cover exactly the props a user may set. */
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type KeyTree<T> = { [K in keyof T]-?: NonNullable<T[K]> extends readonly unknown[] | string | number | boolean ? true : KeyTree<NonNullable<T[K]>> };
const _propsAndDefaultsAgree: Exact<KeyTree<FalcoGitopsStackProps>, KeyTree<ResolvedStackProps>> = true;
void _propsAndDefaultsAgree;
