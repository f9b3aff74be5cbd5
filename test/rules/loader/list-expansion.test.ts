import { describe, expect, it } from 'vitest';
import { listsNamedBy, loadRuleFiles, mentionsList, substituteList, substituteLists } from '../../../lib/rules/loader';
import { UPSTREAM_RULE_FILES } from '../../support/shared-dir';

type Lists = ReadonlyArray<{ readonly name: string; readonly expandedItems: readonly string[] }>;

/**
 * `parse_condition`'s list substitution as Falco writes it, without the shortcuts of
 * `substituteLists` (the word index, the one pattern of every name): each list in order,
 * substituted where the text names it.
 */
function reference(condition: string, lists: Lists): { text: string; used: string[] } {
  let text = condition;
  const used: string[] = [];
  for (const l of lists) {
    if (!mentionsList(text, l.name)) continue;
    used.push(l.name);
    text = substituteList(text, l.name, l.expandedItems);
  }
  return { text, used };
}

describe('substituteLists', () => {
  it('substitutes as the plain algorithm does, over every upstream macro and rule', () => {
    const { ruleset } = loadRuleFiles(UPSTREAM_RULE_FILES);
    let substituted = 0;
    for (const item of [...ruleset.macros, ...ruleset.rules]) {
      const expected = reference(item.condition, ruleset.lists);
      expect(substituteLists(item.condition, ruleset.lists), item.name).toEqual(expected);
      expect(listsNamedBy(item.condition, ruleset.lists), item.name).toEqual(expected.used);
      if (expected.used.length > 0) substituted++;
    }
    expect(substituted).toBe(81);
  });

  it.each([
    ['a name that starts another', 'x in (shells_more, shells)', [{ name: 'shells', expandedItems: ['sh'] }, { name: 'shells_more', expandedItems: ['zsh'] }]],
    ['a name with pattern characters', 'x in (a.b, a+b)', [{ name: 'a.b', expandedItems: ['1'] }, { name: 'axb', expandedItems: ['2'] }, { name: 'a+b', expandedItems: ['3'] }]],
    ['a name not delimited', 'x = prefix_shells or y = shells_suffix', [{ name: 'shells', expandedItems: ['sh'] }]],
    ['a name at the ends of the text', 'shells', [{ name: 'shells', expandedItems: ['sh', 'bash'] }]],
    ['items naming a later list', 'x in (outer)', [{ name: 'outer', expandedItems: ['inner', 'z'] }, { name: 'inner', expandedItems: ['i'] }]],
    ['an empty list', 'x in (a, none, b)', [{ name: 'none', expandedItems: [] }]],
    ['a name inside a quoted string', 'x contains "run shells now"', [{ name: 'shells', expandedItems: ['sh'] }]],
    ['no lists at all', 'x in (shells)', []],
    ['a name with a delimiter (no word index then)', 'x in (a b)', [{ name: 'a b', expandedItems: ['c'] }]],
  ])('agrees with the plain algorithm on %s', (_what, condition, lists) => {
    expect(substituteLists(condition, lists)).toEqual(reference(condition, lists));
    expect(listsNamedBy(condition, lists)).toEqual(reference(condition, lists).used);
  });
});
