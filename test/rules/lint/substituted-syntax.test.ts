import { describe, expect, it } from 'vitest';
import { parseCondition } from '../../../lib/rules/condition';
import { lintRuleTexts } from '../../../lib/rules/lint';
import { substitutionKeepsSyntax } from '../../../lib/rules/lint/substituted-syntax';
import { loadRuleFiles, loadRuleTexts, substituteLists, type EffectiveList, type EffectiveRuleset } from '../../../lib/rules/loader';
import { UPSTREAM_RULE_FILES } from '../../support/shared-dir';

/** The lists of a ruleset by name, as the lint context has them. */
const byName = (ruleset: EffectiveRuleset): ReadonlyMap<string, EffectiveList> => new Map(ruleset.lists.map((l) => [l.name, l]));

/** A ruleset of `lists` (name → items), loaded as Falco would. */
function listsOf(lists: Record<string, string[]>): EffectiveRuleset {
  const yaml = Object.entries(lists)
    .map(([name, items]) => `- list: ${name}\n  items: [${items.map((i) => JSON.stringify(i)).join(', ')}]\n`)
    .join('');
  return loadRuleTexts([{ name: 'lists.yaml', text: yaml }]).ruleset;
}

/** The shortcut's answer for `condition`, and whether the substituted text really parses. */
function judge(condition: string, ruleset: EffectiveRuleset): { sure: boolean; parses: boolean } {
  const { text, used } = substituteLists(condition, ruleset.lists);
  let parses = true;
  try {
    parseCondition(text);
  } catch {
    parses = false;
  }
  return { sure: substitutionKeepsSyntax(parseCondition(condition), condition, used, byName(ruleset)), parses };
}

describe('substitutionKeepsSyntax: when a substituted condition need not be parsed again', () => {
  it('is never sure of a text that does not parse, over every upstream macro and rule', () => {
    const { ruleset } = loadRuleFiles(UPSTREAM_RULE_FILES);
    let substituted = 0;
    let sure = 0;
    for (const item of [...ruleset.macros, ...ruleset.rules]) {
      if (substituteLists(item.condition, ruleset.lists).used.length === 0) continue;
      substituted++;
      const result = judge(item.condition, ruleset);
      if (result.sure) sure++;
      if (result.sure) expect(result.parses, item.name).toBe(true);
    }
    // Measured: all 81 conditions that name a list (each also parsed above, and parsing).
    expect(substituted).toBe(81);
    expect(sure).toBe(81);
  });

  it('is sure when bare items go into parenthesized lists, empty lists and nested names included', () => {
    // A backslash is only an escape in a quoted string: `x\q` is one bare item.
    const ruleset = listsOf({ shells: ['bash', 'sh', 'x\\q'], none: [], outer: ['shells', 'zsh'] });
    for (const condition of ['proc.name in (shells)', 'proc.name in (a, shells, b)', 'proc.name in (none)', 'proc.name in (none, a)', 'proc.name in (outer)', 'proc.name = oneof (shells)']) {
      expect(judge(condition, ruleset), condition).toEqual({ sure: true, parses: true });
    }
  });

  it('is not sure of a bare list name after an operator, which Falco substitutes as text', () => {
    const ruleset = listsOf({ shells: ['bash', 'sh'] });
    expect(judge('proc.name in shells', ruleset)).toEqual({ sure: false, parses: false });
    expect(judge('proc.name = shells', ruleset)).toEqual({ sure: false, parses: false });
  });

  it('is sure of quoted items, written so or quoted by quote_item, that are one complete string', () => {
    for (const item of ['"(systemd)"', "'75-system-updat'", 'sh -c uname -p 2> /dev/null', '""']) {
      const ruleset = listsOf({ quoted: ['ok', item] });
      expect(judge('proc.name in (quoted)', ruleset), JSON.stringify(item)).toEqual({ sure: true, parses: true });
    }
  });

  it('is not sure of items that are not one list item: parentheses, stray or unclosed quotes, bad escapes, empty strings', () => {
    for (const item of ['(sd-pam)', 'a"b', '"unclosed', '"bad \\q escape"', '"two" "strings"', '']) {
      const ruleset = listsOf({ odd: ['ok', item] });
      expect(judge('proc.name in (odd)', ruleset).sure, JSON.stringify(item)).toBe(false);
    }
  });

  it('is not sure of a name written inside a quoted string, which is substituted there too', () => {
    const ruleset = listsOf({ shells: ['bash', 'sh'] });
    expect(judge('proc.name in (shells) and proc.cmdline contains "run shells now"', ruleset).sure).toBe(false);
  });

  it('leaves the expanded-condition-syntax lint reporting what does not parse once substituted', () => {
    const text = '- list: odd\n  items: ["(x"]\n- macro: m\n  condition: proc.name in (odd)\n- macro: ok\n  condition: proc.name in (ok_list)\n- list: ok_list\n  items: [a]\n';
    const codes = lintRuleTexts([{ name: 'r.yaml', text }]).map((d) => `${d.line}:${d.code}`);
    // Reported at the macro's condition (line 4).
    expect(codes).toEqual(['4:expanded-condition-syntax']);
  });
});
