import { main, type CliCommand, type CliIo } from '../../lib/cli';
import { REPO_ROOT } from '../support/shared-dir';

/** What one in-process run of `falco-gitops` printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions extends Partial<Pick<CliIo, 'cwd' | 'loadTypeScript' | 'readStdin' | 'buildStack'>> {
  /** Replaces the registered commands. */
  readonly commands?: readonly CliCommand[];
}

/** Runs `falco-gitops ...argv` in this process, as bin/falco-gitops.js would, collecting its output. */
export async function cli(argv: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    cwd: options.cwd ?? REPO_ROOT,
    ...(options.loadTypeScript !== undefined ? { loadTypeScript: options.loadTypeScript } : {}),
    ...(options.readStdin !== undefined ? { readStdin: options.readStdin } : {}),
    ...(options.buildStack !== undefined ? { buildStack: options.buildStack } : {}),
  };
  const code = await main(argv, io, ...(options.commands !== undefined ? [options.commands] : []));
  return { code, stdout, stderr };
}

/** A stack trace line, as Node prints them. */
export const STACK_LINE = /^\s+at .+[:(]/m;
