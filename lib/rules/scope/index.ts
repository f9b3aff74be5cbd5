export * from './scope-options';
export * from './scope-options-error';
export * from './scope-macros';
export * from './scope-codes';
export * from './scope-rule-files';
export * from './wrap-condition';
export * from './flat-rules-file';
export * from './print-rules-file';
