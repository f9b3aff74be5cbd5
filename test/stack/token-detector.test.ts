import { describe, expect, it } from 'vitest';
import { classifyToken, findTokens, locateTokens, maskToken, mayHoldTokens } from '../../lib/core/token-detector';

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
    // Hyphens do not hide a key: mixed case, or a long part, is no name of words.
    [join('q8Vf3kLm-9Zp2Xr7T-b4Nw6Hy1-Jc5Gd0Sa', 'E'), 'a random-looking secret (API key)'],
    [join('q8vf3klm9zp2xr7tb4nw6-hy1jc5-gd0sa', 'e'), 'a random-looking secret (API key)'],
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
    // A ConfigMap name of words (the audit Falco's rules): long and varied, but a name.
    'falco-gitops-k8saudit-rules-project',
    'https://kubernetes.default.svc',
    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1',
    // Long paths of the upstream rules: varied, but paths, not keys.
    '/var/lib/rancher/k3s/agent/containerd/tmpmounts/',
    "(fd.name contains '/.ssh/' and fd.name glob '/home/*/.ssh/*')",
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

  it('locates every credential of a string, in order, inside the Telegram Bot API URL too', () => {
    const token = join('5432109876', ':', 'AAF1xYz_abcdefghijklmnopqrstuvwxyz012');
    const text = `POST https://api.telegram.org/bot${token}/sendMessage via ${join('https://u:', 'p4ss@example.com')}`;
    expect(locateTokens(text)).toEqual([
      { kind: 'a Telegram bot token', index: text.indexOf(token), length: token.length },
      { kind: 'a URL with embedded credentials', index: text.indexOf('https://u:'), length: 'https://u:p4ss@'.length },
    ]);
    expect(locateTokens('ordinary text')).toEqual([]);
  });

  it('pre-checks a whole file cheaply: a known format anywhere, or a whole-scalar random word', () => {
    expect(mayHoldTokens(`- list: x\n  items: [a, ${join('AKIA', 'IOSFODNN7EXAMPLE')}]\n`)).toBe(true);
    expect(mayHoldTokens(`- list: x\n  items: [a, ${join('q8Vf3kLm9Zp2Xr7Tb4Nw6Hy1Jc5Gd0Sa', 'E')}]\n`)).toBe(true);
    // A long random-looking run inside a longer string is not a whole scalar.
    expect(mayHoldTokens(`- macro: x\n  condition: a = b${join('q8Vf3kLm9Zp2Xr7Tb4Nw6Hy1Jc5Gd0Sa', 'E')} and c\n`)).toBe(false);
    expect(mayHoldTokens('- list: x\n  items: [a, b]\n')).toBe(false);
  });

  it('masks a token to its first four characters and its length, never more', () => {
    expect(maskToken(join('AKIA', 'IOSFODNN7EXAMPLE'))).toBe('AKIA…(20 characters)');
    expect(maskToken('short')).toBe('********');
  });
});
