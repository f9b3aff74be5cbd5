import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DistError, repairDist, writeDist, type DistWriteOptions } from '../../lib/synth';
import { FaultyFs, Killed } from './faulty-fs';
import { readTree } from './synth-helpers';

const created: string[] = [];
afterAll(() => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

const OLD = { 'bootstrap/c.yaml': 'old c\n', 'cluster/a.yaml': 'old a\n', 'cluster/b.yaml': 'old b\n' };
// Overlapping paths with other content, one file gone, one new: a mix of both trees shows.
const NEW = { 'bootstrap/c.yaml': 'new c\n', 'cluster/a.yaml': 'new a\n', 'cluster/d.yaml': 'new d\n' };
const NEWER = { 'cluster/e.yaml': 'newer e\n' };
const files = (tree: Record<string, string>) => Object.entries(tree).map(([p, content]) => ({ path: p, content }));

type Tree = Record<string, string> | null;

/** A throw-away repository folder, with `dist/` holding `tree` (none when null). */
function repo(tree: Tree): { dir: string; dist: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'falco-gitops-dist-'));
  created.push(dir);
  const dist = path.join(dir, 'dist');
  for (const [p, content] of Object.entries(tree ?? {})) {
    fs.mkdirSync(path.dirname(path.join(dist, p)), { recursive: true });
    fs.writeFileSync(path.join(dist, p), content);
  }
  return { dir, dist };
}

/** The killed writer: pid 1001 on host h; fixed names and clock. */
const WRITER: DistWriteOptions = { pid: 1001, hostname: 'h', randomId: () => 'aa', now: () => Date.UTC(2026, 0, 2, 3, 4, 5) };
/** The next process: pid 2002 on the same host, which sees 1001 dead. */
function nextProcess(notes: string[] = []): DistWriteOptions {
  return { pid: 2002, hostname: 'h', randomId: () => 'bb', isAlive: (pid) => pid !== 1001, report: (n) => void notes.push(n) };
}

/** dist/ and nothing else is left in the repository: no lock, journal or scratch folder. */
function expectOnly(dir: string, names: string[]): void {
  expect(fs.readdirSync(dir).sort()).toEqual(names);
}

/**
 * A reference run without faults: its calls, the step number of the committing rename, and the
 * steps worth killing at: every call that changes the disk (a kill before a read leaves the same
 * disk as a kill before the next change), each once with writeFile also torn in half.
 */
function referenceRun(tree: Tree, newTree: Record<string, string> = NEW): { steps: number; commit: number; log: string[]; kills: { k: number; torn: boolean }[] } {
  const { dir, dist } = repo(tree);
  const ffs = new FaultyFs({ root: dir });
  writeDist(dist, files(newTree), { ...WRITER, fs: ffs });
  expect(readTree(dist)).toEqual(newTree);
  expectOnly(dir, ['dist']);
  const commit = ffs.log.indexOf('rename .dist-staging-1001-aa dist') + 1;
  expect(commit).toBeGreaterThan(0);
  const kills = ffs.log.flatMap((call, i) => {
    const op = call.split(' ')[0]!;
    if (['kind', 'readFile', 'readdir'].includes(op)) return [];
    return op === 'writeFile' ? [{ k: i + 1, torn: false }, { k: i + 1, torn: true }] : [{ k: i + 1, torn: false }];
  });
  return { steps: ffs.steps, commit, log: ffs.log, kills };
}

/** Kills a writer (over `tree`) before its k-th call; returns the repository as the kill left it. */
function killWriterAt(tree: Tree, k: number, torn = false, newTree: Record<string, string> = NEW): { dir: string; dist: string } {
  const r = repo(tree);
  const ffs = new FaultyFs({ root: r.dir, killAt: k, torn });
  expect(() => writeDist(r.dist, files(newTree), { ...WRITER, fs: ffs })).toThrow(Killed);
  expect(ffs.killed).toBe(true);
  return r;
}

/**
 * After any kill the state is decidable: dist/ exists, or the journal exists and names the
 * previous folder, which exists (or there never was a dist/).
 */
function expectDecidable(dir: string, dist: string, hadDist: boolean): void {
  if (fs.existsSync(dist) || !hadDist) return;
  const journal = JSON.parse(fs.readFileSync(path.join(dir, '.dist.journal'), 'utf8'));
  expect(journal.previous).toBe('.dist-previous-1001-aa');
  expect(readTree(path.join(dir, journal.previous))).toEqual(OLD);
}

describe('writeDist', () => {
  it('replaces dist/ with exactly the new files, leaving nothing beside it, in this order of system calls', () => {
    const { log } = referenceRun(OLD);
    // The protocol, as documented on writeDist: lock, repair, staging, journal, swap, cleanup, unlock.
    expect(log).toEqual([
      'mkdir .',
      'writeFile .dist.lock.1001.aa',
      'link .dist.lock.1001.aa .dist.lock',
      'unlink .dist.lock.1001.aa',
      'readFile .dist.journal',
      'readdir .',
      'kind dist',
      // Does dist/ hold the new files already? It differs at its first file.
      'kind dist',
      'readdir dist',
      'kind dist/bootstrap',
      'readdir dist/bootstrap',
      'kind dist/bootstrap/c.yaml',
      'readFile dist/bootstrap/c.yaml',
      'mkdir .dist-staging-1001-aa',
      'mkdir .dist-staging-1001-aa/bootstrap',
      'writeFile .dist-staging-1001-aa/bootstrap/c.yaml',
      'mkdir .dist-staging-1001-aa/cluster',
      'writeFile .dist-staging-1001-aa/cluster/a.yaml',
      'writeFile .dist-staging-1001-aa/cluster/d.yaml',
      'kind dist',
      'writeFile .dist.journal.tmp',
      'rename .dist.journal.tmp .dist.journal',
      'rename dist .dist-previous-1001-aa',
      'rename .dist-staging-1001-aa dist',
      'rename .dist-previous-1001-aa .dist-trash-previous-1001-aa',
      'unlink .dist.journal',
      'kind .dist-trash-previous-1001-aa',
      'readdir .dist-trash-previous-1001-aa',
      'kind .dist-trash-previous-1001-aa/bootstrap',
      'readdir .dist-trash-previous-1001-aa/bootstrap',
      'kind .dist-trash-previous-1001-aa/bootstrap/c.yaml',
      'unlink .dist-trash-previous-1001-aa/bootstrap/c.yaml',
      'rmdir .dist-trash-previous-1001-aa/bootstrap',
      'kind .dist-trash-previous-1001-aa/cluster',
      'readdir .dist-trash-previous-1001-aa/cluster',
      'kind .dist-trash-previous-1001-aa/cluster/a.yaml',
      'unlink .dist-trash-previous-1001-aa/cluster/a.yaml',
      'kind .dist-trash-previous-1001-aa/cluster/b.yaml',
      'unlink .dist-trash-previous-1001-aa/cluster/b.yaml',
      'rmdir .dist-trash-previous-1001-aa/cluster',
      'rmdir .dist-trash-previous-1001-aa',
      'readFile .dist.lock',
      'unlink .dist.lock',
    ]);
  });

  it('leaves a dist/ that holds exactly the new files as it is: it only reads', () => {
    const { dir, dist } = repo(NEW);
    const inode = fs.statSync(path.join(dist, 'cluster', 'a.yaml')).ino;
    const ffs = new FaultyFs({ root: dir });
    writeDist(dist, files(NEW), { ...WRITER, fs: ffs });
    const dataCalls = ffs.log.filter((call) => !/^(kind|readdir|readFile) /.test(call) && !call.includes('.dist.lock'));
    expect(dataCalls).toEqual(['mkdir .']);
    expect(fs.statSync(path.join(dist, 'cluster', 'a.yaml')).ino).toBe(inode);
    expect(readTree(dist)).toEqual(NEW);
    expectOnly(dir, ['dist']);
  });

  it.each([
    ['a file more', { ...NEW, 'cluster/z.yaml': 'z\n' }],
    ['a file less', { 'bootstrap/c.yaml': 'new c\n', 'cluster/a.yaml': 'new a\n' }],
    ['a file with other content', { ...NEW, 'cluster/d.yaml': 'other d\n' }],
    ['an empty folder more', null],
  ])('replaces a dist/ that differs from the new files by %s', (_what, tree) => {
    const { dir, dist } = repo(tree ?? NEW);
    if (tree === null) fs.mkdirSync(path.join(dist, 'empty'));
    writeDist(dist, files(NEW), WRITER);
    expect(readTree(dist)).toEqual(NEW);
    expect(fs.readdirSync(dist).sort()).toEqual(['bootstrap', 'cluster']);
    expectOnly(dir, ['dist']);
  });

  it('creates dist/ when there is none', () => {
    const { dir, dist } = repo(null);
    writeDist(dist, files(NEW));
    expect(readTree(dist)).toEqual(NEW);
    expectOnly(dir, ['dist']);
  });

  for (const [label, tree] of [
    ['over a previous dist/', OLD],
    ['with no dist/ before', null],
  ] as const) {
    describe(`killed at every step ${label}`, () => {
      const { kills, commit, log } = referenceRun(tree);
      const journalWritten = log.indexOf('rename .dist.journal.tmp .dist.journal') + 1;
      const journalRemoved = log.indexOf('unlink .dist.journal') + 1;
      /** What the repair says about the interrupted swap, by where the writer was killed. */
      const swapNote = (k: number, dist: string): string | undefined => {
        const who = `a synth (pid 1001, started 2026-01-02T03:04:05.000Z) was interrupted while replacing ${dist}/`;
        if (k <= journalWritten || k > journalRemoved) return undefined;
        if (k < commit) return `${who}, before the swap; ${dist}/ is as it was before that synth (its output was discarded)`;
        if (k === commit && tree !== null) return `${who}; restored ${dist}/ as it was before that synth (its output was discarded)`;
        if (k === commit) return `${who}, before the swap; ${dist}/ is as it was before that synth (its output was discarded)`;
        return `${who}, after the swap; ${dist}/ holds that synth's output`;
      };
      const expected = (k: number) => (k <= commit ? tree : NEW);
      const treeOf = (dist: string) => (fs.existsSync(dist) ? readTree(dist) : null);

      it('repairDist restores the previous dist/ (killed up to the committing rename) or keeps the new one (after it), never a mix, and leaves nothing else', () => {
        for (const { k, torn } of kills) {
          const { dir, dist } = killWriterAt(tree, k, torn);
          expectDecidable(dir, dist, tree !== null);
          const notes: string[] = [];
          repairDist(dist, nextProcess(notes));
          expect({ k, torn, dist: treeOf(dist) }).toEqual({ k, torn, dist: expected(k) });
          expect({ k, note: notes.find((n) => n.startsWith('a synth')) }).toEqual({ k, note: swapNote(k, dist) });
          expectOnly(dir, tree === null && k <= commit ? [] : ['dist']);
        }
      });

      it('the next synth repairs first, then writes its own output', () => {
        // Torn writes only change what is in the staging folder, which the test above covers.
        for (const { k } of kills.filter(({ torn }) => !torn)) {
          const { dir, dist } = killWriterAt(tree, k);
          const notes: string[] = [];
          writeDist(dist, files(NEWER), nextProcess(notes));
          expect({ k, dist: readTree(dist) }).toEqual({ k, dist: NEWER });
          expectOnly(dir, ['dist']);
          // Only a kill between the two renames leaves dist/ missing, and the repair says what it did.
          if (tree !== null && k === commit) {
            expect(notes[0]).toBe(
              `a synth (pid 1001, started 2026-01-02T03:04:05.000Z) was interrupted while replacing ${dist}/; ` +
                `restored ${dist}/ as it was before that synth (its output was discarded)`,
            );
          }
        }
      });

      it('a repair that is itself killed at any step is finished by the next one', () => {
        // Smaller trees (the mixing of trees is checked above; here the repair's own steps are).
        const old = tree === null ? null : { 'cluster/a.yaml': 'old a\n' };
        const next = { 'cluster/a.yaml': 'new a\n', 'cluster/d.yaml': 'new d\n' };
        const small = referenceRun(old, next);
        const firstOf = (pattern: RegExp) => small.log.find((call) => pattern.test(call));
        const lastOf = (pattern: RegExp) => [...small.log].reverse().find((call) => pattern.test(call));
        // One writer kill per kind of state it leaves (the repair's path depends on which of the
        // lock, the journal, dist/, the staging, previous and trash folders exist, and on trees
        // half-written or half-removed), then the repair killed before each of its calls that
        // change the disk.
        const states = small.kills.filter(({ k, torn }) => {
          const call = small.log[k - 1]!;
          return (
            !torn &&
            (/^(rename|link) /.test(call) ||
              /^unlink \.dist\.(journal|lock)$/.test(call) ||
              call.startsWith('writeFile .dist.lock.') ||
              call === lastOf(/^writeFile \.dist-staging-/) ||
              call === firstOf(/^rmdir \.dist-trash-/))
          );
        });
        expect(states.length).toBe(tree === null ? 7 : 10);
        for (const { k } of states) {
          const reference = killWriterAt(old, k, false, next);
          const referenceFs = new FaultyFs({ root: reference.dir });
          repairDist(reference.dist, { ...nextProcess(), fs: referenceFs });
          const repairKills = referenceFs.log.flatMap((call, i) => (/^(kind|readFile|readdir) /.test(call) ? [] : [i + 1]));
          for (const j of repairKills) {
            const { dir, dist } = killWriterAt(old, k, false, next);
            const ffs = new FaultyFs({ root: dir, killAt: j });
            expect(() => repairDist(dist, { ...nextProcess(), fs: ffs })).toThrow(Killed);
            // The killed repairer (2002) is dead too for the process after it.
            repairDist(dist, { pid: 3003, hostname: 'h', isAlive: () => false });
            expect({ k, j, dist: treeOf(dist) }).toEqual({ k, j, dist: k <= small.commit ? old : next });
            expectOnly(dir, old === null && k <= small.commit ? [] : ['dist']);
          }
        }
      });
    });
  }

  it('restores dist/ left in the folder of a synth from before the journal (killed between its two renames)', () => {
    const { dir, dist } = repo(null);
    // What the previous writeDist left when killed between `rename(dist, previous)` and `rename(staging, dist)`.
    fs.cpSync(repo(OLD).dist, path.join(dir, '.dist-previous-4242'), { recursive: true });
    fs.mkdirSync(path.join(dir, '.dist-staging-4242', 'cluster'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.dist-staging-4242', 'cluster', 'a.yaml'), 'half');
    const notes: string[] = [];
    repairDist(dist, nextProcess(notes));
    expect(readTree(dist)).toEqual(OLD);
    expectOnly(dir, ['dist']);
    expect(notes).toEqual([
      `${dist}/ was missing (an earlier synth was killed while replacing it); restored it from ${path.join(dir, '.dist-previous-4242')}`,
      `removed what earlier synths left beside ${dist}/: .dist-staging-4242`,
    ]);
  });

  it('refuses to guess between several old copies when dist/ is missing, naming them', () => {
    const { dir, dist } = repo(null);
    for (const pid of [11, 12]) fs.cpSync(repo(OLD).dist, path.join(dir, `.dist-previous-${pid}`), { recursive: true });
    expect(() => repairDist(dist, nextProcess())).toThrow(DistError);
    try {
      repairDist(dist, nextProcess());
    } catch (error) {
      expect((error as DistError).distState).toBe('missing');
      expect((error as Error).message).toBe(
        `${dist}/: is missing, and earlier synths left 2 copies of it: ${path.join(dir, '.dist-previous-11')}, ${path.join(dir, '.dist-previous-12')}. ` +
          `Fix: rename the copy to keep to ${dist} (\`mv ${path.join(dir, '.dist-previous-11')} ${dist}\`), or run \`git checkout -- ${dist}\`, then run synth again`,
      );
    }
    expectOnly(dir, ['.dist-previous-11', '.dist-previous-12']);
  });

  it('refuses a journal it did not write instead of renaming or removing what it names', () => {
    const { dir, dist } = repo(OLD);
    fs.writeFileSync(
      path.join(dir, '.dist.journal'),
      JSON.stringify({ format: 'falco-gitops/dist-swap/v1', pid: 1, startedAt: 'x', staging: '../../etc', previous: null }),
    );
    expect(() => repairDist(dist, nextProcess())).toThrow(
      `${path.join(dir, '.dist.journal')}: is not a journal this version of synth wrote (expected format falco-gitops/dist-swap/v1), so the state of ${dist}/ cannot be repaired automatically. ` +
        `Fix: check that ${dist}/ is complete`,
    );
    expect(readTree(dist)).toEqual(OLD);
  });

  describe('the lock', () => {
    const record = (pid: number, hostname = 'h') => `${JSON.stringify({ pid, hostname, startedAt: '2026-01-02T03:00:00.000Z' })}\n`;
    /** A writer whose waiting is counted, not slept, with a clock that the sleeps advance. */
    function waiting(extra: DistWriteOptions = {}): { options: DistWriteOptions; sleeps: number[] } {
      let clock = 0;
      const sleeps: number[] = [];
      const options: DistWriteOptions = {
        ...WRITER,
        now: () => clock,
        sleep: (ms) => {
          sleeps.push(ms);
          clock += ms;
        },
        waitMs: 300,
        ...extra,
      };
      return { options, sleeps };
    }

    it('is not taken over from a live process that took it just after it was judged stale: it is linked back, and waited for', () => {
      const { dir, dist } = repo(OLD);
      const lock = path.join(dir, '.dist.lock');
      fs.writeFileSync(lock, record(7)); // dead
      const ffs = new FaultyFs({
        root: dir,
        // Between our read of the dead holder's lock and our rename of it, pid 8 replaces it with its own.
        before: (_step, op, args) => {
          if (op === 'rename' && args[0] === lock && fs.readFileSync(lock, 'utf8') === record(7)) {
            fs.unlinkSync(lock);
            fs.writeFileSync(lock, record(8));
          }
        },
      });
      const { options, sleeps } = waiting({ fs: ffs, isAlive: (pid) => pid === 8 });
      expect(() => writeDist(dist, files(NEW), options)).toThrow(
        `${dist}/: another synth is running (pid 8, since 2026-01-02T03:00:00.000Z); waited 0.3 s for it. ` +
          `Fix: let it finish, then run synth again; if that process is not a synth (or runs on another host and has died), delete ${lock}`,
      );
      expect(sleeps).toEqual([100, 100, 100]);
      expect(fs.readFileSync(lock, 'utf8')).toBe(record(8));
      expect(readTree(dist)).toEqual(OLD);
      expectOnly(dir, ['.dist.lock', 'dist']);
    });

    it("of another host is never taken over, even if that pid does not run here", () => {
      const { dir, dist } = repo(OLD);
      fs.writeFileSync(path.join(dir, '.dist.lock'), record(7, 'build-box'));
      const { options } = waiting({ isAlive: () => false });
      expect(() => writeDist(dist, files(NEW), options)).toThrow(`${dist}/: another synth is running (pid 7 on host build-box, since 2026-01-02T03:00:00.000Z)`);
      expect(readTree(dist)).toEqual(OLD);
    });

    it('that this tool did not write is waited for, then named', () => {
      const { dir, dist } = repo(OLD);
      fs.writeFileSync(path.join(dir, '.dist.lock'), 'locked by hand\n');
      const { options } = waiting();
      expect(() => writeDist(dist, files(NEW), options)).toThrow(
        `${path.join(dir, '.dist.lock')}: received "locked by hand\\n"; is not a synth lock this tool wrote; waited 0.3 s for it. ` +
          `Fix: if no synth is running, delete ${path.join(dir, '.dist.lock')} and run synth again`,
      );
    });

    it('that cannot be removed at the end does not fail the write: a note, and the next synth takes it over', () => {
      const { dir, dist } = repo(OLD);
      const notes: string[] = [];
      const ffs = new FaultyFs({ root: dir, faults: [{ op: 'unlink', path: /^\.dist\.lock$/, code: 'EACCES' }] });
      writeDist(dist, files(NEW), { ...WRITER, fs: ffs, report: (n) => void notes.push(n) });
      expect(readTree(dist)).toEqual(NEW);
      expect(notes).toEqual([`could not remove the synth lock ${path.join(dir, '.dist.lock')} (EACCES); the next synth takes it over, since this process has ended`]);
      writeDist(dist, files(NEWER), nextProcess());
      expect(readTree(dist)).toEqual(NEWER);
      expectOnly(dir, ['dist']);
    });
  });

  it('a leftover that cannot be removed is a note, not a failure', () => {
    const { dir, dist } = repo(OLD);
    fs.mkdirSync(path.join(dir, '.dist-staging-9'));
    fs.writeFileSync(path.join(dir, '.dist-staging-9', 'x.yaml'), 'x');
    const notes: string[] = [];
    const ffs = new FaultyFs({ root: dir, faults: [{ op: 'unlink', path: /^\.dist-staging-9\//, code: 'EACCES' }] });
    writeDist(dist, files(NEW), { ...nextProcess(notes), fs: ffs });
    expect(readTree(dist)).toEqual(NEW);
    const leftover = path.join(dir, '.dist-staging-9');
    expect(notes).toEqual([
      `could not remove ${leftover}, left by an earlier synth (EACCES); make ${leftover} and the folder that holds it yours and writable ` +
        `(e.g. \`chmod -R u+w ${leftover}\`, \`lsattr -d\` shows an immutable flag), then run synth again, or delete it`,
    ]);
  });

  it('a repair that cannot finish stops the write, dist/ as it was, and the journal kept for the next try', () => {
    const { dir, dist } = killWriterAt(OLD, referenceRun(OLD).commit - 1); // journal written, dist/ not yet renamed
    const ffs = new FaultyFs({ root: dir, faults: [{ op: 'unlink', path: /^\.dist\.journal$/, code: 'EROFS' }] });
    let error: unknown;
    try {
      writeDist(dist, files(NEWER), { ...nextProcess(), fs: ffs });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DistError);
    expect((error as DistError).distState).toBe('unchanged');
    expect((error as Error).message).toBe(
      `${path.join(dir, '.dist.journal')}: cannot remove the journal of the interrupted synth after repairing it (EROFS: error). ` +
        `Fix: the file system that holds ${path.join(dir, '.dist.journal')} is read-only: synthesize in a writable checkout`,
    );
    expect(readTree(dist)).toEqual(OLD);
    repairDist(dist, nextProcess());
    expectOnly(dir, ['dist']);
  });
});
