import { describe, expect, it } from 'vitest';
import { loadRuleTexts } from '../../../lib/rules/loader';
import { printRulesFile, type FlatItem, type FlatRulesFile } from '../../../lib/rules/scope';

/** Prints `items` and loads them back as Falco would read them. */
function roundTrip(items: FlatItem[]) {
  const file: FlatRulesFile = { name: 't.yaml', header: ['test'], items };
  const text = printRulesFile(file);
  const loaded = loadRuleTexts([{ name: 't.yaml', text }]);
  expect(loaded.diagnostics).toEqual([]);
  return { text, ruleset: loaded.ruleset };
}

const rule = (name: string, condition: string, breaks: number[] = []): FlatItem => ({
  kind: 'rule',
  rule: {
    name,
    desc: 'd',
    condition: { text: condition, breaks },
    output: 'o',
    priority: 'WARNING',
    tags: [],
    source: 'syscall',
    enabled: true,
    exceptions: [],
    extra: {},
  },
});

// Texts YAML makes hard: quotes, comment and mapping indicators, leading blanks, line breaks.
const TRICKY_TEXTS = [
  'proc.name = bash',
  'fd.name = "/etc/a b" and proc.cmdline contains \': \'',
  'proc.name = "#x" and proc.args contains " #"',
  '  leading blanks and trailing  ',
  'first line\nsecond line\n',
  'a\n  more indented\nb',
  'ends with two breaks\n\n',
  'a\n\nb',
  '- starts like a sequence',
  '? starts like a key',
  'tab\there',
  'unicode ✓ and ünïcödé',
  'null',
  '@at and `backtick`',
];

describe('printRulesFile', () => {
  it.each(TRICKY_TEXTS)('prints condition %j so that it reads back unchanged', (text) => {
    const breaks = [...text].flatMap((c, i) => (c === ' ' ? [i] : []));
    const { ruleset } = roundTrip([rule('r', text, breaks)]);
    expect(ruleset.rules[0]?.condition).toBe(text);
  });

  it('folds a condition at the given breaks and nowhere else', () => {
    const text = '(spawned_process and container) and falco_gitops_scope';
    const { text: printed } = roundTrip([rule('r', text, [16, 31])]);
    expect(printed).toContain('  condition: >-\n    (spawned_process\n    and container)\n    and falco_gitops_scope\n');
  });

  it('keeps list items as raw scalar text', () => {
    const items = ['1194', '010', '-1', '1.0', 'true', 'yes', 'null', '~', '"(systemd)"', "it's", 'a, b', '[x]', '-', '#', '0x1F', ''];
    const { text, ruleset } = roundTrip([{ kind: 'list', name: 'l', items }]);
    expect(ruleset.lists[0]?.items).toEqual(items);
    // Plain where the plain form is the same text, as upstream writes them.
    expect(text).toContain(`items: [1194, "010", -1, "1.0", true, yes, "null", "~", '"(systemd)"', it's, "a, b", "[x]", "-", "#", "0x1F", ""]`);
  });

  it('writes one item per line when a list is too long for one line', () => {
    const items = Array.from({ length: 30 }, (_, i) => `binary_number_${i}`);
    const { text, ruleset } = roundTrip([{ kind: 'list', name: 'l', items }]);
    expect(ruleset.lists[0]?.items).toEqual(items);
    expect(text).toContain('  items:\n    - binary_number_0\n    - binary_number_1\n');
  });

  it('keeps multi-line and blank-edged items when a list or tag list is written one item per line', () => {
    // Too long for one flow line, so each item gets its own `- ` line; an item with a line break
    // must not come out as a block scalar at the wrong indentation (invalid YAML).
    const items = [...Array.from({ length: 12 }, (_, i) => `binary_number_${i}`), 'multi\nline', 'ends with break\n', ' lead', 'tab\tx'];
    const { ruleset } = roundTrip([{ kind: 'list', name: 'l', items }]);
    expect(ruleset.lists[0]?.items).toEqual(items);
    const tags = [...Array.from({ length: 12 }, (_, i) => `tag_number_${i}`), 'two\nlines'].sort();
    const r = rule('r', 'proc.name = x') as Extract<FlatItem, { kind: 'rule' }>;
    const at = { file: 't', line: 1, column: 1 };
    const exceptions = [
      { name: 'one', fields: 'proc.name', comps: 'in', compsGiven: false, values: ['a\nb', 'c\u2028d'], defined: at },
      { name: 'two', fields: ['proc.name', 'fd.name'], comps: ['=', 'in'], compsGiven: true, values: [['x\ny', ['p\rq', 'ok']]], defined: at },
    ];
    const { ruleset: withTags } = roundTrip([{ kind: 'rule', rule: { ...r.rule, tags, exceptions } }]);
    expect(withTags.rules[0]?.tags).toEqual(tags);
    expect(withTags.rules[0]?.exceptions.map((e) => e.values)).toEqual([
      ['a\nb', 'c\u2028d'],
      [['x\ny', ['p\rq', 'ok']]],
    ]);
  });

  it('prints exceptions, comps only where given, and extra keys', () => {
    const item: FlatItem = {
      kind: 'rule',
      rule: {
        name: 'Rule: with colon',
        desc: 'a description\n',
        condition: { text: 'evt.type = execve' },
        output: 'out %proc.name',
        priority: 'NOTICE',
        tags: ['b', 'a'],
        source: 'k8s_audit',
        enabled: false,
        exceptions: [
          { name: 'one', fields: 'proc.name', comps: 'in', compsGiven: false, values: ['x', '1194'], defined: { file: 't', line: 1, column: 1 } },
          {
            name: 'two',
            fields: ['proc.name', 'fd.directory'],
            comps: ['=', 'in'],
            compsGiven: true,
            values: [['sed', ['/etc', '/etc/a b']]],
            defined: { file: 't', line: 1, column: 1 },
          },
        ],
        extra: { warn_evttypes: false, capture_duration: 5000 },
      },
    };
    const { text, ruleset } = roundTrip([item]);
    const r = ruleset.rules[0];
    expect(r?.name).toBe('Rule: with colon');
    expect(r?.desc).toBe('a description\n');
    expect(r?.enabled).toBe(false);
    expect(r?.source).toBe('k8s_audit');
    expect(r?.extra).toEqual({ warn_evttypes: false, capture_duration: 5000 });
    expect(r?.exceptions.map((e) => [e.name, e.fields, e.comps, e.compsGiven, e.values])).toEqual([
      ['one', 'proc.name', 'in', false, ['x', '1194']],
      ['two', ['proc.name', 'fd.directory'], ['=', 'in'], true, [['sed', ['/etc', '/etc/a b']]]],
    ]);
    expect(text).toContain('    - name: one\n      fields: proc.name\n      values: [x, 1194]\n');
    expect(text).toContain('      values:\n        - [sed, [/etc, /etc/a b]]\n');
  });

  it('writes an empty sequence for a file with no items, which Falco reads as an empty rules file', () => {
    const text = printRulesFile({ name: 'e.yaml', header: ['h'], items: [] });
    expect(text).toBe('# h\n\n# No items: everything this input changed is merged into the items of earlier files.\n[]\n');
    expect(loadRuleTexts([{ name: 'e.yaml', text }]).diagnostics).toEqual([]);
  });
});
