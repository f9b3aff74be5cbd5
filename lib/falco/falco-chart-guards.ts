import { type Problem, UserError } from '../core';

/**
 * The falco chart's own refusals, checked at synth. The helm-controller renders the chart in an
 * install job minutes after Argo CD syncs the HelmChart, and a `fail` there only shows as a failed
 * job; the same values are refused here, before anything is written to `dist/`.
 *
 * Read from falcosecurity/charts@falco-9.1.0:charts/falco: its templates hold two `fail` calls, no
 * `required`, and the chart has no values.schema.json. Both `fail`s sit in templates/_helpers.tpl
 * and run from templates/configmap.yaml (`falco.removedConfigGuard` at line 10, then
 * `falco.engineConfiguration` at line 13). NOTES.txt only warns (driver aliases, removed
 * collectors). Re-read them when `FALCO_TARGET.chart` moves: the chart updates
 * `falco.removedConfigGuard` at each major version.
 */
export const FALCO_CHART_GUARDS_SOURCE = {
  repo: 'falcosecurity/charts',
  tag: 'falco-9.1.0',
  chartVersion: '9.1.0',
} as const;

const HELPERS = `${FALCO_CHART_GUARDS_SOURCE.repo}@${FALCO_CHART_GUARDS_SOURCE.tag}:charts/falco/templates/_helpers.tpl`;

/** Heading of the error thrown when a guard fires. */
export const FALCO_CHART_REFUSAL_SUMMARY = `falco chart ${FALCO_CHART_GUARDS_SOURCE.chartVersion} would refuse these values`;

/**
 * The defaults (charts/falco/values.yaml lines 312 and 314) of the values the guards read: Helm
 * coalesces the given values over the chart's, so an unset `driver.kind` is `auto`. A value given as
 * `null` deletes the default instead (Helm's coalesce), and the template sees nil.
 */
export const FALCO_CHART_GUARDED_DEFAULTS = {
  'driver.enabled': true,
  'driver.kind': 'auto',
} as const;

/** `driver.kind` values the chart 9.x accepts when the driver is enabled (_helpers.tpl:336-337). */
const FALCO_CHART_SUPPORTED_DRIVER_KINDS = ['kmod', 'modern_ebpf', 'auto'] as const;
/** Old spellings the chart still renders, with a warning from NOTES.txt. */
const FALCO_CHART_DRIVER_KIND_ALIASES = ['module', 'modern-bpf'] as const;
/** `driver.kind` values chart 9.0.0 removed (_helpers.tpl:309); refused even with `driver.enabled: false`. */
const REMOVED_DRIVER_KINDS: readonly string[] = ['ebpf', 'gvisor'];

export type HelmValues = Readonly<Record<string, unknown>>;

/** One refusal of the chart: what it reads, when it fails, what it prints and how to avoid it. */
export interface FalcoChartGuard {
  /** The Helm value path the guard reads; the subject of its problem. */
  readonly valuePath: string;
  /**
   * `present`: the path is in the chart's values.yaml. `removed`: chart 9.0.0 removed it
   * (charts/falco/BREAKING-CHANGES.md, "9.0.0") and now refuses it when present at all.
   */
  readonly inChartValues: 'present' | 'removed';
  /** The condition that leads to the `fail`, as `repo@tag:path:line`. */
  readonly citation: string;
  /** The `fail` call itself, as `repo@tag:path:line`. */
  readonly failsAt: string;
  /** The value received when the chart would refuse `values`; `undefined` when it renders. */
  readonly violation: (values: HelmValues) => { readonly received: unknown } | undefined;
  /** The chart's failure message for that value, as Helm prints it after `execution error at (...)`. */
  readonly chartMessage: (received: unknown) => string;
  /** Why the chart refuses it, for the problem text. */
  readonly reason: string;
  readonly fix: string;
}

/**
 * `falco.removedConfigGuard` joins every removed item it finds into one message; one guard per
 * item, so each problem names one value path. The message of a single item is exact.
 */
function removedConfigMessage(item: string): string {
  return `The following chart configuration is no longer supported: ${item}. See BREAKING-CHANGES.md for migration guidance.`;
}

/** `hasKey` on the section: a key given as `null` counts (Helm keeps nulls the chart has no default for). */
function removedKeyGuard(
  section: 'driver' | 'falco',
  key: string,
  line: number,
  reason: string,
  fix: string,
): FalcoChartGuard {
  const valuePath = `${section}.${key}`;
  return {
    valuePath,
    inChartValues: 'removed',
    citation: `${HELPERS}:${line}`,
    failsAt: `${HELPERS}:327`,
    violation: (values) => {
      const value = lookup(values, [section, key]);
      return value === undefined ? undefined : { received: value };
    },
    chartMessage: () => removedConfigMessage(valuePath),
    reason,
    fix,
  };
}

function removedDriverKindGuard(kind: string, reason: string, fix: string): FalcoChartGuard {
  return {
    valuePath: 'driver.kind',
    inChartValues: 'present',
    citation: `${HELPERS}:313`,
    failsAt: `${HELPERS}:327`,
    // Not conditioned on driver.enabled: the guard runs before anything reads it.
    violation: (values) => (effective(values, 'driver.kind') === kind ? { received: kind } : undefined),
    chartMessage: () => removedConfigMessage(`driver.kind=${kind}`),
    reason,
    fix,
  };
}

const REMOVED_ENGINE_FIX =
  'set driver.kind to "modern_ebpf" (kernels 5.8+), "kmod" or "auto"; Falco 0.44 has no other engine.';

/** Every refusal of the pinned chart, in the order the chart checks them. */
export const FALCO_CHART_GUARDS: readonly FalcoChartGuard[] = [
  removedDriverKindGuard(
    'ebpf',
    'chart 9.0.0 dropped the legacy eBPF probe (Falco 0.44.0 removed it)',
    REMOVED_ENGINE_FIX,
  ),
  removedDriverKindGuard(
    'gvisor',
    'chart 9.0.0 dropped the gVisor engine (Falco 0.44.0 removed it)',
    `${REMOVED_ENGINE_FIX} Nodes that run workloads under gVisor are not covered.`,
  ),
  removedKeyGuard(
    'driver', 'ebpf', 317,
    'chart 9.0.0 removed the legacy eBPF probe settings and refuses the key whatever it holds',
    'delete driver.ebpf; the modern eBPF probe reads driver.modernEbpf.',
  ),
  removedKeyGuard(
    'driver', 'gvisor', 317,
    'chart 9.0.0 removed the gVisor engine settings and refuses the key whatever it holds',
    'delete driver.gvisor.',
  ),
  removedKeyGuard(
    'falco', 'grpc', 322,
    'chart 9.0.0 removed the gRPC server (Falco 0.44.0 dropped it) and refuses the key, even with enabled: false',
    'delete falco.grpc; nothing replaces the gRPC server, read alerts through an output instead.',
  ),
  removedKeyGuard(
    'falco', 'grpc_output', 322,
    'chart 9.0.0 removed the gRPC output (Falco 0.44.0 dropped it) and refuses the key, even with enabled: false',
    'delete falco.grpc_output; send alerts with falco.http_output (to Falcosidekick) instead.',
  ),
  {
    valuePath: 'driver.kind',
    inChartValues: 'present',
    citation: `${HELPERS}:338`,
    failsAt: `${HELPERS}:339`,
    violation: (values) => {
      if (!goTruthy(effective(values, 'driver.enabled'))) return undefined;
      const kind = effective(values, 'driver.kind');
      const accepted: readonly unknown[] = [...FALCO_CHART_SUPPORTED_DRIVER_KINDS, ...FALCO_CHART_DRIVER_KIND_ALIASES];
      // A removed kind already failed in falco.removedConfigGuard, which runs first (configmap.yaml:10).
      if (accepted.includes(kind) || REMOVED_DRIVER_KINDS.includes(kind as string)) return undefined;
      return { received: kind };
    },
    chartMessage: (received) =>
      `unsupported driver kind: "${goPercentS(received)}". Supported drivers [${FALCO_CHART_SUPPORTED_DRIVER_KINDS.join(' ')}], alias [${FALCO_CHART_DRIVER_KIND_ALIASES.join(' ')}]`,
    reason: 'the chart renders only the drivers Falco 0.44 has while driver.enabled is true',
    fix: `set driver.kind to one of ${FALCO_CHART_SUPPORTED_DRIVER_KINDS.map((k) => `"${k}"`).join(', ')}.`,
  },
];

/** Every guard of the pinned falco chart that `values` (the chart's `valuesContent`) violates. */
export function checkFalcoChartValues(values: HelmValues): Problem[] {
  const problems: Problem[] = [];
  for (const guard of FALCO_CHART_GUARDS) {
    const violation = guard.violation(values);
    if (violation === undefined) continue;
    problems.push({
      subject: guard.valuePath,
      received: violation.received,
      problem: `${guard.reason}; the chart fails with "${guard.chartMessage(violation.received)}" (${guard.failsAt})`,
      fix: guard.fix,
    });
  }
  return problems;
}

/** Throws a `UserError` naming every violated guard, so one round of edits fixes them all. */
export function assertFalcoChartAcceptsValues(values: HelmValues): void {
  const problems = checkFalcoChartValues(values);
  if (problems.length > 0) throw new UserError(problems, { summary: FALCO_CHART_REFUSAL_SUMMARY });
}

/**
 * The value at `path` as given; `undefined` when absent, because the YAML serializer drops
 * undefined keys and Helm never sees them. A non-object on the way also counts as absent.
 */
function lookup(values: HelmValues, path: readonly string[]): unknown {
  let node: unknown = values;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = Object.prototype.hasOwnProperty.call(node, key) ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

/** The value the template sees: the given one over the chart's default; `null` stays nil. */
function effective(values: HelmValues, path: keyof typeof FALCO_CHART_GUARDED_DEFAULTS): unknown {
  const given = lookup(values, path.split('.'));
  return given === undefined ? FALCO_CHART_GUARDED_DEFAULTS[path] : given;
}

/** Go templates' `if`: nil, false, zero and empty strings, lists and maps are false. */
function goTruthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string' || Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/**
 * Go's `%s` of a Helm value: exact for strings and nil; for a number or boolean it is Go's
 * `%!s(type=value)` (Helm reads YAML numbers as float64), anything else is shown as JSON.
 */
function goPercentS(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '%!s(<nil>)';
  if (typeof value === 'boolean') return `%!s(bool=${value})`;
  if (typeof value === 'number') return `%!s(float64=${value})`;
  return JSON.stringify(value);
}
