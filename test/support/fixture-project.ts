import * as path from 'node:path';

/**
 * The product tests' deployment repository (test/fixtures/project): main.ts's props as shipped,
 * the project's rule file and the upstream rules lock, frozen. Tests read these, never the
 * checkout's main.ts, rules/ or lock, which belong to whoever deploys the stack (item 9 of issue 9:
 * vendoring or adding a rule file must not break the product's tests).
 */
export const FIXTURE_PROJECT = path.resolve(__dirname, '..', 'fixtures', 'project');

/** The project's own rule file in the fixture, as the checkout ships it. */
export const FIXTURE_PROJECT_RULES = path.join(FIXTURE_PROJECT, 'rules', 'falco-gitops_rules.yaml');

/** The upstream rules lock in the fixture (falco-rules 5.1.0, the files under ../shared/upstream/falco-rules). */
export const FIXTURE_LOCK = path.join(FIXTURE_PROJECT, 'upstream-rules.lock.yaml');

export { stackProps as FIXTURE_PROPS } from '../fixtures/project/stack-props';
