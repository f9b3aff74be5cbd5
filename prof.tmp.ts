import * as fs from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { loadRuleTextsDetailed } from './lib/rules/loader/load-rule-files';
import { LintContext } from './lib/rules/lint/lint-context';
import { LINT_RULES } from './lib/rules/lint/rules';
import { UPSTREAM_RULE_FILES } from './test/support/shared-dir';
const inputs = UPSTREAM_RULE_FILES.map((p) => ({ name: p, text: fs.readFileSync(p, 'utf8') }));
const t: Record<string, number> = {};
const time = (k: string, f: () => unknown) => { const s = performance.now(); const r = f(); t[k] = (t[k] ?? 0) + performance.now() - s; return r; };
for (let i = 0; i < 13; i++) {
  const warm = i >= 3;
  const tt = warm ? time : (_k: string, f: () => unknown) => f();
  tt('yaml', () => inputs.map((f) => parseAllDocuments(f.text)));
  const loaded = tt('load', () => loadRuleTextsDetailed(inputs)) as ReturnType<typeof loadRuleTextsDetailed>;
  const ctx = new LintContext(loaded.ruleset, loaded.details);
  tt('parse', () => { for (const m of loaded.ruleset.macros) ctx.macroCondition(m.name); for (const r of loaded.ruleset.rules) ctx.ruleCondition(r.name); });
  for (const rule of LINT_RULES) tt(rule.id, () => rule.check(ctx, () => {}));
}
for (const [k, v] of Object.entries(t)) console.log(k.padEnd(30), (v / 10).toFixed(1));
