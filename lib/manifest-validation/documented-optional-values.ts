import type { HelmValuePath } from './helm-value-paths';

/** A key a chart documents but leaves out of values.yaml (commented out), with a sample of its shape. */
export interface DocumentedOptionalValue {
  readonly path: HelmValuePath;
  /** Decides what may be set there: a scalar, a list (items unchecked) or `{}` (any map). */
  readonly sample: unknown;
  readonly why: string;
}

/**
 * Keys a chart documents only as commented-out examples in its values.yaml, so a plain key lookup
 * would wrongly call them unknown. They are added to the upstream defaults before values are
 * checked. Keyed by `<chart>-<version>`; a test fails if upstream starts defining one of them.
 */
export const DOCUMENTED_OPTIONAL_VALUES: Readonly<Record<string, readonly DocumentedOptionalValue[]>> = {
  'falco-9.1.0': [
    {
      path: ['controller', 'deployment', 'revisionHistoryLimit'],
      sample: 1,
      why: 'values.yaml: "-- Number of old history to retain to allow rollback", followed by `# revisionHistoryLimit: 1`.',
    },
    {
      path: ['falco', 'rules'],
      sample: [],
      why: 'values.yaml documents Falco\'s [Stable] `rules` selection (enable/disable by rule name or tag) with commented examples; the chart writes `falco:` into falco.yaml as is.',
    },
    {
      path: ['falco', 'static_fields'],
      sample: {},
      why: 'values.yaml documents Falco\'s [Sandbox] `static_fields` (a map of field name to value) with a commented example.',
    },
  ],
  'falcosidekick-0.14.0': [
    {
      path: ['revisionHistoryLimit'],
      sample: 1,
      why: 'values.yaml: "-- number of old history to retain to allow rollback", followed by `# revisionHistoryLimit: 1`.',
    },
    {
      path: ['webui', 'revisionHistoryLimit'],
      sample: 1,
      why: 'values.yaml, under webui: the same commented `# revisionHistoryLimit: 1`.',
    },
  ],
};
