/**
 * The one error model of every front end (synth, the CLI, vendoring). A user error carries
 * structured problems, each naming the thing as the user wrote it; front ends format them at the
 * edge with `formatUserError` and never print a stack trace for them. Anything else that is thrown
 * is a bug: front ends print it with `formatInternalError`.
 */

/** One problem with what the user gave: a prop, an option, a file. */
export interface Problem {
  /**
   * What the user wrote, as they wrote it: a prop path (`falco.driverKind`), a command-line option
   * (`--namespace`), or a file with its position (`rules/x.yaml:3:5`).
   */
  readonly subject: string;
  /** The value received, when there is one to show (a key that is absent shows as `nothing`). */
  readonly received?: unknown;
  /** What is wrong and what is allowed. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix?: string;
}

/** Exit status of a user error: 1 the input is wrong, 2 the command line is wrong (grep/eslint convention). */
export type UserErrorExitCode = 1 | 2;

export interface UserErrorOptions {
  /**
   * A heading for several problems, e.g. `invalid stack props`; printed as `<summary> (N problems):`
   * with one problem a line below it.
   * @default - the problems alone
   */
  readonly summary?: string;
  /** @default 1 */
  readonly exitCode?: UserErrorExitCode;
}

/**
 * Marks user errors across copies of this module: the CLI runs as one bundle
 * (`build/cli/falco-gitops.js`) while a `main.ts` it loads imports the library from `build/lib/`,
 * so an error thrown there is an instance of another `UserError` class.
 */
const USER_ERROR = Symbol.for('falco-gitops.UserError');

/** A mistake of the user's, with every problem found (reported all at once, so one round fixes them). */
export class UserError extends Error {
  override name = 'UserError';
  readonly [USER_ERROR] = true;
  readonly problems: readonly Problem[];
  readonly summary: string | undefined;
  readonly exitCode: UserErrorExitCode;

  constructor(problems: Problem | readonly Problem[], options: UserErrorOptions = {}) {
    const list: readonly Problem[] = isProblemList(problems) ? problems : [problems];
    super(formatProblems(list, options.summary));
    this.problems = list;
    this.summary = options.summary;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** A mistake on the command line (unknown option, missing operand): exit status 2. */
export class UsageError extends UserError {
  override name = 'UsageError';
  constructor(problems: Problem | readonly Problem[], options: Omit<UserErrorOptions, 'exitCode'> = {}) {
    super(problems, { ...options, exitCode: 2 });
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError || (error instanceof Error && (error as Partial<Record<typeof USER_ERROR, unknown>>)[USER_ERROR] === true);
}

/** `subject: received "x"; problem. Fix: fix` */
export function formatProblem(p: Problem): string {
  const received = 'received' in p ? `received ${describeValue(p.received)}; ` : '';
  const fix = p.fix !== undefined ? ` Fix: ${p.fix}` : '';
  return `${p.subject}: ${received}${p.problem}${/[.:!?\]]$/.test(p.problem) ? '' : '.'}${fix}`;
}

function formatProblems(problems: readonly Problem[], summary: string | undefined): string {
  if (summary === undefined && problems.length === 1) return formatProblem(problems[0] as Problem);
  const noun = problems.length === 1 ? 'problem' : 'problems';
  const heading = `${summary ?? 'invalid input'} (${problems.length} ${noun}):`;
  return [heading, ...problems.map((p) => `  - ${formatProblem(p)}`)].join('\n');
}

/** The terminal form of a user error: `error: ` and the message. */
export function formatUserError(error: UserError): string {
  return `error: ${error.message}`;
}

/**
 * The terminal form of a bug: one line and where to report it; the stack trace only when asked
 * for (`--debug`, or `FALCO_GITOPS_DEBUG=1` under synth).
 */
export function formatInternalError(error: unknown, debug: boolean): string {
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  const detail = debug && error instanceof Error && error.stack !== undefined ? `\n${error.stack}` : '';
  const hint = debug
    ? 'please report it with this output'
    : 'please report it with the command you ran (rerun with --debug, or FALCO_GITOPS_DEBUG=1 under synth, for the stack trace)';
  return `internal error: ${message}. This is a bug in falco-gitops: ${hint}${detail}`;
}

/** A value as it appears in a message: strings quoted, absent values as `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function isProblemList(p: Problem | readonly Problem[]): p is readonly Problem[] {
  return Array.isArray(p);
}
