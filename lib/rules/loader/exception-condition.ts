import type { EffectiveException, ExceptionValue } from './effective-ruleset';
import { isOperatorForList, normalizeComp } from './exception-comps';

/**
 * `quote_item` (falcosecurity/falco@0.44.1:userspace/engine/rule_loader_compiler.cpp:48-53): an item with a blank that does
 * not start with a quote is wrapped in double quotes. Nothing is escaped (upstream's own todo says
 * this "breaks string escaping"), so the text is reproduced as Falco builds it.
 */
export function quoteItem(e: string): string {
  return e.includes(' ') && e[0] !== '"' && e[0] !== "'" ? `"${e}"` : e;
}

/** `paren_item`: a value used with a list operator is wrapped in parentheses unless it starts with one. */
function parenItem(e: string): string {
  return e[0] !== '(' ? `(${e})` : e;
}

const asList = (v: string | readonly string[]): readonly string[] => (typeof v === 'string' ? [v] : v);

/** The `and not (...)` clause of one exception, or `''` when it has no values. */
export function exceptionClause(ex: EffectiveException): string {
  if (typeof ex.fields === 'string') {
    const comp = typeof ex.comps === 'string' ? normalizeComp(ex.comps) : 'in';
    const items = ex.values.map((v) => quoteItem(String(v)));
    return items.length === 0 ? '' : `(${ex.fields} ${comp} (${items.join(', ')}))`;
  }
  const fields = ex.fields;
  const comps = asList(ex.comps);
  let icond = '(';
  for (const tuple of ex.values) {
    const entries: readonly ExceptionValue[] = typeof tuple === 'string' ? [tuple] : tuple;
    icond += icond === '(' ? '' : ' or ';
    icond += '(';
    fields.forEach((field, k) => {
      icond += k === 0 ? '' : ' and ';
      const v = entries[k] ?? '';
      // The collector has trimmed the comps (`normalize_comp`); trimming again keeps hand-made input Falco-shaped.
      const comp = normalizeComp(comps[k] ?? '=');
      let istr: string;
      if (typeof v !== 'string') istr = `(${v.map((x) => quoteItem(String(x))).join(', ')})`;
      // `is_operator_for_list`: `in`, `intersects`, `pmatch` and string operators with a modifier
      // (falcosecurity/falco@0.44.1:userspace/engine/rule_loader_compiler.cpp:61-69, 139-146).
      else istr = isOperatorForList(comp) ? parenItem(v) : quoteItem(v);
      // Falco writes a blank before the field even after ' and ', hence 'and  field'.
      icond += ` ${field}`;
      icond += ` ${comp} ${istr}`;
    });
    icond += ')';
  }
  icond += ')';
  return icond === '()' ? '' : icond;
}

/**
 * The condition text Falco compiles for a rule with exceptions, byte for byte as
 * `build_rule_exception_infos` (falcosecurity/falco@0.44.1:userspace/engine/rule_loader_compiler.cpp:100-161)
 * builds it: the condition in parentheses, then ` and not <clause>` per exception with values.
 * A rule without exceptions keeps its condition unchanged (no parentheses).
 */
export function conditionWithExceptions(condition: string, exceptions: readonly EffectiveException[]): string {
  if (exceptions.length === 0) return condition;
  let out = `(${condition})`;
  for (const ex of exceptions) {
    const clause = exceptionClause(ex);
    if (clause !== '') out += ` and not ${clause}`;
  }
  return out;
}
