import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { stackLabels } from '../core';
import { falcoAlertGroups, type AlertGroup, type FalcoAlertRulesProps } from './falco-alert-rules';
import { monitoringObjectAnnotations } from './monitoring-sync';
import { assertPromql } from './promql-check';

export interface FalcoPrometheusRuleProps extends FalcoAlertRulesProps {
  /** `metadata.name`. */
  readonly name: string;
  /** Namespace of the object (Falco's). */
  readonly namespace: string;
  /** Labels the Prometheus selects rules by, e.g. `{ release: 'kube-prometheus-stack' }`. */
  readonly prometheusSelectorLabels: Readonly<Record<string, string>>;
}

/**
 * The stack's alerts as one Prometheus Operator `PrometheusRule`, generated at synth time from what
 * the stack ships (scoped namespaces, rules files and their sha256). Every expression is parsed
 * and checked against the metric catalog here: a typo fails synth, not the cluster's rule loading.
 */
export class FalcoPrometheusRule extends Construct {
  readonly apiObject: ApiObject;
  readonly groups: readonly AlertGroup[];

  constructor(scope: Construct, id: string, props: FalcoPrometheusRuleProps) {
    super(scope, id);
    this.groups = falcoAlertGroups(props);
    assertPromql(
      this.groups.flatMap((group) =>
        group.rules.map((rule) => ({ subject: `PrometheusRule ${props.name}: group ${group.name}, alert ${rule.alert}`, expr: rule.expr })),
      ),
    );
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels: stackLabels({ ...props.prometheusSelectorLabels }),
        annotations: monitoringObjectAnnotations(),
      },
      spec: {
        groups: this.groups.map((group) => ({
          name: group.name,
          rules: group.rules.map((rule) => ({
            alert: rule.alert,
            expr: rule.expr,
            for: rule.for,
            labels: { ...rule.labels },
            annotations: { ...rule.annotations },
          })),
        })),
      },
    });
  }
}
