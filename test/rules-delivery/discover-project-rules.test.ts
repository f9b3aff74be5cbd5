import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeUtf8, firstInvalidUtf8Offset, UserError } from '../../lib/core';
import { discoverProjectRules, loadRuleBundles } from '../../lib/rules-delivery';
import { cli } from '../cli/cli-helpers';
import { FIXTURE_PROJECT_RULES, FIXTURE_PROPS } from '../support/fixture-project';
import { mulberry32 } from '../support/prng';
import { tempProject } from '../synth/synth-helpers';
import { resolveStackProps } from '../../lib/stack';

const created: string[] = [];
afterAll(() => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});
function project(options: Parameters<typeof tempProject>[0] = {}): string {
  const dir = tempProject(options);
  created.push(dir);
  return dir;
}

const RULE = fs.readFileSync(FIXTURE_PROJECT_RULES, 'utf8');
const discover = (dir: string) =>
  discoverProjectRules({ baseDir: dir, projectRulesDir: 'rules', upstreamRulesDir: 'rules/upstream', lockFile: 'upstream-rules.lock.yaml' });
/** The message a discovery failure prints (its problems, one a line). */
function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
  throw new Error('expected a user error');
}

describe('rule discovery in the rules folder: loaded or refused, never skipped silently', () => {
  it('loads the *.yaml files in byte order of their names, as Falco sorts a rules folder', () => {
    const dir = project();
    fs.writeFileSync(path.join(dir, 'rules', 'B_rules.yaml'), '- list: b_list\n  items: [b]\n');
    fs.writeFileSync(path.join(dir, 'rules', 'a_rules.yaml'), '- list: a_list\n  items: [a]\n');
    expect(discover(dir).map((f) => f.displayPath)).toEqual(['rules/B_rules.yaml', 'rules/a_rules.yaml', 'rules/falco-gitops_rules.yaml']);
  });

  it('passes over names starting with a dot (.gitkeep, editor files) and the vendored upstream folder', () => {
    const dir = project({ vendorUpstream: true });
    fs.writeFileSync(path.join(dir, 'rules', '.gitkeep'), '');
    fs.writeFileSync(path.join(dir, 'rules', '.falco-gitops_rules.yaml.swp'), '\u0000');
    expect(discover(dir).map((f) => f.name)).toEqual(['falco-gitops_rules.yaml']);
  });

  it('follows a symbolic link to a rule file inside the repository: the target text under the link name', () => {
    const dir = project();
    fs.mkdirSync(path.join(dir, 'shared-rules'));
    fs.writeFileSync(path.join(dir, 'shared-rules', 'team.yaml'), '- list: team_list\n  items: [x]\n');
    fs.symlinkSync(path.join('..', 'shared-rules', 'team.yaml'), path.join(dir, 'rules', 'team_rules.yaml'));
    const found = discover(dir).find((f) => f.name === 'team_rules.yaml');
    expect(found).toEqual({ displayPath: 'rules/team_rules.yaml', name: 'team_rules.yaml', text: '- list: team_list\n  items: [x]\n' });
  });

  it('refuses, all at once, what it would otherwise skip or misread', () => {
    const dir = project();
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'outside-'));
    created.push(outside);
    fs.writeFileSync(path.join(outside, 'x.yaml'), RULE);
    fs.writeFileSync(path.join(dir, 'rules', 'extra_rules.yml'), RULE);
    fs.writeFileSync(path.join(dir, 'rules', 'LOUD_RULES.YAML'), RULE);
    fs.writeFileSync(path.join(dir, 'rules', 'notes.md'), '# notes\n');
    fs.mkdirSync(path.join(dir, 'rules', 'team-a'));
    fs.writeFileSync(path.join(dir, 'rules', 'team-a', 'a_rules.yaml'), RULE);
    fs.symlinkSync(path.join(outside, 'x.yaml'), path.join(dir, 'rules', 'outside_rules.yaml'));
    fs.symlinkSync('missing.yaml', path.join(dir, 'rules', 'dangling_rules.yaml'));
    fs.symlinkSync('team-a', path.join(dir, 'rules', 'linked-dir'));
    fs.writeFileSync(path.join(dir, 'rules', 'upstream.lock.yaml'), fs.readFileSync(path.join(dir, 'upstream-rules.lock.yaml')));
    expect(failure(() => discover(dir))).toBe(
      [
        'rules/: files that synth would not load as written (8 problems):',
        '  - rules/LOUD_RULES.YAML: has an extension synth does not load: rule files end in .yaml (as `falco-gitops lint rules/*.yaml` expects). Fix: rename it to LOUD_RULES.yaml.',
        '  - rules/dangling_rules.yaml: is a symbolic link to nothing (its target does not exist). Fix: point it at a rule file inside the repository, or delete it.',
        '  - rules/extra_rules.yml: has an extension synth does not load: rule files end in .yaml (as `falco-gitops lint rules/*.yaml` expects). Fix: rename it to extra_rules.yaml.',
        '  - rules/linked-dir: is a symbolic link to a folder; rule files in subfolders are not loaded (Falco reads a rules folder without recursing, and a ConfigMap is flat). Fix: move its rule files into rules/ itself, or the folder out of it.',
        '  - rules/notes.md: is not a rule file (*.yaml), and the rules folder holds only rule files, all of which synth delivers to Falco. Fix: move it out of rules/.',
        `  - rules/outside_rules.yaml: is a symbolic link to ${fs.realpathSync(path.join(outside, 'x.yaml'))}, outside the repository: dist/ would depend on a file Git does not hold. Fix: copy the file into the rules folder instead.`,
        '  - rules/team-a: is a subfolder; rule files in subfolders are not loaded (Falco reads a rules folder without recursing, and a ConfigMap is flat). Fix: move its rule files into rules/ itself, or the folder out of it.',
        '  - rules/upstream.lock.yaml: is the upstream rules lock, which now lives at the repository root so that every rules/*.yaml is a rule file. Fix: move it: `git mv rules/upstream.lock.yaml upstream-rules.lock.yaml` (or set rules.lockFile to its path).',
      ].join('\n'),
    );
  });

  it('skips a lock the user keeps in the rules folder on purpose (rules.lockFile)', () => {
    const dir = project();
    fs.renameSync(path.join(dir, 'upstream-rules.lock.yaml'), path.join(dir, 'rules', 'upstream.lock.yaml'));
    const found = discoverProjectRules({ baseDir: dir, projectRulesDir: 'rules', upstreamRulesDir: undefined, lockFile: 'rules/upstream.lock.yaml' });
    expect(found.map((f) => f.name)).toEqual(['falco-gitops_rules.yaml']);
  });

  it('refuses a rule file that is not valid UTF-8, naming file:line:col and the byte offset, instead of shipping U+FFFD', () => {
    const dir = project();
    const bytes = Buffer.concat([Buffer.from('- list: ok\n  items: [caf\u00e9, '), Buffer.from([0xff, 0x41]), Buffer.from(']\n')]);
    fs.writeFileSync(path.join(dir, 'rules', 'latin1_rules.yaml'), bytes);
    const offset = Buffer.from('- list: ok\n  items: [caf\u00e9, ').length;
    expect(failure(() => discover(dir))).toBe(
      'rules/: files that synth would not load as written (1 problem):\n' +
        `  - rules/latin1_rules.yaml:2:17: is not valid UTF-8: byte offset ${offset} starts an invalid sequence (0xff 0x41 0x5d 0x0a). ` +
        'Fix: save the file as UTF-8 (Falco reads rule files as UTF-8); nothing was changed.',
    );
  });

  it('reports the files it read, in load order, to the stack (synth prints them)', () => {
    const dir = project({ vendorUpstream: true });
    fs.writeFileSync(path.join(dir, 'rules', 'zz_rules.yaml'), '- list: zz_list\n  items: [z]\n');
    const loaded = loadRuleBundles({ ...resolveStackProps(FIXTURE_PROPS).rules, baseDir: dir });
    expect(loaded.ruleFiles).toEqual([
      'rules/upstream/falco_rules.yaml',
      'rules/upstream/falco-incubating_rules.yaml',
      'rules/upstream/falco-sandbox_rules.yaml',
      'rules/falco-gitops_rules.yaml',
      'rules/zz_rules.yaml',
    ]);
  });
});

describe('strict UTF-8 decoding', () => {
  const invalid = (...bytes: number[]) => firstInvalidUtf8Offset(Uint8Array.from(bytes));

  it('accepts what TextDecoder accepts and finds the first byte it would replace', () => {
    expect(invalid(0x61, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80)).toBeUndefined();
    expect(invalid(0x61, 0xc0, 0x80)).toBe(1); // overlong NUL
    expect(invalid(0xe0, 0x80, 0x80)).toBe(0); // overlong three-byte form
    expect(invalid(0x61, 0x62, 0xed, 0xa0, 0x80)).toBe(2); // a UTF-16 surrogate
    expect(invalid(0xf4, 0x90, 0x80, 0x80)).toBe(0); // above U+10FFFF
    expect(invalid(0x61, 0xe2, 0x82)).toBe(1); // truncated at the end
    expect(invalid(0x80)).toBe(0); // a lone continuation byte
  });

  it('agrees with the WHATWG decoder on random bytes (seeded)', () => {
    const random = mulberry32(9);
    const strict = new TextDecoder('utf-8', { fatal: true });
    for (let run = 0; run < 2000; run++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(random() * 12) }, () =>
        random() < 0.5 ? Math.floor(random() * 0x80) : 0x80 + Math.floor(random() * 0x80),
      );
      const offset = firstInvalidUtf8Offset(bytes);
      let valid = true;
      try {
        strict.decode(bytes);
      } catch {
        valid = false;
      }
      expect(offset === undefined, Buffer.from(bytes).toString('hex')).toBe(valid);
      // Everything before the reported offset decodes.
      if (offset !== undefined) expect(() => strict.decode(bytes.subarray(0, offset))).not.toThrow();
    }
  });

  it('keeps the text of a valid file, byte-order mark included (the loader drops it, as yaml-cpp does)', () => {
    expect(decodeUtf8(Buffer.from('\ufeff- list: x\n'), 'x.yaml')).toBe('\ufeff- list: x\n');
  });
});

describe('falco-gitops lint of a file that is not valid UTF-8', () => {
  it('exits 1 naming the file, position and byte offset, and lints nothing', async () => {
    const dir = project();
    fs.writeFileSync(path.join(dir, 'bad.yaml'), Buffer.from([0x2d, 0x20, 0xfe, 0x0a]));
    expect(await cli(['lint', 'bad.yaml'], { cwd: dir })).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: bad.yaml:1:3: is not valid UTF-8: byte offset 2 starts an invalid sequence (0xfe 0x0a). ' +
        'Fix: save the file as UTF-8 (Falco reads rule files as UTF-8); nothing was changed.\n',
    });
  });
});
