export * from './ast';
export * from './errors';
export * from './operators';
export { DEFAULT_MAX_DEPTH, parseCondition } from './parser';
export type { ParseOptions } from './parser';
export { ConditionPrintError, printCondition, printNode } from './printer';
export * from './visit';
export { TOKEN_PATTERNS } from './token-patterns';
export type { TokenKind } from './token-patterns';
