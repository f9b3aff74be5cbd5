import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkField, lookupField } from '../../../lib/rules/fields';
import { UPSTREAM_RULE_FILES } from '../../support/shared-dir';
import { conditionFieldReferences, FieldReference, outputFieldReferences } from './support/field-references';

interface Use {
  readonly file: string;
  readonly item: string;
  readonly where: 'condition' | 'output';
  readonly source: string;
  readonly reference: FieldReference;
}

/**
 * Every field reference of every rule and macro of the upstream files, with the source it is evaluated for:
 * the rule's `source:` (default `syscall`). Macros have no source; they are checked for the one source all rules
 * of their file share, or `syscall` (each upstream file is self-contained for macros, see MANIFEST.md).
 */
function collectUses(): Use[] {
  const uses: Use[] = [];
  for (const filePath of UPSTREAM_RULE_FILES) {
    const file = path.basename(filePath);
    const items = parse(fs.readFileSync(filePath, 'utf8')) as Record<string, unknown>[];
    const ruleSources = new Set(items.filter((item) => 'rule' in item).map((item) => String(item.source ?? 'syscall')));
    const [onlySource] = ruleSources;
    const macroSource = ruleSources.size === 1 && onlySource !== undefined ? onlySource : 'syscall';
    for (const item of items) {
      if ('macro' in item && typeof item.condition === 'string') {
        for (const reference of conditionFieldReferences(item.condition)) {
          uses.push({ file, item: `macro ${String(item.macro)}`, where: 'condition', source: macroSource, reference });
        }
      }
      if ('rule' in item) {
        const source = String(item.source ?? 'syscall');
        const name = `rule ${String(item.rule)}`;
        if (typeof item.condition === 'string') {
          for (const reference of conditionFieldReferences(item.condition)) {
            uses.push({ file, item: name, where: 'condition', source, reference });
          }
        }
        if (typeof item.output === 'string') {
          for (const reference of outputFieldReferences(item.output)) {
            uses.push({ file, item: name, where: 'output', source, reference });
          }
        }
      }
    }
  }
  return uses;
}

describe('GIVEN the upstream rule files (falco-rules-5.1.0)', () => {
  const uses = collectUses();
  const texts = new Set(uses.map((use) => use.reference.text));

  it('THEN the extraction sees the whole corpus, dotted and bracket forms included', () => {
    expect(uses.length).toBeGreaterThan(2000);
    expect(new Set(uses.map((use) => use.item)).size).toBeGreaterThan(300);
    for (const expected of ['proc.aname[2]', 'proc.aname', 'evt.arg.flags', 'container.mount.dest[/proc*]', 'k8s.ns.name', 'container.image.repository']) {
      expect(texts).toContain(expected);
    }
    expect(uses.some((use) => use.where === 'output')).toBe(true);
  });

  it('THEN every field in every condition and output is known for its source, with a valid argument', () => {
    const problems = uses.flatMap((use) => {
      const result = checkField(use.source, use.reference.name, use.reference.arg);
      return result.ok ? [] : [`${use.file} ${use.item} (${use.where}): ${result.message}`];
    });
    expect(problems).toEqual([]);
  });

  it('THEN lookupField resolves the same references, to fields of the right plugin', () => {
    const unresolved = uses.filter((use) => lookupField(use.source, use.reference.name, use.reference.arg) === undefined);
    expect(unresolved.map((use) => use.reference.text)).toEqual([]);
    expect(lookupField('syscall', 'container.image.repository')?.field.plugin).toBe('container');
    expect(lookupField('syscall', 'evt.arg.newpath')).toMatchObject({ field: { name: 'evt.arg' }, arg: 'newpath', argSyntax: 'dotted' });
  });

  it('THEN no output uses a field that libsinsp only allows in conditions', () => {
    const misused = uses.filter(
      (use) => use.where === 'output' && lookupField(use.source, use.reference.name, use.reference.arg)?.field.usage === 'condition',
    );
    expect(misused.map((use) => `${use.item}: ${use.reference.text}`)).toEqual([]);
  });
});
