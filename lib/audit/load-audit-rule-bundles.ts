import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError, type Warning } from '../core';
import {
  isCompatible,
  lintLoaded,
  ERROR_LINT_RULES,
  lintRuleTexts,
  loadRuleTextsDetailed,
  parseVersion,
  ScopeOptionsError,
  scopeRuleFiles,
  type Diagnostic,
  type EffectiveRuleset,
  type RuleText,
} from '../rules';
import { discoverProjectRules, failOnErrors, refuseRuleFileSecrets, ruleFileWarnings } from '../rules-delivery';
import { K8SAUDIT_RULE_NEEDS } from './falco-audit-needs';

/** What a rule error means for the audit Falco (the syscall Falco's bundles say `Falco would …`). */
const AUDIT_FALCO_REFUSES = 'the audit Falco would refuse to start with these rules';

/**
 * The plugins the audit Falco installs and loads (falcosecurity/plugins tags plugins/k8saudit/v0.18.0
 * and plugins/json/v0.7.4), as falcoctl OCI references pinned to those versions.
 */
export const AUDIT_FALCO_PLUGINS = {
  k8saudit: { name: 'k8saudit', version: '0.18.0', ref: 'ghcr.io/falcosecurity/plugins/plugin/k8saudit:0.18.0', library: 'libk8saudit.so' },
  json: { name: 'json', version: '0.7.4', ref: 'ghcr.io/falcosecurity/plugins/plugin/json:0.7.4', library: 'libjson.so' },
} as const;

/** One rule file for the audit Falco, as read. */
export interface AuditRuleInput {
  /** Path relative to the base directory: what diagnostics print. */
  readonly displayPath: string;
  /** File name: the ConfigMap key after the order prefix. */
  readonly name: string;
  readonly text: string;
}

export interface LoadAuditRuleBundlesProps {
  /** The vendored upstream k8s_audit_rules.yaml (checked against the lock by the caller), if vendored. */
  readonly upstream: readonly AuditRuleInput[];
  /** The project's own audit rules (`*.yaml` of the project audit rules folder). */
  readonly project: readonly AuditRuleInput[];
  /** Namespaces the rules fire in (`ka.target.namespace`). */
  readonly namespaces: readonly string[];
  /**
   * Rules left unscoped (cluster-scoped targets have no namespace). A name of the k8saudit 0.18.0
   * rules that is not loaded (the upstream file is not vendored) is skipped; any other name that
   * no loaded rule has is an error (a typo would silently scope the rule).
   */
  readonly unscopedRules: readonly string[];
  /** How messages name the prop holding `unscopedRules`. */
  readonly unscopedRulesProp: string;
}

export interface AuditRuleBundle {
  readonly id: 'upstream' | 'project';
  readonly files: ReadonlyArray<{ readonly name: string; readonly text: string }>;
}

export interface LoadedAuditRuleBundles {
  readonly bundles: readonly AuditRuleBundle[];
  /** Lint warnings of the project's audit rules, each once; those of the vendored file as one summary. */
  readonly warnings: readonly Warning[];
  /** Every audit rule file read, in the audit Falco's load order (synth prints them). */
  readonly ruleFiles: readonly string[];
  /** Rules left unscoped, by name, after the scoping. */
  readonly unscoped: readonly string[];
}

/**
 * Loads the audit Falco's rule files as Falco would (upstream first, then the project's), lints
 * them with the k8s_audit field catalog, scopes every rule on `ka.target.namespace` except the
 * unscoped ones, lints the output again and groups it into two bundles. Plugin-version warnings
 * are checked against the plugins this Falco loads (`AUDIT_FALCO_PLUGINS`) instead of the syscall
 * chart's: a requirement they meet is dropped, one they miss is an error.
 */
export function loadAuditRuleBundles(props: LoadAuditRuleBundlesProps): LoadedAuditRuleBundles {
  const inputs = [...props.upstream.map((i) => ({ ...i, bundle: 'upstream' as const })), ...props.project.map((i) => ({ ...i, bundle: 'project' as const }))];
  if (inputs.length === 0) {
    throw new UserError({ subject: 'audit rules', problem: 'no audit rule files: the audit Falco would load no rules', fix: 'add the project audit rules or run `npm run rules:vendor`' });
  }
  const asLoaded: RuleText[] = inputs.map((i) => ({ name: i.displayPath, text: i.text }));
  const loaded = loadRuleTextsDetailed(asLoaded);
  const findings: Diagnostic[] = [];
  failOnErrors([...pluginProblems(loaded.ruleset), ...withoutPluginVersions(lintLoaded(asLoaded, loaded))], 'audit rule files', findings, AUDIT_FALCO_REFUSES);
  // Rendered into dist/ and pushed to Git like the syscall rule files: the same refusal.
  refuseRuleFileSecrets(inputs);

  const known = new Set(loaded.ruleset.rules.map((r) => r.name));
  const upstreamNames = new Set(K8SAUDIT_RULE_NEEDS.map((n) => n.rule));
  const unknown = props.unscopedRules.filter((name) => !known.has(name) && !upstreamNames.has(name));
  if (unknown.length > 0) {
    throw new UserError(
      unknown.map((name) => ({
        subject: props.unscopedRulesProp,
        received: name,
        problem: 'names no audit rule (neither a loaded rule nor one of k8s_audit_rules.yaml 0.18.0)',
        fix: `use a rule name exactly as written, e.g. "${[...known][0] ?? 'Create Disallowed Namespace'}"`,
      })),
    );
  }
  const unscoped = props.unscopedRules.filter((name) => known.has(name));
  let scoped;
  try {
    scoped = scopeRuleFiles(asLoaded, { namespaces: props.namespaces, field: 'k8smeta.ns.name', excludeRules: unscoped, excludeTags: [] }, loaded);
  } catch (error) {
    if (!(error instanceof ScopeOptionsError)) throw error;
    throw error.as((option) => (option === 'excludeRules' ? props.unscopedRulesProp : `audit scope ${option}`), { summary: 'invalid audit rule scoping' });
  }
  // The scoping's own refusals: Falco would load these rules, so the summary must not say it would refuse them.
  failOnErrors(scoped.diagnostics, 'audit rule scoping', findings, 'the audit rules cannot be scoped as configured');
  failOnErrors(withoutPluginVersions(lintRuleTexts(scoped.files.map((f) => ({ name: f.name, text: f.text })), ERROR_LINT_RULES)), 'scoped audit rule files', [], AUDIT_FALCO_REFUSES);

  const outputByName = new Map(scoped.files.map((f) => [f.name, f.text]));
  const bundles: AuditRuleBundle[] = (['upstream', 'project'] as const)
    .map((id) => ({
      id,
      files: inputs
        .filter((i) => i.bundle === id)
        .map((input, index) => ({ name: `${String(index).padStart(2, '0')}-${input.name}`, text: outputByName.get(input.name) ?? missing(input.name) })),
    }))
    .filter((b) => b.files.length > 0);
  return {
    bundles,
    warnings: ruleFileWarnings(findings, props.upstream.map((i) => i.displayPath)),
    ruleFiles: inputs.map((i) => i.displayPath),
    unscoped,
  };
}

/**
 * The project's audit rule files, found as the syscall rules folder's are (`discoverProjectRules`):
 * `*.yaml` in Falco's order (by name), every other entry (subfolders, `.yml`, other files) refused
 * with a message, never passed over. A missing folder is an error naming the prop.
 */
export function readAuditRuleFolder(baseDir: string, dir: string, prop: string, lockFile: string): AuditRuleInput[] {
  const full = path.join(baseDir, dir);
  if (!fs.existsSync(full)) {
    throw new UserError({ subject: prop, received: dir, problem: 'does not exist', fix: "create it with the project's audit rules, or point the prop at them" });
  }
  return discoverProjectRules({ baseDir, projectRulesDir: dir, upstreamRulesDir: undefined, lockFile });
}

/** The syscall chart's plugin check does not apply here; `pluginProblems` checks against this Falco's plugins. */
function withoutPluginVersions(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.code !== 'plugin-version');
}

function pluginProblems(ruleset: EffectiveRuleset): Diagnostic[] {
  const shipped: Readonly<Record<string, string>> = Object.fromEntries(Object.values(AUDIT_FALCO_PLUGINS).map((p) => [p.name, p.version]));
  return ruleset.requiredPluginVersions.flatMap((req) => {
    const met = req.alternatives.some((a) => {
      const have = shipped[a.name] === undefined ? undefined : parseVersion(shipped[a.name]!);
      const need = parseVersion(a.version);
      return have !== undefined && need !== undefined && isCompatible(have, need);
    });
    if (met) return [];
    const wanted = req.alternatives.map((a) => `${a.name} ${a.version}`).join(' or ');
    return [{
      file: req.defined.file,
      line: req.defined.line,
      column: req.defined.column,
      severity: 'error' as const,
      code: 'plugin-version',
      message: `required plugin ${wanted} is not met by the audit Falco's plugins (${Object.entries(shipped).map(([n, v]) => `${n} ${v}`).join(', ')})`,
    }];
  });
}

function missing(name: string): never {
  throw new Error(`the scoping transform returned no output for ${name}`);
}
