import { CONTAINER_PLUGIN_FIELDS, GENERIC_EVENT_FIELDS, JSON_PLUGIN_FIELDS, K8SAUDIT_PLUGIN_FIELDS, K8SMETA_PLUGIN_FIELDS, SYSCALL_FIELDS } from './catalog';
import { editDistance, quoteList } from '../../core';
import type { FieldInfo, FieldLookup } from './field-info';
import { closestEventArgument, longestMatchingEventArgument } from './event-arguments';

export type { FieldArgForm, FieldArgKind, FieldInfo, FieldLookup } from './field-info';

/**
 * The field sets each source sees in Falco 0.44.1 as the falco chart 9.1.0 deploys it: libsinsp plus the
 * container and k8smeta plugins for `syscall`; the k8saudit plugin and the json extractor it depends on for
 * `k8s_audit`. Both see libsinsp's generic `evt` fields.
 */
const SOURCE_FIELD_SETS = {
  syscall: [GENERIC_EVENT_FIELDS, SYSCALL_FIELDS, CONTAINER_PLUGIN_FIELDS, K8SMETA_PLUGIN_FIELDS],
  k8s_audit: [GENERIC_EVENT_FIELDS, K8SAUDIT_PLUGIN_FIELDS, JSON_PLUGIN_FIELDS],
} as const satisfies Record<string, readonly (readonly FieldInfo[])[]>;

/** The event sources whose fields the catalog knows, e.g. `['syscall', 'k8s_audit']`. */
export const SUPPORTED_SOURCES: readonly string[] = Object.freeze(Object.keys(SOURCE_FIELD_SETS));

interface SourceIndex {
  readonly byName: ReadonlyMap<string, FieldInfo>;
  readonly sorted: readonly FieldInfo[];
}

/**
 * Built on first use, once: the linter looks fields up thousands of times per rule file, and a
 * command that never looks a field up (`--help`, `vendor`) does not pay for the indexes.
 */
let indexes: ReadonlyMap<string, SourceIndex> | undefined;

function sourceIndexes(): ReadonlyMap<string, SourceIndex> {
  indexes ??= new Map(
    Object.entries(SOURCE_FIELD_SETS).map(([source, sets]) => {
      const byName = new Map<string, FieldInfo>();
      for (const set of sets) {
        for (const field of set) {
          // First definition wins; the catalog tests assert there are no duplicates to begin with.
          if (!byName.has(field.name)) {
            byName.set(field.name, field);
          }
        }
      }
      const sorted = Object.freeze([...byName.values()].sort((a, b) => compareNames(a.name, b.name)));
      return [source, { byName, sorted }];
    }),
  );
  return indexes;
}

/** Whether the catalog knows the fields of `source`; the linter should skip field checks otherwise. */
export function isSourceCovered(source: string): boolean {
  return SUPPORTED_SOURCES.includes(source);
}

/** All fields known for `source`, sorted by name; empty for a source the catalog does not cover. */
export function fieldsOfSource(source: string): readonly FieldInfo[] {
  return sourceIndexes().get(source)?.sorted ?? [];
}

/**
 * Resolves a field reference for `source`. `name` is the field as written: `proc.name`, `proc.aname` (with
 * `arg` `'2'`), `proc.aname[2]`, or a dotted form such as `evt.arg.flags` or `evt.rawarg.res`, which resolves
 * to `evt.arg` / `evt.rawarg` with the argument `flags` / `res` — only for fields that accept the dotted form.
 *
 * This only resolves the name; whether the argument is acceptable is `checkField`'s job.
 */
export function lookupField(source: string, name: string, arg?: string): FieldLookup | undefined {
  // Several lint rules look up every field of every condition: resolved once per reference.
  const byArg = memoOf(LOOKUPS, source, name);
  if (byArg.has(arg)) return byArg.get(arg);
  const found = lookupUncached(source, name, arg);
  byArg.set(arg, found);
  return found;
}

/**
 * Answers of `lookupField` and `checkField` by reference: the catalog never changes, and the
 * answers are read-only, so one object serves every caller.
 */
type Memo<T> = Map<string, Map<string, Map<string | undefined, T>>>;
const LOOKUPS: Memo<FieldLookup | undefined> = new Map();
const CHECKS: Memo<FieldCheck> = new Map();

/** The answers for (source, name) by argument: nested maps, no key string built per lookup. */
function memoOf<T>(memo: Memo<T>, source: string, name: string): Map<string | undefined, T> {
  let byName = memo.get(source);
  if (byName === undefined) memo.set(source, (byName = new Map()));
  let byArg = byName.get(name);
  if (byArg === undefined) byName.set(name, (byArg = new Map()));
  return byArg;
}

function lookupUncached(source: string, name: string, arg: string | undefined): FieldLookup | undefined {
  const index = sourceIndexes().get(source);
  if (index === undefined) {
    return undefined;
  }
  const resolution = resolve(index.byName, splitReference(name, arg));
  if (resolution === undefined || resolution.extraBracketArg !== undefined) {
    return undefined;
  }
  const { field, arg: resolvedArg, argSyntax } = resolution;
  return resolvedArg === undefined ? { field } : { field, arg: resolvedArg, argSyntax };
}

export type FieldCheck =
  | { ok: true; field: FieldInfo }
  | {
      ok: false;
      /** `unknown-event-argument`: libs' "unknown event argument", which skip-if-unknown-filter does not cover. */
      reason: 'unknown-field' | 'missing-argument' | 'unexpected-argument' | 'unknown-event-argument';
      /** What is wrong and how to fix it. */
      message: string;
      /** The closest known field name, when there is a plausible one. */
      suggestion?: string;
    };

/**
 * Checks a field reference as Falco 0.44.1 would when loading a rule for `source`: the field must exist, a
 * required argument must be present, and an argument must be absent, or written the way the field takes it.
 */
export function checkField(source: string, name: string, arg?: string): FieldCheck {
  const byArg = memoOf(CHECKS, source, name);
  let result = byArg.get(arg);
  if (result === undefined) byArg.set(arg, (result = checkUncached(source, name, arg)));
  return result;
}

function checkUncached(source: string, name: string, arg: string | undefined): FieldCheck {
  const index = sourceIndexes().get(source);
  if (index === undefined) {
    return {
      ok: false,
      reason: 'unknown-field',
      message: `source '${source}' is not covered by the field catalog (covered: ${SUPPORTED_SOURCES.join(', ')}); check isSourceCovered() first`,
    };
  }
  const reference = splitReference(name, arg);
  const resolution = resolve(index.byName, reference);
  if (resolution === undefined) {
    return unknownField(source, index, reference);
  }
  return checkArgument(resolution) ?? { ok: true, field: resolution.field };
}

interface Reference {
  readonly name: string;
  /** An argument given in brackets, without them. */
  readonly arg?: string;
}

interface Resolution {
  readonly field: FieldInfo;
  readonly arg?: string;
  readonly argSyntax?: 'bracket' | 'dotted';
  /** A bracket argument given on top of a dotted one (`evt.arg.flags[0]`), which Falco rejects. */
  readonly extraBracketArg?: string;
}

type Failure = Extract<FieldCheck, { ok: false }>;

/** Accepts `proc.aname[2]` in `name` too, since callers may pass the field text exactly as written. */
function splitReference(name: string, arg: string | undefined): Reference {
  if (arg === undefined) {
    const open = name.indexOf('[');
    if (open > 0 && name.endsWith(']')) {
      return { name: name.slice(0, open), arg: name.slice(open + 1, -1) };
    }
  }
  return arg === undefined ? { name } : { name, arg };
}

function resolve(byName: ReadonlyMap<string, FieldInfo>, reference: Reference): Resolution | undefined {
  const exact = byName.get(reference.name);
  if (exact !== undefined) {
    return reference.arg === undefined ? { field: exact } : { field: exact, arg: reference.arg, argSyntax: 'bracket' };
  }
  // Longest prefix first, as libsinsp matches `evt.type.is` before `evt.type` in `evt.type.is.open`.
  const name = reference.name;
  for (let dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
    const field = byName.get(name.slice(0, dot));
    if (field !== undefined && acceptsDottedArg(field)) {
      return { field, arg: name.slice(dot + 1), argSyntax: 'dotted', extraBracketArg: reference.arg };
    }
  }
  return undefined;
}

function acceptsDottedArg(field: FieldInfo): boolean {
  return field.argForm === 'dotted' || field.argForm === 'any' || field.dottedArg === true;
}

function checkArgument(resolution: Resolution): Failure | undefined {
  const { field, arg, argSyntax } = resolution;
  const written = argSyntax === 'dotted' ? `${field.name}.${arg}` : field.name;
  if (resolution.extraBracketArg !== undefined) {
    return unexpected(`'${written}' already has its argument after the dot; remove '[${resolution.extraBracketArg}]'`);
  }
  if (arg === undefined || arg === '') {
    if (field.arg === 'required') {
      return {
        ok: false,
        reason: 'missing-argument',
        message: `'${field.name}' requires an argument, e.g. ${argumentExample(field)}`,
      };
    }
    return arg === '' ? unexpected(`'${field.name}[]' has empty brackets; remove them or write ${argumentExample(field)}`) : undefined;
  }
  const shown = argSyntax === 'dotted' ? `.${arg}` : `[${arg}]`;
  if (field.arg === 'none') {
    return unexpected(`'${field.name}' takes no argument; remove '${shown}'`);
  }
  if (argSyntax === 'bracket') {
    if (field.argForm === 'dotted') {
      return unexpected(`'${field.name}' takes its argument after a dot; write '${field.name}.${arg}' instead of '${field.name}[${arg}]'`);
    }
    if ((field.argForm === 'index' || field.argForm === 'any') && !isIndex(arg, field)) {
      const alternative = field.argForm === 'any' ? ` or a name after a dot, e.g. '${field.name}.${arg}'` : '';
      return unexpected(`'${field.name}' takes a numeric index in brackets, e.g. '${field.name}[0]'${alternative}; got '[${arg}]'`);
    }
  }
  if (field.argValues !== undefined && !field.argValues.includes(arg)) {
    const allowed = field.argValues.map((value) => `'${field.name}.${value}'`).join(' or ');
    return unexpected(`'${field.name}' accepts only ${allowed}; got '${field.name}${shown}'`);
  }
  if (argSyntax === 'dotted' && EVENT_ARGUMENT_FIELDS.has(field.name)) return checkEventArgument(field.name, arg);
  return undefined;
}

/** The fields whose dotted argument names an event argument (sinsp_filtercheck_event.cpp:519-538, `extract_arg`). */
const EVENT_ARGUMENT_FIELDS: ReadonlySet<string> = new Set(['evt.arg', 'evt.rawarg']);

/**
 * `extract_arg` with a dotted name (falcosecurity/libs@0.25.4:userspace/libsinsp/sinsp_filtercheck_event.cpp:449-471):
 * no event parameter the name starts with is `unknown event argument <name>`; a longer name than the
 * parameter it starts with leaves characters libs does not consume, so the exact-length check of
 * `new_filter_check_from_fldname` (falcosecurity/libs@0.25.4:userspace/libsinsp/filter_check_list.cpp:66-77)
 * finds no field: `filter_check called with nonexistent field` (filter.cpp:373-376).
 */
function checkEventArgument(fieldName: string, arg: string): Failure | undefined {
  const found = longestMatchingEventArgument(arg);
  // Every evt.arg.x of every rule comes here: the edit distances only for a name that needs them.
  if (found?.name === arg) return undefined;
  const suggestion = closestEventArgument(arg);
  const hint = suggestion !== undefined ? `; did you mean '${fieldName}.${suggestion}'?` : '; the names are the parameters of the event table (e.g. fd, res, name, flags)';
  if (found === undefined) {
    const failure: Failure = {
      ok: false,
      reason: 'unknown-event-argument',
      message: `unknown event argument ${arg}: no event of the event table has a parameter '${arg}'${hint}`,
    };
    return suggestion === undefined ? failure : { ...failure, suggestion: `${fieldName}.${suggestion}` };
  }
  if (found.name !== arg) {
    return {
      ok: false,
      reason: 'unknown-field',
      message: `unknown field '${fieldName}.${arg}': libs reads the event argument '${found.name}' and refuses the '${arg.slice(found.name.length)}' after it (nonexistent field)${suggestion !== undefined && suggestion !== found.name ? hint : `; write '${fieldName}.${found.name}' or another parameter name`}`,
      suggestion: `${fieldName}.${suggestion ?? found.name}`,
    };
  }
  return undefined;
}

/**
 * libsinsp parses built-in indexes as plain integers; for plugin fields it also rejects leading zeros
 * (`sinsp_filter_check_plugin::extract_arg_index`: "numbers starting with `0` are not indexes").
 */
function isIndex(arg: string, field: FieldInfo): boolean {
  return field.plugin === undefined ? /^[0-9]+$/.test(arg) : /^(0|[1-9][0-9]*)$/.test(arg);
}

function argumentExample(field: FieldInfo): string {
  switch (field.argForm) {
    case 'index':
      return `'${field.name}[0]'`;
    case 'dotted':
      return `'${field.name}.${field.argValues?.[0] ?? '<name>'}'`;
    case 'any':
      return `'${field.name}.<name>' or '${field.name}[0]'`;
    default:
      return `'${field.name}[<key>]'`;
  }
}

function unexpected(message: string): Failure {
  return { ok: false, reason: 'unexpected-argument', message };
}

function unknownField(source: string, index: SourceIndex, reference: Reference): Failure {
  const written = reference.arg === undefined ? reference.name : `${reference.name}[${reference.arg}]`;
  const bracketForm = bracketFormOfDotted(index.byName, reference.name);
  if (bracketForm !== undefined) {
    return {
      ok: false,
      reason: 'unknown-field',
      message: `unknown field '${written}' for source '${source}': '${bracketForm.field}' takes its argument in brackets; write '${bracketForm.rewrite}'`,
      suggestion: bracketForm.field,
    };
  }
  const suggestion = closestName(index, reference.name);
  const otherSources = SUPPORTED_SOURCES.filter((other) => other !== source && sourceIndexes().get(other)?.byName.has(reference.name));
  const hint =
    otherSources.length > 0
      ? `; it is a field of source ${quoteList(otherSources)}, so set 'source:' accordingly`
      : suggestion !== undefined
        ? `; did you mean '${suggestion}'?`
        : `; see 'falco --list=${source}' for the fields Falco knows`;
  const failure: Failure = { ok: false, reason: 'unknown-field', message: `unknown field '${written}' for source '${source}'${hint}` };
  return suggestion === undefined ? failure : { ...failure, suggestion };
}

/** `k8smeta.pod.label.app` → `k8smeta.pod.label[app]`, for key/index fields that do not take the dotted form. */
function bracketFormOfDotted(byName: ReadonlyMap<string, FieldInfo>, name: string): { field: string; rewrite: string } | undefined {
  for (let dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
    const field = byName.get(name.slice(0, dot));
    if (field !== undefined && field.arg !== 'none') {
      return { field: field.name, rewrite: `${field.name}[${name.slice(dot + 1)}]` };
    }
  }
  return undefined;
}

/**
 * The known name nearest to `name` by edit distance, within a quarter of its length (at least 2). Ties go to
 * a name of the same field class (`proc.` for `proc.nmae`), then to the first in sorted order.
 */
function closestName(index: SourceIndex, name: string): string | undefined {
  const limit = Math.max(2, Math.floor(name.length / 4));
  const fieldClass = name.split('.')[0];
  let best: { name: string; distance: number; sameClass: boolean } | undefined;
  for (const field of index.sorted) {
    const distance = editDistance(name, field.name, best === undefined ? limit : best.distance);
    if (distance > limit) {
      continue;
    }
    const sameClass = field.name.split('.')[0] === fieldClass;
    if (best === undefined || distance < best.distance || (distance === best.distance && sameClass && !best.sameClass)) {
      best = { name: field.name, distance, sameClass };
    }
  }
  return best?.name;
}

/** Code-unit order, the order the catalog files are kept in. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
