import type { CliCommand } from '../cli-command';
import { checkCommand } from './check';
import { driftCommand } from './drift';
import { lintCommand } from './lint';
import { scopeCommand } from './scope';
import { vendorCommand } from './vendor';

/**
 * Every `falco-gitops` command, in the order `--help` lists them. To add one, write
 * `commands/<name>.ts` (its commander definition) and `commands/<name>-action.ts` (what it does,
 * loaded when it runs) and list it here; `main` needs no change.
 */
export const COMMANDS: readonly CliCommand[] = [lintCommand, scopeCommand, vendorCommand, checkCommand, driftCommand];
