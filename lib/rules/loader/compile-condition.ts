import { ConditionSyntaxError, formatConditionError, parseCondition, transform, type Expr, type Node } from '../condition';
import type { EffectiveMacro, EffectiveRule, EffectiveRuleset } from './effective-ruleset';
import { conditionWithExceptions } from './exception-condition';
import { substituteLists } from './list-expansion';

/** A rule's condition as Falco compiles it. */
export interface CompiledCondition {
  /**
   * The text Falco parses: the condition in parentheses with its exceptions' `and not (...)`
   * clauses, then every list name replaced by its quoted items (`parse_condition`).
   */
  readonly text: string;
  /**
   * The parsed `text` with every macro reference replaced by that macro's own compiled tree.
   * Locations inside a substituted macro are relative to that macro's (list-substituted) text.
   */
  readonly ast: Expr;
  /** Lists whose names were substituted, in rule and macro texts alike. */
  readonly usedLists: readonly string[];
  /** Macros that were substituted, each once, in first-use order. */
  readonly usedMacros: readonly string[];
}

export type CompileErrorCode = 'syntax' | 'undefined-macro' | 'macro-loop';

/** A condition Falco would refuse to compile; `subject` names the rule or macro whose text failed. */
export class ConditionCompileError extends Error {
  override readonly name = 'ConditionCompileError';
  constructor(
    readonly code: CompileErrorCode,
    readonly subject: string,
    message: string,
    readonly cause?: ConditionSyntaxError,
  ) {
    super(message);
  }
}

/**
 * Compiles conditions of one effective ruleset the way falcosecurity/falco
 * `userspace/engine/rule_loader_compiler.cpp` does: exceptions are appended as text
 * (`build_rule_exception_infos`), lists are substituted as text in first-definition order
 * (`parse_condition` → `resolve_list`), and macros are substituted in the parsed tree
 * (`filter_macro_resolver`), recursively, with loop detection. Parsed macros are cached.
 */
export class ConditionCompiler {
  private readonly macros: ReadonlyMap<string, EffectiveMacro>;
  private readonly parsedMacros = new Map<string, { ast: Expr; usedLists: readonly string[] }>();

  constructor(private readonly ruleset: EffectiveRuleset) {
    this.macros = new Map(ruleset.macros.map((m) => [m.name, m]));
  }

  /** @throws ConditionCompileError when Falco would reject the condition. */
  compileRule(rule: EffectiveRule): CompiledCondition {
    const withExceptions = conditionWithExceptions(rule.condition, rule.exceptions);
    return this.compileText(withExceptions, `rule '${rule.name}'`);
  }

  /** Compiles any condition text against the ruleset's lists and macros. */
  compileText(condition: string, subject: string): CompiledCondition {
    const { text, used } = substituteLists(condition, this.ruleset.lists);
    const usedLists = new Set(used);
    const usedMacros = new Set<string>();
    const ast = this.resolveMacros(this.parse(text, subject), [], usedLists, usedMacros);
    return { text, ast, usedLists: [...usedLists], usedMacros: [...usedMacros] };
  }

  private parse(text: string, subject: string): Expr {
    try {
      return parseCondition(text);
    } catch (e) {
      if (!(e instanceof ConditionSyntaxError)) throw e;
      throw new ConditionCompileError('syntax', subject, `${subject}: ${formatConditionError(e)} in the condition after list substitution: ${text}`, e);
    }
  }

  private macroTree(macro: EffectiveMacro): { ast: Expr; usedLists: readonly string[] } {
    let parsed = this.parsedMacros.get(macro.name);
    if (parsed === undefined) {
      const { text, used } = substituteLists(macro.condition, this.ruleset.lists);
      parsed = { ast: this.parse(text, `macro '${macro.name}'`), usedLists: used };
      this.parsedMacros.set(macro.name, parsed);
    }
    return parsed;
  }

  private resolveMacros(ast: Expr, path: readonly string[], usedLists: Set<string>, usedMacros: Set<string>): Expr {
    return transform(ast, (node: Node): Node | undefined => {
      if (node.type !== 'identifier') return undefined;
      const macro = this.macros.get(node.identifier);
      const subject = path.length > 0 ? `macro '${path[path.length - 1]}'` : 'condition';
      if (macro === undefined) {
        throw new ConditionCompileError('undefined-macro', subject, `Undefined macro '${node.identifier}' used in filter.`);
      }
      if (path.includes(macro.name)) {
        throw new ConditionCompileError('macro-loop', subject, `reference loop in macro '${macro.name}': ${[...path, macro.name].join(' -> ')}`);
      }
      const tree = this.macroTree(macro);
      usedMacros.add(macro.name);
      for (const l of tree.usedLists) usedLists.add(l);
      return this.resolveMacros(tree.ast, [...path, macro.name], usedLists, usedMacros);
    });
  }
}

/**
 * The fully compiled condition of a rule: exceptions appended, lists expanded, macros
 * substituted, as Falco 0.44 compiles it. Builds a fresh compiler; for many rules, reuse a
 * `ConditionCompiler`.
 *
 * @throws ConditionCompileError when Falco would reject the condition.
 */
export function compileRuleCondition(ruleset: EffectiveRuleset, ruleName: string): CompiledCondition {
  const rule = ruleset.rules.find((r) => r.name === ruleName);
  if (rule === undefined) throw new Error(`no rule named '${ruleName}' in the ruleset`);
  return new ConditionCompiler(ruleset).compileRule(rule);
}
