import { ALL_OPERATORS } from '../condition';
import { isSupportedComp, isSupportedSingleFieldComp, normalizeComp, suggestComp } from './exception-comps';
import type { ExceptionEntry, ExceptionInfo } from './item-infos';
import { isValidEntry } from './item-infos';
import { LOAD_MESSAGES } from './load-checks';
import type { SourceRef } from './effective-ruleset';

export interface ExceptionProblem {
  readonly at: SourceRef;
  readonly message: string;
}

const entry = (item: string, at: SourceRef): ExceptionEntry => ({ isList: false, item, items: [], at });

/** A comp trimmed as Falco's `normalize_comp` does it, in place (a list entry stays as it is). */
const normalized = (c: ExceptionEntry): ExceptionEntry => (c.isList ? c : { ...c, item: normalizeComp(c.item) });

/**
 * Checks that an exception's fields and comps line up and fills in the default comps, as
 * `validate_exception_info` does (falcosecurity/falco@0.44.1:userspace/engine/rule_loader_collector.cpp:81-124):
 * a fields list gets `=` per field and needs one comp per field, each a supported operator or a
 * string operator with a modifier (`startswith oneof`); a single field gets `in` and its comp must
 * be `in`, `pmatch`, `intersects` or a string operator with a modifier. Comps are trimmed of
 * ` \t\r\n` first, and stay trimmed (Falco normalizes them in place, so the exception condition
 * is built from the trimmed text).
 *
 * Also checks each value's shape against the fields, which Falco does later, while building the
 * exception condition (`rule_loader_compiler.cpp` `build_rule_exception_infos`).
 * Returns the problems found; the exception is usable when there are none.
 */
export function validateException(ex: ExceptionInfo, what: string): ExceptionProblem[] {
  const problems: ExceptionProblem[] = [];
  const fields = ex.fields;
  if (!isValidEntry(fields)) {
    return [{ at: ex.at, message: LOAD_MESSAGES.exceptionNoFields(what, ex.name) }];
  }
  if (fields.isList) {
    if (!isValidEntry(ex.comps)) {
      ex.comps = { isList: true, item: '', items: fields.items.map((f) => entry('=', f.at)), at: ex.at };
    }
    const comps = ex.comps;
    if (!comps.isList || comps.items.length !== fields.items.length) {
      problems.push({
        at: comps.at,
        message: LOAD_MESSAGES.exceptionCompsLength(what, ex.name, fields.items.length, comps.isList ? comps.items.length : 1),
      });
    } else {
      const items = comps.items.map(normalized);
      ex.comps = { ...comps, items };
      for (const c of items) {
        if (c.isList || !isSupportedComp(c.item)) {
          problems.push({
            at: c.at,
            message: LOAD_MESSAGES.exceptionBadComp(what, ex.name, c.isList ? '(a list)' : c.item, ALL_OPERATORS, c.isList ? undefined : suggestComp(c.item)),
          });
        }
      }
    }
    for (const value of ex.values) {
      if (!value.isList) {
        problems.push({ at: value.at, message: LOAD_MESSAGES.exceptionTupleNotList(what, ex.name, fields.items.length) });
      } else if (value.items.length !== fields.items.length) {
        problems.push({
          at: value.at,
          message: LOAD_MESSAGES.exceptionTupleLength(what, ex.name, fields.items.length, value.items.length),
        });
      }
    }
  } else {
    if (!isValidEntry(ex.comps)) ex.comps = entry('in', ex.at);
    if (!ex.comps.isList) ex.comps = normalized(ex.comps);
    const comps = ex.comps;
    if (comps.isList) problems.push({ at: comps.at, message: LOAD_MESSAGES.exceptionCompsNotList(what, ex.name) });
    else if (!isSupportedSingleFieldComp(comps.item)) {
      problems.push({ at: comps.at, message: LOAD_MESSAGES.exceptionSingleComp(what, ex.name, comps.item, suggestComp(comps.item)) });
    }
    for (const value of ex.values) {
      if (value.isList) problems.push({ at: value.at, message: LOAD_MESSAGES.exceptionSingleValueList(what, ex.name) });
    }
  }
  return problems;
}
