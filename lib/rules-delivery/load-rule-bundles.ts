import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError, type Warning } from '../core';
import {
  lintLoaded,
  ERROR_LINT_RULES,
  lintRuleTexts,
  loadRuleTextsDetailed,
  readRulesLock,
  scopeFieldWarning,
  ScopeOptionsError,
  scopeRuleFiles,
  VendorError,
  verifyVendoredRules,
  type Diagnostic,
  type RuleFileSource,
  type ScopeOptions,
} from '../rules';
import { discoverProjectRules } from './discover-project-rules';
import { failOnErrors } from './fail-on-errors';
import type { RuleBundle, RuleFile } from './rule-bundle';
import { refuseRuleFileSecrets } from './rule-file-secrets';
import { ruleFileWarnings } from './rule-file-warnings';

export interface LoadRuleBundlesProps {
  /** Directory the relative paths below are resolved against. */
  readonly baseDir: string;
  /**
   * Folder of the project's own rule files (`*.yaml`, loaded in file-name order after the upstream rules;
   * anything else in it is refused, see `discoverProjectRules`).
   * @default 'rules'
   */
  readonly projectRulesDir?: string;
  /**
   * Folder of the vendored upstream Falco rules, checked against the lock file.
   * @default - the lock file's `vendorDir`; nothing vendored there means only the project's rules ship
   */
  readonly upstreamRulesDir?: string;
  /**
   * Lock file naming the upstream release, files and sha256 checksums.
   * @default 'upstream-rules.lock.yaml'
   */
  readonly lockFile?: string;
  /** Namespace scoping of the loaded rules. */
  readonly scope: ScopeOptions;
  /**
   * How messages name these props, as the caller's user wrote them: `<propPrefix>.lockFile`,
   * `<propPrefix>.scope.files`.
   * @default 'rules'
   */
  readonly propPrefix?: string;
}

/** The defaults of the optional props of `loadRuleBundles`. */
export const RULE_BUNDLES_DEFAULTS = {
  projectRulesDir: 'rules',
  lockFile: 'upstream-rules.lock.yaml',
} as const;

/** The props with their defaults applied. */
interface Resolved extends Required<Omit<LoadRuleBundlesProps, 'upstreamRulesDir'>> {
  readonly upstreamRulesDir: string | undefined;
}

export interface LoadedRuleBundles {
  readonly bundles: readonly RuleBundle[];
  /**
   * Non-fatal findings (rules left unscoped, lint warnings of the project's files), each once;
   * the findings inside the checksum-locked upstream files as one summary.
   */
  readonly warnings: readonly Warning[];
  /** Every rule file the syscall Falco loads, in its load order, as a path relative to the base directory. */
  readonly ruleFiles: readonly string[];
  /**
   * Vendored files of the lock for another Falco (`source: k8s_audit`), verified against the lock
   * with the syscall files, for the caller to deliver (lib/audit). Empty when nothing is vendored.
   */
  readonly otherSources: readonly VendoredRuleText[];
}

/** A vendored rule file verified against the lock, and the Falco source it is for. */
export interface VendoredRuleText {
  /** Path relative to the base directory: what diagnostics print. */
  readonly displayPath: string;
  readonly name: string;
  readonly text: string;
  readonly source: RuleFileSource;
}

interface RuleInput {
  /** Path relative to the base directory: what diagnostics print. */
  readonly displayPath: string;
  /** File name: the scoping transform's key and the ConfigMap key (after the order prefix). */
  readonly name: string;
  readonly text: string;
  readonly bundle: 'upstream' | 'project';
}

export const UPSTREAM_RULES_CONFIG_MAP = 'falco-gitops-rules-upstream';
export const PROJECT_RULES_CONFIG_MAP = 'falco-gitops-rules-project';

/**
 * Reads every rule file the stack ships, in Falco's load order (the vendored upstream files in lock
 * order, then the project's files by name), checks the vendored ones against the lock, lints all of
 * them together as Falco would load them, scopes them to the configured namespaces on the merged,
 * effective ruleset, lints the result again, and groups the flat output files into ConfigMap bundles.
 * Any error fails synth with the diagnostics, `file:line:col` first.
 */
export function loadRuleBundles(props: LoadRuleBundlesProps): LoadedRuleBundles {
  const rules: Resolved = {
    ...props,
    projectRulesDir: props.projectRulesDir ?? RULE_BUNDLES_DEFAULTS.projectRulesDir,
    upstreamRulesDir: props.upstreamRulesDir,
    lockFile: props.lockFile ?? RULE_BUNDLES_DEFAULTS.lockFile,
    propPrefix: props.propPrefix ?? 'rules',
  };
  const vendored = readVendoredRules(rules);
  // Files of another source (k8s_audit_rules.yaml) are another Falco's: returned, not loaded here.
  const upstream: RuleInput[] = vendored.filter((file) => file.source === 'syscall').map((file) => ({ ...file, bundle: 'upstream' as const }));
  const inputs = [...upstream, ...readProjectRules(rules)];
  if (inputs.length === 0) {
    throw new UserError({
      subject: rules.projectRulesDir,
      problem: 'no rule files (*.yaml) found and no upstream rules vendored; Falco would load no rules',
      fix: 'add a rule file to rules/ or run `npm run rules:vendor`.',
    });
  }
  const clash = firstDuplicate(inputs.map((input) => input.name));
  if (clash) {
    throw new UserError({ subject: clash, problem: 'an upstream and a project rule file share this name', fix: 'rename the project rule file.' });
  }

  const asLoaded = inputs.map((input) => ({ name: input.displayPath, text: input.text }));
  const warnings: Warning[] = [];
  if (!inputs.some((input) => input.bundle === 'upstream')) {
    // Not an error: this repository ships only its own rules. A deployment must not miss it, though.
    warnings.push({
      message:
        `no upstream Falco rules vendored (${rules.upstreamRulesDir ?? 'the lock file\'s vendorDir'} holds none of the locked files): ` +
        'dist/ carries only the project\'s rules. Run `npm run rules:vendor` to ship the scoped default rules.',
    });
  }
  const fieldWarning = scopeFieldWarning(rules.scope.field);
  if (fieldWarning !== undefined) warnings.push({ subject: `${rules.propPrefix}.scope.field`, message: `'${rules.scope.field}': ${fieldWarning}` });
  const findings: Diagnostic[] = [];
  const loaded = loadRuleTextsDetailed(asLoaded);
  failOnErrors(lintLoaded(asLoaded, loaded), 'rule files', findings);
  refuseRuleFileSecrets(inputs);

  let scoped;
  try {
    // Named by their repository paths so diagnostics point at them; outputs are named by base name.
    scoped = scopeRuleFiles(asLoaded, rules.scope, loaded);
  } catch (error) {
    if (!(error instanceof ScopeOptionsError)) throw error;
    // Exclusions must name rules and tags that exist in the loaded rule files.
    throw error.as((option) => `${rules.propPrefix}.scope.${option}`, { summary: `invalid ${rules.propPrefix}.scope` });
  }
  // The scoping's own refusals (a name it needs is taken, an exclusion names no rule): Falco would
  // load these rules, so the summary must not say that it would refuse them.
  failOnErrors(scoped.diagnostics, 'rules.scope', findings, 'the rules cannot be scoped as configured');
  // The scoped output is what Falco will load: it must lint clean as well.
  // Only its errors count (its warnings are those of the inputs again): the rules that can report one.
  failOnErrors(lintRuleTexts(scoped.files.map((file) => ({ name: file.name, text: file.text })), ERROR_LINT_RULES), 'scoped rule files', []);

  const outputByName = new Map(scoped.files.map((file) => [file.name, file.text]));
  const bundle = (id: 'upstream' | 'project', configMapName: string): RuleBundle | undefined => {
    const members = inputs.filter((input) => input.bundle === id);
    if (members.length === 0) return undefined;
    const files: RuleFile[] = members.map((input, index) => ({
      name: `${String(index).padStart(2, '0')}-${input.name}`,
      text: outputByName.get(input.name) ?? missingOutput(input.name),
    }));
    return { id, configMapName, files };
  };
  const bundles = [bundle('upstream', UPSTREAM_RULES_CONFIG_MAP), bundle('project', PROJECT_RULES_CONFIG_MAP)].filter(
    (b): b is RuleBundle => b !== undefined,
  );
  return {
    bundles,
    warnings: [...warnings, ...ruleFileWarnings(findings, upstreamPaths(inputs))],
    ruleFiles: inputs.map((input) => input.displayPath),
    otherSources: vendored.filter((file) => file.source !== 'syscall'),
  };
}

function upstreamPaths(inputs: readonly RuleInput[]): string[] {
  return inputs.filter((input) => input.bundle === 'upstream').map((input) => input.displayPath);
}

function readVendoredRules(rules: Resolved): VendoredRuleText[] {
  const { baseDir } = rules;
  const lockPath = path.join(baseDir, rules.lockFile);
  if (!fs.existsSync(lockPath)) {
    if (rules.upstreamRulesDir === undefined) return [];
    throw new UserError({
      subject: `${rules.propPrefix}.lockFile`,
      received: rules.lockFile,
      problem: `does not exist, but ${rules.propPrefix}.upstreamRulesDir is set`,
      fix: 'restore the lock file or unset upstreamRulesDir.',
    });
  }
  try {
    const lock = readRulesLock(lockPath);
    const relativeDir = rules.upstreamRulesDir ?? lock.vendorDir;
    const dir = path.join(baseDir, relativeDir);
    const vendored = lock.files.filter((file) => fs.existsSync(path.join(dir, file.name)));
    // Nothing vendored: the repository ships only its own rules (this repository does not commit upstream files).
    if (vendored.length === 0 && rules.upstreamRulesDir === undefined) return [];
    return verifyVendoredRules(lockPath, dir).map((file) => ({
      displayPath: path.posix.join(relativeDir, file.name),
      name: file.name,
      text: file.text,
      source: file.source,
    }));
  } catch (error) {
    if (error instanceof VendorError) throw error.relativeTo(baseDir);
    throw error;
  }
}

/** The project's rule files, found by `discoverProjectRules` (its comment says what is loaded and what refused). */
function readProjectRules(rules: Resolved): RuleInput[] {
  const { baseDir } = rules;
  const dir = path.join(baseDir, rules.projectRulesDir);
  if (!fs.existsSync(dir)) {
    throw new UserError({
      subject: `${rules.propPrefix}.projectRulesDir`,
      received: rules.projectRulesDir,
      problem: 'does not exist',
      fix: "create it with the project's rule files, or point the prop at them.",
    });
  }
  const lockPath = path.join(baseDir, rules.lockFile);
  // The vendored folder is loaded as upstream; the lock was read (and validated) by readVendoredRules.
  const upstreamRulesDir = rules.upstreamRulesDir ?? (fs.existsSync(lockPath) ? readRulesLock(lockPath).vendorDir : undefined);
  return discoverProjectRules({ baseDir, projectRulesDir: rules.projectRulesDir, upstreamRulesDir, lockFile: rules.lockFile }).map(
    (file) => ({ ...file, bundle: 'project' as const }),
  );
}

function firstDuplicate(names: readonly string[]): string | undefined {
  const seen = new Set<string>();
  return names.find((name) => (seen.has(name) ? true : (seen.add(name), false)));
}

function missingOutput(name: string): never {
  throw new Error(`the scoping transform returned no output for ${name}`);
}
