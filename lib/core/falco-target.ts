/**
 * The one Falco release this toolchain is faithful to, and everything that follows from it. The
 * stack's default chart, the linter's engine and plugin checks and the prop check that refuses any
 * other chart version all read this record, so they cannot drift apart. Moving to another release
 * means changing this record, the field catalogs and the parser, and re-reading the tagged sources.
 */
export const FALCO_TARGET = {
  /** The falco Helm chart (falcosecurity/charts tag `falco-9.1.0`). */
  chart: { name: 'falco', version: '9.1.0', repo: 'https://falcosecurity.github.io/charts' },
  /** The Falco release the chart deploys (`appVersion` of falcosecurity/charts@falco-9.1.0:charts/falco/Chart.yaml). */
  falcoVersion: '0.44.1',
  /** libs release of Falco 0.44.1 (falcosecurity/falco@0.44.1:cmake/modules/falcosecurity-libs.cmake:45). */
  libsVersion: '0.25.4',
  /**
   * Rules engine version of Falco 0.44.1 (falcosecurity/falco@0.44.1:userspace/engine/falco_engine_version.h:23).
   * A rules file whose `required_engine_version` is not compatible with it makes Falco refuse to start.
   */
  engineVersion: '0.62.0',
  /**
   * Plugins the chart installs, with their versions: falcosecurity/charts@falco-9.1.0:charts/falco/values.yaml,
   * `collectors.containerEngine.pluginRef` (`ghcr.io/falcosecurity/plugins/plugin/container:0.7.1`) and
   * `collectors.kubernetes.pluginRef` (`.../k8smeta:0.4.1`). The chart loads no other plugin by
   * default (`falco.load_plugins: []`).
   */
  plugins: { container: '0.7.1', k8smeta: '0.4.1' } as Readonly<Record<string, string>>,
} as const;

/** `falco chart 9.1.0 (Falco 0.44.1)`, for messages. */
export const FALCO_TARGET_NAME = `falco chart ${FALCO_TARGET.chart.version} (Falco ${FALCO_TARGET.falcoVersion})`;
