import { UsageError, UserError, type Problem } from '../../core';
import type { ScopeOptionName } from './scope-options';

/** One problem with one scope option; the option is named by the caller's vocabulary when printed. */
export interface ScopeOptionProblem extends Omit<Problem, 'subject'> {
  readonly option: ScopeOptionName;
}

/**
 * The scope options are wrong (a bad namespace, an exclusion that names no rule, …): a mistake
 * of whoever configured the scoping, not of the rule files. Its problems name the library's
 * options; a front end rewords them with `as` so each names what the user wrote (the stack's
 * `rules.scope.files`, the CLI's `--scoped-file`).
 */
export class ScopeOptionsError extends UserError {
  override name = 'ScopeOptionsError';
  constructor(readonly optionProblems: readonly ScopeOptionProblem[]) {
    super(optionProblems.map((p) => toProblem(p, p.option)), { summary: 'invalid scope options' });
  }

  /** The same problems, each naming its option as `subjectOf` says; a usage error for a command line. */
  as(subjectOf: (option: ScopeOptionName) => string, options: { summary: string; usage?: boolean }): UserError {
    const problems = this.optionProblems.map((p) => toProblem(p, subjectOf(p.option)));
    return options.usage ? new UsageError(problems, { summary: options.summary }) : new UserError(problems, { summary: options.summary });
  }
}

function toProblem({ option: _option, ...rest }: ScopeOptionProblem, subject: string): Problem {
  return { subject, ...rest };
}
