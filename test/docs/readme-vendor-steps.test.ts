/**
 * The README's steps for a deployment repository un-ignore the vendored rules before `git add`:
 * in the other order `git add rules/upstream` adds nothing (the folder is git-ignored here).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/shared-dir';

const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const gitignore = fs.readFileSync(path.join(REPO_ROOT, '.gitignore'), 'utf8');

describe('README: committing the vendored upstream rules', () => {
  const lines = readme.split('\n');
  const unignore = lines.findIndex((line) => line.startsWith('sed -i ') && line.includes('.gitignore'));
  const add = lines.findIndex((line) => line.startsWith('git add ') && line.includes('rules/upstream'));

  it('edits .gitignore before `git add`, and adds the edited .gitignore too', () => {
    expect(unignore).toBeGreaterThan(-1);
    expect(add).toBeGreaterThan(unignore);
    expect(lines[add]).toContain('.gitignore');
  });

  it("deletes exactly the .gitignore line that ignores the vendored folder (sed's address, applied here)", () => {
    const address = /^sed -i '\\#(.+)#d' \.gitignore/.exec(lines[unignore] ?? '')?.[1];
    expect(address).toBeDefined();
    const pattern = new RegExp(address!);
    const kept = gitignore.split('\n').filter((line) => !pattern.test(line));
    expect(gitignore.split('\n').filter((line) => pattern.test(line))).toEqual(['/rules/upstream/']);
    expect(kept.some((line) => /rules\/upstream/.test(line) && !line.startsWith('#'))).toBe(false);
  });
});
