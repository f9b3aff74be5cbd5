import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode } from '@lezer/common';
import { closestMatch, quoteList, UserError, type Problem } from '../core';
import { knownMetricNames, metricHasLabel, metricInfo } from './metric-catalog-lookup';
import { SCRAPE_TARGET_LABELS, type MetricInfo } from './metric-info';

/** One problem in a PromQL expression, at an offset of the expression text. */
export interface PromqlFinding {
  readonly offset: number;
  readonly message: string;
}

/** A PromQL expression the stack emits, named as a reviewer would look for it. */
export interface PromqlSource {
  /** Where it comes from: `PrometheusRule falco-gitops: alert FalcoRulesFileDrift`, or a prop path. */
  readonly subject: string;
  readonly expr: string;
}

/**
 * Checks one PromQL expression with Prometheus' own grammar (`@prometheus-io/lezer-promql`, the
 * parser of the Prometheus UI) and against the metric catalog: it must parse; every selector names
 * a catalogued metric; every label matcher names a label that metric carries (its own labels, the
 * scrape target labels, or a run-time prefix such as `tag_`); every label in `by`/`without`/`on`/
 * `ignoring`/`group_left`/`group_right` is carried by one of the expression's metrics or made by its
 * `label_replace`/`label_join`. Returns every finding; an empty list means the expression is good.
 */
export function checkPromql(expr: string): PromqlFinding[] {
  const findings: PromqlFinding[] = [];
  const tree = parser.parse(expr);
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) {
        const near = expr.slice(node.from, node.from + 20);
        findings.push({ offset: node.from, message: near === '' ? 'unexpected end of expression' : `syntax error near '${near}'` });
      }
    },
  });
  if (expr.trim() === '') findings.push({ offset: 0, message: 'empty expression' });
  if (findings.length > 0) return findings;

  const text = (n: SyntaxNode): string => expr.slice(n.from, n.to);
  const metrics: MetricInfo[] = [];
  const createdLabels = new Set<string>();
  const groupingLabels: SyntaxNode[] = [];
  let unknownMetric = false;

  const walk = (node: SyntaxNode): void => {
    if (node.name === 'VectorSelector') checkSelector(node);
    if (node.name === 'GroupingLabels') {
      for (let c = node.firstChild; c; c = c.nextSibling) if (c.name === 'LabelName' || c.name === 'QuotedLabelName') groupingLabels.push(c);
    }
    if (node.name === 'FunctionCall') {
      const fn = node.getChild('FunctionIdentifier');
      const fname = fn ? text(fn) : '';
      if (fname === 'label_replace' || fname === 'label_join') {
        const body = node.getChild('FunctionCallBody');
        const strings = body ? body.getChildren('StringLiteral') : [];
        const dst = strings[0];
        if (dst) createdLabels.add(unquote(text(dst)));
      }
    }
    for (let c = node.firstChild; c; c = c.nextSibling) walk(c);
  };

  const checkSelector = (node: SyntaxNode): void => {
    const id = node.getChild('Identifier');
    if (!id) {
      findings.push({ offset: node.from, message: 'a selector without a metric name cannot be checked against the catalog' });
      return;
    }
    const name = text(id);
    const info = metricInfo(name);
    if (!info) {
      unknownMetric = true;
      const hint = closestMatch(name, knownMetricNames()) ?? otherSubsystem(name);
      findings.push({ offset: id.from, message: `unknown metric '${name}'${hint ? ` (did you mean '${hint}'?)` : ''}` });
      return;
    }
    metrics.push(info);
    const matchers = node.getChild('LabelMatchers');
    if (!matchers) return;
    for (let m = matchers.firstChild; m; m = m.nextSibling) {
      const label = m.getChild('LabelName') ?? m.getChild('QuotedLabelName');
      if (!label) continue;
      const labelName = label.name === 'QuotedLabelName' ? unquote(text(label)) : text(label);
      if (!metricHasLabel(info, labelName)) {
        const candidates = [...info.labels, ...SCRAPE_TARGET_LABELS];
        const hint = closestMatch(labelName, candidates);
        findings.push({
          offset: label.from,
          message: `metric '${name}' has no label '${labelName}'${hint ? ` (did you mean '${hint}'?)` : ''}; it has ${quoteList(candidates)}`,
        });
      }
    }
  };

  walk(tree.topNode);
  // With an unknown metric the labels it would bring are unknown too: its finding is enough.
  for (const label of unknownMetric ? [] : groupingLabels) {
    const labelName = label.name === 'QuotedLabelName' ? unquote(text(label)) : text(label);
    if (createdLabels.has(labelName) || metrics.some((m) => metricHasLabel(m, labelName))) continue;
    findings.push({ offset: label.from, message: `no metric of this expression has the label '${labelName}'` });
  }
  return findings.sort((a, b) => a.offset - b.offset);
}

/** Checks every expression; throws one `UserError` naming each bad expression, its offset and the problem. */
export function assertPromql(sources: readonly PromqlSource[]): void {
  const problems: Problem[] = sources.flatMap((source) =>
    checkPromql(source.expr).map((finding) => ({
      subject: source.subject,
      received: source.expr,
      problem: `PromQL at column ${finding.offset + 1}: ${finding.message}`,
      fix: 'use a metric and labels of the metric catalog (lib/monitoring/metric-catalog.ts) in valid PromQL',
    })),
  );
  if (problems.length > 0) throw new UserError(problems, { summary: 'invalid PromQL' });
}

/**
 * `falcosecurity_<subsystem>_<name>` under another subsystem, for a hint: Falco files its metrics
 * under `falco`, `scap`, `evt` or `plugins` by where they come from, which is easy to get wrong
 * (the falco chart's own dashboard asks for `falcosecurity_falco_n_evts_total`).
 */
function otherSubsystem(name: string): string | undefined {
  const m = /^falcosecurity_[a-z]+_(.+)$/.exec(name);
  return m === null ? undefined : knownMetricNames().find((known) => known !== name && known.startsWith('falcosecurity_') && known.endsWith(`_${m[1]}`) && /^falcosecurity_[a-z]+_/.exec(known)?.[0].length === known.length - (m[1]?.length ?? 0));
}

function unquote(literal: string): string {
  const quote = literal[0];
  if ((quote === '"' || quote === "'") && literal.endsWith(quote)) return literal.slice(1, -1).replace(/\\(.)/g, '$1');
  if (quote === '`' && literal.endsWith('`')) return literal.slice(1, -1);
  return literal;
}
