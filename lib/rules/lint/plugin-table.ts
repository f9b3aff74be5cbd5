/**
 * The plugins the pinned falco chart installs, with their versions: falcosecurity/charts
 * `charts/falco/values.yaml` at tag falco-9.1.0 (Falco 0.44.1), `collectors.containerEngine.pluginRef`
 * (`ghcr.io/falcosecurity/plugins/plugin/container:0.7.1`) and `collectors.kubernetes.pluginRef`
 * (`ghcr.io/falcosecurity/plugins/plugin/k8smeta:0.4.1`). The chart loads no other plugin by
 * default (`falco.load_plugins: []`). Update this table together with the chart pin.
 */
export const PINNED_FALCO_CHART = 'falco 9.1.0';

export const SHIPPED_PLUGIN_VERSIONS: Readonly<Record<string, string>> = Object.freeze({
  container: '0.7.1',
  k8smeta: '0.4.1',
});
