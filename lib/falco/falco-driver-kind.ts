/**
 * The drivers the falco chart 9.x renders (falcosecurity/charts@falco-9.1.0:charts/falco/values.yaml
 * `driver.kind`): `kmod`, `modern_ebpf`, and `auto`, which picks between them. The legacy eBPF probe
 * (`ebpf`) was dropped in chart 9.0.0: the chart has no `driver.ebpf` values any more and refuses to
 * render `driver.kind: ebpf` (`FALCO_CHART_GUARDS` checks that at synth).
 */
export const FALCO_DRIVER_KINDS = ['modern_ebpf', 'kmod', 'auto'] as const;

export type FalcoDriverKind = (typeof FALCO_DRIVER_KINDS)[number];
