import * as YAML from 'yaml';
import { locateTokens, maskToken, mayHoldTokens, UserError, type Problem } from '../core';
import { LineCounter } from '../rules';

/**
 * Every credential-shaped string of a rule file, with the detector that refuses the same token
 * as a prop: a rule file is rendered into `dist/` and pushed to Git just the same. Each problem
 * names `file:line:col` of the token in the source (of the string holding it when an escape or
 * a folded line makes the token's own text differ from the source) and shows the token masked.
 *
 * Every scalar is checked, keys included: `output`, `desc`, `condition`, list items, exception
 * values. Comments are not rendered into `dist/` and are not checked. A token spelled with YAML
 * escapes (`"\x41KIA…"`) is named at the start of its string, or, when the cheap pre-check of the
 * raw text misses it, by the scan of the rendered manifests, which sees it unescaped.
 */
export function ruleFileSecrets(displayPath: string, text: string): Problem[] {
  // Parsing the upstream files again would cost ~300 ms on every synth; they hold no candidate.
  if (!mayHoldTokens(text)) return [];
  const lines = new LineCounter(text);
  const problems: Problem[] = [];
  for (const doc of YAML.parseAllDocuments(text)) {
    YAML.visit(doc, {
      Scalar(_key, node) {
        if (typeof node.value !== 'string' || node.range === undefined || node.range === null) return;
        const [start, valueEnd] = node.range;
        const source = text.slice(start, valueEnd);
        for (const match of locateTokens(node.value)) {
          const token = node.value.slice(match.index, match.index + match.length);
          const inSource = source.indexOf(token);
          const at = lines.position(inSource === -1 ? start : start + inSource);
          problems.push({
            subject: `${displayPath}:${at.line}:${at.column}`,
            received: maskToken(token),
            problem: `looks like ${match.kind}; rule files are rendered into dist/ and pushed to Git, so secrets must never be in them`,
            fix: 'remove it (a rule matches a credential by its shape, e.g. `proc.cmdline contains "xoxb-"`, never by the secret itself) and rotate it if it was ever committed',
          });
        }
      },
    });
  }
  return problems;
}

/** A credential in any rule file fails synth before anything is rendered, every one reported at once. */
export function refuseRuleFileSecrets(files: readonly { readonly displayPath: string; readonly text: string }[]): void {
  const problems = files.flatMap((file) => ruleFileSecrets(file.displayPath, file.text));
  if (problems.length > 0) throw new UserError(problems, { summary: 'rule files hold credential-shaped strings' });
}
