import { ConditionSyntaxError, isAnd, isIdentifier, parseCondition, type Expr } from '../condition';

const SURROUNDING_BLANKS = /^[ \t\r\n]+|[ \t\r\n]+$/g;

/**
 * `(<condition>) and <macro>`. The condition text is kept as written, only the blanks around it
 * dropped (they mean nothing to Falco's parser), so a reviewer can compare it with its source.
 * `breaks` (indices of spaces where the source broke lines) are moved along, and the scope gets
 * a line of its own.
 */
export function wrapCondition(condition: string, breaks: readonly number[], macro: string): { text: string; breaks: number[] } {
  const lead = leadingBlanks(condition);
  const body = condition.replace(SURROUNDING_BLANKS, '');
  const shifted = breaks.map((b) => b - lead + 1).filter((b) => b > 0 && b <= body.length);
  return { text: `(${body}) and ${macro}`, breaks: [...shifted, body.length + 2] };
}

function leadingBlanks(condition: string): number {
  return /^[ \t\r\n]*/.exec(condition)?.[0].length ?? 0;
}

/**
 * The offset in `condition` of an offset in its wrapped text: the `(` before it maps to its
 * first character, the `) and <macro>` after it to its end.
 */
export function wrappedOffset(condition: string, offset: number): number {
  const lead = leadingBlanks(condition);
  const bodyLength = condition.replace(SURROUNDING_BLANKS, '').length;
  return lead + Math.max(0, Math.min(offset - 1, bodyLength));
}

/** Why a wrapped condition is not `(<condition>) and <macro>`: it does not parse, or parses otherwise. */
export type WrapProblem =
  | { readonly kind: 'syntax'; readonly error: ConditionSyntaxError }
  | { readonly kind: 'shape'; readonly message: string };

/**
 * A wrapped condition must parse as `and(<condition>, <macro>)`. Anything else (an unbalanced
 * parenthesis or quote in the condition) would let the scope leak; returns why, or undefined.
 */
export function checkWrapped(text: string, macro: string): WrapProblem | undefined {
  let expr: Expr;
  try {
    expr = parseCondition(text);
  } catch (e) {
    if (!(e instanceof ConditionSyntaxError)) throw e;
    return { kind: 'syntax', error: e };
  }
  const last = isAnd(expr) ? expr.children[expr.children.length - 1] : undefined;
  if (!isAnd(expr) || expr.children.length !== 2 || last === undefined || !isIdentifier(last) || last.identifier !== macro) {
    return { kind: 'shape', message: `'(...) and ${macro}' does not parse as the condition and the scope; check the condition's parentheses and quotes` };
  }
  return undefined;
}
