import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { stackLabels } from '../core';
import { monitoringObjectAnnotations } from './monitoring-sync';

/** One scrape endpoint of a ServiceMonitor (monitoring.coreos.com/v1 `spec.endpoints[]`). */
export interface ServiceMonitorEndpoint {
  /** Name of the Service port (not the number): the chart's own port name. */
  readonly port: string;
  /**
   * HTTP path of the metrics.
   * @default '/metrics'
   */
  readonly path?: string;
  /**
   * Scrape interval.
   * @default '30s'
   */
  readonly interval?: string;
}

export interface ServiceMonitorProps {
  /** `metadata.name`. */
  readonly name: string;
  /** Namespace of the ServiceMonitor: the namespace of the Service it selects. */
  readonly namespace: string;
  /** Labels the Prometheus selects ServiceMonitors by, e.g. `{ release: 'kube-prometheus-stack' }`. */
  readonly prometheusSelectorLabels: Readonly<Record<string, string>>;
  /** Labels of the Service to scrape, exactly as the chart's template sets them. */
  readonly serviceLabels: Readonly<Record<string, string>>;
  readonly endpoints: readonly ServiceMonitorEndpoint[];
}

/**
 * A Prometheus Operator `ServiceMonitor`: Prometheus scrapes every endpoint of the Services in
 * `namespace` that carry `serviceLabels`. Typed here and validated against the pinned CRD in tests.
 */
export class ServiceMonitor extends Construct {
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ServiceMonitorProps) {
    super(scope, id);
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels: stackLabels({ ...props.prometheusSelectorLabels }),
        annotations: monitoringObjectAnnotations(),
      },
      spec: {
        selector: { matchLabels: { ...props.serviceLabels } },
        namespaceSelector: { matchNames: [props.namespace] },
        endpoints: props.endpoints.map((e) => ({ port: e.port, path: e.path ?? '/metrics', interval: e.interval ?? '30s' })),
      },
    });
  }
}
