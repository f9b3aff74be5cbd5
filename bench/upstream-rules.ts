import * as fs from 'node:fs';
import * as path from 'node:path';
import { UPSTREAM_RULE_FILES } from '../test/support/shared-dir';

/** The three pinned upstream rule files, in load order, read from `../shared` (outside any timing). */
export function readUpstreamRules(): { name: string; text: string }[] {
  return UPSTREAM_RULE_FILES.map((file) => ({ name: path.basename(file), text: fs.readFileSync(file, 'utf8') }));
}
