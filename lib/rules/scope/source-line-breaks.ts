import type { ConditionPart } from '../loader';

/**
 * Where to break a condition composed of parts (joined with one space, as Falco's collector joins
 * appended conditions) across lines, so the generated file breaks it where its source did and a
 * reviewer can hold it next to upstream: the parts' own line breaks (recorded by the loader), and
 * the space that joins two parts, so that an appended condition starts on its own line.
 * Presentation only: the printer re-folds at these spaces and checks the value round-trips.
 */
export function sourceLineBreaks(parts: readonly ConditionPart[]): number[] {
  const breaks: number[] = [];
  let base = 0;
  parts.forEach((part, i) => {
    if (i > 0) breaks.push(base - 1);
    for (const b of part.lineBreaks) breaks.push(base + b);
    base += part.text.length + 1;
  });
  return breaks;
}
