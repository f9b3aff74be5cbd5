import * as path from 'node:path';
import { AUDIT_LOG_FORMATS, AUDIT_LOG_MODES, lintAuditPolicy } from '../audit';
import {
  classifyToken,
  EXACT_SEMVER,
  FALCO_PRIORITIES,
  FALCO_TARGET,
  FALCO_TARGET_NAME,
  type FalcoPriority,
  findTokens,
  isDns1123Label,
  isDns1123Subdomain,
  quoteList,
  versionAtLeast,
  type Problem,
} from '../core';
import { FALCO_DRIVER_KINDS, FALCOSIDEKICK_MIN_VERSION_FOR_THREADS } from '../falco';
import { checkPromql } from '../monitoring';
import { POD_SECURITY_LEVELS } from '../namespaces';
import { SCOPE_FIELDS } from '../rules';
import type { FalcoGitopsStackProps } from './falco-gitops-stack-props';
import { KNOWN_PROP_KEYS, type ResolvedStackProps } from './resolved-stack-props';
import { Derived, STACK_DEFAULTS } from './stack-defaults';
import { propTypeProblems } from './stack-prop-types';
import { StackPropsError } from './stack-props-error';

/**
 * Where synth writes Argo CD's own objects (lib/synth/synthesize.ts writes `bootstrap/` under
 * runSynth's default outdir `dist`). Stated here because the stack sits below lib/synth.
 */
const BOOTSTRAP_DIR = 'dist/bootstrap';

const HTTPS_URL = /^https:\/\/[^\s/]+(\/\S*)?$/;
const GIT_URL = /^(https:\/\/[^\s/]+\/\S+|ssh:\/\/\S+|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:\S+)$/;
/** `registry/repo:tag` or `repo@sha256:<digest>`; `latest` is not a pin. */
const PINNED_IMAGE = /^[a-z0-9]+([._\-/:][a-z0-9]+)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[0-9a-f]{64})$/;

/**
 * One validation rule: which prop it reads, whether the value is acceptable, and what to tell the user.
 * Kept as a table so every failure is reported at once.
 */
interface PropRule {
  readonly prop: string;
  readonly value: (p: ResolvedStackProps) => unknown;
  readonly valid: (value: unknown, p: ResolvedStackProps, raw: FalcoGitopsStackProps) => boolean;
  readonly problem: string;
  readonly fix: string;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const oneOf = (allowed: readonly string[]) => (v: unknown) => isString(v) && allowed.includes(v);
const matches = (pattern: RegExp) => (v: unknown) => isString(v) && pattern.test(v);
const namespaceName = (v: unknown) => isDns1123Label(v) && !v.startsWith('kube-') && v !== 'default';

function namespaceRules(key: 'security' | 'dev' | 'prod'): PropRule[] {
  const base = `namespaces.${key}`;
  const levelRule = (level: 'enforce' | 'warn' | 'audit'): PropRule => ({
    prop: `${base}.${level}`,
    value: (p) => p.namespaces[key][level],
    valid: oneOf(POD_SECURITY_LEVELS),
    problem: `must be one of ${quoteList(POD_SECURITY_LEVELS)}`,
    fix: 'use a Pod Security Admission level',
  });
  return [
    {
      prop: `${base}.name`,
      value: (p) => p.namespaces[key].name,
      valid: namespaceName,
      problem: 'must be a DNS-1123 label (lowercase letters, digits and "-", at most 63 characters) and not "default" or "kube-*"',
      fix: `choose a name such as "${key === 'security' ? 'secured-ns' : key}"`,
    },
    levelRule('enforce'),
    levelRule('warn'),
    levelRule('audit'),
  ];
}

const ABSOLUTE_FILE = /^\/[^\s]*[^/\s]$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const isBoolean = (v: unknown) => typeof v === 'boolean';
const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) => (v: unknown) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

const AUDIT_RULES: readonly PropRule[] = [
  ...(['enabled', 'feedFalco', 'allowSecretBodies'] as const).map((key): PropRule => ({
    prop: `audit.${key}`,
    value: (p) => p.audit[key],
    valid: isBoolean,
    problem: 'must be true or false',
    fix: `set audit.${key} to true or false (or leave it unset)`,
  })),
  {
    prop: 'audit.policy.omitManagedFields',
    value: (p) => p.audit.policy.omitManagedFields,
    valid: isBoolean,
    problem: 'must be true or false',
    fix: 'leave it true: managedFields are noise in an audit log',
  },
  {
    prop: 'audit.volumeNamespaces',
    value: (p) => p.audit.volumeNamespaces,
    valid: (v) => Array.isArray(v) && v.every(isDns1123Label) && new Set(v).size === v.length,
    problem: 'must be a list of distinct namespace names (DNS-1123 labels)',
    fix: 'use e.g. ["front-apps"], or [] to log no volume claim bodies',
  },
  {
    prop: 'audit.log.path',
    value: (p) => p.audit.log.path,
    valid: matches(ABSOLUTE_FILE),
    problem: 'must be an absolute file path on the control-plane node, without spaces (the API server resolves a relative path against its own working directory)',
    fix: 'use e.g. "/var/log/kubernetes/audit-logs.txt"',
  },
  {
    prop: 'audit.log.maxAge',
    value: (p) => p.audit.log.maxAge,
    valid: wholeNumber(0),
    problem: 'must be a whole number of days, 0 or more (--audit-log-maxage)',
    fix: 'use 10 to keep old audit log files for 10 days',
  },
  {
    prop: 'audit.log.maxBackup',
    value: (p) => p.audit.log.maxBackup,
    valid: wholeNumber(0),
    problem: 'must be a whole number of files, 0 or more (--audit-log-maxbackup)',
    fix: 'use 2 to keep two old audit log files',
  },
  {
    prop: 'audit.log.maxSize',
    value: (p) => p.audit.log.maxSize,
    valid: wholeNumber(1),
    problem: 'must be a whole number of megabytes, 1 or more (--audit-log-maxsize)',
    fix: 'use 100 (the API server\'s own default)',
  },
  {
    prop: 'audit.log.format',
    value: (p) => p.audit.log.format,
    valid: oneOf(AUDIT_LOG_FORMATS),
    problem: `must be one of ${quoteList(AUDIT_LOG_FORMATS)}`,
    fix: "use 'json': one event per line, what log shippers read",
  },
  {
    prop: 'audit.log.mode',
    value: (p) => p.audit.log.mode,
    valid: oneOf(AUDIT_LOG_MODES),
    problem: `must be one of ${quoteList(AUDIT_LOG_MODES)}`,
    fix: "use 'blocking' (the API server's default for the log backend)",
  },
  {
    prop: 'audit.hostConfigDir',
    value: (p) => p.audit.hostConfigDir,
    valid: matches(ABSOLUTE_FILE),
    problem: 'must be an absolute folder path on the control-plane node, without spaces or a trailing "/"',
    fix: 'use e.g. "/etc/kubernetes/audit"',
  },
  {
    prop: 'audit.falco.enabled',
    value: (p) => p.audit.falco.enabled,
    valid: isBoolean,
    problem: 'must be true or false',
    fix: 'use true to deploy the audit Falco',
  },
  {
    prop: 'audit.falco.webhookClusterIP',
    value: (p) => p.audit.falco.webhookClusterIP,
    valid: matches(IPV4),
    problem: 'must be an IPv4 address in the cluster\'s service CIDR',
    fix: 'use e.g. "10.43.0.90" on k3s/RKE2 or "10.96.0.90" on kubeadm, kind and minikube',
  },
  {
    prop: 'audit.falco.webhookPort',
    value: (p) => p.audit.falco.webhookPort,
    valid: wholeNumber(1, 65535),
    problem: 'must be a port number from 1 to 65535',
    fix: 'use 9765, the k8saudit plugin\'s usual port',
  },
  {
    prop: 'audit.falco.projectRulesDir',
    value: (p) => p.audit.falco.projectRulesDir,
    valid: relativePath,
    problem: 'must be a relative path inside the repository',
    fix: 'use "rules-k8saudit"',
  },
  {
    // The syscall rules folder loads every *.yaml as a syscall rule file and refuses subfolders
    // (Falco does not recurse): the audit rules need a folder of their own beside it.
    prop: 'audit.falco.projectRulesDir',
    value: (p) => p.audit.falco.projectRulesDir,
    valid: (v, p) => !isString(v) || !isString(p.rules.projectRulesDir) || !sameOrInside(v, p.rules.projectRulesDir),
    problem:
      "is the syscall rules folder (rules.projectRulesDir) or inside it: that folder's *.yaml files are the syscall Falco's, and a subfolder in it is refused (Falco does not recurse)",
    fix: 'use a folder of its own beside it, e.g. "rules-k8saudit" (the default)',
  },
  {
    prop: 'audit.falco.unscopedRules',
    value: (p) => p.audit.falco.unscopedRules,
    valid: (v) => Array.isArray(v) && v.every((item) => isString(item) && item.length > 0),
    problem: 'must be a list of rule names',
    fix: 'list names, e.g. ["Create Disallowed Namespace"], or [] to scope every rule',
  },
];

const RULES: readonly PropRule[] = [
  ...AUDIT_RULES,
  ...namespaceRules('security'),
  ...namespaceRules('dev'),
  ...namespaceRules('prod'),
  {
    prop: 'namespaces.security.enforce',
    value: (p) => p.namespaces.security.enforce,
    valid: (v) => !oneOf(POD_SECURITY_LEVELS)(v) || v === 'privileged',
    problem: "must be 'privileged': Falco's pods are privileged and would be rejected by the namespace",
    fix: "set enforce: 'privileged' (or leave it unset)",
  },
  {
    prop: 'namespaces',
    value: (p) => [p.namespaces.security.name, p.namespaces.dev.name, p.namespaces.prod.name],
    valid: (v) => new Set(v as string[]).size === (v as string[]).length,
    problem: 'the security, dev and prod namespaces must have different names',
    fix: 'give each namespace its own name',
  },
  {
    prop: 'demoWorkloads.ubuntuImage',
    value: (p) => p.demoWorkloads.ubuntuImage,
    valid: (v) => matches(PINNED_IMAGE)(v) && !String(v).endsWith(':latest'),
    problem: 'must be an image pinned to a tag or digest (not ":latest")',
    fix: 'use e.g. "docker.io/library/ubuntu:24.04"',
  },
  {
    prop: 'demoWorkloads.nginxImage',
    value: (p) => p.demoWorkloads.nginxImage,
    valid: (v) => matches(PINNED_IMAGE)(v) && !String(v).endsWith(':latest'),
    problem: 'must be an image pinned to a tag or digest (not ":latest")',
    fix: 'use e.g. "docker.io/nginxinc/nginx-unprivileged:1.27.3" (listens on 8080 as UID 101)',
  },
  ...(['falco', 'falcosidekick'] as const).flatMap((chart): PropRule[] => [
    {
      prop: `${chart}.chartVersion`,
      value: (p) => p[chart].chartVersion,
      valid: matches(EXACT_SEMVER),
      problem: 'must be an exact chart version (a range or tag is not pinned, so an upgrade would not be reviewed)',
      fix: `pin a version such as "${chart === 'falco' ? FALCO_TARGET.chart.version : '0.14.0'}"`,
    },
    {
      prop: `${chart}.repo`,
      value: (p) => p[chart].repo,
      valid: matches(HTTPS_URL),
      problem: 'must be an https:// Helm repository URL',
      fix: 'use "https://falcosecurity.github.io/charts"',
    },
    {
      prop: `${chart}.helmChartNamespace`,
      value: (p) => p[chart].helmChartNamespace,
      valid: isDns1123Label,
      problem: 'must be a namespace name (DNS-1123 label)',
      fix: 'use "kube-system", where the k3s/RKE2 helm-controller watches HelmCharts',
    },
  ]),
  {
    prop: 'falco.chartVersion',
    value: (p) => p.falco.chartVersion,
    valid: (v) => !matches(EXACT_SEMVER)(v) || v === FALCO_TARGET.chart.version,
    problem:
      `is not the chart this toolchain targets: the rule linter, field catalogs and scoping are faithful to ${FALCO_TARGET_NAME}, ` +
      'so rules checked here could still crash-loop another release',
    fix: `use "${FALCO_TARGET.chart.version}" (or leave it unset); moving to another release means upgrading falco-gitops, whose FALCO_TARGET names the release it was checked against`,
  },
  {
    prop: 'falco.driverKind',
    value: (p) => p.falco.driverKind,
    // 'ebpf' gets its own message below: named in this one, it read as one of the valid kinds.
    valid: (v) => v === 'ebpf' || oneOf(FALCO_DRIVER_KINDS)(v),
    problem: `must be one of ${quoteList(FALCO_DRIVER_KINDS)}`,
    fix: "use 'modern_ebpf' (kernels 5.8 and later), 'kmod' for older kernels, or 'auto'",
  },
  {
    prop: 'falco.driverKind',
    value: (p) => p.falco.driverKind,
    valid: (v) => v !== 'ebpf',
    problem: `is the legacy eBPF probe, which Falco 0.44.0 removed and the falco chart 9.x no longer offers (it accepts only ${quoteList(FALCO_DRIVER_KINDS)})`,
    fix: "use 'modern_ebpf' (the CO-RE probe built into Falco, kernels 5.8 and later), or 'kmod' for older kernels",
  },
  {
    prop: 'falco.appendOutput',
    value: (p) => p.falco.appendOutput,
    valid: (v) => isString(v) && v.trim().length > 0 && !v.includes('\n'),
    problem: 'must be a non-empty, single-line Falco output format',
    fix: 'use e.g. "pod_uid=%k8smeta.pod.uid, pod_name=%k8smeta.pod.name, namespace_name=%k8smeta.ns.name"',
  },
  {
    prop: 'falco.appendOutput',
    value: (p) => p.falco.appendOutput,
    valid: (v, p) => p.falco.kubernetesMetadata || !(isString(v) && v.includes('%k8smeta.')),
    problem: 'uses %k8smeta.* fields, which stay empty without the k8smeta plugin (falco.kubernetesMetadata is false)',
    fix: 'set falco.kubernetesMetadata to true, or use %k8s.pod.name / %k8s.ns.name from the container plugin',
  },
  {
    prop: 'falcosidekick.imageTag',
    value: (p) => p.falcosidekick.imageTag,
    valid: matches(EXACT_SEMVER),
    problem: 'must be an exact Falcosidekick version',
    fix: 'use e.g. "2.34.0"',
  },
  {
    prop: 'falcosidekick.replicas',
    value: (p) => p.falcosidekick.replicas,
    valid: (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 10,
    problem: 'must be a whole number from 1 to 10',
    fix: 'use 2 for a highly available Falcosidekick',
  },
  {
    prop: 'falcosidekick.telegram.secretName',
    value: (p) => p.falcosidekick.telegram.secretName,
    valid: isDns1123Subdomain,
    problem: 'must be the name of a Secret (DNS-1123 subdomain)',
    fix: 'use e.g. "falcosidekick-telegram" and create that Secret out of band (see README)',
  },
  {
    prop: 'falcosidekick.telegram.minimumPriority',
    value: (p) => p.falcosidekick.telegram.minimumPriority,
    valid: oneOf(FALCO_PRIORITIES),
    problem: `must be one of ${quoteList(FALCO_PRIORITIES)}`,
    fix: "use a Falco priority such as 'warning'",
  },
  {
    prop: 'falcosidekick.telegram.messageThreadId',
    value: (p) => p.falcosidekick.telegram.messageThreadId,
    valid: (v) => v === undefined || matches(/^[1-9]\d{0,18}$/)(v),
    problem: 'must be the numeric id of a forum topic',
    fix: 'copy the number after the last "/" of a message link in the topic, or leave it unset',
  },
  {
    prop: 'falcosidekick.imageTag',
    value: (p) => p.falcosidekick.imageTag,
    valid: (v, p) => p.falcosidekick.telegram.messageThreadId === undefined || !isString(v) || versionAtLeast(v, FALCOSIDEKICK_MIN_VERSION_FOR_THREADS),
    problem: `is older than ${FALCOSIDEKICK_MIN_VERSION_FOR_THREADS}, which ignores falcosidekick.telegram.messageThreadId`,
    fix: `use imageTag "${FALCOSIDEKICK_MIN_VERSION_FOR_THREADS}" or later, or drop messageThreadId`,
  },
  {
    prop: 'rules.projectRulesDir',
    value: (p) => p.rules.projectRulesDir,
    valid: relativePath,
    problem: 'must be a relative path inside the repository',
    fix: 'use e.g. "rules"',
  },
  {
    prop: 'rules.upstreamRulesDir',
    value: (p) => p.rules.upstreamRulesDir,
    valid: (v) => v === undefined || relativePath(v),
    problem: 'must be a relative path inside the repository',
    fix: 'use e.g. "rules/upstream" and run `npm run rules:vendor`',
  },
  {
    prop: 'rules.lockFile',
    value: (p) => p.rules.lockFile,
    valid: relativePath,
    problem: 'must be a relative path inside the repository',
    fix: 'use "upstream-rules.lock.yaml"',
  },
  {
    prop: 'rules.scope.namespaces',
    value: (p) => p.rules.scope.namespaces,
    // Unset, it is derived from the prod namespace's name, which has its own rule (see isDerivedDefault).
    valid: (v) => Array.isArray(v) && v.length > 0 && v.every(namespaceName) && new Set(v).size === v.length,
    problem: 'must be a non-empty list of distinct namespace names',
    fix: 'use e.g. ["prod"]',
  },
  {
    prop: 'rules.scope.field',
    value: (p) => p.rules.scope.field,
    valid: oneOf(SCOPE_FIELDS),
    problem: `must be one of ${quoteList(SCOPE_FIELDS)}`,
    fix: "use 'k8smeta.ns.name' (see the README section on scoping)",
  },
  {
    prop: 'rules.scope.field',
    value: (p) => p.rules.scope.field,
    valid: (v, p) => v !== 'k8smeta.ns.name' || p.falco.kubernetesMetadata,
    problem: 'needs the k8s-metacollector and the k8smeta plugin, but falco.kubernetesMetadata is false: every scoped rule would stay silent',
    fix: "set falco.kubernetesMetadata to true, or use the field 'k8s.ns.name'",
  },
  ...(['files', 'excludeRules', 'excludeTags'] as const).map(
    (key): PropRule => ({
      prop: `rules.scope.${key}`,
      value: (p) => p.rules.scope[key],
      valid: (v) => v === undefined || (Array.isArray(v) && v.every((item) => isString(item) && item.length > 0)),
      problem: 'must be a list of non-empty strings',
      fix: 'list names, e.g. ["Terminal shell in container"]',
    }),
  ),
  {
    prop: 'argocd.repoUrl',
    value: (p) => p.argocd.repoUrl,
    valid: (v) => isString(v) && v.length > 0,
    problem: 'is required: Argo CD needs the Git repository that holds dist/',
    fix: 'set argocd.repoUrl to the clone URL of this repository, e.g. "https://github.com/acme/falco-gitops.git"',
  },
  {
    prop: 'argocd.repoUrl',
    value: (p) => p.argocd.repoUrl,
    valid: (v) => !isString(v) || v.length === 0 || GIT_URL.test(v),
    problem: 'must be an https://, ssh:// or git@host:path Git URL',
    fix: 'use the clone URL of this repository',
  },
  {
    prop: 'argocd.targetRevision',
    value: (p) => p.argocd.targetRevision,
    valid: matches(/^[A-Za-z0-9._/-]+$/),
    problem: 'must be a branch, tag or commit',
    fix: 'use e.g. "main"',
  },
  {
    prop: 'argocd.path',
    value: (p) => p.argocd.path,
    valid: relativePath,
    problem: 'must be a relative path inside the repository',
    fix: 'use "dist/cluster"',
  },
  {
    prop: 'argocd.path',
    value: (p) => p.argocd.path,
    valid: (v) => !relativePath(v) || !overlapsBootstrap(v as string),
    problem:
      `is, contains or lies inside ${BOOTSTRAP_DIR}/, which holds Argo CD's own Application and AppProject: Argo CD would then manage its own ` +
      'Application, and a prune or a deletion of it (which cascades) would delete the Application and everything it synced',
    fix: `use "dist/cluster" (${BOOTSTRAP_DIR}/ is applied once by hand, never synced)`,
  },
  ...(['security', 'dev', 'prod'] as const).map(
    (key): PropRule => ({
      prop: `namespaces.${key}.name`,
      value: (p) => p.namespaces[key].name,
      valid: (v, p) => v !== p.argocd.namespace,
      problem:
        'is the namespace Argo CD runs in (argocd.namespace): the stack renders this Namespace, so Argo CD would manage ' +
        "the namespace it runs in: its Pod Security levels would apply to Argo CD's own pods, and a deletion of the " +
        'Application (which cascades) would delete the namespace with Argo CD in it',
      fix: 'choose another name (or set argocd.namespace to the namespace Argo CD really runs in)',
    }),
  ),
  {
    prop: 'argocd.namespace',
    value: (p) => p.argocd.namespace,
    valid: isDns1123Label,
    problem: 'must be a namespace name (DNS-1123 label)',
    fix: 'use "argocd"',
  },
  {
    prop: 'argocd.name',
    value: (p) => p.argocd.name,
    valid: isDns1123Label,
    problem: 'must be a DNS-1123 label',
    fix: 'use e.g. "falco-gitops"',
  },
  {
    prop: 'argocd.destinationServer',
    value: (p) => p.argocd.destinationServer,
    valid: matches(HTTPS_URL),
    problem: 'must be the https:// URL of a Kubernetes API server',
    fix: 'use "https://kubernetes.default.svc" for the cluster Argo CD runs in',
  },
];

/** A Prometheus duration, as the PrometheusRule CRD's pattern for `for:` (monitoring.coreos.com_prometheusrules.yaml). */
const PROMETHEUS_DURATION = /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;
/** A Kubernetes label value (k8s.io/apimachinery validation: at most 63 characters). */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const isLabelValue = (v: unknown) => isString(v) && v.length <= 63 && LABEL_VALUE.test(v);
const isLabelName = (v: unknown) => isString(v) && /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(v);
const bool = (prop: string, fix: string, value: (p: ResolvedStackProps) => unknown): PropRule => ({ prop, value, valid: (v) => typeof v === 'boolean', problem: 'must be true or false', fix });

/** Rules of `observability`. */
const OBSERVABILITY_RULES: readonly PropRule[] = [
  bool('observability.enabled', 'use false to render no monitoring at all', (p) => p.observability.enabled),
  {
    prop: 'observability.namespace',
    value: (p) => p.observability.namespace,
    valid: namespaceName,
    problem: 'must be a DNS-1123 label (lowercase letters, digits and "-", at most 63 characters) and not "default" or "kube-*"',
    fix: 'use e.g. "monitoring"',
  },
  {
    prop: 'observability.namespace',
    value: (p) => p.observability.namespace,
    valid: (v, p) => !p.observability.enabled || ![p.namespaces.security.name, p.namespaces.dev.name, p.namespaces.prod.name].includes(v as string),
    problem: 'must differ from the security, dev and prod namespaces (it gets its own Pod Security level)',
    fix: 'use e.g. "monitoring"',
  },
  bool('observability.kubePrometheusStack.enabled', 'use false when the cluster already runs the Prometheus Operator', (p) => p.observability.kubePrometheusStack.enabled),
  {
    prop: 'observability.kubePrometheusStack.chartVersion',
    value: (p) => p.observability.kubePrometheusStack.chartVersion,
    valid: matches(EXACT_SEMVER),
    problem: 'must be an exact chart version (a range or tag is not pinned, so an upgrade would not be reviewed)',
    fix: 'pin a version such as "88.5.3"',
  },
  {
    prop: 'observability.kubePrometheusStack.repo',
    value: (p) => p.observability.kubePrometheusStack.repo,
    valid: matches(HTTPS_URL),
    problem: 'must be an https:// Helm repository URL',
    fix: 'use "https://prometheus-community.github.io/helm-charts"',
  },
  {
    prop: 'observability.kubePrometheusStack.helmChartNamespace',
    value: (p) => p.observability.kubePrometheusStack.helmChartNamespace,
    valid: isDns1123Label,
    problem: 'must be a namespace name (DNS-1123 label)',
    fix: 'use "kube-system", where the k3s/RKE2 helm-controller watches HelmCharts',
  },
  {
    prop: 'observability.prometheusReleaseLabel',
    value: (p) => p.observability.prometheusReleaseLabel,
    valid: (v) => isLabelValue(v) && (v as string).length > 0,
    problem: 'must be a valid, non-empty Kubernetes label value (at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit)',
    fix: "use the `release` label value your Prometheus selects, e.g. \"kube-prometheus-stack\" (kubectl get prometheus -A -o jsonpath='{..serviceMonitorSelector}')",
  },
  bool('observability.grafana.enabled', 'use false when no Grafana should load the dashboards', (p) => p.observability.grafana.enabled),
  bool('observability.grafana.dashboards', 'use false to render no dashboards', (p) => p.observability.grafana.dashboards),
  {
    prop: 'observability.grafana.dashboards',
    value: (p) => p.observability.grafana.dashboards,
    // Only a real `false`: a mistyped switch is reported once, by its type.
    valid: (v, p) => v !== true || p.observability.grafana.enabled !== false,
    problem: 'is true, but observability.grafana.enabled is false: no Grafana would load the dashboards',
    fix: 'set observability.grafana.dashboards to false, or enable Grafana',
  },
  {
    prop: 'observability.grafana.adminSecretName',
    value: (p) => p.observability.grafana.adminSecretName,
    valid: isDns1123Subdomain,
    problem: 'must be the name of a Secret (DNS-1123 subdomain)',
    fix: 'use e.g. "grafana-admin" and create that Secret out of band (see README, "Monitoring")',
  },
  {
    prop: 'observability.grafana.dashboardLabel',
    value: (p) => p.observability.grafana.dashboardLabel,
    valid: isLabelName,
    problem: 'must be a valid Kubernetes label name',
    fix: 'use the label your Grafana sidecar watches, e.g. "grafana_dashboard"',
  },
  {
    prop: 'observability.grafana.dashboardLabelValue',
    value: (p) => p.observability.grafana.dashboardLabelValue,
    valid: isLabelValue,
    problem: 'must be a valid Kubernetes label value',
    fix: 'use e.g. "1"',
  },
  {
    prop: 'observability.alerts.detectionMinimumPriority',
    value: (p) => p.observability.alerts.detectionMinimumPriority,
    valid: oneOf(FALCO_PRIORITIES),
    problem: `must be one of ${quoteList(FALCO_PRIORITIES)}`,
    fix: "use a Falco priority such as 'critical'",
  },
  ...(['detectionFor', 'integrityFor', 'healthFor', 'metadataGuardFor'] as const).map(
    (key): PropRule => ({
      prop: `observability.alerts.${key}`,
      value: (p) => p.observability.alerts[key],
      valid: matches(PROMETHEUS_DURATION),
      problem: 'must be a Prometheus duration',
      fix: 'use e.g. "5m" or "1h30m"',
    }),
  ),
  {
    prop: 'observability.alerts.kernelDropRatio',
    value: (p) => p.observability.alerts.kernelDropRatio,
    valid: (v) => typeof v === 'number' && v > 0 && v < 1,
    problem: 'must be a number between 0 and 1 (exclusive)',
    fix: 'use e.g. 0.01 for 1 %',
  },
  {
    prop: 'observability.alerts.metadataGuardPerMinute',
    value: (p) => p.observability.alerts.metadataGuardPerMinute,
    valid: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
    problem: 'must be a number of events per minute, 0 or more',
    fix: 'use e.g. 1',
  },
  {
    prop: 'observability.alerts.extraRules',
    value: (p) => p.observability.alerts.extraRules,
    valid: (v) =>
      Array.isArray(v) &&
      v.every(
        (r: unknown) =>
          r !== null &&
          typeof r === 'object' &&
          matches(/^[A-Za-z_][A-Za-z0-9_]*$/)((r as Record<string, unknown>)['alert']) &&
          isString((r as Record<string, unknown>)['expr']) &&
          isString((r as Record<string, unknown>)['summary']) &&
          ((r as Record<string, unknown>)['for'] === undefined || matches(PROMETHEUS_DURATION)((r as Record<string, unknown>)['for'])) &&
          [undefined, 'critical', 'warning', 'info'].includes((r as Record<string, unknown>)['severity'] as string),
      ),
    problem: "must be a list of { alert: name, expr: PromQL, summary: text, for?: duration, severity?: 'critical' | 'warning' | 'info' }",
    fix: 'e.g. [{ alert: "FalcoRestarted", expr: "changes(falcosecurity_falco_start_timestamp_nanoseconds[1h]) > 0", summary: "Falco restarted" }]',
  },
  bool('observability.metadataGuard.enabled', 'use false to ship no metadata guard rule and alert', (p) => p.observability.metadataGuard.enabled),
  {
    prop: 'observability.metadataGuard.priority',
    value: (p) => p.observability.metadataGuard.priority,
    valid: oneOf(FALCO_PRIORITIES),
    problem: `must be one of ${quoteList(FALCO_PRIORITIES)}`,
    fix: "use 'notice'",
  },
  {
    prop: 'observability.metadataGuard.priority',
    value: (p) => p.observability.metadataGuard.priority,
    valid: (v, p) =>
      !p.observability.metadataGuard.enabled ||
      !oneOf(FALCO_PRIORITIES)(v) ||
      FALCO_PRIORITIES.indexOf(v as FalcoPriority) > FALCO_PRIORITIES.indexOf(p.falcosidekick.telegram.minimumPriority),
    problem: 'must be below falcosidekick.telegram.minimumPriority, or every pod start-up would be sent to Telegram',
    fix: "use 'notice' with the default Telegram minimum 'warning'",
  },
];

/** The PromQL of `observability.alerts.extraRules`, parsed and checked against the metric catalog. */
function extraRulePromqlProblems(resolved: ResolvedStackProps): Problem[] {
  const rules = resolved.observability.alerts.extraRules;
  if (!resolved.observability.enabled || !Array.isArray(rules)) return [];
  return rules.flatMap((rule, index) =>
    rule !== null && typeof rule === 'object' && isString(rule.expr)
      ? checkPromql(rule.expr).map((finding) => ({
          subject: `observability.alerts.extraRules[${index}].expr`,
          received: rule.expr,
          problem: `PromQL at column ${finding.offset + 1}: ${finding.message}`,
          fix: 'use only metrics and labels of the metric catalog (lib/monitoring/metric-catalog.ts)',
        }))
      : [],
  );
}

/**
 * Checks the raw and resolved props against every rule and throws one `StackPropsError` listing all
 * problems: unknown keys, invalid values, inconsistent combinations and token-shaped strings.
 */
export function validateStackProps(raw: FalcoGitopsStackProps, resolved: ResolvedStackProps): void {
  const problems: Problem[] = [...unknownKeyProblems(raw as unknown, '')];
  // A value of the wrong type (tsx does not type-check main.ts) is reported once, as such: the
  // rules about the same prop, or about a level that contains it, would only restate it.
  const typeProblems = propTypeProblems(raw);
  problems.push(...typeProblems.map((t) => t.problem));
  const mistyped = typeProblems.map((t) => t.path);
  const related = (prop: string) => mistyped.some((m) => m === prop || m.startsWith(`${prop}.`) || prop.startsWith(`${m}.`));
  for (const rule of [...RULES, ...OBSERVABILITY_RULES]) {
    if (related(rule.prop)) continue;
    // A default derived from another prop (a PSA level that follows `enforce`) is that prop's
    // value: its problem is reported there, not again under a prop the user never set.
    if (isDerivedDefault(rule.prop) && valueAt(raw, rule.prop) === undefined) continue;
    const value = rule.value(resolved);
    if (!rule.valid(value, resolved, raw)) {
      problems.push({ subject: rule.prop, received: redactTokens(value), problem: rule.problem, fix: rule.fix });
    }
  }
  // The policy's lint reads these props (the default rules derive from the last two): a mistyped
  // one is reported once, by its type, not again as whatever the lint makes of it.
  if (!['audit.enabled', 'audit.policy', 'audit.allowSecretBodies', 'audit.volumeNamespaces', 'audit.feedFalco'].some(related)) {
    problems.push(...auditPolicyProblems(resolved));
  }
  // Likewise the PromQL check of extra rules: a mistyped list or switch is reported by its type only.
  if (!['observability.enabled', 'observability.alerts.extraRules'].some(related)) {
    problems.push(...extraRulePromqlProblems(resolved));
  }
  for (const finding of findTokens(raw)) {
    problems.push({
      subject: finding.prop,
      received: redact(finding.value),
      problem: `looks like ${finding.kind}; secrets must never be rendered into dist/ and pushed to Git`,
      fix: tokenFix(finding.prop, finding.value),
    });
  }
  if (problems.length > 0) throw new StackPropsError(problems);
}

/** How to keep this credential out of Git, for the prop it was found in. */
function tokenFix(prop: string, value: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/\s@]*@/i.test(value)) {
    return prop === 'argocd.repoUrl'
      ? 'remove the user and password from the URL (e.g. "https://github.com/acme/falco-gitops.git") and give Argo CD the credentials in a ' +
          'repository Secret (label argocd.argoproj.io/secret-type: repository) created out of band in its namespace'
      : 'remove the user and password from the URL';
  }
  if (prop.startsWith('falcosidekick.telegram.')) {
    return 'put it in the Secret that falcosidekick.telegram.secretName names, created out of band (see README, "Telegram secret")';
  }
  return 'remove it: no prop of the stack takes a secret; credentials live in Kubernetes Secrets created out of band, never in main.ts';
}

/** What the API server would reject in the policy, and Secret bodies recorded without the opt-in. */
function auditPolicyProblems(resolved: ResolvedStackProps): Problem[] {
  if (resolved.audit.enabled !== true) return [];
  return lintAuditPolicy(resolved.audit.policy, { allowSecretBodies: resolved.audit.allowSecretBodies === true, allowSecretBodiesName: 'audit.allowSecretBodies' })
    .filter((finding) => finding.severity === 'error')
    .map((finding) => ({
      subject: finding.path ? `audit.policy.${finding.path}` : 'audit.policy',
      ...(finding.received !== undefined ? { received: redactTokens(finding.received) } : {}),
      problem: finding.problem,
      fix: finding.fix,
    }));
}

function unknownKeyProblems(value: unknown, path: string): Problem[] {
  const known = KNOWN_PROP_KEYS.get(path);
  if (known === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => {
    const childPath = path ? `${path}.${key}` : key;
    if (!known.includes(key)) {
      return [{
        subject: childPath,
        received: redactTokens(child),
        problem: `is not a known prop (known under ${path || 'the stack props'}: ${known.join(', ')})`,
        fix: 'remove it or correct its spelling',
      }];
    }
    return unknownKeyProblems(child, childPath);
  });
}

/** Never echo a credential back into a terminal or CI log in full. */
function redact(value: string): string {
  return value.length <= 8 ? '********' : `${value.slice(0, 4)}…(${value.length} characters)`;
}

/** Every token-shaped string inside `value`, redacted: no message may print a credential. */
function redactTokens(value: unknown): unknown {
  if (typeof value === 'string') return classifyToken(value) ? redact(value) : value;
  if (Array.isArray(value)) return value.map(redactTokens);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redactTokens(v)]));
  }
  return value;
}

/** Whether a repository path is `dist/bootstrap`, a folder above it (`.`, `dist`) or a folder inside it. */
function overlapsBootstrap(repoPath: string): boolean {
  const normalized = path.posix.normalize(repoPath.replace(/\\/g, '/')).replace(/\/+$/, '') || '.';
  return normalized === '.' || normalized === BOOTSTRAP_DIR || BOOTSTRAP_DIR.startsWith(`${normalized}/`) || normalized.startsWith(`${BOOTSTRAP_DIR}/`);
}

/** Whether repository path `inner` is `outer` or a path inside it. */
function sameOrInside(inner: string, outer: string): boolean {
  const relative = path.posix.relative(
    path.posix.normalize(`/${outer.replace(/\\/g, '/')}`),
    path.posix.normalize(`/${inner.replace(/\\/g, '/')}`),
  );
  return relative === '' || (!relative.startsWith('..') && !path.posix.isAbsolute(relative));
}

/** The value at a dotted prop path (`undefined` when a level on the way is missing or not an object). */
function valueAt(root: unknown, dotted: string): unknown {
  let value = root;
  for (const key of dotted.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function isDerivedDefault(prop: string): boolean {
  return valueAt(STACK_DEFAULTS, prop) instanceof Derived;
}

function relativePath(v: unknown): boolean {
  return isString(v) && v.length > 0 && !v.startsWith('/') && !v.split(/[\\/]/).includes('..');
}
