import { FALCO_PRIORITIES, type FalcoPriority } from '../core';
import { FALCO_METRICS_SERVICE, FALCOSIDEKICK_SERVICE, falcoMetricsService } from './falco-service-monitors';
import type { RulesFileHash } from './rules-file-hashes';

/** Thresholds and `for:` durations of the stack's alerts. Durations are Prometheus durations (`5m`). */
export interface AlertThresholds {
  /**
   * How long a detection must keep counting before it alerts (`0m`: at once).
   * @default '0m'
   */
  readonly detectionFor?: string;
  /**
   * How long a Falco pod may run other rules than Git holds (or miss a file) before it alerts:
   * longer than the kubelet's ConfigMap refresh (about a minute) plus Falco's reload.
   * @default '5m'
   */
  readonly integrityFor?: string;
  /**
   * How long the Falco or Falcosidekick metrics may be unscrapable, or the DaemonSet incomplete.
   * @default '10m'
   */
  readonly healthFor?: string;
  /**
   * Share of kernel events dropped (`n_drops / n_evts` over 5 minutes) that alerts.
   * @default 0.01
   */
  readonly kernelDropRatio?: number;
  /**
   * Events per minute without namespace metadata (the metadata guard rule) that alert.
   * @default 1
   */
  readonly metadataGuardPerMinute?: number;
  /**
   * How long the metadata guard rate must stay above the threshold: pods starting up fire the
   * guard for a moment (their metadata arrives after their first process), which this absorbs.
   * @default '15m'
   */
  readonly metadataGuardFor?: string;
}

/** The defaults of `AlertThresholds`. */
export const ALERT_THRESHOLD_DEFAULTS = {
  detectionFor: '0m',
  integrityFor: '5m',
  healthFor: '10m',
  kernelDropRatio: 0.01,
  metadataGuardPerMinute: 1,
  metadataGuardFor: '15m',
} as const;

/** An alert the user adds; its expression is checked like the stack's own. */
export interface ExtraAlertRule {
  /** Alert name (`alert:`). */
  readonly alert: string;
  /** PromQL expression; every metric and label must be in the metric catalog. */
  readonly expr: string;
  /**
   * `for:` duration.
   * @default '5m'
   */
  readonly for?: string;
  /**
   * `severity` label.
   * @default 'warning'
   */
  readonly severity?: 'critical' | 'warning' | 'info';
  /** One-line summary (annotation `summary`). */
  readonly summary: string;
}

/** One Prometheus alerting rule, as the PrometheusRule CRD's `spec.groups[].rules[]` holds it. */
export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface AlertGroup {
  readonly name: string;
  readonly rules: readonly AlertRule[];
}

export interface FalcoAlertRulesProps {
  /** Namespace of Falco and Falcosidekick (the `namespace` target label of their series). */
  readonly falcoNamespace: string;
  /** The scoped namespaces: one detection alert each. */
  readonly scopedNamespaces: readonly string[];
  /** Lowest priority that counts as a detection. */
  readonly detectionMinimumPriority: FalcoPriority;
  /** Every rules file the stack ships, with the sha256 Falco must report for it. */
  readonly rulesFiles: readonly RulesFileHash[];
  /** Name of the Falco DaemonSet (the chart's fullname). */
  readonly falcoDaemonSet: string;
  /** Falcosidekick forwards to Telegram. */
  readonly telegram: boolean;
  /** The metadata guard rule's name, when it ships. */
  readonly metadataGuardRule: string | undefined;
  readonly thresholds: Required<AlertThresholds>;
  readonly extraRules: readonly ExtraAlertRule[];
  /**
   * The audit Falco (a Deployment of the falco chart with the k8saudit plugin): its own rules files
   * in the integrity group, its health in the health group.
   * @default - none
   */
  readonly auditFalco?: AuditFalcoMonitoring;
}

/** What the alerts and dashboards need of the audit Falco. */
export interface AuditFalcoMonitoring {
  /** Its HelmChart release (the chart's fullname, so its metrics Service is `<release>-metrics`). */
  readonly release: string;
  /** The rules files it loads, with their sha256; base names unique among them. */
  readonly rulesFiles: readonly RulesFileHash[];
}

/** A PromQL string literal. */
export function promqlString(value: string): string {
  return JSON.stringify(value);
}

/**
 * How much a counter grew over `window`, counting a series that appeared within it. Falcosidekick
 * creates the series of a (rule, pod, ...) label set at its first event, with the value 1, and
 * `increase()` needs two samples: alone it would miss the first event of every new pod, which is
 * exactly the one an attacker's single `kubectl exec` produces. `S unless S offset window` is the
 * value of each series that did not exist `window` ago (set operators match label sets without
 * the metric name, so `or` adds it only where `increase()` returned nothing).
 */
export function counterIncrease(selector: string, window: string): string {
  return `(increase(${selector}[${window}]) or (${selector} unless ${selector} offset ${window}))`;
}

/** A Prometheus duration (`5m`) in seconds. */
export function durationSeconds(duration: string): number {
  const units: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };
  let total = 0;
  for (const m of duration.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) total += Number(m[1]) * (units[m[2] ?? 's'] ?? 0);
  return total;
}

/**
 * The stack's alerting rules, in four groups (detections, integrity, health, metadata) plus the
 * user's own. Each annotation says what the alert means and what to do (README: Alerts).
 */
export function falcoAlertGroups(props: FalcoAlertRulesProps): AlertGroup[] {
  const t = props.thresholds;
  const ns = promqlString(props.falcoNamespace);
  const falco = `namespace=${ns}, service=${promqlString(FALCO_METRICS_SERVICE.name)}`;
  const sidekick = `namespace=${ns}, service=${promqlString(FALCOSIDEKICK_SERVICE.name)}`;
  const worse = FALCO_PRIORITIES.slice(0, FALCO_PRIORITIES.indexOf(props.detectionMinimumPriority) + 1);
  const rule = (alert: string, expr: string, forDuration: string, severity: string, summary: string, description: string, labels: Record<string, string> = {}): AlertRule => ({
    alert,
    expr,
    for: forDuration,
    labels: { severity, ...labels },
    annotations: { summary, description },
  });

  const detections = props.scopedNamespaces.map((namespace) =>
    rule(
      'FalcoDetectionInScopedNamespace',
      `sum by (k8s_ns_name, k8s_pod_name, rule, priority_raw) ${counterIncrease(`falcosecurity_falcosidekick_falco_events_total{${sidekick}, k8s_ns_name=${promqlString(namespace)}, priority_raw=~${promqlString(worse.join('|'))}}`, '5m')} > 0`,
      t.detectionFor,
      'critical',
      `Falco rule {{ $labels.rule }} ({{ $labels.priority_raw }}) fired in ${namespace}/{{ $labels.k8s_pod_name }}`,
      `An event of priority ${worse.join(', ')} in the scoped namespace ${namespace} in the last 5 minutes. Open Grafana's "Falco events" dashboard filtered on the pod, or the Falco logs, and treat it as an incident.`,
      { scoped_namespace: namespace },
    ),
  );

  const integrity: AlertRule[] = [];
  // Each Falco is held to its own files, selected by its own metrics Service: the two may ship the same base name.
  const fileChecks = [
    { selector: falco, files: props.rulesFiles },
    ...(props.auditFalco === undefined ? [] : [{ selector: `namespace=${ns}, service=${promqlString(falcoMetricsService(props.auditFalco.release).name)}`, files: props.auditFalco.rulesFiles }]),
  ];
  for (const file of fileChecks.flatMap(({ selector, files }) => files.map((f) => ({ ...f, selector })))) {
    const falco = file.selector;
    const fileName = promqlString(file.fileName);
    const mismatch = `falcosecurity_falco_sha256_rules_files_info{${falco}, file_name=${fileName}, sha256!=${promqlString(file.sha256)}}`;
    const labels = { file_name: file.fileName, expected_sha256: file.sha256 };
    integrity.push(
      rule(
        'FalcoRulesFileDrift',
        mismatch,
        t.integrityFor,
        'critical',
        `Falco pod {{ $labels.pod }} runs another ${file.fileName} than Git holds`,
        `The pod loaded ${file.fileName} with sha256 {{ $labels.sha256 }}; dist/ ships ${file.sha256} (ConfigMap ${file.configMapName}). Run \`falco-gitops drift\` against the pod's /metrics; check that Argo CD synced and that nobody edited the ConfigMap by hand.`,
        labels,
      ),
      rule(
        'FalcoRulesHotReloadFailed',
        `${mismatch} and on (namespace, pod) (changes(falcosecurity_falco_reload_timestamp_nanoseconds{${falco}}[${t.integrityFor}]) == 0)`,
        t.integrityFor,
        'critical',
        `Falco pod {{ $labels.pod }} did not reload the new ${file.fileName}`,
        `The mounted ${file.fileName} changed but Falco kept the old rules and has not reloaded for ${t.integrityFor}: its reload dry run most likely refused the new file. Read the pod's log for the load error, fix the rule, and run \`falco-gitops lint\` before the next sync.`,
        labels,
      ),
      rule(
        'FalcoRulesFileNotLoaded',
        `falcosecurity_falco_version_info{${falco}} unless on (namespace, pod) falcosecurity_falco_sha256_rules_files_info{${falco}, file_name=${fileName}}`,
        t.integrityFor,
        'critical',
        `Falco pod {{ $labels.pod }} has not loaded ${file.fileName}`,
        `The pod runs, but ${file.fileName} (ConfigMap ${file.configMapName}) is not among its loaded rules files: the volume is missing or falco.rules_files does not list it. Compare the HelmChart's values with dist/.`,
        { file_name: file.fileName },
      ),
    );
  }
  integrity.push(
    rule(
      'FalcoConfigSkew',
      `count by (file_name) (count by (file_name, sha256) (falcosecurity_falco_sha256_config_files_info{${falco}})) > 1`,
      t.integrityFor,
      'warning',
      'Falco pods run different versions of {{ $labels.file_name }}',
      'Not every Falco pod loaded the same configuration: a rollout is stuck or a pod missed a reload. Restart the odd pod after checking the HelmChart install job.',
    ),
  );

  const health: AlertRule[] = [
    rule(
      'FalcoMetricsDown',
      `up{${falco}} == 0`,
      t.healthFor,
      'critical',
      'Prometheus cannot scrape Falco pod {{ $labels.pod }}',
      'The Falco webserver does not answer on port 8765: the pod is crash-looping or its driver failed to load. Without it no integrity alert can fire. Check the pod and its events.',
    ),
    rule(
      'FalcoMetricsAbsent',
      `absent(up{${falco}})`,
      t.healthFor,
      'critical',
      'No Falco metrics target at all',
      `Prometheus finds no target behind the ${FALCO_METRICS_SERVICE.name} Service: Falco is not installed, or the ServiceMonitor does not match. Check the falco HelmChart's install job in kube-system.`,
    ),
    rule(
      'FalcoDaemonSetIncomplete',
      `kube_daemonset_status_number_ready{namespace=${ns}, daemonset=${promqlString(props.falcoDaemonSet)}} < kube_daemonset_status_desired_number_scheduled{namespace=${ns}, daemonset=${promqlString(props.falcoDaemonSet)}}`,
      t.healthFor,
      'critical',
      'Falco is not ready on every node',
      'Some nodes run no ready Falco pod, so nothing is detected there. Look for pending or crash-looping Falco pods (driver, resources, taints).',
    ),
    rule(
      'FalcoKernelEventDrops',
      `sum by (namespace, pod) (rate(falcosecurity_scap_n_drops_total{${falco}}[5m])) / clamp_min(sum by (namespace, pod) (rate(falcosecurity_scap_n_evts_total{${falco}}[5m])), 1) > ${t.kernelDropRatio}`,
      t.healthFor,
      'warning',
      'Falco pod {{ $labels.pod }} drops {{ $value | humanizePercentage }} of kernel events',
      'The kernel buffer overflows: events, and so detections, are lost. Raise the driver buffer (driver.modernEbpf.bufSizePreset) or give Falco more CPU.',
    ),
    rule(
      'FalcoOutputsQueueDrops',
      `increase(falcosecurity_falco_outputs_queue_num_drops_total{${falco}}[10m]) > 0`,
      t.healthFor,
      'warning',
      'Falco pod {{ $labels.pod }} dropped alerts from its outputs queue',
      'Alerts were matched but not delivered: an output (the HTTP output to Falcosidekick) is too slow. Check Falcosidekick.',
    ),
    rule(
      'FalcosidekickMetricsDown',
      `up{${sidekick}} == 0`,
      t.healthFor,
      'critical',
      'Prometheus cannot scrape Falcosidekick pod {{ $labels.pod }}',
      'Falcosidekick does not answer: alerts from Falco are not forwarded, and the detection alerts, which count what Falcosidekick receives, go silent.',
    ),
  ];
  if (props.auditFalco !== undefined) {
    const release = props.auditFalco.release;
    const audit = `namespace=${ns}, service=${promqlString(falcoMetricsService(release).name)}`;
    health.push(
      rule(
        'FalcoK8sAuditMetricsDown',
        `up{${audit}} == 0`,
        t.healthFor,
        'critical',
        'Prometheus cannot scrape the audit Falco pod {{ $labels.pod }}',
        'The audit Falco does not answer on port 8765: the pod is crash-looping or a plugin failed to load, and the API server\'s audit webhook posts to nobody. Check the pod, its events and its falcoctl init container.',
      ),
      rule(
        'FalcoK8sAuditMetricsAbsent',
        `absent(up{${audit}})`,
        t.healthFor,
        'critical',
        'No audit Falco metrics target at all',
        `Prometheus finds no target behind the ${falcoMetricsService(release).name} Service: the audit Falco's Deployment has no ready pod, is not installed, or the ServiceMonitor does not match. No audit event is checked meanwhile. Check the ${release} HelmChart's install job in kube-system and the Deployment.`,
      ),
      rule(
        'FalcoK8sAuditOutputsQueueDrops',
        `increase(falcosecurity_falco_outputs_queue_num_drops_total{${audit}}[10m]) > 0`,
        t.healthFor,
        'warning',
        'The audit Falco pod {{ $labels.pod }} dropped alerts from its outputs queue',
        'Audit alerts were matched but not delivered: the HTTP output to Falcosidekick is too slow. Check Falcosidekick.',
      ),
    );
  }
  if (props.telegram) {
    health.push(
      rule(
        'FalcosidekickTelegramErrors',
        `sum by (namespace) ${counterIncrease(`falcosecurity_falcosidekick_outputs_total{${sidekick}, destination="telegram", status="error"}`, '10m')} > 0`,
        t.healthFor,
        'warning',
        'Falcosidekick cannot deliver to Telegram',
        'Telegram refused or did not answer: check the token and chat id in the Secret, and the network path to api.telegram.org.',
      ),
    );
  }

  const groups: AlertGroup[] = [
    { name: 'falco-gitops.detections', rules: detections },
    { name: 'falco-gitops.integrity', rules: integrity },
    { name: 'falco-gitops.health', rules: health },
  ];
  if (props.metadataGuardRule !== undefined) {
    groups.push({
      name: 'falco-gitops.metadata',
      rules: [
        rule(
          'FalcoNamespaceMetadataMissing',
          `sum by (namespace, pod) (rate(falcosecurity_falco_rules_matches_total{${falco}, rule_name=${promqlString(props.metadataGuardRule)}}[10m])) * 60 > ${t.metadataGuardPerMinute}`,
          t.metadataGuardFor,
          'warning',
          'Falco pod {{ $labels.pod }} sees container processes without a namespace',
          'Container events arrive without namespace metadata, so every scoped rule is silent for them. On k3s/RKE2 this follows a containerd restart (falcosecurity/charts#1052): restart the Falco pod on that node.',
        ),
      ],
    });
  }
  if (props.extraRules.length > 0) {
    groups.push({
      name: 'falco-gitops.custom',
      rules: props.extraRules.map((r) => rule(r.alert, r.expr, r.for ?? '5m', r.severity ?? 'warning', r.summary, r.summary)),
    });
  }
  return groups;
}
