import type { LintRule } from '../lint-rule';
import { appendPrecedence } from './append-precedence';
import { conditionSyntax } from './condition-syntax';
import { deprecatedField } from './deprecated-field';
import { expandedCondition } from './expanded-condition';
import { fieldTransformer } from './field-transformer';
import { invalidFilterValue } from './invalid-filter-value';
import { listCycle } from './list-cycle';
import { macroCycle } from './macro-cycle';
import { operatorType } from './operator-type';
import { outputFieldsRule } from './output-fields';
import { pluginVersions } from './plugin-versions';
import { rhsField } from './rhs-field';
import { undefinedList } from './undefined-list';
import { undefinedMacro } from './undefined-macro';
import { unknownEventType } from './unknown-event-type';
import { unknownField } from './unknown-field';
import { unknownSource } from './unknown-source';

/** Every lint rule, run in this order after the loader's own checks. */
export const LINT_RULES: readonly LintRule[] = [
  conditionSyntax,
  expandedCondition,
  undefinedMacro,
  undefinedList,
  macroCycle,
  listCycle,
  appendPrecedence,
  unknownSource,
  unknownField,
  unknownEventType,
  fieldTransformer,
  operatorType,
  rhsField,
  invalidFilterValue,
  outputFieldsRule,
  deprecatedField,
  pluginVersions,
];

/**
 * The lint rules that can report an error: for a check whose warnings are not shown (synth's
 * second lint, of the scoped files it generated, which must only load in Falco). A rule declared
 * with severity 'warning' never reports an error (tested over every fixture).
 */
export const ERROR_LINT_RULES: readonly LintRule[] = LINT_RULES.filter((rule) => rule.severity === 'error');
