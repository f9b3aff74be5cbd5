import { ConditionSyntaxError, parseCondition, walk, type BinaryCheckExpr, type Expr, type FieldExpr, type IdentifierExpr, type Loc, type UnaryCheckExpr } from '../condition';
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

/** The nodes of a condition tree the lint rules look at, by kind, each in source order. */
export interface ConditionNodes {
  readonly fields: readonly FieldExpr[];
  /** Macro references. */
  readonly identifiers: readonly IdentifierExpr[];
  readonly binaryChecks: readonly BinaryCheckExpr[];
  /** Binary and unary checks together, in source order. */
  readonly checks: readonly (BinaryCheckExpr | UnaryCheckExpr)[];
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
  private readonly nodeCache = new WeakMap<Expr, ConditionNodes>();
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

  /**
   * The nodes of a tree the lint rules look at, by kind, collected in one walk per tree: several
   * rules read the fields or the checks of every condition, and a walk each, mostly before the JIT
   * has warmed up, cost more than the rules' own work.
   */
  nodesOf(ast: Expr): ConditionNodes {
    let nodes = this.nodeCache.get(ast);
    if (nodes === undefined) {
      const fields: FieldExpr[] = [];
      const identifiers: IdentifierExpr[] = [];
      const binaryChecks: BinaryCheckExpr[] = [];
      const checks: (BinaryCheckExpr | UnaryCheckExpr)[] = [];
      walk(ast, {
        field: (n) => void fields.push(n),
        identifier: (n) => void identifiers.push(n),
        binary_check: (n) => {
          binaryChecks.push(n);
          checks.push(n);
        },
        unary_check: (n) => void checks.push(n),
      });
      this.nodeCache.set(ast, (nodes = { fields, identifiers, binaryChecks, checks }));
    }
    return nodes;
  }

  /** Macro references (`identifier` nodes) of a tree, in source order. */
  identifiers(ast: Expr | undefined): readonly IdentifierExpr[] {
    return ast === undefined ? [] : this.nodesOf(ast).identifiers;
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
