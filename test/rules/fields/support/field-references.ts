/**
 * Finds the field references in Falco conditions and outputs, for the corpus test. Deliberately independent of
 * the project's condition parser (lib/rules), so the catalog is checked against a second, minimal reading of
 * the grammar (libsinsp `userspace/libsinsp/filter/parser.h`):
 *
 *   check   ::= 'not' check | '(' expr ')' | macro | operand op value
 *   operand ::= field | transformer '(' operand ')'
 *   value   ::= (list ops) '(' items ')' | list-name  |  (unary op) nothing  |  string | bare word | transformer-call
 *
 * Only operands and `val(...)`-style transformer calls hold fields: quoted strings, bare words, list items and
 * macro names never do, even when they contain dots (`/etc/ld.so.conf`).
 */

export interface FieldReference {
  /** Field name as written, without a bracket argument: `proc.aname`, `evt.arg.flags`. */
  readonly name: string;
  /** The bracket argument, without the brackets. */
  readonly arg?: string;
  /** The reference as written, e.g. `proc.aname[2]`. */
  readonly text: string;
}

const FIELD = /^[a-z0-9_]+(?:\.[a-zA-Z0-9_]+)+(?:\[[^\]]*\])?/;
const TRANSFORMER = /^(?:tolower|toupper|b64|basename|len|val)\(/;
const KEYWORD = /^(?:and|or|not)(?![A-Za-z0-9_.])/;
const IDENTIFIER = /^[A-Za-z0-9_.-]+/;
/** Longest first, so `!=` wins over `=` and `bstartswith` over `startswith`. */
const OPERATOR =
  /^(?:!=|==|<=|>=|=|<|>|(?:exists|intersects|icontains|bcontains|contains|bstartswith|startswith|endswith|iglob|glob|pmatch|regex|in)(?![A-Za-z0-9_]))/;
const LIST_OPERATORS = new Set(['in', 'intersects', 'pmatch']);

/** Field references of a rule or macro `condition`. Throws on text this minimal reading cannot follow. */
export function conditionFieldReferences(condition: string): FieldReference[] {
  const references: FieldReference[] = [];
  let pos = 0;

  const rest = (): string => condition.slice(pos);
  const skipSpace = (): void => {
    while (pos < condition.length && /\s/.test(condition.charAt(pos))) {
      pos++;
    }
  };
  const fail = (what: string): never => {
    throw new Error(`${what} at offset ${pos}: ${JSON.stringify(condition.slice(pos, pos + 40))}`);
  };
  const skipString = (): void => {
    const quote = condition[pos++];
    while (pos < condition.length && condition[pos] !== quote) {
      pos += condition[pos] === '\\' ? 2 : 1;
    }
    if (pos >= condition.length) {
      fail('unterminated string');
    }
    pos++;
  };
  const skipList = (): void => {
    pos++; // '('
    let depth = 1;
    while (pos < condition.length && depth > 0) {
      const c = condition[pos];
      if (c === '"' || c === "'") {
        skipString();
        continue;
      }
      depth += c === '(' ? 1 : c === ')' ? -1 : 0;
      pos++;
    }
    if (depth > 0) {
      fail('unbalanced list');
    }
  };
  const readOperand = (): void => {
    skipSpace();
    const transformer = TRANSFORMER.exec(rest());
    if (transformer) {
      pos += transformer[0].length;
      readOperand();
      skipSpace();
      if (condition[pos] !== ')') {
        fail("expected ')' after transformer operand");
      }
      pos++;
      return;
    }
    const field = FIELD.exec(rest());
    if (!field) {
      fail('expected a field');
    }
    references.push(toReference(field![0]));
    pos += field![0].length;
  };
  const readValue = (operator: string): void => {
    skipSpace();
    if (operator === 'exists') {
      return;
    }
    const c = condition[pos];
    if (LIST_OPERATORS.has(operator)) {
      if (c === '(') {
        skipList();
      } else {
        const listName = IDENTIFIER.exec(rest()) ?? fail('expected a list');
        pos += listName[0].length;
      }
      return;
    }
    if (c === '"' || c === "'") {
      skipString();
      return;
    }
    if (TRANSFORMER.test(rest())) {
      readOperand();
      return;
    }
    const word = /^[^\s()]+/.exec(rest()) ?? fail('expected a value');
    pos += word[0].length;
  };

  while (true) {
    skipSpace();
    if (pos >= condition.length) {
      break;
    }
    const c = condition[pos];
    if (c === '(' || c === ')') {
      pos++;
      continue;
    }
    const keyword = KEYWORD.exec(rest());
    if (keyword) {
      pos += keyword[0].length;
      continue;
    }
    if (TRANSFORMER.test(rest()) || FIELD.test(rest())) {
      readOperand();
      skipSpace();
      const operator = OPERATOR.exec(rest()) ?? fail('expected an operator');
      pos += operator[0].length;
      readValue(operator[0]);
      continue;
    }
    const macro = IDENTIFIER.exec(rest()) ?? fail('unexpected character');
    pos += macro[0].length;
  }
  return references;
}

/** `%field` references of a rule `output`; `%%` is a literal percent sign. */
export function outputFieldReferences(output: string): FieldReference[] {
  const references: FieldReference[] = [];
  for (const match of output.matchAll(/%(%|[a-z0-9_]+(?:\.[a-zA-Z0-9_]+)+(?:\[[^\]]*\])?)/g)) {
    const field = match[1];
    if (field !== undefined && field !== '%') {
      references.push(toReference(field));
    }
  }
  return references;
}

function toReference(text: string): FieldReference {
  const open = text.indexOf('[');
  return open < 0 ? { name: text, text } : { name: text.slice(0, open), arg: text.slice(open + 1, -1), text };
}
