
export { lintLoaded, lintRules, lintRuleTexts } from './lint-rules';
export { LintContext } from './lint-context';
export type { ConditionNodes, MacroUsage, ParsedCondition } from './lint-context';
export { defineLintRule } from './lint-rule';
export type { LintReport, LintRule } from './lint-rule';
export { ERROR_LINT_RULES, LINT_RULES } from './rules';
export { outputFields } from './output-format';
export type { OutputField, OutputSyntaxError } from './output-format';
