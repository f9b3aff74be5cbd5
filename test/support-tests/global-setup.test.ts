import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { missingSharedReferences } from '../support/global-setup';
import { REQUIRED_SHARED_FILES, SHARED_DIR } from '../support/shared-dir';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shared-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the suite without ../shared (vitest globalSetup)', () => {
  it('has every reference in this checkout, so the suite runs', () => {
    expect(missingSharedReferences()).toBeUndefined();
    expect(REQUIRED_SHARED_FILES.every((file) => fs.existsSync(path.join(SHARED_DIR, file)))).toBe(true);
  });

  it('says in one line what is missing, why the tests need it, and what a deployment repository runs instead', () => {
    const absent = path.join(tmp, 'no-such-dir');
    expect(missingSharedReferences(absent)).toBe(
      'npm test needs ../shared beside the repository, the pinned upstream references (Falco rules, chart values, CRDs) ' +
        `the product tests compare against, and ${absent} does not exist. In a deployment repository run \`npm run check\` instead.`,
    );
  });

  it('names the missing file when ../shared is incomplete', () => {
    for (const file of REQUIRED_SHARED_FILES.slice(1)) {
      fs.mkdirSync(path.dirname(path.join(tmp, file)), { recursive: true });
      fs.writeFileSync(path.join(tmp, file), '');
    }
    const message = missingSharedReferences(tmp);
    expect(message).toContain(`, and ${tmp} lacks ${REQUIRED_SHARED_FILES[0]}. In a deployment repository`);
    expect(message).not.toContain('\n');
  });
});
