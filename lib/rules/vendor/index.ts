export * from './vendor-error';
export * from './rules-lock';
export * from './fetch-rule-file';
export * from './vendor-rules';
export * from './verify-vendored-rules';
