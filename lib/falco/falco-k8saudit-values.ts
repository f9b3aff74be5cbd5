import { alertOutputValues, rulesMountsValues, type RulesMount } from './falco-values';

/** A plugin the audit Falco installs with falcoctl and loads. */
export interface AuditFalcoPlugin {
  readonly name: string;
  /** Shared library inside /usr/share/falco/plugins, e.g. `libk8saudit.so`. */
  readonly library: string;
  /** falcoctl OCI reference pinned to a version. */
  readonly ref: string;
}

export interface FalcoK8sAuditValuesProps {
  /** Where Falco posts its JSON alerts: the Falcosidekick service. */
  readonly httpOutputUrl: string;
  readonly rulesMounts: readonly RulesMount[];
  /** The k8saudit plugin first (its open_params are the webhook), then the json plugin. */
  readonly k8saudit: AuditFalcoPlugin;
  readonly json: AuditFalcoPlugin;
  /** Port of the plugin's webhook (open_params) and of the Service in front of it. */
  readonly webhookPort: number;
  /** The fixed ClusterIP of the webhook Service (see `FalcoK8sAuditHelmChartProps.webhookClusterIP`). */
  readonly webhookClusterIP: string;
  /** Serve Prometheus metrics on the webserver behind the chart's metrics Service. */
  readonly metrics?: boolean;
}

/** Name of the chart's extra Service (`services[].name`); the chart prefixes the release name. */
export const K8SAUDIT_WEBHOOK_SERVICE = 'k8saudit-webhook';

/**
 * Values of the falco chart 9.1.0 for a Falco that reads only Kubernetes audit events, after the
 * chart's own values-k8saudit.yaml (falcosecurity/charts@falco-9.1.0:charts/falco/values-k8saudit.yaml):
 * no kernel driver, no collectors, one Deployment replica (the API server posts each batch to one
 * address: two replicas would each see half the events), falcoctl installing only the two pinned
 * plugins (no rules artifact, no follow: rules come from Git, scoped).
 */
export function falcoK8sAuditValues(props: FalcoK8sAuditValuesProps): Record<string, unknown> {
  return {
    driver: { enabled: false },
    // As the main Falco (falco-values.ts): the chart turns on Falco's metrics and webserver and
    // renders `<fullname>-metrics` (falcosecurity/charts@falco-9.1.0:charts/falco/templates/_helpers.tpl:394-414,
    // templates/service.yaml). No kernel driver here: its kernel event counters would stay empty.
    ...(props.metrics === true ? { metrics: { enabled: true, outputRule: false, rulesCountersEnabled: true, resourceUtilizationEnabled: true, stateCountersEnabled: true, kernelEventCountersEnabled: false } } : {}),
    collectors: { enabled: false },
    controller: { kind: 'deployment', deployment: { replicas: 1 } },
    falcosidekick: { enabled: false },
    falcoctl: {
      artifact: { install: { enabled: true }, follow: { enabled: false } },
      config: {
        artifact: {
          allowedTypes: ['plugin'],
          // Exactly the two pinned refs: no dependency resolution that could pull another version.
          install: { resolveDeps: false, refs: [props.k8saudit.ref, props.json.ref] },
          follow: { refs: [] },
        },
      },
    },
    services: [
      {
        name: K8SAUDIT_WEBHOOK_SERVICE,
        type: 'ClusterIP',
        clusterIP: props.webhookClusterIP,
        ports: [{ name: 'webhook', port: props.webhookPort, targetPort: props.webhookPort, protocol: 'TCP' }],
      },
    ],
    mounts: rulesMountsValues(props.rulesMounts),
    falco: {
      rules_files: props.rulesMounts.map((mount) => mount.mountPath),
      watch_config_files: true,
      ...alertOutputValues(props.httpOutputUrl),
      plugins: [
        // An empty init_config keeps the plugin's defaults (pkg/k8saudit/config.go:30-41 at v0.18.0).
        { name: props.k8saudit.name, library_path: props.k8saudit.library, init_config: '', open_params: `http://:${props.webhookPort}/k8s-audit` },
        { name: props.json.name, library_path: props.json.library, init_config: '' },
      ],
      load_plugins: [props.k8saudit.name, props.json.name],
      // Neither plugin reads host information: without it (and without a driver) the chart drops
      // the pod's hostPath mount of the node's /proc (values.yaml at falco-9.1.0, `plugins_hostinfo`).
      plugins_hostinfo: false,
    },
  };
}
