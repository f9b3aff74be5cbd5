import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { stackLabels, SyncWave, syncWave } from '../core';
import type { FalcoDashboard } from './falco-dashboards';
import { assertPromql } from './promql-check';
import { withGrafanaIntervals } from './falco-dashboards';

export interface GrafanaDashboardConfigMapsProps {
  /** Namespace of the ConfigMaps (Grafana's: its sidecar searches every namespace, this keeps them together). */
  readonly namespace: string;
  /** Label (and value) the Grafana sidecar loads dashboards by. */
  readonly label: string;
  readonly labelValue: string;
  readonly dashboards: readonly FalcoDashboard[];
}

/**
 * One ConfigMap per dashboard, named after its uid, with one data key `<uid>.json` (distinct keys:
 * the sidecar writes every key into one folder, so equal keys overwrite each other). The JSON is
 * rendered with sorted-as-built keys and two-space indentation, so the output is deterministic.
 * Every panel's PromQL is checked against the metric catalog first.
 */
export class GrafanaDashboardConfigMaps extends Construct {
  constructor(scope: Construct, id: string, props: GrafanaDashboardConfigMapsProps) {
    super(scope, id);
    assertPromql(
      props.dashboards.flatMap((d) => d.expressions.map((expr) => ({ subject: `Grafana dashboard ${d.uid}`, expr: withGrafanaIntervals(expr) }))),
    );
    for (const dashboard of props.dashboards) {
      new kplus.ConfigMap(this, dashboard.uid, {
        metadata: {
          name: dashboard.uid,
          namespace: props.namespace,
          labels: stackLabels({ [props.label]: props.labelValue }),
          annotations: syncWave(SyncWave.CONFIG_MAPS),
        },
        data: { [`${dashboard.uid}.json`]: `${JSON.stringify(dashboard.model, null, 2)}\n` },
      });
    }
  }
}
