export * from './fail-on-errors';
export * from './load-rule-bundles';
export * from './rule-bundle';
