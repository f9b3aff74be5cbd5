import { METRIC_CATALOG } from './metric-catalog';
import { PROMETHEUS_TARGET_METRICS, SCRAPE_TARGET_LABELS, type MetricInfo } from './metric-info';

const BY_NAME: ReadonlyMap<string, MetricInfo> = new Map([...METRIC_CATALOG, ...PROMETHEUS_TARGET_METRICS].map((m) => [m.name, m]));

/** Every metric name the stack's PromQL may use: the generated catalog and Prometheus' `up`. */
export function knownMetricNames(): readonly string[] {
  return [...BY_NAME.keys()];
}

/** The catalog entry of a metric, if it is known. */
export function metricInfo(name: string): MetricInfo | undefined {
  return BY_NAME.get(name);
}

/** Whether a series of `metric` (scraped through a ServiceMonitor) can carry `label`. */
export function metricHasLabel(metric: MetricInfo, label: string): boolean {
  return (
    label === '__name__' ||
    metric.labels.includes(label) ||
    (SCRAPE_TARGET_LABELS as readonly string[]).includes(label) ||
    (metric.labelPrefixes ?? []).some((prefix) => label.startsWith(prefix) && label.length > prefix.length)
  );
}
