import { DashboardBuilder, MappingType, QueryVariableBuilder, RowBuilder, VariableRefresh, type Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanelBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TablePanelBuilder } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesPanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import { FALCO_PRIORITIES, type FalcoPriority } from '../core';
import { counterIncrease, promqlString, type AuditFalcoMonitoring } from './falco-alert-rules';
import { FALCO_METRICS_SERVICE, FALCOSIDEKICK_SERVICE, falcoMetricsService } from './falco-service-monitors';
import type { RulesFileHash } from './rules-file-hashes';

/**
 * The Prometheus data source the grafana sidecar of kube-prometheus-stack 88.5.3 provisions
 * (values.yaml `grafana.sidecar.datasources.uid: prometheus`).
 */
const PROMETHEUS = { type: 'prometheus', uid: 'prometheus' } as const;

/** One dashboard: a stable uid (also the ConfigMap's data key) and its model. */
export interface FalcoDashboard {
  readonly uid: string;
  readonly title: string;
  readonly model: Dashboard;
  /** Every PromQL expression of its panels and variables, for the catalog check. */
  readonly expressions: readonly string[];
}

export interface FalcoDashboardsProps {
  readonly falcoNamespace: string;
  readonly scopedNamespaces: readonly string[];
  readonly rulesFiles: readonly RulesFileHash[];
  readonly detectionMinimumPriority: FalcoPriority;
  /**
   * The audit Falco: a row of its own in the health and rules integrity dashboards.
   * @default - none
   */
  readonly auditFalco?: AuditFalcoMonitoring;
}

/** Grafana's interval variables, replaced by a duration before a dashboard expression is parsed as PromQL. */
export function withGrafanaIntervals(expr: string): string {
  return expr.replace(/\$__(rate_interval|interval|range)\b/g, '5m');
}

/**
 * The stack's Grafana dashboards, built with the Grafana Foundation SDK's typed builders (not a
 * pasted JSON model): events (the original "filter by pod" view), the scoped namespaces side by
 * side, Falco health, rules integrity (expected sha256 from synth against what each pod loaded),
 * and Telegram delivery. The falco and falcosidekick charts' own dashboards stay off: both ship
 * under the data key `falco-dashboard.json`, and the falco chart's queries
 * `falcosecurity_falco_n_evts_total` (falcosecurity/charts@falco-9.1.0:charts/falco/dashboards/falco-dashboard.json),
 * which Falco 0.44.1 exports as `falcosecurity_scap_n_evts_total`.
 */
export function falcoDashboards(props: FalcoDashboardsProps): FalcoDashboard[] {
  const ns = promqlString(props.falcoNamespace);
  const falco = `namespace=${ns}, service=${promqlString(FALCO_METRICS_SERVICE.name)}`;
  const sidekick = `namespace=${ns}, service=${promqlString(FALCOSIDEKICK_SERVICE.name)}`;
  const events = 'falcosecurity_falcosidekick_falco_events_total';
  const collected: string[] = [];
  const q = (expr: string, legend?: string): DataqueryBuilder => {
    collected.push(expr);
    const query = new DataqueryBuilder().expr(expr).datasource(PROMETHEUS);
    return legend === undefined ? query : query.legendFormat(legend);
  };
  const timeseries = (title: string, width = 12): TimeseriesPanelBuilder => new TimeseriesPanelBuilder().title(title).datasource(PROMETHEUS).height(8).span(width);
  const variable = (name: string, label: string, query: string): QueryVariableBuilder => {
    // `label_values(selector, label)` is Grafana's; as PromQL it asks the same of the catalog as this.
    collected.push(query.replace(/^label_values\((.*), (\w+)\)$/, 'count by ($2) ($1)'));
    return new QueryVariableBuilder(name).label(label).datasource(PROMETHEUS).query({ query, refId: 'PrometheusVariableQueryEditor-VariableQuery' }).definition(query).multi(true).includeAll(true).allValue('.*').refresh(VariableRefresh.OnTimeRangeChanged);
  };
  const dashboard = (uid: string, title: string): DashboardBuilder => new DashboardBuilder(title).uid(uid).tags(['falco', 'falco-gitops']).refresh('1m').time({ from: 'now-6h', to: 'now' }).timezone('browser').editable();
  const finish = (uid: string, title: string, builder: DashboardBuilder): FalcoDashboard => {
    const expressions = [...collected];
    collected.length = 0;
    return { uid, title, model: builder.build(), expressions };
  };
  const dashboards: FalcoDashboard[] = [];

  // Events: the seed's Grafana Explore investigation (`falco_events` filtered on the pod's name).
  const filter = `${sidekick}, k8s_ns_name=~"$namespace", k8s_pod_name=~"$pod", priority_raw=~"$priority"`;
  dashboards.push(
    finish(
      'falco-gitops-events',
      'Falco events',
      dashboard('falco-gitops-events', 'Falco events')
        .withVariable(variable('namespace', 'Namespace', `label_values(${events}{${sidekick}}, k8s_ns_name)`))
        .withVariable(variable('pod', 'Pod', `label_values(${events}{${sidekick}, k8s_ns_name=~"$namespace"}, k8s_pod_name)`))
        .withVariable(variable('priority', 'Priority', `label_values(${events}{${sidekick}}, priority_raw)`))
        .withPanel(timeseries('Events by rule').withTarget(q(`sum by (rule) ${counterIncrease(`${events}{${filter}}`, '$__rate_interval')}`, '{{rule}}')))
        .withPanel(timeseries('Events by priority').withTarget(q(`sum by (priority_raw) ${counterIncrease(`${events}{${filter}}`, '$__rate_interval')}`, '{{priority_raw}}')))
        .withPanel(timeseries('Events by namespace').withTarget(q(`sum by (k8s_ns_name) ${counterIncrease(`${events}{${filter}}`, '$__rate_interval')}`, '{{k8s_ns_name}}')))
        .withPanel(timeseries('Events by pod').withTarget(q(`sum by (k8s_ns_name, k8s_pod_name) ${counterIncrease(`${events}{${filter}}`, '$__rate_interval')}`, '{{k8s_ns_name}}/{{k8s_pod_name}}')))
        .withPanel(
          new TablePanelBuilder()
            .title('Events in the time range, by pod and rule')
            .datasource(PROMETHEUS)
            .height(10)
            .span(24)
            .withTarget(q(`sum by (k8s_ns_name, k8s_pod_name, rule, priority_raw) ${counterIncrease(`${events}{${filter}}`, '$__range')} > 0`).instant().format(PromQueryFormat.Table)),
        ),
    ),
  );

  // The scoped namespaces side by side.
  const worse = FALCO_PRIORITIES.slice(0, FALCO_PRIORITIES.indexOf(props.detectionMinimumPriority) + 1).join('|');
  const width = Math.max(4, Math.floor(24 / Math.max(1, props.scopedNamespaces.length)));
  let scoped = dashboard('falco-gitops-scoped-namespaces', 'Falco scoped namespaces');
  for (const namespace of props.scopedNamespaces) {
    const selector = `${sidekick}, k8s_ns_name=${promqlString(namespace)}`;
    scoped = scoped
      .withPanel(new StatPanelBuilder().title(`${namespace}: ${worse} events`).datasource(PROMETHEUS).height(5).span(width).withTarget(q(`sum${counterIncrease(`${events}{${selector}, priority_raw=~${promqlString(worse)}}`, '$__range')} or vector(0)`)))
      .withPanel(timeseries(`${namespace}: events by rule`, width).withTarget(q(`sum by (rule) ${counterIncrease(`${events}{${selector}}`, '$__rate_interval')}`, '{{rule}}')));
  }
  dashboards.push(finish('falco-gitops-scoped-namespaces', 'Falco scoped namespaces', scoped));

  const audit = props.auditFalco === undefined ? undefined : { release: props.auditFalco.release, selector: `namespace=${ns}, service=${promqlString(falcoMetricsService(props.auditFalco.release).name)}`, files: props.auditFalco.rulesFiles };

  // Falco health.
  let health = dashboard('falco-gitops-health', 'Falco health')
        .withPanel(timeseries('Kernel event drop ratio').unit('percentunit').withTarget(q(`sum by (pod) (rate(falcosecurity_scap_n_drops_total{${falco}}[$__rate_interval])) / clamp_min(sum by (pod) (rate(falcosecurity_scap_n_evts_total{${falco}}[$__rate_interval])), 1)`, '{{pod}}')))
        .withPanel(timeseries('Buffer drops by syscall').withTarget(q(`sum by (drop) (rate(falcosecurity_scap_n_drops_buffer_total{${falco}, dir="exit"}[$__rate_interval]))`, '{{drop}}')))
        .withPanel(timeseries('CPU').unit('percentunit').withTarget(q(`falcosecurity_falco_cpu_usage_ratio{${falco}}`, '{{pod}}')))
        .withPanel(timeseries('Memory (RSS)').unit('bytes').withTarget(q(`falcosecurity_falco_memory_rss_bytes{${falco}}`, '{{pod}}')))
        .withPanel(timeseries('Rule reloads').withTarget(q(`changes(falcosecurity_falco_reload_timestamp_nanoseconds{${falco}}[$__rate_interval])`, '{{pod}}')))
        .withPanel(timeseries('Outputs queue drops').withTarget(q(`increase(falcosecurity_falco_outputs_queue_num_drops_total{${falco}}[$__rate_interval])`, '{{pod}}')));
  if (audit !== undefined) {
    // The audit Falco has no kernel driver: no drop panels; one replica behind the webhook.
    health = health
      .withRow(new RowBuilder(`Audit Falco (${audit.release})`))
      .withPanel(new StatPanelBuilder().title('Audit Falco scraped (1 = up)').datasource(PROMETHEUS).height(8).span(6).withTarget(q(`sum(up{${audit.selector}}) or vector(0)`)))
      .withPanel(timeseries('Audit Falco CPU', 9).unit('percentunit').withTarget(q(`falcosecurity_falco_cpu_usage_ratio{${audit.selector}}`, '{{pod}}')))
      .withPanel(timeseries('Audit Falco memory (RSS)', 9).unit('bytes').withTarget(q(`falcosecurity_falco_memory_rss_bytes{${audit.selector}}`, '{{pod}}')))
      .withPanel(timeseries('Audit Falco rule reloads').withTarget(q(`changes(falcosecurity_falco_reload_timestamp_nanoseconds{${audit.selector}}[$__rate_interval])`, '{{pod}}')))
      .withPanel(timeseries('Audit Falco outputs queue drops').withTarget(q(`increase(falcosecurity_falco_outputs_queue_num_drops_total{${audit.selector}}[$__rate_interval])`, '{{pod}}')));
  }
  dashboards.push(finish('falco-gitops-health', 'Falco health', health));

  // Rules integrity: one row per pod and shipped file; 1 = the sha256 synth computed, 0 = another one.
  const perFile = (selector: string, files: readonly RulesFileHash[]) =>
    files.map((file) => {
      const base = `falcosecurity_falco_sha256_rules_files_info{${selector}, file_name=${promqlString(file.fileName)}`;
      const expected = promqlString(file.sha256);
      return `label_replace(${base}, sha256=${expected}}, "expected_sha256", ${expected}, "file_name", ".*") or label_replace(${base}, sha256!=${expected}} * 0, "expected_sha256", ${expected}, "file_name", ".*")`;
    });
  const integrityPanels = (builder: DashboardBuilder, selector: string, files: readonly RulesFileHash[], prefix: string): DashboardBuilder => {
    const expressions = perFile(selector, files);
    if (expressions.length > 0) {
      builder = builder.withPanel(
        new TablePanelBuilder()
          .title(`${prefix}Loaded rules files against dist/ (1 = as shipped, 0 = drift)`)
          .datasource(PROMETHEUS)
          .height(12)
          .span(24)
          .mappings([{ type: MappingType.ValueToText, options: { '0': { text: 'drift', color: 'red' }, '1': { text: 'ok', color: 'green' } } }])
          .withTarget(q(expressions.join(' or ')).instant().format(PromQueryFormat.Table)),
      );
    }
    return builder.withPanel(
      new TablePanelBuilder()
        .title(`${prefix}Loaded configuration files`)
        .datasource(PROMETHEUS)
        .height(8)
        .span(24)
        .withTarget(q(`falcosecurity_falco_sha256_config_files_info{${selector}}`).instant().format(PromQueryFormat.Table)),
    );
  };
  let integrity = integrityPanels(dashboard('falco-gitops-rules-integrity', 'Falco rules integrity'), falco, props.rulesFiles, '');
  if (audit !== undefined) {
    integrity = integrityPanels(integrity.withRow(new RowBuilder(`Audit Falco (${audit.release})`)), audit.selector, audit.files, 'Audit Falco: ');
  }
  dashboards.push(finish('falco-gitops-rules-integrity', 'Falco rules integrity', integrity));

  // Telegram delivery.
  const outputs = `falcosecurity_falcosidekick_outputs_total{${sidekick}, destination="telegram"}`;
  dashboards.push(
    finish(
      'falco-gitops-telegram',
      'Falcosidekick Telegram delivery',
      dashboard('falco-gitops-telegram', 'Falcosidekick Telegram delivery')
        .withPanel(timeseries('Telegram messages by status').withTarget(q(`sum by (status) ${counterIncrease(outputs, '$__rate_interval')}`, '{{status}}')))
        .withPanel(new StatPanelBuilder().title('Telegram errors in the time range').datasource(PROMETHEUS).height(8).span(12).withTarget(q(`sum${counterIncrease(`falcosecurity_falcosidekick_outputs_total{${sidekick}, destination="telegram", status="error"}`, '$__range')} or vector(0)`))),
    ),
  );
  return dashboards;
}
