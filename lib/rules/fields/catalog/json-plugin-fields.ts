import type { FieldInfo } from '../field-info';

/**
 * Fields of the `json` extractor plugin. The k8saudit plugin's official rules depend on it (its README loads
 * `[k8saudit, json]`), so its fields are part of the `k8s_audit` source. It only extracts from plugin events,
 * never from syscalls.
 *
 * Built from falcosecurity/plugins `plugins/json/README.md` (newest stored revision: names, types and the
 * `jevt.*` backwards-compatible aliases, which are still served) and `plugins/json/json.go` (`ArgRequired` on
 * `json.value` and `jevt.value`; the argument is an RFC 6901 JSON pointer, so it is a `key`).
 *
 * Sorted by name (code-unit order), one field per line.
 */
export const JSON_PLUGIN_FIELDS: readonly FieldInfo[] = [
  { name: 'jevt.obj', type: 'CHARBUF', arg: 'none', plugin: 'json', description: 'Alias for json.obj, provided for backwards compatibility.' },
  { name: 'jevt.rawtime', type: 'CHARBUF', arg: 'none', plugin: 'json', description: 'Alias for json.rawtime, provided for backwards compatibility.' },
  { name: 'jevt.value', type: 'CHARBUF', arg: 'required', argForm: 'key', plugin: 'json', description: 'Alias for json.value, provided for backwards compatibility.' },
  { name: 'json.obj', type: 'CHARBUF', arg: 'none', plugin: 'json', description: 'The full JSON message as a text string.' },
  { name: 'json.rawtime', type: 'CHARBUF', arg: 'none', plugin: 'json', description: 'The time of the event, identical to evt.rawtime.' },
  { name: 'json.value', type: 'CHARBUF', arg: 'required', argForm: 'key', plugin: 'json', description: 'A value of the JSON-encoded event: json.value[<json pointer>], with an RFC 6901 JSON pointer such as /requestObject/kind.' },
];
