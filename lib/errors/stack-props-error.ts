/**
 * One problem with the stack's props: which prop, what was received, what is allowed.
 * Rendered as `falco.driverKind: received "ebfp"; must be one of ... Fix: ...`.
 */
export interface PropProblem {
  /** Dotted path of the prop inside the stack props, e.g. `falco.chartVersion`. */
  readonly prop: string;
  /** The value received, as the user wrote it. */
  readonly received: unknown;
  /** What is wrong and what is allowed. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
}

/**
 * A user error in the stack definition. Synth prints its message (never a stack trace) and exits 1,
 * leaving the previous `dist/` untouched. Every problem found is reported at once, so a user fixes
 * their props in one round (as aws-cdk's `validate-queue-props.ts` does).
 */
export class StackPropsError extends Error {
  constructor(readonly problems: readonly PropProblem[]) {
    super(formatProblems(problems));
    this.name = 'StackPropsError';
  }
}

/**
 * A user error found while building the stack from files (rule files, lock file, vendored rules).
 * `file` and, where there is one, `line:column` locate it.
 */
export class StackInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackInputError';
  }
}

/** Any error whose message is meant for the user as is. */
export function isUserError(error: unknown): error is StackPropsError | StackInputError {
  return error instanceof StackPropsError || error instanceof StackInputError;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function formatProblems(problems: readonly PropProblem[]): string {
  const lines = problems.map(
    (p) => `  - ${p.prop}: received ${describeValue(p.received)}; ${p.problem}. Fix: ${p.fix}`,
  );
  const noun = problems.length === 1 ? 'problem' : 'problems';
  return [`invalid stack props (${problems.length} ${noun}):`, ...lines].join('\n');
}
