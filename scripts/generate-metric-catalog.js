#!/usr/bin/env node
'use strict';
/**
 * Generates the metric catalog lib/monitoring/metric-catalog.ts and the manifest of its
 * inputs lib/monitoring/metric-catalog-inputs.sha256: the Prometheus metric names, types
 * and label names that the stack's PromQL (alerts, dashboard panels) may use, read from the tagged
 * sources of what runs:
 *
 * - Falco (falcosecurity/falco@0.44.1 `userspace/falco/falco_metrics.cpp`): the `_info` wrapper
 *   metrics (`convert_metric_to_text_prometheus("name", "ns", "subsystem", {{"label", ...}})`), the
 *   metrics it creates itself (`new_metric("name", FLAGS, TYPE, UNIT, METRIC_TYPE, ...)`), how it
 *   relabels the kernel counters (`n_drops_buffer_*_exit` → `n_drops_buffer{drop,dir}`, the per-CPU
 *   counters → `{cpu}`) and which subsystem each family gets.
 * - libs (falcosecurity/libs@0.25.4): `userspace/libsinsp/metrics_collector.cpp` (the Prometheus
 *   converter: unit suffixes it strips, unit and metric-type names it appends, its unit convention;
 *   the state counters), `userspace/libscap/metrics_v2.h` (the enums those tables are indexed by),
 *   `userspace/libsinsp/linux/resource_utilization.cpp` (CPU and memory), and the kernel counter
 *   names of both drivers the stack offers: `userspace/libpman/src/stats.c` (modern_ebpf) and
 *   `userspace/libscap/engine/kmod/scap_kmod.c` (kmod).
 * - Falcosidekick (falcosecurity/falcosidekick at the image tag the stack pins, 2.34.0:
 *   `stats_prometheus.go`): its three counter vectors and their label names.
 * - kube-state-metrics (kubernetes/kube-state-metrics@v2.20.0, the appVersion of the
 *   kube-state-metrics chart 8.4.0 that kube-prometheus-stack 88.5.3 depends on:
 *   `internal/store/daemonset.go`): the DaemonSet families the health alerts read.
 *
 * Each metric gets its name as Prometheus stores it, its type (`counter` or `gauge`), its label
 * names, and the prefix of labels Falco makes up at run time (`tag_<tag>` on rule counters,
 * `label_`/`annotation_` on kube-state-metrics' labels families). Not catalogued: Falco's jemalloc
 * and libbpf stats and kernel iterator counters (named at run time, off in the stack), plugin
 * metrics, Go runtime metrics.
 *
 * The script reads plain folders, never the network. To regenerate from the bare mirrors:
 *
 *   X=$(mktemp -d); mkdir -p $X/falco $X/libs $X/falcosidekick $X/ksm
 *   git -C <falco repo> archive 0.44.1 userspace/falco/falco_metrics.cpp | tar -x -C $X/falco
 *   git -C <libs repo> archive 0.25.4 userspace/libsinsp userspace/libscap userspace/libpman | tar -x -C $X/libs
 *   git -C <falcosidekick repo> archive 2.34.0 stats_prometheus.go | tar -x -C $X/falcosidekick
 *   git -C <kube-state-metrics repo> archive v2.20.0 internal/store/daemonset.go | tar -x -C $X/ksm
 *   node scripts/generate-metric-catalog.js --falco $X/falco --libs $X/libs \
 *     --falcosidekick $X/falcosidekick --kube-state-metrics $X/ksm
 *
 * `--check` writes nothing and exits 1 when a committed file differs from what the inputs give;
 * `--out DIR` writes elsewhere; `--*-tag` when moving to another release. The header names
 * repository, tag, file and sha256 of each input and the sha256 of the body, so a test detects
 * hand edits. The generator refuses inputs it does not fully understand rather than guess.
 */
const fs = require('node:fs');
const path = require('node:path');
const { InputError, parseGeneratorArgs, sha256, stripComments, writeOrCheckOutputs } = require('./c-source');

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_OUT = path.join(ROOT, 'lib', 'monitoring');
const CATALOG = 'metric-catalog.ts';
const MANIFEST = 'metric-catalog-inputs.sha256';

const USAGE = `usage: node scripts/generate-metric-catalog.js --falco DIR --libs DIR --falcosidekick DIR --kube-state-metrics DIR
       [--falco-tag TAG] [--libs-tag TAG] [--falcosidekick-tag TAG] [--kube-state-metrics-tag TAG] [--out DIR] [--check]`;

const REPOS = {
  falco: 'falcosecurity/falco',
  libs: 'falcosecurity/libs',
  falcosidekick: 'falcosecurity/falcosidekick',
  kubeStateMetrics: 'kubernetes/kube-state-metrics',
};
const DEFAULT_TAGS = { falcoTag: '0.44.1', libsTag: '0.25.4', falcosidekickTag: '2.34.0', kubeStateMetricsTag: 'v2.20.0' };

function parseArgs(argv) {
  const sources = { falco: 'falco', libs: 'libs', falcosidekick: 'falcosidekick', 'kube-state-metrics': 'kubeStateMetrics' };
  return parseGeneratorArgs(argv, {
    names: {
      ...sources,
      ...Object.fromEntries(Object.entries(sources).map(([flag, key]) => [`${flag}-tag`, `${key}Tag`])),
      out: 'out',
    },
    required: Object.keys(sources),
    defaults: { ...DEFAULT_TAGS, out: DEFAULT_OUT },
    usage: USAGE,
  });
}

function readInput(dir, rel) {
  const file = path.join(dir, rel);
  if (!fs.existsSync(file)) throw new InputError(`${file} not found (expected ${rel} of the tagged repository)`);
  return fs.readFileSync(file);
}

// ---------------------------------------------------------------------------------------------
// libs: the Prometheus converter (metrics_collector.cpp) and the enums it indexes (metrics_v2.h)

/** The members of `typedef enum NAME { A, B, ... } NAME;`, in order (explicit values refused). */
function enumMembers(src, name, file) {
  const m = new RegExp(`typedef\\s+enum\\s+${name}\\s*\\{([^}]*)\\}`).exec(stripComments(src));
  if (!m) throw new InputError(`${file}: no 'typedef enum ${name}'`);
  return m[1].split(',').map((t) => t.trim()).filter((t) => t !== '').map((t) => {
    if (!/^[A-Z0-9_]+$/.test(t)) throw new InputError(`${file}: ${name}: cannot read member ${t}`);
    return t;
  });
}

/** `static const char* const NAME[] = { "a", "b", };` as strings. */
function stringArray(src, name, file) {
  const m = new RegExp(`${name}\\[\\]\\s*=\\s*\\{([^}]*)\\}`).exec(stripComments(src));
  if (!m) throw new InputError(`${file}: no array ${name}`);
  return m[1].split(',').map((t) => t.trim()).filter((t) => t !== '').map((t) => {
    const s = /^"([^"\\]*)"$/.exec(t);
    if (!s) throw new InputError(`${file}: ${name}: not a plain string literal: ${t}`);
    return s[1];
  });
}

/** The pattern of `static re2::RE2 NAME("(a|b|c)", ...)`, as its alternatives. */
function re2Alternatives(src, name, file) {
  const m = new RegExp(`re2::RE2\\s+${name}\\(\\s*"\\(([a-z_|]+)\\)"`).exec(stripComments(src));
  if (!m) throw new InputError(`${file}: no re2 pattern ${name} of the form "(_a|_b)"`);
  return m[1].split('|');
}

/**
 * The naming rules of libs' `prometheus_metrics_converter` (metrics_collector.cpp), read from the
 * source and checked against the shape this function implements:
 * - `convert_metric_to_unit_convention`: memory in bytes or KiB as an integer becomes `_bytes`,
 *   a percentage as a double becomes `_ratio`;
 * - `convert_metric_to_text_prometheus`: `<ns>_<subsystem>_<name>_`, every native unit suffix
 *   removed (RE2 POSIX: leftmost-longest, so the longer alternative wins), then the Prometheus
 *   unit name appended; `prometheus_sanitize_metric_name` maps other characters to `_` and
 *   collapses runs of `_`.
 */
function readConverter(collector, header) {
  const units = enumMembers(header.text, 'metrics_v2_value_unit', header.path);
  const valueTypes = enumMembers(header.text, 'metrics_v2_value_type', header.path);
  const metricTypes = enumMembers(header.text, 'metrics_v2_metric_type', header.path);
  const unitNames = stringArray(collector.text, 'metrics_unit_name_mappings_prometheus', collector.path);
  const typeNames = stringArray(collector.text, 'metrics_metric_type_name_mappings_prometheus', collector.path);
  if (units[units.length - 1] !== 'METRIC_VALUE_UNIT_MAX' || unitNames.length !== units.length - 1) {
    throw new InputError(`${collector.path}: ${unitNames.length} unit names for ${units.length - 1} units`);
  }
  if (metricTypes[metricTypes.length - 1] !== 'METRIC_VALUE_METRIC_TYPE_MAX' || typeNames.length !== metricTypes.length - 1) {
    throw new InputError(`${collector.path}: ${typeNames.length} metric type names for ${metricTypes.length - 1} types`);
  }
  const suffixes = re2Alternatives(collector.text, 's_libs_metrics_units_suffix_pre_prometheus_text_conversion', collector.path);
  const memory = re2Alternatives(collector.text, 's_libs_metrics_units_memory_suffix', collector.path);
  const perc = re2Alternatives(collector.text, 's_libs_metrics_units_perc_suffix', collector.path);
  const s = stripComments(collector.text).replace(/\s+/g, ' ');
  const convention = /void prometheus_metrics_converter::convert_metric_to_unit_convention\(metrics_v2& metric\) const \{(.*?)\n?\}\s*libs_state_counters::/.exec(s);
  const expected = [
    'metric.unit == METRIC_VALUE_UNIT_MEMORY_BYTES || metric.unit == METRIC_VALUE_UNIT_MEMORY_KIBIBYTES',
    'metric.type == METRIC_VALUE_TYPE_U32 || metric.type == METRIC_VALUE_TYPE_U64',
    'RE2::GlobalReplace(&metric_name_str, s_libs_metrics_units_memory_suffix, "_bytes")',
    'metric.unit = METRIC_VALUE_UNIT_MEMORY_BYTES',
    'metric.unit == METRIC_VALUE_UNIT_PERC && metric.type == METRIC_VALUE_TYPE_D',
    'RE2::GlobalReplace(&metric_name_str, s_libs_metrics_units_perc_suffix, "_ratio")',
    'metric.unit = METRIC_VALUE_UNIT_RATIO',
  ];
  for (const part of expected) {
    if (!convention || !convention[1].includes(part)) throw new InputError(`${collector.path}: the Prometheus unit convention changed (no '${part}')`);
  }
  if (!/prometheus_qualifier\(prometheus_namespace, prometheus_subsystem\) \+ std::string\(metric\.name\) \+ "_";/.test(s)
    || !/RE2::GlobalReplace\(&prometheus_metric_name_fully_qualified, s_libs_metrics_units_suffix_pre_prometheus_text_conversion, ""\);/.test(s)
    || !/std::string\(metric_name\) \+ "_info", metric_name, "gauge", "1"/.test(s)) {
    throw new InputError(`${collector.path}: the Prometheus metric naming changed`);
  }
  // RE2 POSIX semantics: leftmost-longest; a JavaScript alternation is leftmost-first.
  const alternation = (alts) => new RegExp(`(${[...alts].sort((a, b) => b.length - a.length).join('|')})`, 'g');
  const suffixRe = alternation(suffixes);
  const memoryRe = alternation(memory);
  const percRe = alternation(perc);
  const sanitize = (name) => {
    let out = name.replace(/[^a-zA-Z0-9_:]/g, '_').replace(/_+/g, '_');
    if (out === '' || !/^[a-zA-Z_]/.test(out)) out = `_${out}`;
    return out;
  };
  return {
    units,
    valueTypes,
    metricTypes,
    /** Name and type of a `metrics_v2` as Prometheus text shows it. */
    prometheus(metric, ns, subsystem) {
      let { name, unit } = metric;
      if ((unit === 'METRIC_VALUE_UNIT_MEMORY_BYTES' || unit === 'METRIC_VALUE_UNIT_MEMORY_KIBIBYTES')
        && (metric.type === 'METRIC_VALUE_TYPE_U32' || metric.type === 'METRIC_VALUE_TYPE_U64')) {
        name = name.replace(memoryRe, '_bytes');
        unit = 'METRIC_VALUE_UNIT_MEMORY_BYTES';
      } else if (unit === 'METRIC_VALUE_UNIT_PERC' && metric.type === 'METRIC_VALUE_TYPE_D') {
        name = name.replace(percRe, '_ratio');
        unit = 'METRIC_VALUE_UNIT_RATIO';
      }
      const fq = `${ns}_${subsystem}_${name}_`.replace(suffixRe, '') + unitNames[units.indexOf(unit)];
      return { name: sanitize(fq), type: typeNames[metricTypes.indexOf(metric.metricType)] };
    },
    info(name, ns, subsystem) {
      return { name: sanitize(`${ns}_${subsystem}_${name}_info`), type: 'gauge' };
    },
  };
}

/**
 * Every `new_metric("name", FLAGS, TYPE, UNIT, METRIC_TYPE, value)` in a C++ source, with the
 * enum members checked against metrics_v2.h.
 */
function newMetricCalls(src, file, converter) {
  const s = stripComments(src);
  const calls = [];
  for (const m of s.matchAll(/new_metric\(\s*("[^"]*"|[\w.()]+)\s*,\s*([\w|\s]+?)\s*,\s*(\w+)\s*,\s*(\w+)\s*,\s*(\w+)\s*,/g)) {
    const [, nameExpr, flags, type, unit, metricType] = m;
    const line = s.slice(0, m.index).split('\n').length;
    if (!nameExpr.startsWith('"')) {
      calls.push({ dynamic: nameExpr, line });
      continue;
    }
    for (const [value, list, what] of [[type, converter.valueTypes, 'value type'], [unit, converter.units, 'unit'], [metricType, converter.metricTypes, 'metric type']]) {
      if (!list.includes(value)) throw new InputError(`${file}:${line}: unknown ${what} ${value}`);
    }
    calls.push({ name: nameExpr.slice(1, -1), flags: flags.split('|').map((f) => f.trim()), type, unit, metricType, line, offset: m.index });
  }
  return calls;
}

/** `[X] = "name"` or `[X] = N_EVENTS_PREFIX` entries of a designated-initializer string table. */
function designatedNames(src, array, file, defines) {
  const m = new RegExp(`${array}\\[\\]\\s*=\\s*\\{([^}]*)\\}`).exec(stripComments(src));
  if (!m) throw new InputError(`${file}: no table ${array}`);
  return m[1].split(',').map((t) => t.trim()).filter((t) => t !== '').map((entry) => {
    const e = /^\[\w+\]\s*=\s*(?:"([^"]*)"|(\w+))$/.exec(entry);
    if (!e) throw new InputError(`${file}: ${array}: cannot read ${entry}`);
    if (e[1] !== undefined) return e[1];
    if (!(e[2] in defines)) throw new InputError(`${file}: ${array}: unknown macro ${e[2]}`);
    return defines[e[2]];
  });
}

function stringDefines(src) {
  return Object.fromEntries([...stripComments(src).matchAll(/^\s*#\s*define\s+(\w+)\s+"([^"]*)"\s*$/gm)].map((m) => [m[1], m[2]]));
}

// ---------------------------------------------------------------------------------------------
// Falco (falco_metrics.cpp)

/**
 * Falco's metrics. The structure of `falco_metrics.cpp` is checked by the shape of its calls; the
 * facts that are code, not data (which families get which subsystem and labels), are checked
 * against the exact statements that implement them and refused when they change.
 */
function falcoMetrics(falco, libs, converter) {
  const file = falco.path;
  const s = stripComments(falco.text);
  const flat = s.replace(/\s+/g, ' ');
  const metrics = [];
  const add = (entry) => metrics.push(entry);

  // `_info` metrics: convert_metric_to_text_prometheus("name", "ns", "subsystem", {{"label", ...}, ...})
  for (const m of s.matchAll(/convert_metric_to_text_prometheus\(\s*"(\w+)",\s*"(\w+)",\s*"(\w+)"\s*,\s*\{([\s\S]*?)\}\s*\);/g)) {
    const labels = [...m[4].matchAll(/\{\s*"(\w+)"\s*,/g)].map((l) => l[1]);
    if (labels.length === 0) throw new InputError(`${file}: no labels read for the ${m[1]} info metric`);
    add({ ...converter.info(m[1], m[2], m[3]), labels, from: `${REPOS.falco}@${falco.tag}:${file}` });
  }
  if (!metrics.some((x) => x.name === 'falcosecurity_falco_sha256_rules_files_info')) throw new InputError(`${file}: no sha256_rules_files info metric`);

  const calls = newMetricCalls(falco.text, file, converter);
  const byName = new Map();
  for (const call of calls.filter((c) => c.name)) byName.set(call.name, [...(byName.get(call.name) ?? []), call]);
  const dynamic = calls.filter((c) => c.dynamic);
  // The jemalloc stats are named at run time from malloc_stats_print's keys (off in the stack).
  if (dynamic.length !== 2 || !dynamic.every((c) => c.dynamic === 'key.c_str()' || c.dynamic === 'name_str.c_str()')) {
    throw new InputError(`${file}: new_metric with a computed name changed: ${dynamic.map((c) => c.dynamic).join(', ')}`);
  }
  const need = (snippet, why) => {
    if (!flat.includes(snippet)) throw new InputError(`${file}: ${why} changed (no '${snippet}')`);
  };
  const one = (name) => {
    const found = byName.get(name) ?? [];
    if (found.length === 0) throw new InputError(`${file}: no new_metric("${name}", ...)`);
    return found[0];
  };

  // Metrics pushed to additional_wrapper_metrics are printed with namespace falcosecurity, subsystem falco.
  need('for(auto metric : additional_wrapper_metrics) { prometheus_metrics_converter.convert_metric_to_unit_convention(metric); prometheus_text += prometheus_metrics_converter.convert_metric_to_text_prometheus(metric, "falcosecurity", "falco"); }', 'the printing of the wrapper metrics');
  for (const m of flat.matchAll(/additional_wrapper_metrics\.emplace_back\(libs::metrics::libsinsp_metrics::new_metric\( "(\w+)"/g)) {
    add({ ...converter.prometheus(one(m[1]), 'falcosecurity', 'falco'), labels: [], from: `${REPOS.falco}@${falco.tag}:${file}` });
  }

  // Rule counters: labels rule_name, priority, source, and tag_<tag> per tag of the rule.
  need('{"rule_name", rule->name}, {"priority", std::to_string(rule->priority)}, {"source", rule->source},', 'the labels of rules_matches');
  need('const_labels.emplace(std::string{"tag_"} + tag, "true");', 'the tag labels of rules_matches');
  add({ ...converter.prometheus(one('rules_matches'), 'falcosecurity', 'falco'), labels: ['priority', 'rule_name', 'source'], labelPrefixes: ['tag_'], from: `${REPOS.falco}@${falco.tag}:${file}` });

  // Buffer drops: one family with labels drop and dir, subsystem scap.
  need('const std::map<std::string, std::string>& const_labels = {{"drop", drop}, {"dir", "exit"}};', 'the labels of n_drops_buffer');
  need('{{"drop", drop_type}, {"dir", "enter"}};', 'the deprecated enter labels of n_drops_buffer');
  const drops = byName.get('n_drops_buffer') ?? [];
  if (drops.length !== 2) throw new InputError(`${file}: expected two new_metric("n_drops_buffer", ...), found ${drops.length}`);
  add({ ...converter.prometheus(drops[0], 'falcosecurity', 'scap'), labels: ['dir', 'drop'], from: `${REPOS.falco}@${falco.tag}:${file}` });

  // Per-CPU kernel counters: the CPU number moves into label cpu.
  const perCpu = [...flat.matchAll(/strncmp\(metric\.name, "(n_\w+_cpu)", (\d+)\)/g)].map((m) => {
    if (m[1].length !== Number(m[2])) throw new InputError(`${file}: strncmp length of ${m[1]}`);
    return m[1];
  });
  if (perCpu.length !== 2) throw new InputError(`${file}: expected the per-CPU prefixes n_evts_cpu and n_drops_cpu, found ${perCpu.join(', ')}`);
  need('const std::map<std::string, std::string>& const_labels = { {"cpu", cpu_number}};', 'the label of the per-CPU counters');
  for (const prefix of perCpu) {
    // `n_evts_cpu_7` loses its digits, the `__` left is collapsed by the sanitizer.
    add({ ...converter.prometheus({ name: `${prefix}_`, type: 'METRIC_VALUE_TYPE_U64', unit: 'METRIC_VALUE_UNIT_COUNT', metricType: 'METRIC_VALUE_METRIC_TYPE_MONOTONIC' }, 'falcosecurity', 'scap'), labels: ['cpu'], from: `${REPOS.falco}@${falco.tag}:${file}` });
  }
  need('strcmp(metric.name, "n_drops_buffer_total") == 0) { continue; }', 'the skipping of n_drops_buffer_total');
  need('if(metric.flags & METRICS_V2_RESOURCE_UTILIZATION) { prometheus_subsystem = "falco"; }', 'the subsystem of resource utilization');
  need('std::string prometheus_subsystem = "scap";', 'the default subsystem of the syscall source');

  // The libs metrics of the syscall source: resource utilization (subsystem falco), state
  // counters and kernel counters (subsystem scap).
  for (const call of libs.resourceUtilization) {
    if (!call.flags.includes('METRICS_V2_RESOURCE_UTILIZATION')) throw new InputError(`${libs.resourceFile}:${call.line}: ${call.name} is not a resource utilization metric`);
    add({ ...converter.prometheus(call, 'falcosecurity', 'falco'), labels: [], from: `${REPOS.libs}@${libs.tag}:${libs.resourceFile}` });
  }
  for (const call of libs.stateCounters) {
    if (!call.flags.includes('METRICS_V2_STATE_COUNTERS')) throw new InputError(`${libs.collectorFile}:${call.line}: ${call.name} is not a state counter`);
    add({ ...converter.prometheus(call, 'falcosecurity', 'scap'), labels: [], from: `${REPOS.libs}@${libs.tag}:${libs.collectorFile}` });
  }
  for (const { names, file: kfile } of libs.kernelCounters) {
    for (const name of names) {
      // n_drops_buffer_* are the labelled family above; the total is skipped by Falco.
      if (name.startsWith('n_drops_buffer')) continue;
      add({ ...converter.prometheus({ name, type: 'METRIC_VALUE_TYPE_U64', unit: 'METRIC_VALUE_UNIT_COUNT', metricType: 'METRIC_VALUE_METRIC_TYPE_MONOTONIC' }, 'falcosecurity', 'scap'), labels: [], from: `${REPOS.libs}@${libs.tag}:${kfile}` });
    }
  }
  return metrics;
}

/** The `new_metric` calls of one function body (`Class::function(...) {`) of a libs source. */
function callsInFunction(text, file, signature, converter) {
  const start = text.indexOf(signature);
  if (start === -1) throw new InputError(`${file}: no ${signature}`);
  const end = text.indexOf('\n}', start);
  return newMetricCalls(text.slice(start, end), file, converter);
}

/** Kernel counters are set by `set_u64_monotonic_kernel_counter` (U64, count, monotonic). */
function checkKernelCounterSetter(text, file) {
  const s = stripComments(text).replace(/\s+/g, ' ');
  const at = s.indexOf('static void set_u64_monotonic_kernel_counter(');
  const body = at === -1 ? '' : s.slice(at, s.indexOf('}', at));
  for (const part of ['type = METRIC_VALUE_TYPE_U64;', 'unit = METRIC_VALUE_UNIT_COUNT;', 'metric_type = METRIC_VALUE_METRIC_TYPE_MONOTONIC;']) {
    if (!body.includes(`.${part}`) && !body.includes(`->${part}`)) throw new InputError(`${file}: set_u64_monotonic_kernel_counter changed (no '${part}')`);
  }
}

// ---------------------------------------------------------------------------------------------
// Falcosidekick (Go: promauto.NewCounterVec(prometheus.CounterOpts{Name: metricPrefix + "x"}, labels))

function falcosidekickMetrics(text, file, tag) {
  const s = text.replace(/\/\/[^\n]*/g, '');
  const prefix = /const\s+metricPrefix\s+string\s*=\s*"(\w+)"/.exec(s);
  if (!prefix) throw new InputError(`${file}: no metricPrefix constant`);
  const metrics = [];
  for (const fn of s.matchAll(/func\s+(\w+)\([^)]*\)\s*\*prometheus\.(\w+)\s*\{([\s\S]*?)\n\}/g)) {
    const [, fname, kind, body] = fn;
    const typeByKind = { CounterVec: 'counter', GaugeVec: 'gauge' };
    if (!(kind in typeByKind)) throw new InputError(`${file}: ${fname} returns an unknown kind ${kind}`);
    const name = /Name:\s*metricPrefix\s*\+\s*"(\w+)"/.exec(body);
    if (!name) throw new InputError(`${file}: ${fname}: no Name: metricPrefix + "..."`);
    let labels;
    const inline = /\},\s*\[\]string\{([^}]*)\},\s*\)/.exec(body);
    if (inline) labels = [...inline[1].matchAll(/"(\w+)"/g)].map((m) => m[1]);
    else {
      const list = /labelnames\s*:=\s*\[\]string\{([^}]*)\}/.exec(body);
      if (!list || !/\},\s*labelnames,\s*\)/.test(body)) throw new InputError(`${file}: ${fname}: cannot read the label names`);
      labels = [...list[1].matchAll(/"(\w+)"/g)].map((m) => m[1]);
    }
    metrics.push({ name: prefix[1] + name[1], type: typeByKind[kind], labels, from: `${REPOS.falcosidekick}@${tag}:${file}` });
  }
  if (metrics.length === 0) throw new InputError(`${file}: no metric vectors`);
  return metrics;
}

// ---------------------------------------------------------------------------------------------
// kube-state-metrics (Go: generator.NewFamilyGeneratorWithStability("name", "help", metric.Gauge, ...))

function kubeStateMetrics(text, file, tag) {
  const s = text.replace(/\/\/[^\n]*/g, '');
  const consts = Object.fromEntries([...s.matchAll(/(\w+)\s*=\s*"([^"]*)"/g)].map((m) => [m[1], m[2]]));
  const defaults = /(\w+DefaultLabels)\s*=\s*\[\]string\{([^}]*)\}/.exec(s);
  if (!defaults) throw new InputError(`${file}: no default labels`);
  const defaultLabels = [...defaults[2].matchAll(/"(\w+)"/g)].map((m) => m[1]);
  if (!new RegExp(`mergeKeyValues\\(${defaults[1]},`).test(s)) throw new InputError(`${file}: the default labels are not merged into every metric`);
  const starts = [...s.matchAll(/generator\.NewFamilyGeneratorWithStability\(\s*("[^"]*"|\w+),\s*("[^"]*"|\w+),\s*metric\.(\w+),/g)];
  if (starts.length === 0) throw new InputError(`${file}: no metric families`);
  return starts.map((m, i) => {
    const name = m[1].startsWith('"') ? m[1].slice(1, -1) : consts[m[1]];
    if (name === undefined) throw new InputError(`${file}: unknown constant ${m[1]}`);
    const typeByKind = { Gauge: 'gauge', Counter: 'counter', Info: 'gauge', StateSet: 'gauge' };
    if (!(m[3] in typeByKind)) throw new InputError(`${file}: ${name}: unknown metric type ${m[3]}`);
    const body = s.slice(m.index, starts[i + 1]?.index ?? s.length);
    const own = [...body.matchAll(/LabelKeys:\s*\[\]string\{([^}]*)\}/g)].flatMap((l) => [...l[1].matchAll(/"(\w+)"/g)].map((x) => x[1]));
    const prefixes = [...body.matchAll(/createPrometheusLabelKeysValues\("(\w+)"/g)].map((p) => `${p[1]}_`);
    if (/LabelKeys:(?!\s*\[\]string\{)/.test(body.replace(/LabelKeys:\s*(labelKeys|annotationKeys),/g, ''))) {
      throw new InputError(`${file}: ${name}: label keys that are not a literal list`);
    }
    return {
      name,
      type: typeByKind[m[3]],
      labels: [...new Set([...defaultLabels, ...own])].sort(),
      ...(prefixes.length > 0 ? { labelPrefixes: prefixes } : {}),
      from: `${REPOS.kubeStateMetrics}@${tag}:${file}`,
    };
  });
}

// ---------------------------------------------------------------------------------------------

const q = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function render(metrics, inputs) {
  const byName = new Map();
  for (const m of metrics) {
    const seen = byName.get(m.name);
    if (seen && (seen.type !== m.type || seen.labels.join() !== m.labels.join())) {
      throw new InputError(`${m.name} is defined twice, differently (${seen.from}, ${m.from})`);
    }
    if (!seen) byName.set(m.name, m);
  }
  const sorted = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const body = [
    "import type { MetricInfo } from './metric-info';",
    '',
    `/** ${sorted.length} metrics, sorted by name (code-unit order). */`,
    'export const METRIC_CATALOG: readonly MetricInfo[] = [',
    ...sorted.map((m) => {
      const labels = `[${[...m.labels].sort().map(q).join(', ')}]`;
      const prefixes = m.labelPrefixes ? `, labelPrefixes: [${m.labelPrefixes.map(q).join(', ')}]` : '';
      return `  { name: ${q(m.name)}, type: ${q(m.type)}, labels: ${labels}${prefixes}, origin: ${q(m.from)} },`;
    }),
    '];',
    '',
  ].join('\n');
  const header = [
    '// Generated by scripts/generate-metric-catalog.js; do not edit by hand. Regenerate as its header says:',
    '// test/monitoring/metric-catalog.test.ts fails when this body does not match its checksum.',
    '//',
    '// The Prometheus metrics of Falco 0.44.1 (libs 0.25.4), Falcosidekick and kube-state-metrics that the',
    "// stack's PromQL may name: name as stored, type, label names (labelPrefixes: labels named at run time).",
    '// Inputs:',
    ...inputs.map((i) => `// input: ${i.repo}@${i.tag}:${i.path} sha256:${i.sha256}`),
    `// body sha256:${sha256(body)}`,
    '',
  ].join('\n');
  return header + body;
}

/** Reads every input and renders the catalog: `{ files: { name: text }, manifest }`. */
function generate(options) {
  const opts = { ...DEFAULT_TAGS, ...options };
  const inputs = [];
  const input = (key, rel) => {
    const data = readInput(opts[key], rel);
    const record = { repo: REPOS[key], tag: opts[`${key}Tag`], path: rel, sha256: sha256(data) };
    inputs.push(record);
    return { text: data.toString('utf8'), path: rel, tag: record.tag };
  };
  const falco = input('falco', 'userspace/falco/falco_metrics.cpp');
  const collector = input('libs', 'userspace/libsinsp/metrics_collector.cpp');
  const header = input('libs', 'userspace/libscap/metrics_v2.h');
  const resource = input('libs', 'userspace/libsinsp/linux/resource_utilization.cpp');
  const pman = input('libs', 'userspace/libpman/src/stats.c');
  const kmod = input('libs', 'userspace/libscap/engine/kmod/scap_kmod.c');
  const sidekick = input('falcosidekick', 'stats_prometheus.go');
  const ksm = input('kubeStateMetrics', 'internal/store/daemonset.go');

  const converter = readConverter(collector, header);
  const defines = stringDefines(header.text);
  checkKernelCounterSetter(pman.text, pman.path);
  checkKernelCounterSetter(kmod.text, kmod.path);
  const libs = {
    tag: opts.libsTag,
    collectorFile: collector.path,
    resourceFile: resource.path,
    stateCounters: callsInFunction(collector.text, collector.path, 'std::vector<metrics_v2> libs_state_counters::to_metrics()', converter),
    resourceUtilization: callsInFunction(resource.text, resource.path, 'std::vector<metrics_v2> linux_resource_utilization::to_metrics()', converter),
    kernelCounters: [
      { file: pman.path, names: designatedNames(pman.text, 'modern_bpf_kernel_counters_stats_names', pman.path, defines) },
      { file: kmod.path, names: designatedNames(kmod.text, 'kmod_kernel_counters_stats_names', kmod.path, defines) },
    ],
  };
  const metrics = [
    ...falcoMetrics(falco, libs, converter),
    ...falcosidekickMetrics(sidekick.text, sidekick.path, sidekick.tag),
    ...kubeStateMetrics(ksm.text, ksm.path, ksm.tag),
  ];
  const manifest = [
    '# Inputs of the generated metric catalog (scripts/generate-metric-catalog.js), one per line:',
    '# sha256  repository@tag:path',
    ...inputs.map((i) => `${i.sha256}  ${i.repo}@${i.tag}:${i.path}`),
    '',
  ].join('\n');
  return { files: { [CATALOG]: render(metrics, inputs) }, manifest };
}

function main(argv) {
  const opts = parseArgs(argv);
  const { files, manifest } = generate(opts);
  const outputs = { ...files, [MANIFEST]: manifest };
  return writeOrCheckOutputs(outputs, opts, 'metric catalog is');
}

module.exports = { generate, parseArgs, readConverter, InputError, MANIFEST, CATALOG, DEFAULT_TAGS };

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`generate-metric-catalog: ${error.message}\n`);
      process.exitCode = 2;
    } else throw error;
  }
}
