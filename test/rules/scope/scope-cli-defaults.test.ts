import * as fs from 'node:fs';
import * as YAML from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { formatWarning } from '../../../lib/core';
import { CLUSTER_WIDE_TAG, SCOPE_DEFAULTS, scopeFieldWarning } from '../../../lib/rules/scope';
import { resolveStackProps, STACK_DEFAULTS } from '../../../lib/stack';
import { cli } from '../../cli/cli-helpers';
import { FIXTURE_PROPS } from '../../support/fixture-project';
import { deliveryProject, synthAt, withScope } from '../../stack/delivery-fixture';

const dir = deliveryProject();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const RULES = 'rules/project_rules.yaml';

/** The flat file synth ships for the fixture's project rules. */
function shippedBySynth(props = withScope(undefined)): string {
  const file = synthAt(dir, props).files.find((f) => f.path.endsWith('configmap.secured-ns.falco-gitops-rules-project.yaml'));
  return (YAML.parse(file?.content as string) as { data: Record<string, string> }).data['00-project_rules.yaml'] as string;
}

describe('falco-gitops scope and synth: one transform, one set of defaults', () => {
  it('share their defaults: the stack resolves rules.scope from the library\'s SCOPE_DEFAULTS', () => {
    const scope = STACK_DEFAULTS.rules.scope;
    // The field follows falco.kubernetesMetadata; with the default (true) it is the library's default.
    expect(resolveStackProps(FIXTURE_PROPS).rules.scope.field).toBe(SCOPE_DEFAULTS.field);
    expect(scope.excludeRules).toEqual(SCOPE_DEFAULTS.excludeRules);
    expect(scope.excludeTags).toEqual([CLUSTER_WIDE_TAG]);
  });

  it('prints, with only -n prod, byte for byte what synth ships: the cluster-wide rule left cluster-wide', async () => {
    // GIVEN the fixture project, whose curl rule carries the cluster-wide tag
    // WHEN the command scopes its rules to prod with no other option, from the project folder
    const r = await cli(['scope', '-n', 'prod', RULES], { cwd: dir });
    // THEN it prints exactly the file synth ships, the curl rule unscoped
    expect(r).toEqual({ code: 0, stdout: shippedBySynth(), stderr: '' });
    expect(r.stdout).toContain('#   Fixture Curl Anywhere: excluded by tag falco_gitops_cluster_wide\n');
    expect(r.stdout).toMatch(/- rule: Fixture Curl Anywhere\n.*\n {2}condition: fixture_spawned_process and proc\.name = curl\n/);
  });

  it('prints its effective options in the header, each default marked', async () => {
    const r = await cli(['scope', '-n', 'prod', '--exclude-rule', 'Fixture Cat in Container', RULES], { cwd: dir });
    expect(r.stdout).toContain(
      [
        '# Scope options:',
        '#   namespaces: prod',
        '#   field: k8smeta.ns.name (default)',
        '#   scoped files: all (default)',
        '#   excluded rules: Fixture Cat in Container',
        '#   excluded tags: falco_gitops_cluster_wide (default)',
        '',
      ].join('\n'),
    );
  });

  it('replaces the default tag with --exclude-tag, and excludes none with --no-exclude-tag, as the prop does', async () => {
    const replaced = await cli(['scope', '-n', 'prod', '--exclude-tag', 'shell', RULES], { cwd: dir });
    expect(replaced.stdout).toContain('#   excluded tags: shell\n');
    expect(replaced.stdout).toContain('#   Fixture Shell in Container: excluded by tag shell\n');
    expect(replaced.stdout).not.toContain('excluded by tag falco_gitops_cluster_wide');
    expect(replaced.stdout).toBe(shippedBySynth(withScope({ excludeTags: ['shell'] })));

    const none = await cli(['scope', '-n', 'prod', '--no-exclude-tag', RULES], { cwd: dir });
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('#   excluded tags: none\n#\n');
    expect(none.stdout).toContain('# Rules in this file: 3 scoped, 0 not scoped.\n');
    expect(none.stdout).toBe(shippedBySynth(withScope({ excludeTags: [] })));
  });

  it('accepts rule files without the default tag (the upstream rules alone), where an explicit unknown tag fails', async () => {
    const noTag = fs.readFileSync(`${dir}/${RULES}`, 'utf8').replace(', falco_gitops_cluster_wide]', ']');
    fs.writeFileSync(`${dir}/rules/no_tag.yaml`, noTag);
    expect((await cli(['scope', '-n', 'prod', 'rules/no_tag.yaml'], { cwd: dir })).code).toBe(0);
    const typo = await cli(['scope', '-n', 'prod', '--exclude-tag', 'falco_gitops_clusterwide', 'rules/no_tag.yaml'], { cwd: dir });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('--exclude-tag: received "falco_gitops_clusterwide"; no rule of the inputs has that tag');
    fs.rmSync(`${dir}/rules/no_tag.yaml`);
  });

  it('says the defaults are synth\'s in its help', async () => {
    const help = (await cli(['scope', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain(`default: "${SCOPE_DEFAULTS.field}")`);
    expect(help).toContain(`(repeatable; default: ${CLUSTER_WIDE_TAG})`);
    expect(help).toContain('--no-exclude-tag');
    expect(help).toContain("The defaults are synth's (rules.scope in main.ts)");
  });
});

describe('a scope field that is empty or different under containerd', () => {
  const warning = scopeFieldWarning('container.name') as string;

  it('is only container.name: k8s.ns.name and k8smeta.ns.name are filled on k3s', () => {
    expect(warning).toMatch(/^under containerd \(the runtime of k3s and RKE2\) and CRI-O, container\.name is the bare container name/);
    expect(scopeFieldWarning('k8s.ns.name')).toBeUndefined();
    expect(scopeFieldWarning('k8smeta.ns.name')).toBeUndefined();
  });

  it('warns at synth, naming the prop, once, with one prefix', () => {
    const result = synthAt(dir, withScope({ field: 'container.name' }));
    const warnings = result.warnings.filter((w) => w.subject === 'rules.scope.field');
    expect(warnings).toEqual([{ subject: 'rules.scope.field', message: `'container.name': ${warning}` }]);
    expect(formatWarning(warnings[0]!)).toBe(`rules.scope.field: warning: 'container.name': ${warning}`);
  });

  it('warns in the command (stderr) and in the header of every file it prints', async () => {
    const r = await cli(['scope', '-n', 'prod', '--field', 'container.name', RULES], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`warning: --field container.name: ${warning}\n`);
    expect(r.stdout).toContain(`# Warning: field container.name: ${warning}.\n`);
    // --format json keeps stderr one JSON document; the header still says it.
    const json = await cli(['scope', '-n', 'prod', '--field', 'container.name', '-f', 'json', RULES], { cwd: dir });
    expect(JSON.parse(json.stderr)).toEqual({ diagnostics: [], errorCount: 0, warningCount: 0 });
    expect(json.stdout).toContain('# Warning: field container.name:');
  });

  it('stays quiet for the default field', async () => {
    expect(synthAt(dir).warnings.filter((w) => w.subject === 'rules.scope.field')).toEqual([]);
    expect((await cli(['scope', '-n', 'prod', RULES], { cwd: dir })).stderr).toBe('');
  });
});
