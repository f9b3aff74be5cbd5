import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../../core';
import type { CliIo } from '../cli-io';

/** The project's app, which `cdk8s synth` runs (cdk8s.yaml), relative to the working directory. */
export const MAIN_FILE = 'main.ts';

/** The props of `rules` in main.ts that say where synth reads the vendored upstream files. */
export interface MainTsRulesProps {
  readonly upstreamRulesDir?: string;
  readonly lockFile?: string;
}

/**
 * Reads `rules.upstreamRulesDir` and `rules.lockFile` from the `stackProps` that the project's
 * main.ts exports, so `vendor` puts the files where synth reads them (as `npm run rules:vendor`
 * always did). main.ts synthesizes only when run itself, so loading it just evaluates the props,
 * but that loads the whole stack through tsx (cdk8s; a second or two): callers load it only when
 * an option is missing. No main.ts, no `stackProps` export, or no such prop: nothing, and the
 * caller falls back to the lock's defaults.
 */
export async function readMainTsRulesProps(io: CliIo): Promise<MainTsRulesProps> {
  const file = path.join(io.cwd, MAIN_FILE);
  if (!fs.existsSync(file)) return {};
  let exports: unknown;
  try {
    exports = await (io.loadTypeScript ?? requireWithTsx)(file);
  } catch (e) {
    throw new UserError({
      subject: MAIN_FILE,
      problem: `cannot be loaded to read rules.upstreamRulesDir and rules.lockFile: ${firstLine(e)}`,
      fix: '`npm run synth` shows the same error; or give both --to and --lock',
    });
  }
  const rules = (exports as { stackProps?: { rules?: Record<string, unknown> } } | undefined)?.stackProps?.rules;
  const stringProp = (key: keyof MainTsRulesProps): Partial<MainTsRulesProps> => {
    const value = rules?.[key];
    return typeof value === 'string' ? { [key]: value } : {};
  };
  return { ...stringProp('upstreamRulesDir'), ...stringProp('lockFile') };
}

/** tsx (a dependency, as synth compiles main.ts with it too), loaded only now. */
export async function requireWithTsx(file: string): Promise<unknown> {
  // tsx's CommonJS API; a package, so Node's require resolves it under vitest as well.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tsx = require('tsx/cjs/api') as { require: (id: string, fromFile: string) => unknown };
  return tsx.require(file, __filename);
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
