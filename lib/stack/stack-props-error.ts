import { UserError, type Problem } from '../core';

/**
 * Invalid stack props: every problem at once (as aws-cdk's `validate-queue-props.ts` does), each
 * naming the prop as the user wrote it (`falco.driverKind`), the value received and the fix.
 */
export class StackPropsError extends UserError {
  override name = 'StackPropsError';
  constructor(problems: readonly Problem[]) {
    super(problems, { summary: 'invalid stack props' });
  }
}
