import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUserError, UsageError, UserError } from '../../lib/core';
import { REPO_ROOT } from '../support/shared-dir';

describe('isUserError', () => {
  it('knows a user error from another copy of the library (the CLI bundle loading a main.ts that imports build/lib/)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const other = require(path.join(REPO_ROOT, 'build', 'lib', 'core', 'index.js')) as typeof import('../../lib/core');
    expect(other.UserError).not.toBe(UserError);
    const foreign = new other.UserError({ subject: 'falco.driverKind', problem: 'is wrong' });
    expect(foreign instanceof UserError).toBe(false);
    expect(isUserError(foreign)).toBe(true);
    expect(isUserError(new other.UsageError({ subject: '--x', problem: 'unknown' }))).toBe(true);
    expect(isUserError(new UsageError({ subject: '--x', problem: 'unknown' }))).toBe(true);
  });

  it('refuses anything else, including an Error that only looks like one', () => {
    const lookalike = Object.assign(new Error('x'), { problems: [], exitCode: 1 });
    for (const value of [lookalike, new TypeError('x'), { problems: [] }, 'UserError', undefined, null]) expect(isUserError(value)).toBe(false);
  });
});
