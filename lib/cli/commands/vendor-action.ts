import * as path from 'node:path';
import { UsageError } from '../../core';
import { VendorError, vendorRules, type VendorRulesResult } from '../../rules';
import type { CliIo } from '../cli-io';
import { ExitCode } from '../exit-code';
import { readMainTsRulesProps, type MainTsRulesProps } from './main-ts-rules-props';
import type { VendorCommandOptions } from './vendor';

/**
 * The lock synth reads when main.ts sets no `rules.lockFile` (RULE_BUNDLES_DEFAULTS.lockFile of
 * lib/rules-delivery, which this command does not load: it would load cdk8s; a test keeps the two equal).
 */
export const DEFAULT_LOCK_FILE = 'upstream-rules.lock.yaml';

/** `falco-gitops vendor`: vendors the locked upstream files, all or nothing. */
export async function runVendor(options: VendorCommandOptions, io: CliIo): Promise<number> {
  const empty = (['from', 'to', 'lock'] as const).filter((key) => options[key] === '');
  if (empty.length > 0) {
    throw new UsageError(empty.map((key) => ({ subject: `--${key}`, received: '', problem: 'needs a non-empty value' })));
  }
  const props: MainTsRulesProps = options.to !== undefined && options.lock !== undefined ? {} : await readMainTsRulesProps(io);
  let result: VendorRulesResult;
  try {
    result = await vendorRules({
      lockFile: options.lock ?? props.lockFile ?? DEFAULT_LOCK_FILE,
      from: options.from,
      to: options.to ?? props.upstreamRulesDir,
      rootDir: io.cwd,
    });
  } catch (e) {
    // Name files as the user sees them from the working directory, not by this machine's absolute paths.
    if (e instanceof VendorError) throw e.relativeTo(io.cwd);
    throw e;
  }
  if (options.format === 'json') {
    const files = result.files.map(({ name, sha256, origin }) => ({ name, sha256, origin }));
    io.stdout(`${JSON.stringify({ dir: path.relative(io.cwd, result.dir) || '.', files }, null, 2)}\n`);
  } else {
    for (const f of result.files) io.stdout(`vendored ${f.name} sha256:${f.sha256} from ${f.origin}\n`);
  }
  return ExitCode.Ok;
}
