import type { SourceRef } from '../loader';
import type { RelatedLocation, Severity } from '../diagnostic';
import type { LintContext } from './lint-context';

/**
 * Reports one finding of a lint rule; `severity` overrides the rule's default where a rule
 * documents why; `related` are other places the finding is about.
 */
export type LintReport = (at: SourceRef, message: string, severity?: Severity, related?: readonly RelatedLocation[]) => void;

/**
 * A lint rule, in the shape of ESLint's: an id, a default severity, a description, its message
 * texts in one place, and a `check` that reports findings. Rules only read the context.
 */
export interface LintRule<M extends Readonly<Record<string, (...args: never[]) => string>> = Readonly<Record<string, (...args: never[]) => string>>> {
  readonly id: string;
  readonly severity: Severity;
  readonly description: string;
  readonly messages: M;
  check(ctx: LintContext, report: LintReport): void;
}

/** Identity helper that keeps the message types of a rule literal. */
export function defineLintRule<M extends Readonly<Record<string, (...args: never[]) => string>>>(rule: LintRule<M>): LintRule<M> {
  return rule;
}
