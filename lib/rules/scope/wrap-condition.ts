import { isAnd, isIdentifier, parseCondition, type Expr } from '../condition';

const SURROUNDING_BLANKS = /^[ \t\r\n]+|[ \t\r\n]+$/g;

/**
 * `(<condition>) and <macro>`. The condition text is kept as written, only the blanks around it
 * dropped (they mean nothing to Falco's parser), so a reviewer can compare it with its source.
 * `breaks` (indices of spaces where the source broke lines) are moved along, and the scope gets
 * a line of its own.
 */
export function wrapCondition(condition: string, breaks: readonly number[], macro: string): { text: string; breaks: number[] } {
  const lead = /^[ \t\r\n]*/.exec(condition)?.[0].length ?? 0;
  const body = condition.replace(SURROUNDING_BLANKS, '');
  const shifted = breaks.map((b) => b - lead + 1).filter((b) => b > 0 && b <= body.length);
  return { text: `(${body}) and ${macro}`, breaks: [...shifted, body.length + 2] };
}

/**
 * A wrapped condition must parse as `and(<condition>, <macro>)`. Anything else (an unbalanced
 * parenthesis or quote in the condition) would let the scope leak; returns why, or undefined.
 */
export function checkWrapped(text: string, macro: string): string | undefined {
  let expr: Expr;
  try {
    expr = parseCondition(text);
  } catch (e) {
    return (e as Error).message;
  }
  const last = isAnd(expr) ? expr.children[expr.children.length - 1] : undefined;
  if (!isAnd(expr) || expr.children.length !== 2 || last === undefined || !isIdentifier(last) || last.identifier !== macro) {
    return `'(...) and ${macro}' does not parse as the condition and the scope; check the condition's parentheses and quotes`;
  }
  return undefined;
}
