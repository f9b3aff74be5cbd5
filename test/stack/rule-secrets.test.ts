import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatUserError, isUserError, locateToken, maskToken } from '../../lib/core';
import { ruleFileSecrets } from '../../lib/rules-delivery/rule-file-secrets';
import { FalcoGitopsStack } from '../../lib/stack';
import { runSynth } from '../../lib/synth';
import { refuseManifestSecrets } from '../../lib/synth/manifest-secrets';
import { SHARED_DIR, UPSTREAM_RULE_FILES } from '../support/shared-dir';
import { deliveryProject, FIXTURE_PROPS, FIXTURE_RULES, synthAt } from './delivery-fixture';

// Assembled at run time so this file holds no complete credential-shaped literal.
const join = (...parts: string[]) => parts.join('');
const TELEGRAM = join('5432109876', ':', 'AAF1xYz_abcdefghijklmnopqrstuvwxyz012');
const AWS = join('AKIA', 'IOSFODNN7EXAMPLE');
const GITHUB = join('ghp_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8');
const PRIVATE_KEY = join('-----BEGIN ', 'OPENSSH PRIVATE KEY-----');
const SLACK = join('xoxb-', '123456789012-abcdefghijkl');
const URL_PASSWORD = join('https://deploy:', 'hunter2hunter2@registry.example.com/v2/');

/** A project rules file with one credential of each kind, each at a known place. */
const LEAKY_RULES = [
  /* 1 */ '- list: fixture_allowed_keys',
  /* 2 */ `  items: [ordinary, ${AWS}, "${GITHUB}"]`,
  /* 3 */ '',
  /* 4 */ '- rule: Leaky Rule',
  /* 5 */ '  desc: >-',
  /* 6 */ '    a description that quotes',
  /* 7 */ `    ${PRIVATE_KEY}`,
  /* 8 */ `  condition: evt.type = execve and proc.cmdline contains "${SLACK}"`,
  /* 9 */ `  output: posting to https://api.telegram.org/bot${TELEGRAM}/sendMessage via ${URL_PASSWORD} (command=%proc.cmdline)`,
  /* 10 */ '  priority: WARNING',
  '',
].join('\n');

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function synthFailure(dir: string): string {
  try {
    synthAt(dir);
  } catch (error) {
    expect(isUserError(error)).toBe(true);
    return formatUserError(error as never);
  }
  throw new Error('expected synth to fail');
}

describe('credential-shaped strings in rule files', () => {
  it('fail synth naming file:line:col of each, masked, for every kind', () => {
    // GIVEN a project rules file with a credential of each kind in an output, list items, a desc and a condition
    const dir = deliveryProject({ rules: { 'leaky_rules.yaml': LEAKY_RULES } });
    dirs.push(dir);
    // WHEN synth runs THEN it fails with one problem per credential, where it is in the source
    const fix =
      'Fix: remove it (a rule matches a credential by its shape, e.g. `proc.cmdline contains "xoxb-"`, never by the secret itself) and rotate it if it was ever committed';
    const problem = (line: number, token: string, kind: string, shown = token) => {
      const column = (LEAKY_RULES.split('\n')[line - 1] as string).indexOf(token) + 1;
      expect(column).toBeGreaterThan(0);
      return `  - rules/leaky_rules.yaml:${line}:${column}: received "${maskToken(shown)}"; looks like ${kind}; rule files are rendered into dist/ and pushed to Git, so secrets must never be in them. ${fix}`;
    };
    expect(synthFailure(dir)).toBe(
      [
        'error: rule files hold credential-shaped strings (6 problems):',
        problem(2, AWS, 'an AWS access key id'),
        problem(2, GITHUB, 'a GitHub token'),
        problem(7, PRIVATE_KEY, 'a private key'),
        problem(8, SLACK, 'a Slack token'),
        // Two in one output, each reported; inside the Bot API's URL too (`.../bot<token>/...`).
        problem(9, TELEGRAM, 'a Telegram bot token'),
        // The URL is shown as far as it matched: scheme, user, password and `@`.
        problem(9, URL_PASSWORD, 'a URL with embedded credentials', 'https://deploy:hunter2hunter2@'),
      ].join('\n'),
    );
  });

  it('reports a URL with a password in a list item', () => {
    const dir = deliveryProject({ rules: { 'leaky_rules.yaml': `- list: fixture_urls\n  items: [ok, "${URL_PASSWORD}"]\n` } });
    dirs.push(dir);
    expect(synthFailure(dir)).toContain(`rules/leaky_rules.yaml:2:16: received "http…(30 characters)"; looks like a URL with embedded credentials;`);
  });

  it('never echoes a secret, and leaves dist/ untouched', () => {
    const dir = deliveryProject({ rules: { 'leaky_rules.yaml': LEAKY_RULES } });
    dirs.push(dir);
    const outdir = path.join(dir, 'dist');
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, 'keep.yaml'), 'kept\n');
    const lines: string[] = [];
    const code = runSynth((app) => new FalcoGitopsStack(app, 'FalcoGitops', FIXTURE_PROPS, { baseDir: dir }), {
      argv: [],
      outdir,
      env: {},
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
    });
    expect(code).toBe(1);
    const printed = lines.join('\n');
    for (const secret of [TELEGRAM, AWS, GITHUB, SLACK, URL_PASSWORD, TELEGRAM.split(':')[1] as string]) expect(printed).not.toContain(secret);
    expect(printed).toContain(`rules/leaky_rules.yaml:8:${(LEAKY_RULES.split('\n')[7] as string).indexOf(SLACK) + 1}:`);
    expect(fs.readdirSync(outdir)).toEqual(['keep.yaml']);
  });

  it('catches a token spelled with a YAML escape in the rendered ConfigMap, which holds it unescaped', () => {
    // "\x41KIA…" is the AWS key once unescaped: the source never spells it, the rendered rules do.
    const rules = `- rule: Escaped\n  desc: "key \\x41${AWS.slice(1)}"\n  condition: evt.type = execve\n  output: x\n  priority: INFO\n`;
    expect(ruleFileSecrets('rules/x.yaml', rules)).toEqual([]);
    const dir = deliveryProject({ rules: { 'escaped_rules.yaml': rules } });
    dirs.push(dir);
    const message = synthFailure(dir);
    expect(message).toContain(
      `  - cluster/configmap.secured-ns.falco-gitops-rules-project.yaml: data.00-escaped_rules.yaml: received "${maskToken(AWS)}"; looks like an AWS access key id;`,
    );
    expect(message).not.toContain(AWS);
  });

  it('finds none in the pinned upstream falco-rules 5.1.0 and k8saudit 0.18.0 rules (no false positive)', () => {
    const files = [...UPSTREAM_RULE_FILES, path.join(SHARED_DIR, 'upstream', 'falco-plugins', 'k8saudit-0.18.0', 'k8s_audit_rules.yaml')];
    for (const file of files) expect(ruleFileSecrets(path.basename(file), fs.readFileSync(file, 'utf8'))).toEqual([]);
    // Their look-alikes stay ordinary: paths of keys, not keys.
    expect(fs.readFileSync(UPSTREAM_RULE_FILES[0] as string, 'utf8')).toContain("'/home/*/.ssh/*'");
    expect(locateToken("(fd.name contains '/.ssh/' and fd.name glob '/home/*/.ssh/*')")).toBeUndefined();
  });

  it('accepts the fixture rules and synthesizes with the upstream rules vendored', () => {
    const dir = deliveryProject({ upstream: true, rules: { 'project_rules.yaml': FIXTURE_RULES } });
    dirs.push(dir);
    expect(synthAt(dir).files.length).toBeGreaterThan(0);
  });
});

describe('credential-shaped strings in the manifests', () => {
  it('fail before dist/ is written, naming the manifest and the prop, masked', () => {
    const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'ns' }, data: { 'a.yaml': `key: ${SLACK}\n` } };
    let message = '';
    try {
      refuseManifestSecrets('cluster', [object]);
    } catch (error) {
      message = formatUserError(error as never);
    }
    expect(message).toBe(
      'error: the manifests would carry credential-shaped strings (1 problem):\n' +
        `  - cluster/configmap.ns.x.yaml: data.a.yaml: received "${maskToken(SLACK)}"; looks like a Slack token; secrets must never be rendered into dist/ and pushed to Git. ` +
        'Fix: find where the value comes from (main.ts, rules/, a construct) and reference a Kubernetes Secret created out of band instead',
    );
    expect(() => refuseManifestSecrets('cluster', [{ ...object, data: { 'a.yaml': 'key: value\n' } }])).not.toThrow();
  });
});
