/**
 * Which keys each item type accepts and which keys `override` can append to or replace.
 *
 * Override sets follow `read_item` (falcosecurity/falco@0.44.1:userspace/engine/rule_loader_reader.cpp:675-690).
 * Accepted keys per item type are the `expected_*_keys` sets that `warn_unknown_keys` checks
 * (LOAD_UNKNOWN_KEY, "Unknown key '<k>'. The key will be ignored."; falcosecurity/falco@0.44.1:userspace/engine/rule_loader_reader.cpp:407-422,
 * 481-483, 539-545, 592-596, 649-653, 943-958). Keys of exception entries and of
 * `required_plugin_versions` entries are not checked there, only by Falco's JSON schema
 * (`"additionalProperties": false`, falcosecurity/falco@0.44.1:userspace/engine/rule_json_schema.h:122-136, 205-243).
 *
 * `capture_events` and `capture_filesize` (CHANGELOG, PR #3824) are not in the 0.44.1 engine:
 * no expected rule key, not overridable, not in the schema. Falco 0.44.1 warns that they are
 * unknown and refuses `override: { capture_events: replace }` ("Key 'capture_events' cannot be replaced").
 */

export const LIST_KEYS = ['list', 'items', 'append', 'override'] as const;
export const MACRO_KEYS = ['macro', 'condition', 'append', 'override'] as const;

/** Booleans a rule may set besides `enabled`, with Falco's default when absent. */
export const RULE_BOOLEAN_EXTRAS = { warn_evttypes: true, 'skip-if-unknown-filter': false, capture: false } as const;
/** Integer keys a rule may set (capture tuning, Falco 0.41+). */
export const RULE_INTEGER_EXTRAS = ['capture_duration'] as const;

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
