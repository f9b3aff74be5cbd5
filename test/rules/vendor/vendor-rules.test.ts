import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../lib/core';
import { readRulesLock, VendorError, vendorRules, verifyVendoredRules } from '../../../lib/rules/vendor';
import { lockedFilesMirror } from '../../support/shared-dir';
import { FIXTURE_LOCK } from '../../support/fixture-project';

const LOCK = FIXTURE_LOCK;
const RESTORE = "run 'npm run rules:vendor' to restore the locked upstream rules";
// Every locked file in one folder (the falco-rules files and k8s_audit_rules.yaml live in two folders of ../shared).
const RELEASE_DIR = lockedFilesMirror();
const NAMES = readRulesLock(LOCK).files.map((f) => f.name);
const SHA = Object.fromEntries(readRulesLock(LOCK).files.map((f) => [f.name, f.sha256]));

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vendor-rules-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A server on 127.0.0.1 (port 0) serving the reference release files under `/r/`;
 * `tamper` may change a file's bytes or return a status code instead.
 */
async function serveRelease(tamper: (name: string, bytes: Buffer) => Buffer | number = (_n, b) => b): Promise<string> {
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '').replace(/^\/r\//, ''));
    if (!NAMES.includes(name)) {
      res.writeHead(404).end('not found');
      return;
    }
    const served = tamper(name, fs.readFileSync(path.join(RELEASE_DIR, name)));
    if (typeof served === 'number') res.writeHead(served).end();
    else res.writeHead(200, { 'content-type': 'text/plain' }).end(served);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/r/`;
}

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(VendorError);
    return (e as Error).message;
  }
  throw new Error('expected vendoring to fail');
}

const listing = (dir: string): string[] => fs.readdirSync(dir).sort();

describe('vendorRules', () => {
  it('copies exactly the locked files from a directory, byte for byte', async () => {
    // GIVEN an empty destination WHEN vendoring from the reference copy of the release
    const to = tempDir();
    const result = await vendorRules({ lockFile: LOCK, from: RELEASE_DIR, to });
    // THEN the three files are there, identical, in load order, and nothing else
    expect(result.files.map((f) => f.name)).toEqual(NAMES);
    expect(listing(to)).toEqual([...NAMES].sort());
    for (const name of NAMES) {
      expect(fs.readFileSync(path.join(to, name))).toEqual(fs.readFileSync(path.join(RELEASE_DIR, name)));
    }
    // AND synth's check accepts them and returns their texts in load order
    expect(verifyVendoredRules(LOCK, to).map((f) => [f.name, f.sha256])).toEqual(NAMES.map((n) => [n, SHA[n]]));
  });

  it('downloads from an http URL base', async () => {
    const base = await serveRelease();
    const to = tempDir();
    const result = await vendorRules({ lockFile: LOCK, from: base, to });
    expect(result.files.map((f) => f.origin)).toEqual(NAMES.map((n) => `${base}${n}`));
    expect(verifyVendoredRules(LOCK, to)).toHaveLength(4);
  });

  it('resolves the lock\'s vendorDir against rootDir when no destination is given', async () => {
    const root = tempDir();
    await vendorRules({ lockFile: LOCK, from: RELEASE_DIR, rootDir: root });
    expect(listing(path.join(root, 'rules', 'upstream'))).toEqual([...NAMES].sort());
  });

  it('reads a relative lock file from rootDir, and names it as given', async () => {
    // GIVEN a project whose lock differs from the checkout's (another release's checksum)
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'locks'));
    const text = fs.readFileSync(LOCK, 'utf8').replace(SHA['falco_rules.yaml']!, 'a'.repeat(64));
    fs.writeFileSync(path.join(root, 'locks', 'upstream.lock.yaml'), text);
    // WHEN vendoring with the lock named relative to the project THEN the project's lock is the one checked
    expect(await failure(vendorRules({ lockFile: 'locks/upstream.lock.yaml', from: RELEASE_DIR, rootDir: root }))).toMatch(
      new RegExp(`^falco_rules\\.yaml: sha256 mismatch for .*: expected a{64} \\(locks/upstream\\.lock\\.yaml\\), got ${SHA['falco_rules.yaml']}\\. `),
    );
  });

  it('fails when the server serves a corrupted file, and writes nothing', async () => {
    // GIVEN a mirror whose incubating file has one byte changed
    const base = await serveRelease((name, bytes) => {
      if (name !== 'falco-incubating_rules.yaml') return bytes;
      const copy = Buffer.from(bytes);
      copy[copy.length - 2] = 0x58;
      return copy;
    });
    const to = tempDir();
    // WHEN vendoring THEN it names the file, the source, both checksums
    const message = await failure(vendorRules({ lockFile: LOCK, from: base, to }));
    expect(message).toMatch(
      new RegExp(
        `^falco-incubating_rules\\.yaml: sha256 mismatch for ${base.replace(/[.]/g, '\\.')}falco-incubating_rules\\.yaml: ` +
          `expected ${SHA['falco-incubating_rules.yaml']} \\(.*upstream-rules\\.lock\\.yaml\\), got [0-9a-f]{64}\\. ` +
          'The source does not hold the locked release falco-rules-5.1.0; nothing was written\\.$',
      ),
    );
    // AND no file (not even the good first one, nor a temporary file) was left behind
    expect(listing(to)).toEqual([]);
  });

  it('fails on a corrupted download without touching an already vendored file', async () => {
    const to = tempDir();
    await vendorRules({ lockFile: LOCK, from: RELEASE_DIR, to });
    const before = fs.readFileSync(path.join(to, 'falco_rules.yaml'));
    const base = await serveRelease((name, bytes) => (name === 'falco_rules.yaml' ? bytes.subarray(0, 100) : bytes));
    await failure(vendorRules({ lockFile: LOCK, from: base, to }));
    expect(fs.readFileSync(path.join(to, 'falco_rules.yaml'))).toEqual(before);
    expect(listing(to)).toEqual([...NAMES].sort());
  });

  it('fails on a 404, naming the file and the URL', async () => {
    const base = await serveRelease((name, bytes) => (name === 'falco-sandbox_rules.yaml' ? 404 : bytes));
    const to = tempDir();
    expect(await failure(vendorRules({ lockFile: LOCK, from: base, to }))).toBe(
      `falco-sandbox_rules.yaml: download failed from ${base}falco-sandbox_rules.yaml: HTTP 404 Not Found.`,
    );
    expect(listing(to)).toEqual([]);
  });

  it('follows redirects, and fails on a download cut short or a redirect loop without writing anything', async () => {
    // GIVEN a server that redirects /moved/ to /r/, cuts /cut/ off mid-body and loops on /loop/
    const server = http.createServer((req, res) => {
      const [, mode, name = ''] = (req.url ?? '').split('/');
      if (mode === 'moved') res.writeHead(302, { location: `/r/${name}` }).end();
      else if (mode === 'loop') res.writeHead(302, { location: req.url }).end();
      else if (mode === 'cut' || mode === 'r') {
        const bytes = fs.readFileSync(path.join(RELEASE_DIR, decodeURIComponent(name)));
        res.writeHead(200, { 'content-length': String(bytes.length) });
        if (mode === 'r') res.end(bytes);
        else res.write(bytes.subarray(0, 1000), () => res.destroy());
      } else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // THEN a redirect is followed to the locked bytes
    const to = tempDir();
    await vendorRules({ lockFile: LOCK, from: `${base}/moved/`, to });
    expect(verifyVendoredRules(LOCK, to)).toHaveLength(4);
    // AND a truncated body or a redirect loop is a VendorError naming the file, and nothing is written
    const empty = tempDir();
    expect(await failure(vendorRules({ lockFile: LOCK, from: `${base}/cut/`, to: empty }))).toMatch(/^falco_rules\.yaml: download from .* was interrupted: /);
    expect(await failure(vendorRules({ lockFile: LOCK, from: `${base}/loop/`, to: empty }))).toMatch(/^falco_rules\.yaml: download failed from .*: redirect count exceeded/);
    expect(listing(empty)).toEqual([]);
  });

  it('fails when the source directory lacks a file', async () => {
    const from = tempDir();
    fs.copyFileSync(path.join(RELEASE_DIR, 'falco_rules.yaml'), path.join(from, 'falco_rules.yaml'));
    expect(await failure(vendorRules({ lockFile: LOCK, from, to: tempDir() }))).toBe(
      `falco-incubating_rules.yaml: not found in ${from}: no file ${path.join(from, 'falco-incubating_rules.yaml')}.`,
    );
  });
});

describe('verifyVendoredRules', () => {
  it('fails when a vendored file was changed, naming the file, both checksums and the fix', async () => {
    // GIVEN a vendored release where someone prod-scoped falco_rules.yaml by hand
    const to = tempDir();
    await vendorRules({ lockFile: LOCK, from: RELEASE_DIR, to });
    const file = path.join(to, 'falco_rules.yaml');
    fs.appendFileSync(file, '\n# edited\n');
    const edited = sha256Hex(fs.readFileSync(file));
    // WHEN synth verifies THEN it refuses with the exact message
    expect(() => verifyVendoredRules(LOCK, to)).toThrow(
      new VendorError(
        [{
          subject: file,
          problem:
            `sha256 mismatch: expected ${SHA['falco_rules.yaml']} (${LOCK}, falco-rules-5.1.0), found ${edited}; ` +
            'the file was changed or comes from another release',
          fix: RESTORE,
        }],
        { summary: 'vendored upstream rules do not match the lock' },
      ),
    );
  });

  it('reports every missing file', () => {
    const to = tempDir();
    fs.copyFileSync(path.join(RELEASE_DIR, 'falco_rules.yaml'), path.join(to, 'falco_rules.yaml'));
    expect(() => verifyVendoredRules(LOCK, to)).toThrow(
      new VendorError(
        [
          ['falco-incubating_rules.yaml', 'falco-rules-5.1.0'],
          ['falco-sandbox_rules.yaml', 'falco-rules-5.1.0'],
          // Its own release, from the lock entry.
          ['k8s_audit_rules.yaml', 'plugins/k8saudit/v0.18.0'],
        ].map(([name, release]) => ({
          subject: path.join(to, name!),
          problem: `missing (locked in ${LOCK} as ${release}, sha256 ${SHA[name!]})`,
          fix: RESTORE,
        })),
        { summary: 'vendored upstream rules do not match the lock' },
      ),
    );
  });
});
