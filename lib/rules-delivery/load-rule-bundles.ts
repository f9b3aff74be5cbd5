import * as fs from 'node:fs';
import * as path from 'node:path';
import { StackInputError } from '../errors/stack-props-error';
import { formatDiagnostic, lintLoaded, lintRuleTexts, loadRuleTextsDetailed, type Diagnostic } from '../rules';
import { ScopeOptionsError, scopeRuleFiles } from '../rules/scope';
import { readRulesLock, VendorError, verifyVendoredRules } from '../rules/vendor';
import type { ResolvedStackProps } from '../stack/resolved-stack-props';
import type { RuleBundle, RuleFile } from './rule-bundle';

export interface LoadRuleBundlesOptions {
  /** Directory the props' relative paths are resolved against. */
  readonly baseDir: string;
}

export interface LoadedRuleBundles {
  readonly bundles: readonly RuleBundle[];
  /** Non-fatal findings (rules left unscoped, lint warnings), formatted for the terminal. */
  readonly warnings: readonly string[];
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
export function loadRuleBundles(props: ResolvedStackProps, options: LoadRuleBundlesOptions): LoadedRuleBundles {
  const { rules } = props;
  const inputs = [...readUpstreamRules(props, options.baseDir), ...readProjectRules(props, options.baseDir)];
  if (inputs.length === 0) {
    throw new StackInputError(
      `${rules.projectRulesDir}: no rule files (*.yaml) found and no upstream rules vendored; Falco would load no rules. ` +
        'Fix: add a rule file to rules/ or run `npm run rules:vendor`.',
    );
  }
  const clash = firstDuplicate(inputs.map((input) => input.name));
  if (clash) {
    throw new StackInputError(
      `${clash}: an upstream and a project rule file share this name. Fix: rename the project rule file.`,
    );
  }

  const asLoaded = inputs.map((input) => ({ name: input.displayPath, text: input.text }));
  const warnings: string[] = [];
  if (!inputs.some((input) => input.bundle === 'upstream')) {
    // Not an error: this repository ships only its own rules. A deployment must not miss it, though.
    warnings.push(
      `no upstream Falco rules vendored (${rules.upstreamRulesDir ?? 'the lock file\'s vendorDir'} holds none of the locked files): ` +
        'dist/ carries only the project\'s rules. Run `npm run rules:vendor` to ship the scoped default rules.',
    );
  }
  const loaded = loadRuleTextsDetailed(asLoaded);
  failOnErrors(lintLoaded(asLoaded, loaded), 'rule files', warnings);

  let scoped;
  try {
    // Named by their repository paths so diagnostics point at them; outputs are named by base name.
    scoped = scopeRuleFiles(asLoaded, {
      namespaces: rules.scope.namespaces,
      field: rules.scope.field,
      scopedFiles: rules.scope.files,
      excludeRules: rules.scope.excludeRules,
      excludeTags: rules.scope.excludeTags,
    }, loaded);
  } catch (error) {
    if (!(error instanceof ScopeOptionsError)) throw error;
    throw new StackInputError(
      `invalid rules.scope:\n${error.problems.map((problem) => `  - ${problem}`).join('\n')}\n` +
        'Fix: correct rules.scope in main.ts (exclusions must name rules and tags that exist in the loaded rule files).',
    );
  }
  failOnErrors(scoped.diagnostics, 'rules.scope', warnings);
  // The scoped output is what Falco will load: it must lint clean as well.
  failOnErrors(lintRuleTexts(scoped.files.map((file) => ({ name: file.name, text: file.text }))), 'scoped rule files', []);

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
  // The scoping reports the loader's warnings again (they are in the lint's too): report each once.
  return { bundles, warnings: [...new Set(warnings)] };
}

function readUpstreamRules(props: ResolvedStackProps, baseDir: string): RuleInput[] {
  const { rules } = props;
  const lockPath = path.join(baseDir, rules.lockFile);
  if (!fs.existsSync(lockPath)) {
    if (rules.upstreamRulesDir === undefined) return [];
    throw new StackInputError(
      `rules.lockFile: ${rules.lockFile} does not exist, but rules.upstreamRulesDir is set. Fix: restore the lock file or unset upstreamRulesDir.`,
    );
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
      bundle: 'upstream' as const,
    }));
  } catch (error) {
    if (error instanceof VendorError) throw new StackInputError(relativize(error.message, baseDir));
    throw error;
  }
}

function readProjectRules(props: ResolvedStackProps, baseDir: string): RuleInput[] {
  const { rules } = props;
  const dir = path.join(baseDir, rules.projectRulesDir);
  if (!fs.existsSync(dir)) {
    throw new StackInputError(
      `rules.projectRulesDir: ${rules.projectRulesDir} does not exist. Fix: create it with the project's rule files, or point the prop at them.`,
    );
  }
  const lockName = path.resolve(baseDir, rules.lockFile);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .filter((entry) => path.resolve(dir, entry.name) !== lockName)
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({
      displayPath: path.posix.join(rules.projectRulesDir, name),
      name,
      text: fs.readFileSync(path.join(dir, name), 'utf8'),
      bundle: 'project' as const,
    }));
}

function failOnErrors(diagnostics: readonly Diagnostic[], what: string, warnings: string[]): void {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  for (const warning of diagnostics.filter((d) => d.severity === 'warning')) warnings.push(formatDiagnostic(warning));
  if (errors.length > 0) {
    throw new StackInputError(
      `${what}: ${errors.length} error(s); Falco would refuse to start with these rules:\n${errors.map((d) => `  ${formatDiagnostic(d)}`).join('\n')}`,
    );
  }
}

function firstDuplicate(names: readonly string[]): string | undefined {
  const seen = new Set<string>();
  return names.find((name) => (seen.has(name) ? true : (seen.add(name), false)));
}

function missingOutput(name: string): never {
  throw new Error(`the scoping transform returned no output for ${name}`);
}

/** Messages name files relative to the repository, never by an absolute path of this machine. */
function relativize(message: string, baseDir: string): string {
  const prefix = path.resolve(baseDir) + path.sep;
  return message.split(prefix).join('');
}
