import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../lib/core';
import { parseRulesLock, readRulesLock, VendorError } from '../../../lib/rules/vendor';
import { K8SAUDIT_RULES_FILE, UPSTREAM_RULE_FILES } from '../../support/shared-dir';
import { FIXTURE_LOCK } from '../../support/fixture-project';

const LOCK = FIXTURE_LOCK;

function lockFailure(text: string): string {
  try {
    parseRulesLock(text, 'test.lock.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(VendorError);
    // One problem a line, each positioned in the lock: `file:line:col: key: what is wrong`.
    return (e as VendorError).problems.map((p) => `${p.subject}: ${p.problem}`).join('\n');
  }
  throw new Error('expected the lock to be rejected');
}

const VALID = `release: falco-rules-5.1.0
repository: https://github.com/falcosecurity/rules
vendorDir: rules/upstream
files:
  - name: a.yaml
    url: https://example.test/a.yaml
    sha256: ${'a'.repeat(64)}
`;

describe('upstream-rules.lock.yaml', () => {
  it('pins falco-rules-5.1.0 in load order with the release files\' checksums', () => {
    // GIVEN the committed lock WHEN it is read
    const lock = readRulesLock(LOCK);
    // THEN it names the release, the vendor directory and the three files in Falco's load order
    expect(lock.release).toBe('falco-rules-5.1.0');
    expect(lock.repository).toBe('https://github.com/falcosecurity/rules');
    expect(lock.vendorDir).toBe('rules/upstream');
    const syscall = lock.files.filter((f) => (f.source ?? 'syscall') === 'syscall');
    expect(syscall.map((f) => f.name)).toEqual(UPSTREAM_RULE_FILES.map((f) => path.basename(f)));
    // AND every checksum is the sha256 of the reference copy of the release
    for (const [i, f] of syscall.entries()) {
      expect(f.sha256).toBe(sha256Hex(fs.readFileSync(UPSTREAM_RULE_FILES[i] as string)));
    }
  });

  it('pins k8s_audit_rules.yaml of plugins/k8saudit/v0.18.0 for the audit Falco, with the reference copy\'s checksum', () => {
    const audit = readRulesLock(LOCK).files.filter((f) => f.source === 'k8s_audit');
    expect(audit).toEqual([{
      name: 'k8s_audit_rules.yaml',
      source: 'k8s_audit',
      release: 'plugins/k8saudit/v0.18.0',
      url: 'https://raw.githubusercontent.com/falcosecurity/plugins/plugins/k8saudit/v0.18.0/plugins/k8saudit/rules/k8s_audit_rules.yaml',
      sha256: sha256Hex(fs.readFileSync(K8SAUDIT_RULES_FILE)),
    }]);
  });

  it('downloads every file from raw.githubusercontent.com at the locked tag', () => {
    const lock = readRulesLock(LOCK);
    for (const f of lock.files.filter((file) => file.release === undefined)) {
      expect(f.url).toBe(`https://raw.githubusercontent.com/falcosecurity/rules/${lock.release}/rules/${f.name}`);
    }
  });
});

describe('parseRulesLock', () => {
  it('accepts a minimal lock', () => {
    expect(parseRulesLock(VALID, 'test.lock.yaml')).toEqual({
      file: 'test.lock.yaml',
      release: 'falco-rules-5.1.0',
      repository: 'https://github.com/falcosecurity/rules',
      vendorDir: 'rules/upstream',
      files: [{ name: 'a.yaml', url: 'https://example.test/a.yaml', sha256: 'a'.repeat(64) }],
    });
  });

  it('reads a file\'s source and own release, and refuses an unknown source', () => {
    const withSource = VALID.replace(`    sha256: ${'a'.repeat(64)}`, `    sha256: ${'a'.repeat(64)}\n    source: k8s_audit\n    release: plugins/k8saudit/v0.18.0`);
    expect(parseRulesLock(withSource, 'test.lock.yaml').files[0]).toMatchObject({ source: 'k8s_audit', release: 'plugins/k8saudit/v0.18.0' });
    expect(lockFailure(withSource.replace('source: k8s_audit', 'source: k8saudit'))).toBe(
      "test.lock.yaml:8:13: files[0].source: expected one of syscall, k8s_audit, got 'k8saudit'",
    );
  });

  it('fails when a checksum is not 64 lower-case hex digits', () => {
    expect(lockFailure(VALID.replace('a'.repeat(64), 'ABC'))).toBe(
      "test.lock.yaml:7:13: files[0].sha256: expected 64 lower-case hex digits, got 'ABC'",
    );
  });

  it('fails when a key is misspelt, naming the key and the allowed ones', () => {
    expect(lockFailure(VALID.replace('vendorDir', 'vendorDirectory'))).toBe(
      [
        'test.lock.yaml:3:1: vendorDirectory: unknown key; allowed keys: release, commit, repository, vendorDir, files',
        'test.lock.yaml:1:1: vendorDir: missing',
      ].join('\n'),
    );
  });

  it('fails when a file is listed twice or its name could escape the vendor directory', () => {
    const text = `${VALID}  - name: a.yaml\n    url: https://example.test/a.yaml\n    sha256: ${'b'.repeat(64)}\n  - name: ../x.yaml\n    url: https://example.test/x.yaml\n    sha256: ${'c'.repeat(64)}\n`;
    expect(lockFailure(text)).toBe(
      [
        "test.lock.yaml:8:11: files[1].name: 'a.yaml' is already listed as files[0]",
        "test.lock.yaml:11:11: files[2].name: expected a bare file name (no '/' or '..'), got '../x.yaml'",
      ].join('\n'),
    );
  });

  it('fails when files is missing or empty', () => {
    expect(lockFailure(VALID.replace(/files:[\s\S]*$/, 'files: []\n'))).toBe(
      'test.lock.yaml:4:8: files: expected a non-empty list of { name, url, sha256 }',
    );
  });

  it('fails when a URL is not http(s)', () => {
    expect(lockFailure(VALID.replace('https://example.test/a.yaml', 'ftp://example.test/a.yaml'))).toBe(
      "test.lock.yaml:6:10: files[0].url: expected an http(s) URL, got 'ftp://example.test/a.yaml'",
    );
  });

  it('fails on invalid YAML with its position', () => {
    expect(lockFailure('release: [unclosed\n')).toMatch(/^test\.lock\.yaml:\d+:\d+: invalid YAML: /);
  });

  it('places an unterminated quote at the quote, not past the end of the file', () => {
    expect(lockFailure('release: "abc\nfiles: []\n')).toBe('test.lock.yaml:1:10: invalid YAML: Missing closing "quote');
  });

  it('refuses 10,000 levels of nesting with one message, the same every time (no stack overflow)', () => {
    const deep = `release: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    const expected = "test.lock.yaml:1:508: invalid YAML: a node nested 500 levels deep, which Falco's YAML parser (yaml-cpp) refuses";
    expect([lockFailure(deep), lockFailure(deep)]).toEqual([expected, expected]);
  });

  it('fails when the lock does not exist, naming it', () => {
    expect(() => readRulesLock('no/such.lock.yaml')).toThrow(new VendorError({ subject: 'no/such.lock.yaml', problem: 'rules lock not found' }));
  });
});
