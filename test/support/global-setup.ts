import * as fs from 'node:fs';
import * as path from 'node:path';
import { REQUIRED_SHARED_FILES, SHARED_DIR } from './shared-dir';

/**
 * vitest's globalSetup: the product suite compares the output with pinned upstream references in
 * ../shared (chart values, CRDs, the Falco rules release). Without them nearly every test would fail
 * on its own, each with a stack trace; instead the run stops here, before any test, with one line
 * saying what is missing and why. A deployment repository has no ../shared: it runs
 * `npm run check`, which needs none.
 */
export default function setup(): void {
  const missing = missingSharedReferences();
  if (missing === undefined) return;
  process.stderr.write(`error: ${missing}\n`);
  // Exit here: a thrown error would print vitest's stack trace and report the run as a crash.
  process.exit(1);
}

/** The one-line reason `npm test` cannot run, or undefined when every reference is in place. */
export function missingSharedReferences(sharedDir = SHARED_DIR): string | undefined {
  const absent = REQUIRED_SHARED_FILES.filter((file) => !fs.existsSync(path.join(sharedDir, file)));
  if (absent.length === 0) return undefined;
  const what = fs.existsSync(sharedDir)
    ? `${sharedDir} lacks ${absent.length === 1 ? absent[0] : `${absent.length} of its files (${absent[0]}, …)`}`
    : `${sharedDir} does not exist`;
  return (
    `npm test needs ../shared beside the repository, the pinned upstream references (Falco rules, chart values, CRDs) ` +
    `the product tests compare against, and ${what}. In a deployment repository run \`npm run check\` instead.`
  );
}
