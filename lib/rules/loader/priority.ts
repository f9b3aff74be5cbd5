/** Falco's priorities, most severe first (`falco_common::priority_names`). */
export const PRIORITY_NAMES = ['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'informational', 'debug'] as const;

/**
 * `falco_common::parse_priority` (falcosecurity/falco `userspace/engine/falco_common.cpp`):
 * a case-insensitive match of one of the eight names, plus `info` as the legacy spelling of
 * `informational`. Abbreviations such as `warn` are rejected.
 */
export function isValidPriority(text: string): boolean {
  const t = text.toLowerCase();
  return (PRIORITY_NAMES as readonly string[]).includes(t) || t === 'info';
}
