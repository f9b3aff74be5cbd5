import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCondition, walk, type Node } from '../../../lib/rules/condition';
import { lintRuleTexts } from '../../../lib/rules/lint';
import { loadRuleTexts, type EffectiveRule } from '../../../lib/rules/loader';
import { scopeRuleFiles } from '../../../lib/rules/scope';
import { FIXTURE_PROJECT_RULES } from '../../support/fixture-project';
import { UPSTREAM_RULE_FILES } from '../../support/shared-dir';

const PROJECT = { name: 'falco-gitops_rules.yaml', text: fs.readFileSync(FIXTURE_PROJECT_RULES, 'utf8') };
const UPSTREAM = UPSTREAM_RULE_FILES.map((f) => ({ name: path.basename(f), text: fs.readFileSync(f, 'utf8') }));
const { ruleset } = loadRuleTexts([PROJECT]);

const CAT = 'Terminal Shell with cat Command in Container';
const CURL = 'Curl Executed in Container';
const NGINX = 'Interactive Shell in Nginx Container';

function rule(name: string): EffectiveRule {
  const r = ruleset.rules.find((x) => x.name === name);
  if (r === undefined) throw new Error(`no rule '${name}' in rules/falco-gitops_rules.yaml`);
  return r;
}

function fieldText(n: Node): string {
  return n.type === 'field' ? (n.arg === undefined ? n.field : `${n.field}[${n.arg}]`) : n.type;
}

/** The checks of a condition as text (`proc.name = cat`, `proc.name in (a, b)`) and the macros it names. */
function checksOf(condition: string): { checks: string[]; macros: string[] } {
  const checks: string[] = [];
  const macros: string[] = [];
  walk(parseCondition(condition), {
    binary_check: (n) => {
      const right = n.right.type === 'value' ? n.right.value : n.right.type === 'list' ? `(${n.right.values.join(', ')})` : n.right.type;
      checks.push(`${fieldText(n.left)} ${n.op} ${right}`);
    },
    identifier: (n) => {
      macros.push(n.identifier);
    },
  });
  return { checks, macros };
}

describe('rules/falco-gitops_rules.yaml', () => {
  it('lints clean on its own', () => {
    expect(lintRuleTexts([PROJECT])).toEqual([]);
  });

  it('lints clean loaded after the three upstream files', () => {
    const diagnostics = lintRuleTexts([...UPSTREAM, PROJECT]);
    expect(diagnostics.filter((d) => d.file === PROJECT.name)).toEqual([]);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('defines its own macros and lists, prefixed, and never an upstream name', () => {
    const upstream = loadRuleTexts(UPSTREAM).ruleset;
    const upstreamNames = new Set([...upstream.macros, ...upstream.lists, ...upstream.rules].map((x) => x.name));
    const own = [...ruleset.macros, ...ruleset.lists];
    expect(own.length).toBeGreaterThan(0);
    for (const item of own) expect(item.name).toMatch(/^falco_gitops_/);
    for (const item of [...own, ...ruleset.rules]) expect(upstreamNames.has(item.name), item.name).toBe(false);
  });

  it('has the three rules, each with desc, tags and source syscall, and a MITRE tag', () => {
    expect(ruleset.rules.map((r) => [r.name, r.priority, r.source])).toEqual([
      [CAT, 'CRITICAL', 'syscall'],
      [CURL, 'WARNING', 'syscall'],
      [NGINX, 'WARNING', 'syscall'],
    ]);
    for (const r of ruleset.rules) {
      expect(r.desc.length, r.name).toBeGreaterThan(40);
      expect(r.tags.some((t) => t.startsWith('mitre_')), r.name).toBe(true);
      expect(r.enabled).toBe(true);
    }
  });

  it('fires the cat rule on a cat process executed in a container', () => {
    const { checks, macros } = checksOf(rule(CAT).condition);
    expect(checks).toEqual(['proc.name = cat']);
    expect(macros).toEqual(['falco_gitops_spawned_process', 'falco_gitops_container']);
    expect(checksOf(ruleset.macros.find((m) => m.name === 'falco_gitops_spawned_process')?.condition as string).checks).toEqual([
      'evt.type in (execve, execveat)',
    ]);
    expect(checksOf(ruleset.macros.find((m) => m.name === 'falco_gitops_container')?.condition as string).checks).toEqual([
      'container.id != host',
    ]);
  });

  it('fires the curl rule on curl in any container, tagged to stay cluster-wide', () => {
    const curl = rule(CURL);
    expect(checksOf(curl.condition)).toEqual({ checks: ['proc.name = curl'], macros: ['falco_gitops_spawned_process', 'falco_gitops_container'] });
    expect(curl.tags).toContain('falco_gitops_cluster_wide');
    expect(ruleset.rules.filter((r) => r.tags.includes('falco_gitops_cluster_wide')).map((r) => r.name)).toEqual([CURL]);
  });

  it('fires the nginx rule on an interactive shell in the nginx container, by image or app label', () => {
    const { checks, macros } = checksOf(rule(NGINX).condition);
    expect(checks).toEqual(['proc.name in (falco_gitops_shell_binaries)', 'proc.tty != 0']);
    expect(macros).toEqual(['falco_gitops_spawned_process', 'falco_gitops_container', 'falco_gitops_nginx_container']);
    expect(checksOf(ruleset.macros.find((m) => m.name === 'falco_gitops_nginx_container')?.condition as string).checks).toEqual([
      'container.image.repository in (falco_gitops_nginx_images)',
      'k8s.pod.label[app] = nginx',
    ]);
    expect(ruleset.lists.find((l) => l.name === 'falco_gitops_shell_binaries')?.items).toEqual(['ash', 'bash', 'csh', 'ksh', 'sh', 'tcsh', 'zsh', 'dash']);
    expect(ruleset.lists.find((l) => l.name === 'falco_gitops_nginx_images')?.items).toEqual([
      'nginx',
      'docker.io/library/nginx',
      'nginxinc/nginx-unprivileged',
      'docker.io/nginxinc/nginx-unprivileged',
    ]);
  });

  it('puts the command, user, container and pod in every output, with container-plugin fields only', () => {
    for (const r of ruleset.rules) {
      for (const field of ['%proc.cmdline', '%user.name', '%container.name', '%container.id', '%k8s.ns.name', '%k8s.pod.name']) {
        expect(r.output, r.name).toContain(field);
      }
    }
    // k8smeta.* would stop Falco from loading the file when the k8smeta plugin is not loaded.
    expect(PROJECT.text.replace(/^\s*#.*$/gm, '')).not.toContain('k8smeta.');
  });

  it('is scoped to prod like upstream, except the cluster-wide rule', () => {
    const result = scopeRuleFiles([...UPSTREAM, PROJECT], {
      namespaces: ['prod'],
      field: 'k8smeta.ns.name',
      excludeTags: ['falco_gitops_cluster_wide'],
    });
    expect(result.scopedRules).toEqual(expect.arrayContaining([CAT, NGINX]));
    expect(result.unscopedRules).toEqual([{ name: CURL, reason: 'excluded by tag falco_gitops_cluster_wide' }]);
  });
});
