import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { K8SAUDIT_RULE_NEEDS } from '../../lib/audit';
import { SHARED_DIR } from '../support/shared-dir';

const RULES = path.join(SHARED_DIR, 'upstream/falco-plugins/k8saudit-0.18.0/k8s_audit_rules.yaml');
type Item = { rule?: string; macro?: string; condition?: string };
const items = parse(fs.readFileSync(RULES, 'utf8')) as Item[];
const macros = new Map(items.filter((i) => i.macro).map((i) => [i.macro!, String(i.condition)]));

/** The condition with every macro it uses expanded (Falco's macros are plain substitutions). */
function expand(condition: string, seen = new Set<string>()): string {
  return condition.replace(/[A-Za-z_][A-Za-z0-9_]*/g, (word) => {
    const body = macros.get(word);
    if (body === undefined || seen.has(word)) return word;
    return `(${expand(body, new Set([...seen, word]))})`;
  });
}

describe('K8SAUDIT_RULE_NEEDS against k8s_audit_rules.yaml (plugins/k8saudit/v0.18.0)', () => {
  const rules = items.filter((i) => i.rule);

  it('lists every rule of the file, in file order, and nothing else', () => {
    expect(K8SAUDIT_RULE_NEEDS.map((n) => n.rule)).toEqual(rules.map((r) => r.rule));
  });

  for (const rule of rules) {
    it(`derives level and stage of '${rule.rule}' from its condition`, () => {
      const text = expand(String(rule.condition));
      const level = /ka\.resp\.|\/responseObject/.test(text) ? 'RequestResponse' : /ka\.req\.|\/requestObject/.test(text) ? 'Request' : 'Metadata';
      const stage = /jevt\.value\[\/stage\]=ResponseStarted/.test(text)
        ? 'ResponseStarted'
        : /jevt\.value\[\/stage\] in \(k8s_audit_stages\)/.test(text)
          ? 'ResponseComplete'
          : 'any';
      const need = K8SAUDIT_RULE_NEEDS.find((n) => n.rule === rule.rule)!;
      expect({ level: need.level, stage: need.stage }).toEqual({ level, stage });
    });

    it(`watches a request '${rule.rule}' can match (target resource and verb)`, () => {
      const text = expand(String(rule.condition));
      const need = K8SAUDIT_RULE_NEEDS.find((n) => n.rule === rule.rule)!;
      const resources = [...text.matchAll(/ka\.target\.resource=(\w+)/g)].map((m) => m[1]);
      if (resources.length > 0) expect(resources).toContain(need.request.resource);
      const verbs = [...text.matchAll(/ka\.verb=(\w+)|ka\.verb in \(([^)]*)\)/g)].flatMap((m) => (m[1] ?? m[2]!).split(',').map((v) => v.trim()));
      if (verbs.length > 0) expect(verbs).toContain(need.request.verb);
      const subresources = [...text.matchAll(/ka\.target\.subresource in \(([^)]*)\)/g)].flatMap((m) => m[1]!.split(',').map((v) => v.trim()));
      if (subresources.length > 0) expect(subresources).toContain(need.request.subresource);
    });
  }
});
