/**
 * Falco's priorities, most severe first: falcosecurity/falco@0.44.1:userspace/engine/falco_common.cpp:20
 * (`priority_names`). The one list the rules loader, the stack's props and Falcosidekick's
 * `minimumpriority` all use.
 */
export const FALCO_PRIORITIES = ['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'informational', 'debug'] as const;

export type FalcoPriority = (typeof FALCO_PRIORITIES)[number];

/**
 * `falco_common::parse_priority` (falcosecurity/falco@0.44.1:userspace/engine/falco_common.cpp:26-31):
 * a case-insensitive match of one of the eight names, plus `info` as the legacy spelling of
 * `informational`. Abbreviations such as `warn` are rejected.
 */
export function isValidPriority(text: string): boolean {
  const t = text.toLowerCase();
  return (FALCO_PRIORITIES as readonly string[]).includes(t) || t === 'info';
}

/** The accepted spellings, for messages. */
export const FALCO_PRIORITY_SPELLINGS = `${FALCO_PRIORITIES.join(', ').replace('informational', 'informational (or info)')}, in any case`;
