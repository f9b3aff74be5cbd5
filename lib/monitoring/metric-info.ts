/** One Prometheus metric family the stack's PromQL may name (see metric-catalog.ts). */
export interface MetricInfo {
  /** The name as Prometheus stores it, e.g. `falcosecurity_falco_sha256_rules_files_info`. */
  readonly name: string;
  /** The exposition type (`# TYPE`). */
  readonly type: 'counter' | 'gauge';
  /** Label names the exporter sets, sorted. */
  readonly labels: readonly string[];
  /** Prefixes of labels named at run time (Falco's `tag_<tag>` on rule counters). */
  readonly labelPrefixes?: readonly string[];
  /** `repository@tag:path` the entry was read from. */
  readonly origin: string;
}

/**
 * Labels Prometheus adds to every series it scrapes through a ServiceMonitor: `job` and `instance`
 * (Prometheus' own), and the Kubernetes target labels the Prometheus Operator's generated scrape
 * configuration sets from the endpoint's metadata (`namespace`, `service`, `pod`, `container`, and
 * `endpoint` for the port name; `generateServiceMonitorConfig`,
 * prometheus-operator/prometheus-operator@v0.93.0:pkg/prometheus/promcfg.go:2132-2203 (the
 * mirror's newest tag; kube-prometheus-stack 88.5.3 ships v0.93.1). With `honorLabels`, an exporter's own label of
 * the same name wins: kube-prometheus-stack 88.5.3 scrapes kube-state-metrics with it (values.yaml:2702),
 * so its `namespace` is the object's namespace.
 */
export const SCRAPE_TARGET_LABELS = ['container', 'endpoint', 'instance', 'job', 'namespace', 'pod', 'service'] as const;

/** Prometheus' own series per scrape target: `up` is 1 when the last scrape succeeded, else 0. */
export const PROMETHEUS_TARGET_METRICS: readonly MetricInfo[] = [
  { name: 'up', type: 'gauge', labels: [], origin: 'prometheus/prometheus: scrape/scrape.go (synthetic series)' },
];
