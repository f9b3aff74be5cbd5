import { FIELD_TRANSFORMERS } from '../condition';

/** A `%field` (or a field inside `%transformer(...)`) of an output format. */
export interface OutputField {
  /** Offset of the field's first character in the output text. */
  readonly offset: number;
  /** The run of name characters after `%` (and an optional width): `proc.aname`, `evt.arg.flags`. */
  readonly token: string;
  /** The bracket argument directly after the token, without brackets. */
  readonly arg?: string;
  /** True inside a transformer: the name must then be exact, as in a condition. */
  readonly exact: boolean;
}

export interface OutputSyntaxError {
  readonly offset: number;
  readonly message: string;
}

// Sticky patterns, matched at an offset: no slice per field, no loop over the characters.
const NAME_RUN = /[A-Za-z0-9_.]+/y;
const TRANSFORMER = new RegExp(`(${FIELD_TRANSFORMERS.join('|')})\\(`, 'y');
const FIELD_IN_TRANSFORMER = /[a-zA-Z][a-zA-Z0-9_]*(?:\.[a-zA-Z0-9_]+)+(?:\[[^\]]*\])?/g;

/**
 * Splits an output format into its field references, following libsinsp's formatter
 * (`sinsp_evt_formatter::set_format`): an optional leading `*`, then raw text and `%` tokens,
 * each `%` optionally followed by a width (`%20proc.name`) and then a field. Which field a token
 * names is decided later by longest known prefix, as libsinsp's `parse_field_name` does.
 * `%tolower(proc.name)`-style transformers are accepted and their fields reported as exact.
 */
export function outputFields(output: string): { fields: OutputField[]; errors: OutputSyntaxError[] } {
  const fields: OutputField[] = [];
  const errors: OutputSyntaxError[] = [];
  let i = output.startsWith('*') ? 1 : 0;
  while (i < output.length) {
    const percent = output.indexOf('%', i);
    if (percent === -1) break;
    i = percent;
    let j = i + 1;
    while (j < output.length && /[0-9]/.test(output.charAt(j))) j++;
    if (j >= output.length) {
      errors.push({ offset: percent, message: `the output ends with '${output.slice(percent)}'; put a field name after '%' or remove it` });
      break;
    }
    TRANSFORMER.lastIndex = j;
    const transformer = TRANSFORMER.exec(output);
    if (transformer !== null) {
      // The match is the name and its `(`.
      const open = j + transformer[0].length - 1;
      const close = matchingParen(output, open);
      if (close === -1) {
        errors.push({ offset: percent, message: `'%${transformer[1]}(' is never closed; add ')'` });
        break;
      }
      const inner = output.slice(open + 1, close);
      for (const m of inner.matchAll(FIELD_IN_TRANSFORMER)) {
        const text = m[0];
        const bracket = text.indexOf('[');
        fields.push({
          offset: open + 1 + (m.index ?? 0),
          token: bracket === -1 ? text : text.slice(0, bracket),
          ...(bracket === -1 ? {} : { arg: text.slice(bracket + 1, -1) }),
          exact: true,
        });
      }
      i = close + 1;
      continue;
    }
    NAME_RUN.lastIndex = j;
    let k = NAME_RUN.test(output) ? NAME_RUN.lastIndex : j;
    while (k > j && output[k - 1] === '.') k--;
    const token = output.slice(j, k);
    let arg: string | undefined;
    if (output[k] === '[') {
      const end = output.indexOf(']', k);
      if (end !== -1) {
        arg = output.slice(k + 1, end);
        k = end + 1;
      }
    }
    fields.push({ offset: j, token, ...(arg === undefined ? {} : { arg }), exact: false });
    i = Math.max(k, j + 1);
  }
  return { fields, errors };
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}
