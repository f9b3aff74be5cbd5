import type { FalcoDriverKind } from './falco-driver-kind';

/** A rule ConfigMap mounted into the Falco pod as a directory. */
export interface RulesMount {
  /** Name of the ConfigMap (and of the pod volume). */
  readonly configMapName: string;
  /** Directory inside the Falco container; listed in `falco.rules_files` in load order. */
  readonly mountPath: string;
}

export interface FalcoValuesProps {
  readonly driverKind: FalcoDriverKind;
  readonly kubernetesMetadata: boolean;
  /** Appended to the output of every syscall event. */
  readonly appendOutput: string;
  /** Where Falco posts its JSON alerts: the Falcosidekick service. */
  readonly httpOutputUrl: string;
  /** The rule ConfigMaps, in Falco's load order. */
  readonly rulesMounts: readonly RulesMount[];
  /** Serve Prometheus metrics on the webserver (`/metrics`, port 8765) behind the chart's metrics Service. */
  readonly metrics?: boolean;
}

/**
 * Helm values of the falco chart (falcosecurity/charts `charts/falco/values.yaml`), typed here and
 * checked against the pinned chart's values.yaml in tests, because Helm ignores unknown keys silently.
 */
export function falcoValues(props: FalcoValuesProps): Record<string, unknown> {
  return {
    driver: { kind: props.driverKind },
    // The chart turns on Falco's `metrics` and `webserver.prometheus_metrics_enabled` and renders
    // the `falco-metrics` Service (falcosecurity/charts@falco-9.1.0:charts/falco/templates/_helpers.tpl:394-414,
    // templates/service.yaml). Its own ServiceMonitor stays off: the stack renders a typed one.
    // The rule counters label every rule's matches; the kernel, state and resource counters feed
    // the health alerts. The output rule (a Falco alert every `interval`) stays off.
    ...(props.metrics === true ? { metrics: { enabled: true, outputRule: false, rulesCountersEnabled: true, resourceUtilizationEnabled: true, stateCountersEnabled: true, kernelEventCountersEnabled: true } } : {}),
    collectors: {
      // Deploys the k8s-metacollector subchart and loads the k8smeta plugin, so k8smeta.* fields are filled.
      kubernetes: { enabled: props.kubernetesMetadata },
    },
    // Falcosidekick is its own HelmChart, versioned and configured on its own.
    falcosidekick: { enabled: false },
    falcoctl: {
      artifact: {
        // The init container still installs the plugins the chart adds to `install.refs`
        // (container and, with the metacollector, k8smeta: see the chart's _helpers.tpl).
        install: { enabled: true },
        // No sidecar pulling rules at run time: rules come from Git, reviewed.
        follow: { enabled: false },
      },
      config: {
        artifact: {
          // Only plugins: a rulesfile artifact would bring the unscoped upstream rules back.
          allowedTypes: ['plugin'],
          install: { refs: [] },
          follow: { refs: [] },
        },
      },
    },
    mounts: rulesMountsValues(props.rulesMounts),
    falco: {
      // Only the stack's ConfigMaps: the image's bundled, unscoped falco_rules.yaml is not loaded.
      rules_files: props.rulesMounts.map((mount) => mount.mountPath),
      watch_config_files: true,
      ...alertOutputValues(props.httpOutputUrl),
      // Replaces the chart's default list, so its `suggested_output` entry is kept explicitly.
      append_output: [
        { suggested_output: true },
        { match: { source: 'syscall' }, extra_output: props.appendOutput },
      ],
    },
  };
}

/** The chart's `mounts`: each rule ConfigMap as a volume, mounted read-only as a directory. */
export function rulesMountsValues(rulesMounts: readonly RulesMount[]): Record<string, unknown> {
  return {
    volumes: rulesMounts.map((mount) => ({
      name: mount.configMapName,
      configMap: { name: mount.configMapName },
    })),
    // Whole directories, not subPath: kubelet only updates non-subPath ConfigMap mounts, and
    // Falco's watch_config_files reloads the rules when they change.
    volumeMounts: rulesMounts.map((mount) => ({
      name: mount.configMapName,
      mountPath: mount.mountPath,
      readOnly: true,
    })),
  };
}

/** `falco.*` settings that send every alert as JSON to Falcosidekick. */
export function alertOutputValues(httpOutputUrl: string): Record<string, unknown> {
  return {
    json_output: true,
    json_include_output_property: true,
    json_include_tags_property: true,
    http_output: {
      enabled: true,
      url: httpOutputUrl,
      user_agent: 'falcosecurity/falco',
    },
  };
}
