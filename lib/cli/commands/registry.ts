import type { Command } from '../command';
import { lintCommand } from './lint';
import { scopeCommand } from './scope';

/**
 * Every `falco-gitops` command, in the order `--help` lists them. To add one, write
 * `commands/<name>.ts` exporting a `Command` and add it here; `main.ts` needs no change.
 */
export const COMMANDS: readonly Command[] = [lintCommand, scopeCommand];
