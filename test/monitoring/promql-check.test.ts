import { describe, expect, it } from 'vitest';
import { UserError } from '../../lib/core';
import { assertPromql, checkPromql } from '../../lib/monitoring';

const messages = (expr: string): string[] => checkPromql(expr).map((f) => f.message);

describe('checkPromql', () => {
  it('accepts expressions over catalogued metrics and labels, scrape target labels and run-time tag labels', () => {
    for (const expr of [
      'sum by (k8s_ns_name, rule) (increase(falcosecurity_falcosidekick_falco_events_total{k8s_ns_name="prod", priority_raw=~"critical|alert|emergency"}[5m])) > 0',
      'count by (namespace, pod) (falcosecurity_falco_sha256_rules_files_info{file_name="x.yaml", sha256!="ab"})',
      'falcosecurity_falco_version_info unless on (namespace, pod) falcosecurity_falco_sha256_rules_files_info{file_name="x.yaml"}',
      'sum(rate(falcosecurity_falco_rules_matches_total{tag_container="true"}[5m]))',
      'up{service="falco-metrics"} == 0',
      'label_replace(up, "file", "$1", "job", "(.*)") unless on (file) up',
    ]) {
      expect(messages(expr), expr).toEqual([]);
    }
  });

  it('fails on a syntax error, with its offset', () => {
    const findings = checkPromql('sum(rate(up[5m])');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]?.message).toMatch(/unexpected end of expression|syntax error/);
    expect(messages('up{job=}')).not.toEqual([]);
    expect(messages('')).toContain('empty expression');
  });

  it('fails on a planted metric typo and suggests the catalogued name', () => {
    expect(messages('falcosecurity_falco_sha256_rule_files_info')).toEqual([
      "unknown metric 'falcosecurity_falco_sha256_rule_files_info' (did you mean 'falcosecurity_falco_sha256_rules_files_info'?)",
    ]);
  });

  it('fails on a planted label typo in a matcher, naming the labels the metric has', () => {
    const [message] = messages('falcosecurity_falcosidekick_falco_events_total{k8s_ns="prod"}');
    expect(message).toMatch(/^metric 'falcosecurity_falcosidekick_falco_events_total' has no label 'k8s_ns'/);
    expect(message).toContain("'k8s_ns_name'");
  });

  it('fails on a grouping label no metric of the expression carries', () => {
    expect(messages('sum by (rule_name) (falcosecurity_falcosidekick_falco_events_total)')).toEqual([
      "no metric of this expression has the label 'rule_name'",
    ]);
    expect(messages('a_metric_nobody_exports > 0')[0]).toMatch(/^unknown metric/);
  });

  it('refuses a selector without a metric name (it cannot be checked)', () => {
    expect(messages('{__name__="up"}')).toEqual(['a selector without a metric name cannot be checked against the catalog']);
  });

  it('assertPromql throws one UserError naming every bad expression', () => {
    let caught: unknown;
    try {
      assertPromql([
        { subject: 'observability.alerts.extraRules[0].expr', expr: 'up{jop="x"}' },
        { subject: 'PrometheusRule: alert X', expr: 'sum(' },
        { subject: 'fine', expr: 'up' },
      ]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UserError);
    const problems = (caught as UserError).problems;
    expect(problems.map((p) => p.subject)).toEqual(['observability.alerts.extraRules[0].expr', 'PrometheusRule: alert X']);
    expect(problems[0]?.problem).toMatch(/^PromQL at column 4: metric 'up' has no label 'jop' \(did you mean 'job'\?\)/);
  });
});
