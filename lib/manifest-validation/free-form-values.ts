import type { HelmValuePath } from './helm-value-paths';

/** A values map whose keys the chart does not fix, with the evidence for that. */
export interface FreeFormValue {
  readonly path: HelmValuePath;
  readonly why: string;
}

/**
 * Maps that have default keys in a chart's values.yaml but accept any keys: below these paths the
 * keys the stack sets are not checked (the value must still be a map). Empty maps (`podLabels: {}`)
 * and lists are free-form without being listed here; this list is only for maps that ship with
 * example keys. Each entry is justified from the chart's values.yaml and README.md in
 * `../shared/upstream/charts/<chart>-<version>/`; keep it short, since every entry switches off
 * typo detection below it. Keyed by `<chart>-<version>`; paths are relative to that chart's values.
 */
export const FREE_FORM_VALUES: Readonly<Record<string, readonly FreeFormValue[]>> = {
  'falco-9.1.0': [
    {
      path: ['resources', 'requests'],
      why: 'README: the Falco container resources; a Kubernetes ResourceList, keyed by any resource name (cpu, memory, ephemeral-storage, hugepages-2Mi, ...).',
    },
    {
      path: ['resources', 'limits'],
      why: 'README: "Maximum amount of resources that Falco container could get"; a Kubernetes ResourceList like `requests`.',
    },
  ],
  'falcosidekick-0.14.0': [
    {
      path: ['podSecurityContext'],
      why: 'README: "Sidekick pod securityContext"; a whole Kubernetes PodSecurityContext (the defaults only show runAsUser and fsGroup).',
    },
    {
      path: ['service', 'annotations'],
      why: 'README: "Service annotations"; annotation keys are arbitrary (the default is prometheus.io/scrape).',
    },
    {
      path: ['webui', 'podSecurityContext'],
      why: 'README: "Web UI pod securityContext"; a whole Kubernetes PodSecurityContext, like `podSecurityContext`.',
    },
  ],
  'k8s-metacollector-0.3.1': [
    {
      path: ['podSecurityContext'],
      why: 'README: "holds the security settings for the pod"; a whole Kubernetes PodSecurityContext.',
    },
    {
      path: ['containerSecurityContext'],
      why: 'README: "holds the security settings for the container"; a whole Kubernetes SecurityContext (the default only sets capabilities.drop).',
    },
    {
      path: ['healthChecks', 'livenessProbe'],
      why: 'README: "a diagnostic mechanism ..."; a whole Kubernetes Probe (exec, grpc, failureThreshold, ... beside the default httpGet).',
    },
    {
      path: ['healthChecks', 'readinessProbe'],
      why: 'README: "a mechanism used to determine whether a container within a Pod is ready"; a whole Kubernetes Probe.',
    },
    {
      path: ['service', 'ports'],
      why: 'README: "ports denotes all the ports on which the Service will listen"; keyed by port name, the defaults are examples.',
    },
  ],
};
