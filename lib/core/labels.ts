/** Labels every object of the stack carries, so `kubectl get -l` finds them and reviewers see the owner. */
export const PART_OF_LABEL = 'app.kubernetes.io/part-of';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const STACK_NAME = 'falco-gitops';

export function stackLabels(extra: Record<string, string> = {}): Record<string, string> {
  return { [PART_OF_LABEL]: STACK_NAME, [MANAGED_BY_LABEL]: 'cdk8s', ...extra };
}
