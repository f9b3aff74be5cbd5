/** The command's name, as users type it and as help and messages show it. */
export const TOOL_NAME = 'falco-gitops';

/** package.json's version, set by scripts/build.js in the CLI bundle; undeclared elsewhere. */
declare const FALCO_GITOPS_VERSION: string | undefined;

/**
 * The package's version, for `--version`. Read through the package's own name (package.json
 * exports `./package.json`), which resolves the same from lib/cli/ under the tests and from
 * build/lib/cli/ at run time, whose depths below the package root differ.
 */
export function packageVersion(): string {
  // The CLI bundle has it as a constant (scripts/build.js `define`); tests run the source.
  if (typeof FALCO_GITOPS_VERSION === 'string') return FALCO_GITOPS_VERSION;
  // A JSON file: require is the one loader that reads it both under Node and under vitest.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pkg = require('falco-gitops/package.json') as { version: string };
  return pkg.version;
}
