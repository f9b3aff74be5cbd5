import { Construct } from 'constructs';
import { FalcoHelmChart, FalcosidekickHelmChart } from '../falco';
import { ServiceMonitor } from './service-monitor';

export interface FalcoServiceMonitorsProps {
  /** Namespace of Falco and Falcosidekick (and of these ServiceMonitors). */
  readonly namespace: string;
  /** Labels the Prometheus selects ServiceMonitors by. */
  readonly prometheusSelectorLabels: Readonly<Record<string, string>>;
  /**
   * Scrape interval of both.
   * @default '30s'
   */
  readonly interval?: string;
  /**
   * Release of the audit Falco (the falco chart again, k8saudit plugin only), scraped like the main one.
   * @default - none
   */
  readonly auditFalcoRelease?: string;
}

/** A Falco release's metrics Service, as the falco chart 9.1.0 renders it. */
export interface FalcoMetricsService {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly port: string;
}

/**
 * The Service the falco chart 9.1.0 creates for the metrics of release `release`
 * (`templates/service.yaml`), and its port. falcosecurity/charts@falco-9.1.0:charts/falco/templates/service.yaml:5-12:
 * name `<fullname>-metrics`, labels `falco.labels` (selector labels: _helpers.tpl:55-58, `name`
 * the chart's name, `instance` the release's) plus `type`. The fullname is the release name when it
 * contains the chart's name, else `<release>-falco`, cut at 63 characters (_helpers.tpl:13-24).
 */
export function falcoMetricsService(release: string): FalcoMetricsService {
  const fullname = (release.includes('falco') ? release : `${release}-falco`).slice(0, 63).replace(/-+$/, '');
  return {
    name: `${fullname}-metrics`,
    labels: { 'app.kubernetes.io/name': 'falco', 'app.kubernetes.io/instance': release, type: 'falco-metrics' },
    // templates/service.yaml:29 `name: "metrics"` (values `metrics.service.ports.metrics.port`: 8765).
    port: 'metrics',
  };
}

/** The main Falco's metrics Service. */
export const FALCO_METRICS_SERVICE = falcoMetricsService(FalcoHelmChart.RELEASE_NAME);

/** The Service of the falcosidekick chart 0.14.0 (`templates/service.yaml`), and its port. */
export const FALCOSIDEKICK_SERVICE = {
  // falcosecurity/charts@falcosidekick-0.14.0:charts/falcosidekick/templates/service.yaml:7-9, 35:
  // `falcosidekick.labels` plus component `core` (the UI's Service has component `ui`).
  name: FalcosidekickHelmChart.RELEASE_NAME,
  labels: {
    'app.kubernetes.io/name': 'falcosidekick',
    'app.kubernetes.io/instance': FalcosidekickHelmChart.RELEASE_NAME,
    'app.kubernetes.io/component': 'core',
  },
  // templates/service.yaml:26 `name: http`; Falcosidekick serves /metrics on it
  // (falcosecurity/falcosidekick@2.34.0:main.go:914).
  port: 'http',
} as const;

/** The ServiceMonitors of Falco's webserver `/metrics` and Falcosidekick's `/metrics`. */
export class FalcoServiceMonitors extends Construct {
  constructor(scope: Construct, id: string, props: FalcoServiceMonitorsProps) {
    super(scope, id);
    const interval = props.interval ?? '30s';
    new ServiceMonitor(this, 'Falco', {
      name: FalcoHelmChart.RELEASE_NAME,
      namespace: props.namespace,
      prometheusSelectorLabels: props.prometheusSelectorLabels,
      serviceLabels: FALCO_METRICS_SERVICE.labels,
      endpoints: [{ port: FALCO_METRICS_SERVICE.port, interval }],
    });
    if (props.auditFalcoRelease !== undefined) {
      const service = falcoMetricsService(props.auditFalcoRelease);
      new ServiceMonitor(this, 'FalcoK8sAudit', {
        name: props.auditFalcoRelease,
        namespace: props.namespace,
        prometheusSelectorLabels: props.prometheusSelectorLabels,
        serviceLabels: service.labels,
        endpoints: [{ port: service.port, interval }],
      });
    }
    new ServiceMonitor(this, 'Falcosidekick', {
      name: FalcosidekickHelmChart.RELEASE_NAME,
      namespace: props.namespace,
      prometheusSelectorLabels: props.prometheusSelectorLabels,
      serviceLabels: FALCOSIDEKICK_SERVICE.labels,
      endpoints: [{ port: FALCOSIDEKICK_SERVICE.port, interval }],
    });
  }
}
