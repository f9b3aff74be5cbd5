export * from './effective-ruleset';
export { loadRuleFiles, loadRuleTexts, loadRuleTextsDetailed, readRuleFiles } from './load-rule-files';
export type { DetailedLoadResult, LoadDetails, LoadResult } from './load-rule-files';
export { compileRuleCondition, ConditionCompiler, ConditionCompileError } from './compile-condition';
export type { CompiledCondition, CompileErrorCode } from './compile-condition';
export { conditionWithExceptions, exceptionClause, quoteItem } from './exception-condition';
export { checkExceptionField, isOperatorForList, isStrOperatorWithModifier, normalizeComp } from './exception-comps';
export { expandListItems, mentionsList, substituteList, substituteLists } from './list-expansion';
export { isCompatible, parseVersion, formatVersion, compareVersions } from './engine-version';
export type { Semver } from './engine-version';
export { LOAD_CHECKS, LOAD_MESSAGES } from './load-checks';
export type { LoadCheck } from './load-checks';

export { MappedText, partPosition } from './mapped-text';
export type { PlacedSyntaxError, SourcePosition } from './mapped-text';
export { SourceFile } from './source-file';
