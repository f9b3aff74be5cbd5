import { describe, expect, it } from 'vitest';
import type { Problem } from '../../lib/core';
import { FALCO_HELM_CHART_DEFAULTS } from '../../lib/falco';
import { CONTAINER_PLUGIN_APPEND_OUTPUT, KNOWN_PROP_KEYS, STACK_PROP_TYPES, type PropKind, resolveStackProps, StackPropsError, validateStackProps, type FalcoGitopsStackProps } from '../../lib/stack';

const VALID: FalcoGitopsStackProps = { argocd: { repoUrl: 'https://github.com/acme/falco-gitops.git' } };

/** GIVEN props WHEN validated THEN the problems reported (empty when valid). */
function problemsOf(props: FalcoGitopsStackProps): Problem[] {
  try {
    validateStackProps(props, resolveStackProps(props));
    return [];
  } catch (error) {
    if (error instanceof StackPropsError) return [...error.problems];
    throw error;
  }
}

function messageOf(props: FalcoGitopsStackProps): string {
  try {
    validateStackProps(props, resolveStackProps(props));
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the props to be rejected');
}

const TELEGRAM_TOKEN_SHAPE = ['123456789', 'AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_'].join(':');

describe('stack props validation', () => {
  it('accepts the defaults with a repo URL', () => {
    expect(problemsOf(VALID)).toEqual([]);
  });

  it('fails when the Argo CD repo URL is missing', () => {
    expect(messageOf({ argocd: {} })).toBe(
      'invalid stack props (1 problem):\n' +
        '  - argocd.repoUrl: received nothing; is required: Argo CD needs the Git repository that holds dist/. ' +
        'Fix: set argocd.repoUrl to the clone URL of this repository, e.g. "https://github.com/acme/falco-gitops.git"',
    );
  });

  it('fails when the repo URL is not a Git URL', () => {
    expect(problemsOf({ argocd: { repoUrl: 'github.com/acme/x' } })).toEqual([
      expect.objectContaining({ subject: 'argocd.repoUrl', received: 'github.com/acme/x' }),
    ]);
  });

  it('fails when the driver kind is unknown', () => {
    expect(messageOf({ ...VALID, falco: { driverKind: 'ebfp' as never } })).toBe(
      'invalid stack props (1 problem):\n' +
        `  - falco.driverKind: received "ebfp"; must be one of 'modern_ebpf', 'kmod', 'auto'. ` +
        "Fix: use 'modern_ebpf' (kernels 5.8 and later), 'kmod' for older kernels, or 'auto'",
    );
  });

  it.each(['kmod', 'auto', 'modern_ebpf'] as const)('accepts driver kind %s', (driverKind) => {
    expect(problemsOf({ ...VALID, falco: { driverKind } })).toEqual([]);
  });

  it('fails when the legacy eBPF probe is asked for: falco chart 9.x cannot render it', () => {
    expect(messageOf({ ...VALID, falco: { driverKind: 'ebpf' as never } })).toBe(
      'invalid stack props (1 problem):\n' +
        `  - falco.driverKind: received "ebpf"; is the legacy eBPF probe, which Falco 0.44.0 removed and the falco chart 9.x no longer offers (it accepts only 'modern_ebpf', 'kmod', 'auto'). ` +
        "Fix: use 'modern_ebpf' (the CO-RE probe built into Falco, kernels 5.8 and later), or 'kmod' for older kernels",
    );
  });

  it.each([
    ['Prod', 'uppercase'],
    ['prod_ns', 'underscore'],
    ['-prod', 'leading dash'],
    ['a'.repeat(64), 'too long'],
    ['kube-system', 'reserved'],
    ['default', 'reserved'],
  ])('fails when a namespace name is illegal (%s: %s)', (name) => {
    expect(problemsOf({ ...VALID, namespaces: { prod: { name } } })).toEqual([
      expect.objectContaining({ subject: 'namespaces.prod.name', received: name }),
    ]);
  });

  it('fails when two namespaces share a name', () => {
    const problems = problemsOf({ ...VALID, namespaces: { dev: { name: 'prod' } } });
    expect(problems).toEqual([
      {
        subject: 'namespaces',
        received: ['secured-ns', 'prod', 'prod'],
        problem: 'the security, dev and prod namespaces must have different names',
        fix: 'give each namespace its own name',
      },
    ]);
  });

  it('fails when the security namespace does not enforce privileged', () => {
    expect(problemsOf({ ...VALID, namespaces: { security: { enforce: 'baseline' } } })).toEqual([
      expect.objectContaining({ subject: 'namespaces.security.enforce', received: 'baseline' }),
    ]);
  });

  it('fails when a PSA level is unknown', () => {
    expect(problemsOf({ ...VALID, namespaces: { dev: { warn: 'strict' as never } } })).toEqual([
      // audit follows warn; the user did not write it, so it is not reported again
      expect.objectContaining({ subject: 'namespaces.dev.warn', received: 'strict' }),
    ]);
  });

  it.each(['9.x', '^9.1.0', '>=9.0.0', '*', '', 'latest', '9.1'])('fails when the falco chart version %j is not pinned', (chartVersion) => {
    expect(problemsOf({ ...VALID, falco: { chartVersion } })).toEqual([
      expect.objectContaining({
        subject: 'falco.chartVersion',
        received: chartVersion,
        fix: 'pin a version such as "9.1.0"',
      }),
    ]);
  });

  it('fails when the falcosidekick chart version is a range', () => {
    expect(problemsOf({ ...VALID, falcosidekick: { chartVersion: '0.14.*' } })).toEqual([
      expect.objectContaining({ subject: 'falcosidekick.chartVersion', received: '0.14.*' }),
    ]);
  });

  it('fails when a token-shaped string is anywhere in the props, without echoing it', () => {
    const message = messageOf({
      ...VALID,
      falcosidekick: { telegram: { secretName: 'falcosidekick-telegram', messageThreadId: undefined } },
      demoWorkloads: { ubuntuImage: TELEGRAM_TOKEN_SHAPE },
    });
    expect(message).toContain('demoWorkloads.ubuntuImage: received "1234…(45 characters)"; looks like a Telegram bot token');
    expect(message).toContain(
      'Fix: remove it: no prop of the stack takes a secret; credentials live in Kubernetes Secrets created out of band, never in main.ts',
    );
    expect(message).not.toContain(TELEGRAM_TOKEN_SHAPE);
  });

  it('fails when the repo URL carries a password, with a fix about Argo CD repository credentials (not Telegram)', () => {
    const url = ['https://bob', 's3cret-pass@github.com/acme/x.git'].join(':');
    expect(problemsOf({ argocd: { repoUrl: url } })).toEqual([
      {
        subject: 'argocd.repoUrl',
        received: `http…(${url.length} characters)`,
        problem: 'looks like a URL with embedded credentials; secrets must never be rendered into dist/ and pushed to Git',
        fix:
          'remove the user and password from the URL (e.g. "https://github.com/acme/falco-gitops.git") and give Argo CD the credentials in a ' +
          'repository Secret (label argocd.argoproj.io/secret-type: repository) created out of band in its namespace',
      },
    ]);
  });

  it('points a token in a Telegram prop at the Telegram Secret', () => {
    const problems = problemsOf({ ...VALID, falcosidekick: { telegram: { messageThreadId: TELEGRAM_TOKEN_SHAPE } } });
    expect(problems.find((p) => p.problem.startsWith('looks like'))?.fix).toBe(
      'put it in the Secret that falcosidekick.telegram.secretName names, created out of band (see README, "Telegram secret")',
    );
  });

  it('fails when a token is passed under an unknown prop, and redacts it', () => {
    const props = { ...VALID, falcosidekick: { telegram: { token: TELEGRAM_TOKEN_SHAPE } } } as unknown as FalcoGitopsStackProps;
    const problems = problemsOf(props);
    expect(problems.map((p) => p.subject)).toEqual(['falcosidekick.telegram.token', 'falcosidekick.telegram.token']);
    expect(problems[0]).toMatchObject({ received: '1234…(45 characters)', fix: 'remove it or correct its spelling' });
    expect(JSON.stringify(problems)).not.toContain(TELEGRAM_TOKEN_SHAPE);
  });

  it('never echoes a token, even when another rule rejects the same value', () => {
    const message = messageOf({ ...VALID, falcosidekick: { telegram: { secretName: TELEGRAM_TOKEN_SHAPE } } });
    expect(message).toContain('falcosidekick.telegram.secretName: received "1234…(45 characters)"; must be the name of a Secret');
    expect(message).toContain('looks like a Telegram bot token');
    expect(message).not.toContain(TELEGRAM_TOKEN_SHAPE);
  });

  it('fails when a prop is misspelled (Helm-style silent ignore is not allowed here)', () => {
    const props = { ...VALID, falco: { driverkind: 'kmod' } } as unknown as FalcoGitopsStackProps;
    expect(problemsOf(props)).toEqual([
      {
        subject: 'falco.driverkind',
        received: 'kmod',
        problem:
          'is not a known prop (known under falco: repo, chartVersion, helmChartNamespace, driverKind, kubernetesMetadata, appendOutput)',
        fix: 'remove it or correct its spelling',
      },
    ]);
  });

  it('fails when the scope field needs the metacollector but it is off', () => {
    expect(problemsOf({ ...VALID, falco: { kubernetesMetadata: false }, rules: { scope: { field: 'k8smeta.ns.name' } } })).toEqual([
      expect.objectContaining({ subject: 'rules.scope.field', received: 'k8smeta.ns.name' }),
    ]);
  });

  it('fails when append_output uses k8smeta fields without the plugin', () => {
    const problems = problemsOf({ ...VALID, falco: { kubernetesMetadata: false, appendOutput: 'pod=%k8smeta.pod.name' } });
    expect(problems).toEqual([expect.objectContaining({ subject: 'falco.appendOutput', received: 'pod=%k8smeta.pod.name' })]);
  });

  it('accepts kubernetesMetadata: false alone: the defaults that need k8smeta follow it (no problem about a prop the user never set)', () => {
    const props: FalcoGitopsStackProps = { ...VALID, falco: { kubernetesMetadata: false } };
    expect(problemsOf(props)).toEqual([]);
    const resolved = resolveStackProps(props);
    expect(resolved.falco.appendOutput).toBe(CONTAINER_PLUGIN_APPEND_OUTPUT);
    expect(resolved.rules.scope.field).toBe('k8s.ns.name');
    expect(resolveStackProps(VALID).falco.appendOutput).toBe(FALCO_HELM_CHART_DEFAULTS.appendOutput);
    expect(resolveStackProps(VALID).rules.scope.field).toBe('k8smeta.ns.name');
  });

  it('fails when a message thread is set with a Falcosidekick image older than 2.34.0', () => {
    expect(
      problemsOf({ ...VALID, falcosidekick: { imageTag: '2.32.0', telegram: { messageThreadId: '42' } } }),
    ).toEqual([
      expect.objectContaining({
        subject: 'falcosidekick.imageTag',
        received: '2.32.0',
        problem: 'is older than 2.34.0, which ignores falcosidekick.telegram.messageThreadId',
      }),
    ]);
    expect(problemsOf({ ...VALID, falcosidekick: { imageTag: '2.34.0', telegram: { messageThreadId: '42' } } })).toEqual([]);
    expect(problemsOf({ ...VALID, falcosidekick: { imageTag: '2.40.1', telegram: { messageThreadId: '42' } } })).toEqual([]);
  });

  it('fails when the minimum priority is not a Falco priority', () => {
    expect(problemsOf({ ...VALID, falcosidekick: { telegram: { minimumPriority: 'high' as never } } })).toEqual([
      expect.objectContaining({ subject: 'falcosidekick.telegram.minimumPriority', received: 'high' }),
    ]);
  });

  it('fails when replicas is not a whole number from 1 to 10', () => {
    for (const replicas of [0, 1.5, 11]) {
      expect(problemsOf({ ...VALID, falcosidekick: { replicas } })).toEqual([
        expect.objectContaining({ subject: 'falcosidekick.replicas', received: replicas }),
      ]);
    }
  });

  it('fails when an image is not pinned', () => {
    expect(problemsOf({ ...VALID, demoWorkloads: { nginxImage: 'nginx:latest', ubuntuImage: 'ubuntu' } })).toEqual([
      expect.objectContaining({ subject: 'demoWorkloads.ubuntuImage', received: 'ubuntu' }),
      expect.objectContaining({ subject: 'demoWorkloads.nginxImage', received: 'nginx:latest' }),
    ]);
  });

  it('fails when paths leave the repository', () => {
    expect(problemsOf({ ...VALID, rules: { projectRulesDir: '../elsewhere', lockFile: '/etc/lock.yaml' }, argocd: { repoUrl: VALID.argocd.repoUrl, path: '' } })).toEqual([
      expect.objectContaining({ subject: 'rules.projectRulesDir' }),
      expect.objectContaining({ subject: 'rules.lockFile' }),
      expect.objectContaining({ subject: 'argocd.path' }),
    ]);
  });

  it('fails when scope namespaces are empty or repeated', () => {
    expect(problemsOf({ ...VALID, rules: { scope: { namespaces: [] } } })).toEqual([
      expect.objectContaining({ subject: 'rules.scope.namespaces', received: [] }),
    ]);
    expect(problemsOf({ ...VALID, rules: { scope: { namespaces: ['prod', 'prod'] } } })).toEqual([
      expect.objectContaining({ subject: 'rules.scope.namespaces' }),
    ]);
  });

  it('reports every problem at once', () => {
    const props = {
      argocd: {},
      falco: { driverKind: 'x', chartVersion: '9' },
      namespaces: { dev: { name: 'Dev' } },
    } as unknown as FalcoGitopsStackProps;
    expect(problemsOf(props).map((p) => p.subject)).toEqual([
      'namespaces.dev.name',
      'falco.chartVersion',
      'falco.driverKind',
      'argocd.repoUrl',
    ]);
    expect(messageOf(props)).toMatch(/^invalid stack props \(4 problems\):\n/);
  });

  it('fails when the falco chart is pinned to a release the toolchain does not target', () => {
    // GIVEN an exact, but other, chart version THEN the lint checks would not match the deployed Falco
    expect(messageOf({ ...VALID, falco: { chartVersion: '9.2.0' } })).toBe(
      'invalid stack props (1 problem):\n' +
        '  - falco.chartVersion: received "9.2.0"; is not the chart this toolchain targets: the rule linter, field catalogs ' +
        'and scoping are faithful to falco chart 9.1.0 (Falco 0.44.1), so rules checked here could still crash-loop another release. ' +
        'Fix: use "9.1.0" (or leave it unset); moving to another release means upgrading falco-gitops, whose FALCO_TARGET ' +
        'names the release it was checked against',
    );
  });

  it('knows exactly the keys of the defaults, at every level', () => {
    expect(KNOWN_PROP_KEYS.get('')).toEqual(['namespaces', 'demoWorkloads', 'falco', 'falcosidekick', 'rules', 'audit', 'argocd', 'observability']);
    expect(KNOWN_PROP_KEYS.get('audit')).toEqual(['enabled', 'policy', 'volumeNamespaces', 'feedFalco', 'allowSecretBodies', 'log', 'hostConfigDir', 'falco']);
    expect(KNOWN_PROP_KEYS.get('rules.scope')).toEqual(['namespaces', 'field', 'files', 'excludeRules', 'excludeTags']);
    expect(KNOWN_PROP_KEYS.get('falcosidekick.telegram')).toEqual(['secretName', 'minimumPriority', 'messageThreadId', 'checkCert']);
  });

  it('derives the PSA levels and the scope namespaces from what is given', () => {
    const resolved = resolveStackProps({
      ...VALID,
      namespaces: { dev: { enforce: 'privileged' }, prod: { name: 'production', warn: 'baseline' } },
    });
    expect(resolved.namespaces.dev).toEqual({ name: 'dev', enforce: 'privileged', warn: 'privileged', audit: 'privileged' });
    expect(resolved.namespaces.prod).toEqual({ name: 'production', enforce: 'baseline', warn: 'baseline', audit: 'baseline' });
    expect(resolved.namespaces.security).toEqual({ name: 'secured-ns', enforce: 'privileged', warn: 'privileged', audit: 'privileged' });
    expect(resolved.rules.scope.namespaces).toEqual(['production']);
    expect(resolveStackProps(VALID).namespaces.dev).toEqual({ name: 'dev', enforce: 'baseline', warn: 'restricted', audit: 'restricted' });
  });
});

describe('stack props: runtime types (tsx compiles main.ts without type checking)', () => {
  it("fails when a boolean is quoted: 'false' would count as true", () => {
    expect(messageOf({ ...VALID, demoWorkloads: { enabled: 'false' as never } })).toBe(
      'invalid stack props (1 problem):\n' +
        "  - demoWorkloads.enabled: received \"false\"; must be true or false, not a string (the string 'false' would count as true). " +
        'Fix: write false without quotes',
    );
  });

  it('reports each mistyped prop once, not again through the rules about its value', () => {
    expect(
      problemsOf({
        ...VALID,
        falco: 'yes' as never,
        falcosidekick: { replicas: '2' as never, telegram: null as never },
        rules: { scope: { namespaces: 'prod' as never, excludeTags: [1] as never } },
      }),
    ).toEqual([
      {
        subject: 'falco',
        received: 'yes',
        problem: 'must be an object of props, not a string',
        fix: 'write { ... } with the props of this level, or leave it out for the defaults',
      },
      { subject: 'falcosidekick.replicas', received: '2', problem: 'must be a number, not a string', fix: 'write the number without quotes' },
      {
        subject: 'falcosidekick.telegram',
        received: null,
        problem: 'must be an object of props, not null',
        fix: 'write { ... } with the props of this level, or leave it out for the defaults',
      },
      { subject: 'rules.scope.namespaces', received: 'prod', problem: 'must be a list of strings, not a string', fix: 'write a list, e.g. ["a", "b"]' },
      { subject: 'rules.scope.excludeTags', received: [1], problem: 'must be a list of strings, not a list', fix: 'write a list, e.g. ["a", "b"]' },
    ]);
  });

  it('types the audit props too: a policy rule that is no object is reported once, by its type, not again by the policy lint', () => {
    expect(problemsOf({ ...VALID, audit: { policy: { rules: [1, 'Metadata'] as never }, feedFalco: 'true' as never } })).toEqual([
      {
        subject: 'audit.policy.rules',
        received: [1, 'Metadata'],
        problem: 'must be a list of objects, not a list',
        fix: 'write a list of { ... }, e.g. [{ level: "Metadata" }]',
      },
      {
        subject: 'audit.feedFalco',
        received: 'true',
        problem: "must be true or false, not a string (the string 'true' would count as true)",
        fix: 'write true without quotes',
      },
    ]);
  });

  it('checks every prop of the table, which the compiler holds to the props interfaces', () => {
    // Every leaf of STACK_PROP_TYPES given a value of another type is reported, under its own path.
    const leaves: Array<[string, PropKind]> = [];
    const walk = (level: Record<string, unknown>, prefix: string): void => {
      for (const [key, kind] of Object.entries(level)) {
        const path = prefix ? `${prefix}.${key}` : key;
        if (typeof kind === 'string') leaves.push([path, kind as PropKind]);
        else walk(kind as Record<string, unknown>, path);
      }
    };
    walk(STACK_PROP_TYPES as unknown as Record<string, unknown>, '');
    expect(leaves.length).toBe([...KNOWN_PROP_KEYS.entries()].reduce((n, [p, keys]) => n + keys.filter((k) => !KNOWN_PROP_KEYS.has(p ? `${p}.${k}` : k)).length, 0));
    for (const [path, kind] of leaves) {
      const wrong = kind === 'string' ? 42 : 'x';
      const props: Record<string, unknown> = { argocd: { repoUrl: 'https://github.com/acme/falco-gitops.git' } };
      const keys = path.split('.');
      let level = props;
      for (const key of keys.slice(0, -1)) level = (level[key] ??= {}) as Record<string, unknown>;
      level[keys[keys.length - 1]!] = wrong;
      expect(problemsOf(props as unknown as FalcoGitopsStackProps).map((p) => p.subject)).toEqual([path]);
    }
  });
});

describe('stack props that would let Argo CD destroy itself', () => {
  it.each(['dist', '.', './', 'dist/', './dist', 'dist/bootstrap', 'dist/bootstrap/', 'dist/bootstrap/sub'])('refuses argocd.path %j (it holds dist/bootstrap/)', (path) => {
    expect(problemsOf({ argocd: { ...VALID.argocd, path } })).toEqual([
      {
        subject: 'argocd.path',
        received: path,
        problem:
          "is, contains or lies inside dist/bootstrap/, which holds Argo CD's own Application and AppProject: Argo CD would then manage its own " +
          'Application, and a prune or a deletion of it (which cascades) would delete the Application and everything it synced',
        fix: 'use "dist/cluster" (dist/bootstrap/ is applied once by hand, never synced)',
      },
    ]);
  });

  it.each(['dist/cluster', 'dist/cluster/', 'manifests', 'distribution'])('accepts argocd.path %j', (path) => {
    expect(problemsOf({ argocd: { ...VALID.argocd, path } })).toEqual([]);
  });

  it.each([
    [{ prod: { name: 'argocd' } }, {}, 'namespaces.prod.name', 'argocd'],
    [{ security: { name: 'argocd' } }, {}, 'namespaces.security.name', 'argocd'],
    [{ dev: { name: 'gitops' } }, { namespace: 'gitops' }, 'namespaces.dev.name', 'gitops'],
  ] as const)('refuses a stack namespace named as Argo CD\'s (%j, argocd %j)', (namespaces, argocd, subject, received) => {
    expect(problemsOf({ namespaces, argocd: { ...VALID.argocd, ...argocd } })).toEqual([
      {
        subject,
        received,
        problem:
          'is the namespace Argo CD runs in (argocd.namespace): the stack renders this Namespace, so Argo CD would manage ' +
          "the namespace it runs in: its Pod Security levels would apply to Argo CD's own pods, and a deletion of the " +
          'Application (which cascades) would delete the namespace with Argo CD in it',
        fix: 'choose another name (or set argocd.namespace to the namespace Argo CD really runs in)',
      },
    ]);
  });

  it('accepts the namespace "argocd" for the stack when Argo CD runs elsewhere', () => {
    expect(problemsOf({ namespaces: { prod: { name: 'argocd' } }, argocd: { ...VALID.argocd, namespace: 'gitops' } })).toEqual([]);
  });
});
