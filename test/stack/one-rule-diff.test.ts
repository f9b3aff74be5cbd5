import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../lib/core';
import type { ManifestFile } from '../../lib/synth';
import { deliveryProject, FIXTURE_RULES, synthAt } from './delivery-fixture';

/** One hunk of a line diff: the changed lines of each side, with unified diff's 3 lines of context merging nearby changes. */
interface Hunk {
  readonly removed: string[];
  readonly added: string[];
}

/**
 * A line diff, as `diff -U3` groups it: the longest common subsequence of the lines (after the
 * common prefix and suffix), and changes at most 6 unchanged lines apart in one hunk.
 */
function lineDiff(before: string, after: string): Hunk[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  // lcs[i][j]: length of the LCS of x[i..] and y[j..]
  const lcs = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const hunks: { removed: string[]; added: string[]; lastLine: number }[] = [];
  let i = 0;
  let j = 0;
  let line = start;
  const change = (side: 'removed' | 'added', text: string) => {
    const last = hunks[hunks.length - 1];
    if (last !== undefined && line - last.lastLine <= 6) {
      last[side].push(text);
      last.lastLine = line;
    } else {
      hunks.push({ removed: side === 'removed' ? [text] : [], added: side === 'added' ? [text] : [], lastLine: line });
    }
  };
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      i++;
      j++;
      line++;
    } else if (j < y.length && (i === x.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      change('added', y[j++] as string);
    } else {
      change('removed', x[i++] as string);
      line++;
    }
  }
  return hunks.map(({ removed, added }) => ({ removed, added }));
}

function changedFiles(before: readonly ManifestFile[], after: readonly ManifestFile[]): string[] {
  expect(after.map((f) => f.path)).toEqual(before.map((f) => f.path));
  return after.filter((f, i) => f.content !== before[i]?.content).map((f) => f.path);
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the line diff of the test', () => {
  it('finds one hunk per group of nearby changes, as diff -U3', () => {
    const base = Array.from({ length: 30 }, (_, n) => `line ${n}`);
    const edit = (changes: Record<number, string>) => base.map((l, n) => changes[n] ?? l).join('\n');
    expect(lineDiff(base.join('\n'), base.join('\n'))).toEqual([]);
    expect(lineDiff(base.join('\n'), edit({ 10: 'changed' }))).toEqual([{ removed: ['line 10'], added: ['changed'] }]);
    expect(lineDiff(base.join('\n'), edit({ 10: 'a', 16: 'b' }))).toHaveLength(1);
    expect(lineDiff(base.join('\n'), edit({ 2: 'a', 20: 'b' }))).toEqual([
      { removed: ['line 2'], added: ['a'] },
      { removed: ['line 20'], added: ['b'] },
    ]);
  });
});

describe('a one-rule change of a project rules file, with the upstream rules vendored', () => {
  // GIVEN a project with the upstream rules and two project files
  const other = '- list: fixture_other_binaries\n  items: [nc, ncat]\n';
  const dir = deliveryProject({ upstream: true, rules: { 'project_rules.yaml': FIXTURE_RULES, 'zz_other_rules.yaml': other } });
  dirs.push(dir);
  const before = synthAt(dir);
  // WHEN one rule's output is changed in one project file, and synth runs again
  const edited = FIXTURE_RULES.replace('output: cat in a container', 'output: cat run in a container');
  expect(edited).not.toBe(FIXTURE_RULES);
  fs.writeFileSync(path.join(dir, 'rules', 'project_rules.yaml'), edited);
  const after = synthAt(dir);

  it('changes one rules file of dist/: the project rules ConfigMap, not the 200 KB upstream one', () => {
    expect(before.files.map((f) => f.path)).toContain('cluster/configmap.secured-ns.falco-gitops-rules-upstream.yaml');
    // Besides it, only the two objects that carry each shipped file's expected sha256 (observability:
    // the PrometheusRule's integrity alerts and the rules-integrity dashboard).
    expect(changedFiles(before.files, after.files)).toEqual([
      'cluster/configmap.monitoring.falco-gitops-rules-integrity.yaml',
      'cluster/configmap.secured-ns.falco-gitops-rules-project.yaml',
      'cluster/prometheusrule.secured-ns.falco-gitops.yaml',
    ]);
  });

  it('changes the PrometheusRule and the integrity dashboard only in the edited file\'s expected sha256', () => {
    const data = (result: typeof before) =>
      (YAML.parse(result.files.find((f) => f.path.endsWith('falco-gitops-rules-project.yaml'))?.content as string) as { data: Record<string, string> }).data;
    const oldSha = sha256Hex(data(before)['00-project_rules.yaml'] as string);
    const newSha = sha256Hex(data(after)['00-project_rules.yaml'] as string);
    expect(oldSha).not.toBe(newSha);
    for (const file of ['cluster/configmap.monitoring.falco-gitops-rules-integrity.yaml', 'cluster/prometheusrule.secured-ns.falco-gitops.yaml']) {
      const text = (result: typeof before) => result.files.find((f) => f.path === file)?.content as string;
      expect(text(before)).toContain(oldSha);
      expect(text(before).replaceAll(oldSha, newSha)).toBe(text(after));
    }
  });

  it('changes that ConfigMap in one hunk of the rules, plus the one line of the file\'s expected sha256', () => {
    const file = 'cluster/configmap.secured-ns.falco-gitops-rules-project.yaml';
    const text = (result: typeof before) => result.files.find((f) => f.path === file)?.content as string;
    const newData = (YAML.parse(text(after)) as { data: Record<string, string> }).data;
    const hunks = lineDiff(text(before), text(after));
    const [annotation, rule] = hunks;
    expect(hunks).toHaveLength(2);
    // The annotation: one line, the sha256 of the changed file's new bytes.
    expect(annotation?.removed).toHaveLength(1);
    expect(annotation?.added).toEqual([`    falco-gitops.io/sha256.00-project_rules.yaml: ${sha256Hex(newData['00-project_rules.yaml'] as string)}`]);
    // The rules: exactly the edited line.
    expect(rule).toEqual({
      removed: ['      output: cat in a container (command=%proc.cmdline)'],
      added: ['      output: cat run in a container (command=%proc.cmdline)'],
    });
  });

  it('leaves the other project file of the same ConfigMap as it was', () => {
    const data = (result: typeof before) =>
      (YAML.parse(result.files.find((f) => f.path.endsWith('falco-gitops-rules-project.yaml'))?.content as string) as { data: Record<string, string> }).data;
    expect(data(after)['01-zz_other_rules.yaml']).toBe(data(before)['01-zz_other_rules.yaml']);
  });
});
