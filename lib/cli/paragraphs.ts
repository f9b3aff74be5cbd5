/**
 * Help text from paragraphs written one per string, without line breaks of their own: commander
 * wraps each line to the terminal's width, so hand-wrapped lines would break twice.
 */
export function paragraphs(...texts: readonly string[]): string {
  return texts.join('\n\n');
}
