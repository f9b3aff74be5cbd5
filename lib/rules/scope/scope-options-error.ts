/**
 * The scope options are wrong (a bad namespace, an exclusion that names no rule, …): a mistake
 * of whoever configured the scoping, not of the rule files. `problems` holds one message per
 * problem, each naming the option and the value; `message` is all of them, one per line.
 * The CLI turns it into a usage error (exit 2), synth into a failure.
 */
export class ScopeOptionsError extends Error {
  override readonly name = 'ScopeOptionsError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}
