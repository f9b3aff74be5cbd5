/**
 * `npm run rules:vendor -- [--from DIR|URL] [--to DIR] [--lock FILE]`
 *
 * Puts the upstream Falco rule files pinned in `rules/upstream.lock.yaml` into the vendor
 * directory, refusing any file whose sha256 differs from the lock. Exit 0 done, 1 the download
 * or a checksum failed (one line naming the file), 2 the command line is wrong.
 */
import type { OptionSpec } from '../lib/cli/command';
import { ExitCode } from '../lib/cli/exit-code';
import { parseArgs } from '../lib/cli/parse-args';
import { UsageError } from '../lib/cli/usage-error';
import { VendorError } from '../lib/rules/vendor/vendor-error';
import { vendorRules } from '../lib/rules/vendor/vendor-rules';

const DEFAULT_LOCK_FILE = 'rules/upstream.lock.yaml';
const USAGE = 'Usage: npm run rules:vendor -- [--from DIR|URL] [--to DIR] [--lock FILE]';

const HELP = `${USAGE}

Downloads the upstream Falco rule files pinned in the rules lock into its vendorDir and checks
each file's sha256 before it is moved into place. Nothing is written unless every file matches.

Options:
  --from DIR|URL  Copy from a directory, or download from an http(s) URL base (a mirror), instead
                  of each file's own locked URL
  --to DIR        Destination directory (default: rules.upstreamRulesDir of main.ts, else the
                  lock's vendorDir)
  --lock FILE     Rules lock (default: rules.lockFile of main.ts, else rules/upstream.lock.yaml)
  -h, --help      Show this help and exit
`;

const OPTIONS: readonly OptionSpec[] = [
  { name: 'from', valueName: 'DIR|URL', description: 'source directory or URL base' },
  { name: 'to', valueName: 'DIR', description: 'destination directory' },
  { name: 'lock', valueName: 'FILE', description: 'rules lock' },
];

export interface ScriptIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /**
   * Defaults taken from the stack's props in main.ts (`rules.upstreamRulesDir`, `rules.lockFile`),
   * so the files land in the folder synth reads them from; `--to`/`--lock` still win.
   */
  readonly defaults?: { readonly to?: string; readonly lock?: string };
}

/** Runs the script with `argv` (the arguments after the script name); returns the exit code. */
export async function runVendorRules(argv: readonly string[], io: ScriptIo): Promise<number> {
  const end = argv.indexOf('--');
  if ((end === -1 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h')) {
    io.stdout(HELP);
    return ExitCode.Ok;
  }
  let from: string | undefined;
  let to: string | undefined;
  let lockFile: string;
  try {
    const args = parseArgs(argv, OPTIONS);
    if (args.operands.length > 0) throw new UsageError(`unexpected argument '${args.operands[0]}'`);
    from = optionalString(args.options['from'], 'from');
    to = optionalString(args.options['to'], 'to') ?? io.defaults?.to;
    lockFile = optionalString(args.options['lock'], 'lock') ?? io.defaults?.lock ?? DEFAULT_LOCK_FILE;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`rules:vendor: ${e.message}\n${USAGE}\n`);
    return ExitCode.Usage;
  }
  try {
    const result = await vendorRules({ lockFile, from, to, rootDir: io.cwd });
    for (const f of result.files) io.stdout(`vendored ${f.name} sha256:${f.sha256} from ${f.origin}\n`);
    return ExitCode.Ok;
  } catch (e) {
    if (!(e instanceof VendorError)) throw e;
    io.stderr(`rules:vendor: ${e.message}\n`);
    return ExitCode.Findings;
  }
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new UsageError(`option '--${name}' needs a non-empty value`);
  return value;
}

if (require.main === module) {
  // main.ts only synthesizes when run itself, so importing it just reads the props.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { stackProps } = require('../main') as typeof import('../main');
  runVendorRules(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    defaults: { to: stackProps.rules?.upstreamRulesDir, lock: stackProps.rules?.lockFile },
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // Not a user error: keep the stack so the bug can be reported.
      process.stderr.write(`rules:vendor: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 70;
    },
  );
}
