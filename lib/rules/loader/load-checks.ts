import { FALCO_PRIORITY_SPELLINGS, quoteList } from '../../core';
import type { Severity } from '../diagnostic';
import { isStrOperatorWithModifier } from './exception-comps';

const isSupportedModifierBase = (comp: string): boolean => isStrOperatorWithModifier(`${comp} oneof`);

/**
 * The checks the loader performs while reading and merging rules files, with their severity and
 * every message text in one place (in the spirit of Falco's `rule_loading_messages.h`).
 *
 * Severity follows one principle: `error` when Falco 0.44 would refuse to load the files
 * (it then crash-loops), `warning` when Falco loads them but the result is likely not what the
 * author meant, or Falco itself prints a warning.
 */
export interface LoadCheck {
  readonly id: string;
  readonly severity: Severity;
  readonly description: string;
}

const check = (id: string, severity: Severity, description: string): LoadCheck => ({ id, severity, description });

export const LOAD_CHECKS = {
  yamlSyntax: check('yaml-syntax', 'error', 'The file is not valid YAML (Falco: LOAD_ERR_YAML_PARSE).'),
  notASequence: check('not-a-sequence', 'error', 'A YAML document is not a sequence of items.'),
  itemNotAMap: check('item-not-a-map', 'error', 'An item of the sequence is not a mapping.'),
  unknownItem: check('unknown-item', 'warning', 'An item is none of rule, macro, list, required_*; Falco ignores it.'),
  unknownKey: check('unknown-key', 'warning', 'A key Falco does not know for this item type; Falco warns (LOAD_UNKNOWN_KEY) and ignores it.'),
  schemaUnknownKey: check(
    'schema-unknown-key',
    'warning',
    'A key of an exception or required_plugin_versions entry that Falco ignores; only its rules schema validation reports it.',
  ),
  duplicateKey: check('duplicate-key', 'warning', 'The same key appears twice in one mapping.'),
  missingKey: check('missing-key', 'error', 'A required key is missing.'),
  emptyValue: check('empty-value', 'error', 'A key that needs a value has none.'),
  invalidValue: check('invalid-value', 'error', 'A value has the wrong type (scalar, sequence, boolean, integer).'),
  invalidName: check('invalid-name', 'warning', 'A macro or list name that conditions cannot reference.'),
  invalidPriority: check('invalid-priority', 'error', 'A priority Falco does not accept.'),
  invalidOverride: check('invalid-override', 'error', 'A malformed or inconsistent `override` section.'),
  deprecatedAppend: check('deprecated-append', 'warning', '`append: true` is deprecated in favour of `override`.'),
  deprecatedEnabled: check('deprecated-enabled', 'warning', 'An `enabled`-only item is deprecated in favour of `override`.'),
  ignoredKey: check('ignored-key', 'warning', 'A key Falco reads but ignores in this form of item.'),
  undefinedTarget: check('undefined-target', 'error', 'Append, override or enable of an item that is not defined earlier.'),
  sourceMismatch: check('source-mismatch', 'error', 'A rule redefined with a different source.'),
  redefinition: check('redefinition', 'warning', 'An item redefined without override, silently replacing the earlier one.'),
  replaceUndefined: check('replace-undefined', 'warning', '`override: replace` of a list or macro not defined earlier; Falco defines it as new.'),
  engineVersionInvalid: check('engine-version-invalid', 'error', 'A required_engine_version that is not x.y.z or an integer.'),
  engineVersionTooNew: check('engine-version-too-new', 'error', 'A required_engine_version newer than Falco 0.44.1 provides.'),
  pluginVersionInvalid: check('plugin-version-invalid', 'error', 'A malformed required_plugin_versions entry.'),
  exceptionInvalid: check('exception-invalid', 'error', 'An exception whose fields, comps and values do not line up.'),
  exceptionDuplicate: check('exception-duplicate', 'warning', 'Two exceptions with the same name in one item.'),
  exceptionNoValues: check('exception-no-values', 'warning', 'An appended or overriding exception without values.'),
} as const;

export type LoadCheckName = keyof typeof LOAD_CHECKS;


/** Message texts of the loader checks. `what` names the item, e.g. `rule 'Terminal shell in container'`. */
export const LOAD_MESSAGES = {
  yamlSyntax: (detail: string) => `invalid YAML: ${detail}; fix the syntax so the file parses`,
  notASequence: (kind: string) =>
    `a rules file must be a YAML sequence of items ('- rule: ...', '- macro: ...', '- list: ...'), but this document is ${kind}`,
  itemNotAMap: (kind: string) => `each item must be a mapping such as '- rule: NAME', but this item is ${kind}`,
  unknownItem: () =>
    "item has none of the keys 'rule', 'macro', 'list', 'required_engine_version', 'required_plugin_versions', so Falco ignores it; add the key that names its type or remove it",
  // Falco's own text first (falcosecurity/falco@0.44.1:userspace/engine/rule_loader_reader.cpp:418).
  unknownKey: (what: string, key: string, allowed: readonly string[], suggestion?: string) =>
    `${what}: Unknown key '${key}'. The key will be ignored. ${
      suggestion !== undefined ? `Did you mean '${suggestion}'?` : `Allowed keys are ${quoteList(allowed)}.`
    }`,
  schemaUnknownKey: (what: string, key: string, allowed: readonly string[], suggestion?: string) =>
    `${what}: unknown key '${key}', Falco ignores it (its rules schema does not allow it, so Falco lists it among the schema warnings); ${
      suggestion !== undefined ? `did you mean '${suggestion}'?` : `allowed keys are ${quoteList(allowed)}`
    }`,
  duplicateKey: (key: string) => `key '${key}' appears more than once in this mapping; Falco reads only the first, remove the others`,
  missingKey: (what: string, key: string, hint: string) => `${what}: missing key '${key}'${hint}`,
  emptyValue: (what: string, key: string) => `${what}: '${key}' has no value; give it one or remove the key`,
  notAScalar: (what: string, key: string, kind: string) => `${what}: '${key}' must be a single value (a string), but it is ${kind}`,
  emptyString: (what: string, key: string) => `${what}: '${key}' must not be an empty string`,
  notABool: (what: string, key: string, text: string) => `${what}: '${key}' must be true or false, not '${text}'`,
  notAnInteger: (what: string, key: string, text: string) => `${what}: '${key}' must be an integer, not '${text}'`,
  notASequenceValue: (what: string, key: string, kind: string, example: string) =>
    `${what}: '${key}' must be a sequence such as ${example}, but it is ${kind}`,
  itemNotAScalar: (what: string, key: string, kind: string) =>
    `${what}: every element of '${key}' must be a single value (a string), but this one is ${kind}`,
  invalidMacroName: (name: string) =>
    `macro name '${name}' is not an identifier ([a-zA-Z]+[a-zA-Z0-9_]*), so no condition can reference it; rename it`,
  invalidListName: (name: string) =>
    `list name '${name}' contains blanks or one of ( ) " ' = , so no condition can reference it; rename it`,
  invalidPriority: (what: string, text: string) =>
    `${what}: invalid priority '${text}'; use one of ${FALCO_PRIORITY_SPELLINGS}`,
  overrideNotAMap: (what: string, kind: string) =>
    `${what}: 'override' must be a mapping of key to 'append' or 'replace', such as 'override: { condition: append }', but it is ${kind}`,
  overrideBadOperation: (what: string, key: string, op: string, allowed: readonly string[]) =>
    `${what}: invalid override operation '${op}' for '${key}'; use ${allowed.length > 0 ? allowed.map((a) => `'${a}'`).join(' or ') : "nothing: this key cannot be overridden"}`,
  overrideNotAppendable: (what: string, key: string, appendable: readonly string[], replaceable: boolean) =>
    `${what}: '${key}' cannot be appended to${replaceable ? `, use '${key}: replace'` : ''}; keys that can be appended are ${quoteList(appendable)}`,
  overrideNotReplaceable: (what: string, key: string, replaceable: readonly string[]) =>
    `${what}: '${key}' cannot be replaced; keys that can be replaced are ${quoteList(replaceable)}`,
  overrideWithAppend: (what: string) =>
    `${what}: 'append: true' and 'override' cannot be used together; remove 'append' and keep 'override'`,
  overrideKeyMissing: (what: string, op: string, key: string) =>
    `${what}: override says '${key}: ${op}' but the item has no '${key}'; add '${key}' or remove it from 'override'`,
  overrideKeyUnlisted: (what: string, key: string) =>
    `${what}: '${key}' is set but not listed under 'override'; add '${key}: append' or '${key}: replace' to 'override', or remove the key`,
  deprecatedAppend: (what: string, replacement: string) =>
    `${what}: 'append: true' is deprecated; write ${replacement} instead`,
  deprecatedEnabled: (what: string) =>
    `${what}: an item with only 'enabled' is deprecated; add 'override: { enabled: replace }'`,
  ignoredWithAppend: (what: string, key: string) =>
    `${what}: '${key}' is ignored with 'append: true' (only 'condition' and 'exceptions' are appended); use 'override: { ${key}: append }' or '${key}: replace'`,
  undefinedTarget: (kind: string, name: string, how: string) =>
    `${kind} '${name}' ${how} but no ${kind} '${name}' is defined before it; define it first, or load the file that defines it earlier`,
  appendNothing: (what: string) =>
    `${what}: 'append: true' without 'condition' or 'exceptions' appends nothing; add one of them or remove the item`,
  sourceMismatch: (name: string, previous: string, next: string) =>
    `rule '${name}' is redefined with source '${next}' but was defined with source '${previous}'; keep the same source or rename the rule`,
  replaceUndefined: (kind: string, name: string, key: string) =>
    `${kind} '${name}' uses 'override: { ${key}: replace }' but no ${kind} '${name}' is defined before it, so Falco defines it as new; remove 'override', or load the file that defines it earlier`,
  redefinition: (kind: string, name: string, at: string, fix: string) =>
    `${kind} '${name}' replaces the different definition at ${at}; ${fix}`,
  engineVersionInvalid: (text: string) =>
    `invalid required_engine_version '${text}'; write a semantic version such as 0.57.0`,
  engineVersionTooNew: (required: string, engine: string, falco: string) =>
    `required_engine_version ${required} is not satisfied by Falco ${falco} (engine version ${engine}); Falco would refuse this file, so lower it to at most ${engine} or upgrade Falco`,
  pluginVersionsNotASequence: (kind: string) =>
    `required_plugin_versions must be a sequence of '- name: PLUGIN' / 'version: X.Y.Z' entries, but it is ${kind}`,
  pluginEntryNotAMap: (what: string, kind: string) => `${what} must be a mapping with 'name' and 'version', but it is ${kind}`,
  pluginAlternativesNotASequence: (plugin: string, kind: string) =>
    `plugin '${plugin}': 'alternatives' must be a sequence of 'name'/'version' mappings, but it is ${kind}`,
  pluginVersionInvalid: (plugin: string, version: string) =>
    `plugin '${plugin}': invalid required version '${version}'; write a semantic version such as 0.7.1`,
  pluginAlternativeDuplicate: (plugin: string) =>
    `plugin '${plugin}' appears more than once among one entry's alternatives; list each plugin once`,
  exceptionsNotASequence: (what: string, kind: string) =>
    `${what}: 'exceptions' must be a sequence of mappings with 'name', 'fields', 'comps' and 'values', but it is ${kind}`,
  exceptionNotAMap: (what: string, kind: string) => `${what}: each exception must be a mapping with a 'name', but this one is ${kind}`,
  exceptionDuplicate: (what: string, name: string) =>
    `${what}: exception '${name}' is defined more than once in this item; merge them or rename one`,
  exceptionNoValues: (what: string, name: string) =>
    `${what}: exception '${name}' overrides/appends without 'values', so it adds nothing; add 'values' or remove it`,
  exceptionNoFields: (what: string, name: string) =>
    `${what}: exception '${name}' has no 'fields'; give a field name or a list of field names`,
  exceptionNewWithoutValues: (what: string, name: string) =>
    `${what}: appended exception '${name}' is new, so it needs 'values'; add them`,
  exceptionAppendFields: (what: string, name: string, key: string) =>
    `${what}: exception '${name}' already exists, so only 'values' can be appended, not '${key}'; remove '${key}'`,
  exceptionValuesNotASequence: (what: string, name: string, kind: string) =>
    `${what}: exception '${name}': 'values' must be a sequence, but it is ${kind}`,
  exceptionBadEntry: (what: string, name: string, key: string, kind: string) =>
    `${what}: exception '${name}': every entry of '${key}' must be a string or a list of strings, but this one is ${kind}`,
  exceptionEmptyEntry: (what: string, name: string, key: string) =>
    `${what}: exception '${name}': '${key}' contains an empty value; remove it`,
  exceptionCompsLength: (what: string, name: string, fields: number, comps: number) =>
    `${what}: exception '${name}' has ${fields} field(s) but ${comps} comp(s); give one comparison operator per field`,
  exceptionCompsNotList: (what: string, name: string) =>
    `${what}: exception '${name}' has a single field, so 'comps' must be a single operator too, not a list`,
  // The first part of these two is Falco's text (falcosecurity/falco@0.44.1:userspace/engine/rule_loader_collector.cpp:96, 115-116).
  exceptionBadComp: (what: string, name: string, comp: string, supported: readonly string[], suggestion?: string) =>
    `${what}: exception '${name}': '${comp}' is not a supported comparison operator; ${
      suggestion !== undefined
        ? `did you mean '${suggestion}'?`
        : `use one of ${supported.join(', ')}, or a string operator, one space and oneof, anyof or allof (e.g. 'startswith oneof')`
    }`,
  exceptionSingleComp: (what: string, name: string, comp: string, suggestion?: string) =>
    `${what}: exception '${name}' has a single field, and when fields is a single value, comps must be one of (in, pmatch, intersects) or a modifier operator (e.g. startswith oneof), not '${comp}'; ${
      suggestion !== undefined
        ? `did you mean '${suggestion}'?`
        : `the values are a list, so use 'in'${isSupportedModifierBase(comp) ? ` or '${comp} oneof'` : ''}`
    }`,
  exceptionTupleLength: (what: string, name: string, fields: number, got: number) =>
    `${what}: exception '${name}' has ${fields} field(s) but this value has ${got} element(s); give one element per field, e.g. [a, b] for 2 fields`,
  exceptionTupleNotList: (what: string, name: string, fields: number) =>
    `${what}: exception '${name}' has a list of ${fields} field(s), so each value must be a list with one element per field`,
  exceptionSingleValueList: (what: string, name: string) =>
    `${what}: exception '${name}' has a single field, so each value must be a string, not a list; put the strings directly under 'values'`,
} as const;
