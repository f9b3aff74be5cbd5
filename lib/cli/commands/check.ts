import type { CliCommand } from '../cli-command';
import { paragraphs } from '../paragraphs';

/** The options as commander hands them to the action. */
export interface CheckCommandOptions {
  readonly dist: string;
}

export const checkCommand: CliCommand = (program, { io, exit }) =>
  program
    .command('check')
    .summary("check this repository's stack: it synthesizes, and the committed dist/ is fresh")
    .description(
      paragraphs(
        "What a deployment repository runs in CI (npm run check). Loads ./main.ts's exported stackProps and synthesizes the stack in memory, as npm run synth would, without writing anything: everything synth refuses (every prop rule, credential-shaped values included; the rule files, each one listed in load order, and their lint before and after scoping; the vendored files against the lock; the ConfigMap size limit). Then compares the result with the committed dist/, file by file.",
        'Needs no network and no ../shared: the schema and chart-values checks of every object the stack can render are the product\'s own tests (npm test), which need the pinned references.',
        'Exit status: 0 the stack synthesizes and dist/ is fresh (warnings allowed), 1 it does not or dist/ is stale, 2 usage error.',
      ),
    )
    .option('--dist <dir>', 'the committed output folder to compare with', 'dist')
    .action(async (options: CheckCommandOptions) => {
      const { runCheck } = await import('./check-action');
      exit(await runCheck(options, io));
    });
