import { ConditionSyntaxError, parseCondition, walk, type Expr, type IdentifierExpr, type Loc } from '../condition';
import type { EffectiveList, EffectiveMacro, EffectiveRule, EffectiveRuleset, SourceRef, LoadDetails, MappedText } from '../loader';
import { outputFields } from './output-format';

/** What `outputFields` makes of an output: its fields and its syntax errors. */
type OutputFormat = ReturnType<typeof outputFields>;

/** The raw condition of a macro or rule, parsed once: a tree, or the syntax error. */
export interface ParsedCondition {
  readonly text: MappedText;
  readonly ast?: Expr;
  readonly error?: ConditionSyntaxError;
}

/** How the rules that (transitively) use a macro see it: per source, whether all of them skip unknown fields. */
export type MacroUsage = ReadonlyMap<string, { readonly allSkipUnknown: boolean }>;

/**
 * What every lint rule reads: the effective ruleset, position maps, and conditions parsed once.
 * Conditions are parsed as written (before list substitution), which is how the upstream rules
 * are meant to parse (MANIFEST.md) and keeps every position exact.
 */
export class LintContext {
  readonly lists: ReadonlyMap<string, EffectiveList>;
  readonly macros: ReadonlyMap<string, EffectiveMacro>;
  readonly rules: ReadonlyMap<string, EffectiveRule>;
  private readonly parsedMacros = new Map<string, ParsedCondition>();
  private readonly parsedRules = new Map<string, ParsedCondition>();
  private usage: Map<string, Map<string, { allSkipUnknown: boolean }>> | undefined;
  private readonly identifierCache = new WeakMap<Expr, IdentifierExpr[]>();
  private readonly parsedOutputs = new Map<string, { readonly mapped: MappedText; readonly format: OutputFormat } | undefined>();

  constructor(
    readonly ruleset: EffectiveRuleset,
    readonly details: LoadDetails,
  ) {
    this.lists = new Map(ruleset.lists.map((l) => [l.name, l]));
    this.macros = new Map(ruleset.macros.map((m) => [m.name, m]));
    this.rules = new Map(ruleset.rules.map((r) => [r.name, r]));
  }

  macroCondition(name: string): ParsedCondition {
    return cached(this.parsedMacros, name, () => this.details.macroConditions.get(name));
  }

  ruleCondition(name: string): ParsedCondition {
    return cached(this.parsedRules, name, () => this.details.ruleConditions.get(name));
  }

  /** A rule's output and its `%fields`, split once (two lint rules read them); undefined without an output. */
  ruleOutput(name: string): { readonly mapped: MappedText; readonly format: OutputFormat } | undefined {
    let found = this.parsedOutputs.get(name);
    if (found === undefined && !this.parsedOutputs.has(name)) {
      const mapped = this.details.ruleOutputs.get(name);
      found = mapped === undefined ? undefined : { mapped, format: outputFields(mapped.text) };
      this.parsedOutputs.set(name, found);
    }
    return found;
  }

  /** File position of a location inside a parsed condition. */
  locate(parsed: ParsedCondition, loc: Pick<Loc, 'offset'>): SourceRef {
    return parsed.text.locate(loc.offset);
  }

  /** Macro references (`identifier` nodes) of a tree, in source order. */
  identifiers(ast: Expr | undefined): readonly IdentifierExpr[] {
    if (ast === undefined) return [];
    let out = this.identifierCache.get(ast);
    if (out === undefined) {
      const found: IdentifierExpr[] = [];
      walk(ast, { identifier: (n) => void found.push(n) });
      this.identifierCache.set(ast, (out = found));
    }
    return out;
  }

  /**
   * For each macro, the sources of the rules that use it directly or through other macros, and
   * whether all those rules set `skip-if-unknown-filter`. Falco checks a macro's fields only as
   * part of the rules that use it, against each rule's source.
   */
  macroUsage(name: string): MacroUsage {
    this.usage ??= this.computeUsage();
    return this.usage.get(name) ?? new Map();
  }

  private computeUsage(): Map<string, Map<string, { allSkipUnknown: boolean }>> {
    const usage = new Map<string, Map<string, { allSkipUnknown: boolean }>>();
    for (const rule of this.ruleset.rules) {
      const skip = rule.extra['skip-if-unknown-filter'] === true;
      const seen = new Set<string>();
      const queue = this.identifiers(this.ruleCondition(rule.name).ast).map((i) => i.identifier);
      while (queue.length > 0) {
        const name = queue.pop();
        if (name === undefined || seen.has(name) || !this.macros.has(name)) continue;
        seen.add(name);
        const bySource = usage.get(name) ?? new Map<string, { allSkipUnknown: boolean }>();
        usage.set(name, bySource);
        const prev = bySource.get(rule.source);
        bySource.set(rule.source, { allSkipUnknown: (prev?.allSkipUnknown ?? true) && skip });
        for (const i of this.identifiers(this.macroCondition(name).ast)) queue.push(i.identifier);
      }
    }
    return usage;
  }
}

function cached(cache: Map<string, ParsedCondition>, name: string, text: () => MappedText | undefined): ParsedCondition {
  let parsed = cache.get(name);
  if (parsed === undefined) {
    const mapped = text();
    if (mapped === undefined) throw new Error(`no condition text recorded for '${name}'`);
    try {
      parsed = { text: mapped, ast: parseCondition(mapped.text) };
    } catch (e) {
      if (!(e instanceof ConditionSyntaxError)) throw e;
      parsed = { text: mapped, error: e };
    }
    cache.set(name, parsed);
  }
  return parsed;
}
