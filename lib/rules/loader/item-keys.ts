/**
 * Which keys each item type accepts and which keys `override` can append to or replace.
 *
 * Override sets follow falcosecurity/falco `userspace/engine/rule_loader_reader.cpp` (`read_item`)
 * and the website page docs/rules/overriding.md; the capture keys follow the `Override`
 * definition of `userspace/engine/rule_json_schema.h`, which lists them as replaceable.
 * Accepted keys per item type follow the `FalcoRule` schema there: Falco 0.44 warns with
 * LOAD_UNKNOWN_KEY about any other key and ignores it.
 */

export const LIST_KEYS = ['list', 'items', 'append', 'override'] as const;
export const MACRO_KEYS = ['macro', 'condition', 'append', 'override'] as const;

/** Booleans a rule may set besides `enabled`, with Falco's default when absent. */
export const RULE_BOOLEAN_EXTRAS = { warn_evttypes: true, 'skip-if-unknown-filter': false, capture: false } as const;
/** Integer keys a rule may set (capture tuning, Falco 0.41+). */
export const RULE_INTEGER_EXTRAS = ['capture_duration', 'capture_events', 'capture_filesize'] as const;

export const RULE_KEYS = [
  'rule',
  'condition',
  'output',
  'desc',
  'priority',
  'source',
  'enabled',
  'tags',
  'exceptions',
  'append',
  'override',
  ...Object.keys(RULE_BOOLEAN_EXTRAS),
  ...RULE_INTEGER_EXTRAS,
] as const;

export const ENGINE_VERSION_KEYS = ['required_engine_version'] as const;
export const PLUGIN_VERSIONS_KEYS = ['required_plugin_versions'] as const;
export const PLUGIN_ENTRY_KEYS = ['name', 'version', 'alternatives'] as const;
export const PLUGIN_ALTERNATIVE_KEYS = ['name', 'version'] as const;
export const EXCEPTION_KEYS = ['name', 'fields', 'comps', 'values'] as const;

export const LIST_OVERRIDABLE = ['items'] as const;
export const MACRO_OVERRIDABLE = ['condition'] as const;
export const RULE_APPENDABLE = ['condition', 'output', 'desc', 'tags', 'exceptions'] as const;
export const RULE_REPLACEABLE = [
  'condition',
  'output',
  'desc',
  'priority',
  'tags',
  'exceptions',
  'enabled',
  'warn_evttypes',
  'skip-if-unknown-filter',
  'capture',
  ...RULE_INTEGER_EXTRAS,
] as const;

/** The keys that make an item a rule definition rather than an `enabled`-only item. */
export const RULE_DEFINING_KEYS = ['condition', 'output', 'desc', 'priority'] as const;

/** The item types in the order Falco tests for them (an item with two type keys is the first). */
export const ITEM_TYPE_KEYS = ['required_engine_version', 'required_plugin_versions', 'list', 'macro', 'rule'] as const;
