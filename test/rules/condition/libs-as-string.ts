import type { Node } from '../../../lib/rules/condition';

/**
 * A tree in the one-line form libs prints for it (`libsinsp::filter::ast::as_string`), which
 * `libs-0.25.4-cases.json` records for every condition libs accepts: logical nodes in parentheses
 * (`(a and b)`), transformer arguments joined by `,` without a space, list items by `, `, a
 * modifier after its operator (`proc.name == oneof (a, b)`), and every string shown by libs'
 * `escape_str`. Format as read at falcosecurity/libs@0.25.4:userspace/libsinsp/filter/ast.cpp:20-35,
 * 155-262 and escaping.cpp:25-81; test-only, to compare our trees with libs' own.
 */
export function libsAsString(node: Node): string {
  switch (node.type) {
    case 'and':
    case 'or':
      return `(${node.children.map(libsAsString).join(` ${node.type} `)})`;
    case 'not':
      return `not ${libsAsString(node.child)}`;
    case 'identifier':
      return node.identifier;
    case 'value':
      return libsShown(node.value);
    case 'list':
      return `(${node.values.map(libsShown).join(', ')})`;
    case 'transformer_list':
      return `(${node.children.map(libsAsString).join(',')})`;
    case 'unary_check':
      return `${libsAsString(node.left)} ${node.op}`;
    case 'binary_check': {
      const op = node.modifier === undefined ? node.op : `${node.op} ${node.modifier}`;
      return `${libsAsString(node.left)} ${op} ${libsAsString(node.right)}`;
    }
    case 'field':
      return `${node.field}${libsArg(node.arg)}`;
    case 'field_transformer':
      return `${node.transformer}(${node.values.map(libsAsString).join(',')})${libsArg(node.arg)}`;
    default:
      throw new Error(`unknown node ${JSON.stringify(node)}`);
  }
}

/** A field or transformer argument: nothing, `[""]` for the empty one, else `[shown]`. */
function libsArg(arg: string | undefined): string {
  if (arg === undefined) return '';
  return arg === '' ? '[""]' : `[${libsShown(arg)}]`;
}

/** What a character turns into inside the quotes; any of these characters makes libs quote the string. */
const SHOWN_AS: Readonly<Record<string, string>> = {
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  ' ': ' ',
  '=': '=',
  '\\': '\\\\',
  '"': '\\"',
  "'": "'",
};

/** libs `escape_str`: the string as is, or in double quotes when it holds one of `SHOWN_AS`'s characters. */
function libsShown(value: string): string {
  let quoted = false;
  let out = '';
  for (const ch of value) {
    const shown = SHOWN_AS[ch];
    quoted ||= shown !== undefined;
    out += shown ?? ch;
  }
  return quoted ? `"${out}"` : out;
}
