/** Argument parser of an option that may be given more than once: collects the values in order. */
export function repeatable(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
