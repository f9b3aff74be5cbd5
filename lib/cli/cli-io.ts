import type { App } from 'cdk8s';
import type { FalcoGitopsStackProps } from '../stack';
import type { SynthesizableStack } from '../synth';

/**
 * Everything a command touches outside its arguments. `run()` passes the process's streams and
 * directory; tests pass collecting functions and a temporary directory, and call `main` in-process.
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Directory that relative operands and option values are resolved against. */
  readonly cwd: string;
  /**
   * Loads a TypeScript module and returns its exports: `vendor` reads the stack props that the
   * project's `main.ts` exports, so the files land where synth reads them.
   * @default - tsx's `require`, loaded only when `vendor` needs it
   */
  readonly loadTypeScript?: (file: string) => Promise<unknown>;
  /**
   * Builds the stack that `check` synthesizes from main.ts's props. Tests pass a stack with a
   * planted fault (an object the library's constructs never render) to reach the checks of the
   * synthesized manifests.
   * @default - `new FalcoGitopsStack(app, 'FalcoGitops', props, { baseDir })`
   */
  readonly buildStack?: (app: App, props: FalcoGitopsStackProps, baseDir: string) => SynthesizableStack;
  /**
   * Reads standard input (the operand `-`) up to `limit` bytes.
   * @default - the process's standard input (lib/cli/read-input.ts)
   */
  readonly readStdin?: (limit: number) => Buffer;
  /**
   * Width that help text is wrapped to.
   * @default 80
   */
  readonly columns?: number;
}
