/** `'a', 'b', 'c'`: names in a message, each in single quotes, as every message here lists them. */
export function quoteList(items: Iterable<string>): string {
  return [...items].map((item) => `'${item}'`).join(', ');
}
