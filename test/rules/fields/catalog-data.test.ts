import { describe, expect, it } from 'vitest';
import { CONTAINER_PLUGIN_FIELDS } from '../../../lib/rules/fields/catalog/container-plugin-fields';
import { GENERIC_EVENT_FIELDS } from '../../../lib/rules/fields/catalog/generic-event-fields';
import { JSON_PLUGIN_FIELDS } from '../../../lib/rules/fields/catalog/json-plugin-fields';
import { K8SAUDIT_PLUGIN_FIELDS } from '../../../lib/rules/fields/catalog/k8saudit-plugin-fields';
import { K8SMETA_PLUGIN_FIELDS } from '../../../lib/rules/fields/catalog/k8smeta-plugin-fields';
import { SYSCALL_FIELDS } from '../../../lib/rules/fields/catalog/syscall-fields';
import { FieldInfo, fieldsOfSource, SUPPORTED_SOURCES } from '../../../lib/rules/fields';

const FILES: Record<string, { fields: readonly FieldInfo[]; plugin?: string }> = {
  'generic-event-fields': { fields: GENERIC_EVENT_FIELDS },
  'syscall-fields': { fields: SYSCALL_FIELDS },
  'container-plugin-fields': { fields: CONTAINER_PLUGIN_FIELDS, plugin: 'container' },
  'k8smeta-plugin-fields': { fields: K8SMETA_PLUGIN_FIELDS, plugin: 'k8smeta' },
  'k8saudit-plugin-fields': { fields: K8SAUDIT_PLUGIN_FIELDS, plugin: 'k8saudit' },
  'json-plugin-fields': { fields: JSON_PLUGIN_FIELDS, plugin: 'json' },
};

/** Falco's type names (`falco --list`, libsinsp `param_type_to_string`) that the catalog may use. */
const FALCO_TYPES = new Set(['ABSTIME', 'BOOL', 'BYTEBUF', 'CHARBUF', 'DOUBLE', 'DYNAMIC', 'INT16', 'INT32', 'INT64', 'IPADDR', 'IPNET', 'PORT', 'RELTIME', 'UINT32', 'UINT64']);
const FIELD_NAME = /^[a-z0-9_]+(\.[a-zA-Z0-9_]+)+$/;

const names = (fields: readonly FieldInfo[]): string[] => fields.map((field) => field.name);
const sortedCopy = (values: string[]): string[] => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const duplicates = (values: string[]): string[] => values.filter((value, i) => values.indexOf(value) !== i);

describe.each(Object.entries(FILES))('catalog file %s', (_file, { fields, plugin }) => {
  it('is sorted by name with no duplicates', () => {
    expect(duplicates(names(fields))).toEqual([]);
    expect(names(fields)).toEqual(sortedCopy(names(fields)));
  });

  it('has well-formed entries: Falco type names, an argForm exactly when an argument is taken, the plugin set', () => {
    for (const field of fields) {
      expect(field.name, field.name).toMatch(FIELD_NAME);
      expect(FALCO_TYPES, field.name).toContain(field.type);
      expect(field.argForm === undefined, field.name).toBe(field.arg === 'none');
      expect(field.plugin, field.name).toBe(plugin);
      expect(field.description.length, field.name).toBeGreaterThan(0);
      if (field.argValues !== undefined) {
        expect(field.argForm, field.name).toBe('dotted');
      }
      if (field.dottedArg === true) {
        expect(field.argForm, field.name).toBe('key');
      }
    }
  });
});

describe('the catalog per source', () => {
  it('covers syscall and k8s_audit', () => {
    expect(SUPPORTED_SOURCES).toEqual(['syscall', 'k8s_audit']);
  });

  it.each(SUPPORTED_SOURCES)('has no name defined twice for %s, and lists it sorted', (source) => {
    const expected = {
      syscall: [GENERIC_EVENT_FIELDS, SYSCALL_FIELDS, CONTAINER_PLUGIN_FIELDS, K8SMETA_PLUGIN_FIELDS],
      k8s_audit: [GENERIC_EVENT_FIELDS, K8SAUDIT_PLUGIN_FIELDS, JSON_PLUGIN_FIELDS],
    }[source]!;
    const all = expected.flatMap(names);
    expect(duplicates(all)).toEqual([]);
    expect(names(fieldsOfSource(source))).toEqual(sortedCopy(all));
  });

  it('keeps plugin fields out of sources the plugin does not extract from', () => {
    const syscallPlugins = new Set(fieldsOfSource('syscall').map((field) => field.plugin));
    const auditPlugins = new Set(fieldsOfSource('k8s_audit').map((field) => field.plugin));
    expect([...syscallPlugins].sort()).toEqual(['container', 'k8smeta', undefined].sort());
    expect([...auditPlugins].sort()).toEqual(['json', 'k8saudit', undefined].sort());
    expect(names(fieldsOfSource('k8s_audit')).filter((name) => name.startsWith('proc.') || name.startsWith('fd.'))).toEqual([]);
  });

  it('returns nothing for a source it does not cover', () => {
    expect(fieldsOfSource('aws_cloudtrail')).toEqual([]);
  });
});
