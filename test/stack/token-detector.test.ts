import { describe, expect, it } from 'vitest';
import { classifyToken, findTokens } from '../../lib/core/token-detector';

// Assembled at run time so this file holds no complete credential-shaped literal.
const join = (...parts: string[]) => parts.join('');

describe('token detector', () => {
  it.each([
    [join('5432109876', ':', 'AAF1xYz_abcdefghijklmnopqrstuvwxyz012'), 'a Telegram bot token'],
    [join('ghp_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'), 'a GitHub token'],
    [join('xoxb-', '123456789012-abcdefghijkl'), 'a Slack token'],
    [join('https://hooks.slack.com/services/', 'T000/B000/XXXXXXXX'), 'a Slack webhook URL'],
    [join('AKIA', 'IOSFODNN7EXAMPLE'), 'an AWS access key id'],
    [join('eyJhbGciOiJIUzI1NiJ9', '.', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', '.', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'), 'a JSON Web Token'],
    [join('-----BEGIN ', 'RSA PRIVATE KEY-----'), 'a private key'],
    [join('https://user:', 's3cret@git.example.com/repo.git'), 'a URL with embedded credentials'],
    [join('q8Vf3kLm9Zp2Xr7Tb4Nw6Hy1Jc5Gd0Sa', 'E'), 'a random-looking secret (API key)'],
  ])('recognizes %s as %s', (value, kind) => {
    expect(classifyToken(value)).toBe(kind);
  });

  it.each([
    'https://github.com/acme/falco-gitops.git',
    'git@github.com:acme/falco-gitops.git',
    'docker.io/library/ubuntu:24.04',
    'pod_uid=%k8smeta.pod.uid, pod_name=%k8smeta.pod.name, namespace_name=%k8smeta.ns.name',
    '1c15d5d543635b76e31cca39d7df8bf4caf50a428613c314d92986a23bfcb617',
    'falcosidekick-telegram',
    'https://kubernetes.default.svc',
    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1',
  ])('leaves ordinary configuration alone: %s', (value) => {
    expect(classifyToken(value)).toBeUndefined();
  });

  it('reports the dotted path of every finding in nested objects and arrays', () => {
    const token = join('5432109876', ':', 'AAF1xYz_abcdefghijklmnopqrstuvwxyz012');
    expect(findTokens({ a: { b: ['ok', token] }, c: token })).toEqual([
      { prop: 'a.b[1]', value: token, kind: 'a Telegram bot token' },
      { prop: 'c', value: token, kind: 'a Telegram bot token' },
    ]);
  });
});
