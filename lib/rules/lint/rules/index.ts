export * from './all-lint-rules';
