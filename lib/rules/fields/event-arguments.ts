/**
 * The event argument that `evt.arg.<name>` and `evt.rawarg.<name>` name, as libs resolves it when
 * it parses the field (`extract_arg`, falcosecurity/libs@0.25.4:userspace/libsinsp/sinsp_filtercheck_event.cpp:449-471):
 * `sinsp_utils::find_longest_matching_evt_param` (falcosecurity/libs@0.25.4:userspace/libsinsp/utils.cpp:792-817)
 * walks the parameters of every event of the table and keeps the longest name that the text after
 * the dot starts with, the first one of equal length. The event types of the rule play no part.
 */
import { closestMatch } from '../../core';
import { EVENT_ARGUMENTS, PARAM_TYPE_CODES } from './catalog';

export interface EventArgument {
  readonly name: string;
  /** The type of its first occurrence in event code order: what `evt.rawarg.<name>` compiles with (sinsp_filtercheck_event.cpp:523-538). */
  readonly type: string;
}

const BY_NAME: ReadonlyMap<string, EventArgument> = new Map(EVENT_ARGUMENTS.map(([name, type]) => [name, { name, type }]));

/** The parameter `find_longest_matching_evt_param(text)` returns, or undefined (libs: `unknown event argument <text>`). */
export function longestMatchingEventArgument(text: string): EventArgument | undefined {
  for (let len = text.length; len > 0; len--) {
    const found = BY_NAME.get(text.slice(0, len));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** An event argument name as close to `text` as a typo, for a suggestion. */
export function closestEventArgument(text: string): string | undefined {
  // two letters swapped (nmae) first: edit distance counts that as 2, like many unrelated names
  for (const name of BY_NAME.keys()) if (isSwap(text, name)) return name;
  return closestMatch(text, BY_NAME.keys());
}

function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
  const [i, j] = diff;
  return diff.length === 2 && i !== undefined && j !== undefined && a[i] === b[j] && a[j] === b[i];
}

/** `enum ppm_param_type`'s code of a catalog type name (libs prints it in "wrong parameter type <code>"). */
export function paramTypeCode(type: string): number | undefined {
  return PARAM_TYPE_CODES[type];
}
