/**
 * The contract of the stack: everything a user may change, with the defaults that reproduce the
 * hand-made setup this product replaces. A user changes the stack by changing these props, nothing else.
 */

import type { AuditGroupResources, AuditLevel, AuditLogProps, AuditStage } from '../audit';
import type { FalcoPriority } from '../core';
import type { FalcoDriverKind } from '../falco';
import type { AlertThresholds, ExtraAlertRule } from '../monitoring';
import type { PodSecurityLevel } from '../namespaces';
import type { ScopeField } from '../rules';


export interface NamespaceProps {
  /**
   * `metadata.name` of the Namespace.
   * @default - `secured-ns`, `dev` or `prod`
   */
  readonly name?: string;
  /**
   * PSA `enforce` level: pods violating it are rejected.
   * @default - `privileged` for the security namespace, `baseline` for dev and prod
   */
  readonly enforce?: PodSecurityLevel;
  /**
   * PSA `warn` level: violations are returned to the client as warnings.
   * @default - `restricted` for dev and prod unless `enforce` is set, else the same as `enforce`
   */
  readonly warn?: PodSecurityLevel;
  /**
   * PSA `audit` level: violations are recorded in the audit log.
   * @default - same as `warn`
   */
  readonly audit?: PodSecurityLevel;
}

export interface NamespacesProps {
  /**
   * Where Falco, Falcosidekick and the rule ConfigMaps live. Falco's pods are privileged
   * (kernel instrumentation), so this namespace must enforce `privileged`.
   * @default { name: 'secured-ns', enforce: 'privileged' }
   */
  readonly security?: NamespaceProps;
  /**
   * The development namespace of the demo workloads.
   * @default { name: 'dev', enforce: 'baseline', warn: 'restricted', audit: 'restricted' }
   */
  readonly dev?: NamespaceProps;
  /**
   * The production namespace of the demo workloads; the default Falco rules are scoped to it.
   * @default { name: 'prod', enforce: 'baseline', warn: 'restricted', audit: 'restricted' }
   */
  readonly prod?: NamespaceProps;
}

export interface DemoWorkloadsOptions {
  /**
   * Whether the demo workloads (ubuntu and nginx in `dev` and `prod`) are rendered.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Image of the long-running ubuntu target to `kubectl exec` into. Pin a tag (or digest).
   * @default 'docker.io/library/ubuntu:24.04'
   */
  readonly ubuntuImage?: string;
  /**
   * Image of the nginx Deployment. Pin a tag (or digest). It must run as UID 101 on port 8080 and write only
   * to /tmp (as nginx-unprivileged does), so it passes the `restricted` Pod Security level.
   * @default 'docker.io/nginxinc/nginx-unprivileged:1.27.3'
   */
  readonly nginxImage?: string;
}

export interface HelmChartSourceProps {
  /**
   * Helm repository URL of the chart.
   * @default 'https://falcosecurity.github.io/charts'
   */
  readonly repo?: string;
  /**
   * Exact chart version (no ranges): upgrades must be a reviewed change.
   * @default - the chart's pinned version
   */
  readonly chartVersion?: string;
  /**
   * Namespace of the `HelmChart` object itself; the helm-controller of k3s/RKE2 watches `kube-system`.
   * @default 'kube-system'
   */
  readonly helmChartNamespace?: string;
}

export interface FalcoProps extends HelmChartSourceProps {
  /**
   * Falco chart version. The rules toolchain is faithful to one Falco release, so only the chart
   * version it targets is accepted (see `FALCO_TARGET`).
   * @default '9.1.0'
   */
  readonly chartVersion?: string;
  /**
   * Kernel instrumentation, the chart's `driver.kind`: `modern_ebpf` (kernels 5.8+), `kmod`, or
   * `auto` (the driver loader picks). The legacy `ebpf` probe is not offered: chart 9.x dropped it.
   * @default 'modern_ebpf'
   */
  readonly driverKind?: FalcoDriverKind;
  /**
   * Deploy the k8s-metacollector and load the k8smeta plugin, so `k8smeta.*` fields are filled
   * (the chart's `collectors.kubernetes.enabled`).
   * @default true
   */
  readonly kubernetesMetadata?: boolean;
  /**
   * Text appended to the output of every syscall event (Falco's `append_output.extra_output`).
   * @default - 'pod_uid=%k8smeta.pod.uid, pod_name=%k8smeta.pod.name, namespace_name=%k8smeta.ns.name';
   * with `kubernetesMetadata: false`, the container plugin's 'pod_uid=%k8s.pod.uid, pod_name=%k8s.pod.name, namespace_name=%k8s.ns.name'
   */
  readonly appendOutput?: string;
}

export interface TelegramProps {
  /**
   * Name of the Secret (in the security namespace) holding `TELEGRAM_TOKEN` and `TELEGRAM_CHATID`.
   * It is created out of band and never rendered; see the README.
   * @default 'falcosidekick-telegram'
   */
  readonly secretName?: string;
  /**
   * Lowest Falco priority forwarded to Telegram.
   * @default 'warning'
   */
  readonly minimumPriority?: FalcoPriority;
  /**
   * Topic (message thread) of a forum group to post into. Needs Falcosidekick 2.34.0 or later.
   * @default - the chat's main thread
   */
  readonly messageThreadId?: string;
  /**
   * Verify Telegram's TLS certificate.
   * @default true
   */
  readonly checkCert?: boolean;
}

export interface FalcosidekickProps extends HelmChartSourceProps {
  /**
   * Falcosidekick chart version.
   * @default '0.14.0'
   */
  readonly chartVersion?: string;
  /**
   * Falcosidekick image tag. Message threads need 2.34.0 or later; the chart 0.14.0 default (2.32.0) ignores them.
   * @default '2.34.0'
   */
  readonly imageTag?: string;
  /**
   * Falcosidekick replicas.
   * @default 2
   */
  readonly replicas?: number;
  /**
   * Telegram output.
   * @default - enabled, token and chat id from the Secret `falcosidekick-telegram`
   */
  readonly telegram?: TelegramProps;
}

export interface ScopeProps {
  /**
   * Namespaces the scoped rules fire in.
   * @default ['prod'] (the prod namespace's name)
   */
  readonly namespaces?: string[];
  /**
   * Field that carries the namespace. `k8smeta.ns.name` needs `falco.kubernetesMetadata`;
   * `container.name` matches nothing under containerd (k3s's runtime), and synth warns.
   * @default - 'k8smeta.ns.name'; 'k8s.ns.name' with `falco.kubernetesMetadata: false`
   */
  readonly field?: ScopeField;
  /**
   * Rule files (by file name) whose rules are scoped.
   * @default - every upstream and project rule file
   */
  readonly files?: string[];
  /**
   * Rules left unscoped, by name.
   * @default []
   */
  readonly excludeRules?: string[];
  /**
   * Rules left unscoped, by tag. The default tag need not be on any rule (any other must be);
   * `[]` scopes those rules too. The same default as `falco-gitops scope` (`SCOPE_DEFAULTS`).
   * @default ['falco_gitops_cluster_wide']
   */
  readonly excludeTags?: string[];
}

export interface RulesProps {
  /**
   * Folder of the project's own rule files (`*.yaml`, loaded in file-name order after the upstream rules).
   * Anything else in it (subfolders other than the vendored one, `.yml` or other files, links that
   * leave the repository) fails synth rather than being passed over; see `discoverProjectRules`.
   * @default 'rules'
   */
  readonly projectRulesDir?: string;
  /**
   * Folder of the vendored upstream Falco rules (`npm run rules:vendor`), checked against the lock file.
   * When the folder holds no vendored files, only the project's rules are delivered.
   * @default - the lock file's `vendorDir` (`rules/upstream`)
   */
  readonly upstreamRulesDir?: string;
  /**
   * Lock file naming the upstream release, files and sha256 checksums.
   * @default 'upstream-rules.lock.yaml'
   */
  readonly lockFile?: string;
  /**
   * Namespace scoping of the rules.
   * @default - scoped to the prod namespace by `k8smeta.ns.name`
   */
  readonly scope?: ScopeProps;
}

export interface ArgoCdProps {
  /** Git repository Argo CD syncs from, e.g. `https://github.com/acme/falco-gitops.git`. Required. */
  readonly repoUrl?: string;
  /**
   * Git revision (branch, tag or commit).
   * @default 'main'
   */
  readonly targetRevision?: string;
  /**
   * Folder of the repository holding the cluster manifests. Never `dist/bootstrap` or a folder
   * above or inside it (`.`, `dist`): Argo CD would then manage its own Application.
   * @default 'dist/cluster'
   */
  readonly path?: string;
  /**
   * Namespace Argo CD runs in; the Application and AppProject are created there. None of the
   * stack's namespaces may have this name: Argo CD would then manage the namespace it runs in.
   * @default 'argocd'
   */
  readonly namespace?: string;
  /**
   * Name of the Application and of the AppProject.
   * @default 'falco-gitops'
   */
  readonly name?: string;
  /**
   * API server of the destination cluster.
   * @default 'https://kubernetes.default.svc'
   */
  readonly destinationServer?: string;
}

/** One audit policy rule (audit.k8s.io/v1 `PolicyRule`); see lib/audit/audit-policy.ts. */
export interface AuditPolicyRuleProps {
  /** The level requests matching this rule are recorded at. */
  readonly level: AuditLevel;
  /** @default [] (every user) */
  readonly users?: string[];
  /** @default [] (every group) */
  readonly userGroups?: string[];
  /** @default [] (every verb) */
  readonly verbs?: string[];
  /** @default [] (every resource) */
  readonly resources?: AuditGroupResources[];
  /** `""` selects cluster-scoped resources. @default [] (every namespace) */
  readonly namespaces?: string[];
  /** @default [] */
  readonly nonResourceURLs?: string[];
  /** @default [] */
  readonly omitStages?: AuditStage[];
  /** @default - the policy's `omitManagedFields` */
  readonly omitManagedFields?: boolean;
}

export interface AuditPolicyProps {
  /**
   * The rules, strictly ordered: the first matching rule decides. Linted at synth: what the API
   * server rejects and a Secret recorded above Metadata fail synth; rules that never match and
   * Falco rules the policy starves are warnings.
   * @default - the seed's intent done right (README, "Kubernetes audit"): health probes None; Secrets and tokens Metadata; namespace changes RequestResponse; PVC changes in `audit.volumeNamespaces` Request; what Falco's k8saudit rules read (with `audit.feedFalco`); ConfigMaps Metadata; a Metadata catch-all
   */
  readonly rules?: AuditPolicyRuleProps[];
  /**
   * Stages recorded for no request.
   * @default ['RequestReceived']
   */
  readonly omitStages?: AuditStage[];
  /**
   * Keep `metadata.managedFields` out of recorded bodies (noise, never evidence).
   * @default true
   */
  readonly omitManagedFields?: boolean;
}

/** The API server's audit log settings: the audit construct's own props (one source of their defaults and docs). */
export type AuditLogOptions = AuditLogProps;

export interface AuditFalcoProps {
  /**
   * Deploy the audit Falco (HelmChart `falco-k8saudit`) and point the API server's audit webhook at it.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Fixed ClusterIP of the webhook Service. The API server resolves names with the node's resolver
   * (no cluster DNS), so the webhook kubeconfig needs an address. It must lie in the cluster's
   * service CIDR, preferably in its low, statically assigned band: the default fits k3s and RKE2
   * (10.43.0.0/16); kubeadm, kind and minikube use 10.96.0.0/12, e.g. '10.96.0.90'.
   * @default '10.43.0.90'
   */
  readonly webhookClusterIP?: string;
  /**
   * Port of the k8saudit plugin's webhook and its Service.
   * @default 9765
   */
  readonly webhookPort?: number;
  /**
   * Folder of the project's own audit rules (`*.yaml`, loaded by name after k8s_audit_rules.yaml),
   * discovered under the rules folder's discipline: every entry is loaded or refused with a message.
   * Outside `rules.projectRulesDir`: that folder holds the syscall Falco's rule files only (no
   * subfolders, as Falco does not recurse), and `falco-gitops lint rules/*.yaml` checks them.
   * @default 'rules-k8saudit'
   */
  readonly projectRulesDir?: string;
  /**
   * Rules left unscoped. Audit events on cluster-scoped objects (namespaces, nodes, ClusterRoles,
   * ClusterRoleBindings) and non-resource URLs have no namespace: scoped, these rules could never
   * fire. Set [] to scope them too (they go silent), or add names.
   * @default - the k8saudit 0.18.0 rules whose targets are cluster-scoped (`AUDIT_CLUSTER_SCOPED_RULES`)
   */
  readonly unscopedRules?: string[];
}

export interface AuditProps {
  /**
   * Render the audit policy and the API server settings into dist/host/ (and, with `falco.enabled`, the audit Falco).
   * @default true
   */
  readonly enabled?: boolean;
  /** The audit policy. @default - see `AuditPolicyProps.rules` */
  readonly policy?: AuditPolicyProps;
  /**
   * Namespaces whose PersistentVolumeClaim changes are logged with the request body (the default policy).
   * @default ['front-apps']
   */
  readonly volumeNamespaces?: string[];
  /**
   * Add the rules Falco's k8saudit rules need (request bodies of pod, ConfigMap, RBAC, service and
   * ingress writes) to the default policy, before the catch-all.
   * @default true
   */
  readonly feedFalco?: boolean;
  /**
   * Accept a policy that records Secret or token bodies (Request or RequestResponse). Only when the
   * log files are protected like the Secrets themselves.
   * @default false
   */
  readonly allowSecretBodies?: boolean;
  /** The log backend's settings. @default - `/var/log/kubernetes/audit-logs.txt`, 10 days, 2 files, 100 MB, json, blocking */
  readonly log?: AuditLogOptions;
  /**
   * Folder on the control-plane node that holds the policy and the webhook kubeconfig (mounted read-only).
   * @default '/etc/kubernetes/audit'
   */
  readonly hostConfigDir?: string;
  /** The audit Falco. @default - enabled, webhook on 10.43.0.90:9765 */
  readonly falco?: AuditFalcoProps;
}

export interface KubePrometheusStackProps extends HelmChartSourceProps {
  /**
   * Install kube-prometheus-stack. Turn it off on a cluster that already runs the Prometheus
   * Operator; then set `observability.prometheusReleaseLabel` to what its Prometheus selects.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Helm repository URL of the chart.
   * @default 'https://prometheus-community.github.io/helm-charts'
   */
  readonly repo?: string;
  /**
   * kube-prometheus-stack chart version (exact).
   * @default '88.5.3'
   */
  readonly chartVersion?: string;
}

export interface GrafanaProps {
  /**
   * A Grafana loads the dashboards: the chart's own (`grafana.enabled`), or, with
   * `kubePrometheusStack.enabled: false`, the cluster's, whose sidecar watches `dashboardLabel`.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Render the stack's dashboards as ConfigMaps for the Grafana sidecar. Needs `enabled`.
   * @default true
   */
  readonly dashboards?: boolean;
  /**
   * Secret in the monitoring namespace with Grafana's `admin-user` and `admin-password`, created out of band.
   * @default 'grafana-admin'
   */
  readonly adminSecretName?: string;
  /**
   * Label the Grafana sidecar loads dashboard ConfigMaps by.
   * @default 'grafana_dashboard'
   */
  readonly dashboardLabel?: string;
  /**
   * Value of that label.
   * @default '1'
   */
  readonly dashboardLabelValue?: string;
}

/** The alerts' thresholds and `for:` durations are the monitoring construct's own (`AlertThresholds`: one source of their defaults and docs). */
export interface AlertsProps extends AlertThresholds {
  /**
   * Lowest Falco priority that raises the detection alert for a scoped namespace.
   * @default 'critical'
   */
  readonly detectionMinimumPriority?: FalcoPriority;
  /**
   * Your own alerts, added to the PrometheusRule; their PromQL is checked against the metric catalog.
   * @default []
   */
  readonly extraRules?: ExtraAlertRule[];
}

export interface MetadataGuardProps {
  /**
   * Ship the metadata guard rule (container processes without namespace metadata) and its alert.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Priority of the guard rule; must be below `falcosidekick.telegram.minimumPriority`, so it is counted, never sent.
   * @default 'notice'
   */
  readonly priority?: FalcoPriority;
}

export interface ObservabilityProps {
  /**
   * Monitoring of the Falco stack: metrics, ServiceMonitors, the PrometheusRule, dashboards.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Namespace of kube-prometheus-stack and the dashboards (PSA enforce `baseline`: node-exporter is off).
   * @default 'monitoring'
   */
  readonly namespace?: string;
  /**
   * kube-prometheus-stack.
   * @default - chart 88.5.3 installed in `monitoring`
   */
  readonly kubePrometheusStack?: KubePrometheusStackProps;
  /**
   * Value of the `release` label that the Prometheus selects ServiceMonitors and PrometheusRules by.
   * @default 'kube-prometheus-stack' (the release of the stack's own chart)
   */
  readonly prometheusReleaseLabel?: string;
  /**
   * Grafana and the dashboards.
   * @default - the chart's Grafana, with the stack's dashboards
   */
  readonly grafana?: GrafanaProps;
  /**
   * Thresholds and `for:` durations of the alerts, and your own alerts.
   * @default - see AlertsProps
   */
  readonly alerts?: AlertsProps;
  /**
   * The metadata guard.
   * @default { enabled: true, priority: 'notice' }
   */
  readonly metadataGuard?: MetadataGuardProps;
}

export interface FalcoGitopsStackProps {
  /** The three namespaces. @default - `secured-ns`, `dev`, `prod` */
  readonly namespaces?: NamespacesProps;
  /** Demo workloads to exec into. @default - ubuntu and nginx in `dev` and `prod` */
  readonly demoWorkloads?: DemoWorkloadsOptions;
  /** Falco. @default - chart 9.1.0, modern eBPF, k8s-metacollector on */
  readonly falco?: FalcoProps;
  /** Falcosidekick. @default - chart 0.14.0, Telegram output from a Secret */
  readonly falcosidekick?: FalcosidekickProps;
  /** Rule files and their namespace scoping. @default - project rules from `rules/`, scoped to prod */
  readonly rules?: RulesProps;
  /** Kubernetes audit: policy, API server settings (dist/host/) and the audit Falco. @default - enabled, the seed's policy done right */
  readonly audit?: AuditProps;
  /** The Argo CD Application and AppProject. `repoUrl` is required. */
  readonly argocd: ArgoCdProps;
  /** Prometheus, Grafana and alerts for the Falco stack. @default - on, with kube-prometheus-stack 88.5.3 */
  readonly observability?: ObservabilityProps;
}
