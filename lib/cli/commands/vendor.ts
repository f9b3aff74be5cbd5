import type { CliCommand } from '../cli-command';
import { formatOption, type OutputFormat } from '../format-option';
import { paragraphs } from '../paragraphs';

/** The options as commander hands them to the action. */
export interface VendorCommandOptions {
  readonly from?: string;
  readonly to?: string;
  readonly lock?: string;
  readonly format: OutputFormat;
}

export const vendorCommand: CliCommand = (program, { io, exit }) =>
  program
    .command('vendor')
    .summary('vendor the upstream rule files of the rules lock')
    .description(
      paragraphs(
        "Downloads the upstream Falco rule files pinned in the rules lock and checks each file's sha256 before it is moved into place: nothing is written unless every file matches.",
        "By default the files go where synth reads them: rules.upstreamRulesDir of the stack props that ./main.ts exports (stackProps), else the lock's vendorDir; and the lock is rules.lockFile of those props, else upstream-rules.lock.yaml. Reading main.ts loads the stack (a second or two); giving both --to and --lock skips it.",
        'Prints one line per file, vendored NAME sha256:HEX from SOURCE, or one JSON document with --format json.',
        'Exit status: 0 done, 1 a download, a checksum or the lock failed (nothing was changed), 2 usage error.',
      ),
    )
    .option('--from <dir|url>', "copy from a folder, or download from an http(s) URL base (a mirror), instead of each file's locked URL")
    .option('--to <dir>', "destination folder (default: rules.upstreamRulesDir of main.ts, else the lock's vendorDir)")
    .option('--lock <file>', 'rules lock (default: rules.lockFile of main.ts, else upstream-rules.lock.yaml)')
    .addOption(formatOption())
    .action(async (options: VendorCommandOptions) => {
      const { runVendor } = await import('./vendor-action');
      exit(await runVendor(options, io));
    });
