import type { AmendmentKind, ConditionPart, PluginRequirement, RequiredEngineVersion, RequiredPluginVersion, SourceRef, SourceSpan } from './effective-ruleset';
import { FALCO_TARGET } from '../../core';
import { formatVersion, isCompatible, parseVersion, type Semver } from './engine-version';
import type { ExceptionInfo, ListContent, ListInfo, MacroContent, MacroInfo, RecordHistory, RuleContent, RuleInfo, RuleUpdate } from './item-infos';
import { entryValue, isValidEntry, latestDefinition, refOf } from './item-infos';
import { LOAD_MESSAGES, type LoadCheckName } from './load-checks';
import { validateException } from './validate-exception';

/** Reports one loader diagnostic. */
export type Report = (check: LoadCheckName, at: SourceRef, message: string) => void;

const where = (s: SourceSpan): string => `${s.file}:${s.start.line}:${s.start.column}`;

/** A new record's history: defined here, not changed yet. */
const definedAt = (span: SourceSpan): RecordHistory => ({ firstDefinition: span, amendments: [] });

/** A redefinition keeps the record's history and adds itself to it. */
const redefined = (prev: RecordHistory, span: SourceSpan): RecordHistory => ({
  firstDefinition: prev.firstDefinition,
  amendments: [...prev.amendments, { kind: 'redefine', ...span }],
});

const amend = (history: RecordHistory, kind: AmendmentKind, span: SourceSpan): void => {
  history.amendments.push({ kind, ...span });
};

/**
 * Collects definitions in load order and merges redefinitions, appends and overrides exactly as
 * falcosecurity/falco `userspace/engine/rule_loader_collector.cpp` does:
 *
 * - a redefinition replaces the earlier item's content but keeps its place (`define_info`);
 * - appends join conditions/outputs/descriptions with one space, union tags, append list items,
 *   and add exceptions or values of an exception with the same name;
 * - a selective replace sets only the keys it carries;
 * - `index` is the counter at the first definition, `visibility` at the latest change; every
 *   define/append/replace of a list, macro or rule advances the counter (`m_cur_index`).
 *
 * Each record also keeps where it was first defined and every later change (`RecordHistory`).
 *
 * Where Falco stops at the first error, the collector reports it, skips the offending item and
 * goes on, so one run reports every problem.
 */
export class Collector {
  readonly lists = new Map<string, ListInfo>();
  readonly macros = new Map<string, MacroInfo>();
  readonly rules = new Map<string, RuleInfo>();
  readonly engineVersions: RequiredEngineVersion[] = [];
  readonly pluginVersions: RequiredPluginVersion[] = [];
  private counter = 0;

  constructor(private readonly report: Report) {}

  defineEngineVersion(version: Semver, raw: string, at: SourceRef): void {
    const engine = parseVersion(FALCO_TARGET.engineVersion);
    if (engine !== undefined && !isCompatible(engine, version)) {
      this.report('engineVersionTooNew', at, LOAD_MESSAGES.engineVersionTooNew(formatVersion(version), FALCO_TARGET.engineVersion, FALCO_TARGET.falcoVersion));
    }
    this.engineVersions.push({ version: formatVersion(version), raw, defined: at });
  }

  definePluginVersion(alternatives: PluginRequirement[], at: SourceRef): void {
    const names = new Set<string>();
    for (const req of alternatives) {
      if (parseVersion(req.version) === undefined) {
        this.report('pluginVersionInvalid', at, LOAD_MESSAGES.pluginVersionInvalid(req.name, req.version));
        return;
      }
      if (names.has(req.name)) {
        this.report('pluginVersionInvalid', at, LOAD_MESSAGES.pluginAlternativeDuplicate(req.name));
        return;
      }
      names.add(req.name);
    }
    this.pluginVersions.push({ alternatives, defined: at });
  }

  /** Define (or redefine) a list. `explicit` is true for `override: { items: replace }`. */
  defineList(content: ListContent, span: SourceSpan, explicit: boolean): void {
    const prev = this.lists.get(content.name);
    if (prev === undefined) {
      if (explicit) this.report('replaceUndefined', refOf(span), LOAD_MESSAGES.replaceUndefined('list', content.name, 'items'));
      const index = this.counter++;
      this.lists.set(content.name, { ...content, history: definedAt(span), index, visibility: index });
      return;
    }
    if (!explicit && JSON.stringify(prev.items) !== JSON.stringify(content.items)) {
      this.report(
        'redefinition',
        refOf(span),
        LOAD_MESSAGES.redefinition('list', content.name, where(latestDefinition(prev.history)), "write 'override: { items: append }' to add items, or 'override: { items: replace }' to replace them on purpose"),
      );
    }
    this.lists.set(content.name, { ...content, history: redefined(prev.history, span), index: prev.index, visibility: this.counter++ });
  }

  appendList(name: string, items: string[], span: SourceSpan): void {
    const prev = this.lists.get(name);
    if (prev === undefined) {
      this.report('undefinedTarget', refOf(span), LOAD_MESSAGES.undefinedTarget('list', name, 'appends items'));
      return;
    }
    prev.items = [...prev.items, ...items];
    amend(prev.history, 'append', span);
    prev.visibility = this.counter++;
  }

  defineMacro(content: MacroContent, span: SourceSpan, explicit: boolean): void {
    const prev = this.macros.get(content.name);
    if (prev === undefined) {
      if (explicit) this.report('replaceUndefined', refOf(span), LOAD_MESSAGES.replaceUndefined('macro', content.name, 'condition'));
      const index = this.counter++;
      this.macros.set(content.name, { ...content, history: definedAt(span), index, visibility: index });
      return;
    }
    if (!explicit && macroText(prev) !== macroText(content)) {
      this.report(
        'redefinition',
        refOf(span),
        LOAD_MESSAGES.redefinition('macro', content.name, where(latestDefinition(prev.history)), "write 'override: { condition: append }' to extend it, or 'override: { condition: replace }' to replace it on purpose"),
      );
    }
    this.macros.set(content.name, { ...content, history: redefined(prev.history, span), index: prev.index, visibility: this.counter++ });
  }

  appendMacro(name: string, piece: ConditionPart, span: SourceSpan): void {
    const prev = this.macros.get(name);
    if (prev === undefined) {
      this.report('undefinedTarget', refOf(span), LOAD_MESSAGES.undefinedTarget('macro', name, 'appends to its condition'));
      return;
    }
    prev.pieces = [...prev.pieces, piece];
    amend(prev.history, 'append', span);
    prev.visibility = this.counter++;
  }

  defineRule(content: RuleContent, span: SourceSpan): void {
    const prev = this.rules.get(content.name);
    if (prev !== undefined && prev.source !== content.source) {
      this.report('sourceMismatch', refOf(span), LOAD_MESSAGES.sourceMismatch(content.name, prev.source, content.source));
      return;
    }
    const what = `rule '${content.name}'`;
    const info: RuleContent = {
      ...content,
      exceptions: content.exceptions.filter((ex) => {
        if (!isValidEntry(ex.fields)) {
          this.report('exceptionInvalid', ex.at, LOAD_MESSAGES.exceptionNoFields(what, ex.name));
          return false;
        }
        return this.validExceptionOrReport(ex, what);
      }),
    };
    if (prev === undefined) {
      const index = this.counter++;
      this.rules.set(info.name, { ...info, history: definedAt(span), index, visibility: index });
      return;
    }
    if (ruleSignature(prev) !== ruleSignature(info)) {
      this.report(
        'redefinition',
        refOf(span),
        LOAD_MESSAGES.redefinition('rule', info.name, where(latestDefinition(prev.history)), "use 'override' to append to or replace only the keys you change"),
      );
    }
    this.rules.set(info.name, { ...info, history: redefined(prev.history, span), index: prev.index, visibility: this.counter++ });
  }

  /** `collector::append` for rules (deprecated `append: true` and `override: append`). */
  appendRule(update: RuleUpdate, how: string): void {
    const prev = this.rules.get(update.name);
    if (prev === undefined) {
      this.report('undefinedTarget', refOf(update.span), LOAD_MESSAGES.undefinedTarget('rule', update.name, how));
      return;
    }
    const what = `rule '${update.name}'`;
    if (update.condition !== undefined && update.condition.text !== '') prev.pieces = [...prev.pieces, update.condition];
    if (update.output !== undefined && update.output.text !== '') prev.outputPieces = [...prev.outputPieces, update.output];
    if (update.desc !== undefined && update.desc !== '') prev.desc = `${prev.desc} ${update.desc}`;
    for (const tag of update.tags ?? []) prev.tags.add(tag);
    for (const ex of update.exceptions ?? []) {
      const existing = prev.exceptions.find((e) => e.name === ex.name);
      if (existing === undefined) {
        if (!isValidEntry(ex.fields)) {
          this.report('exceptionInvalid', ex.at, LOAD_MESSAGES.exceptionNoFields(what, ex.name));
          continue;
        }
        if (ex.values.length === 0) {
          this.report('exceptionInvalid', ex.at, LOAD_MESSAGES.exceptionNewWithoutValues(what, ex.name));
          continue;
        }
        if (this.validExceptionOrReport(ex, what)) prev.exceptions.push(ex);
        continue;
      }
      if (ex.fields !== undefined && isValidEntry(ex.fields)) {
        this.report('exceptionInvalid', ex.fields.at, LOAD_MESSAGES.exceptionAppendFields(what, ex.name, 'fields'));
        continue;
      }
      if (ex.compsGiven && ex.comps !== undefined) {
        this.report('exceptionInvalid', ex.comps.at, LOAD_MESSAGES.exceptionAppendFields(what, ex.name, 'comps'));
        continue;
      }
      // The appended values must fit the existing exception's fields.
      const merged: ExceptionInfo = { ...existing, values: ex.values };
      if (this.validExceptionOrReport(merged, what)) existing.values = [...existing.values, ...ex.values];
    }
    amend(prev.history, 'append', update.span);
    prev.visibility = this.counter++;
  }

  /** `collector::selective_replace`. */
  replaceRule(update: RuleUpdate): void {
    const prev = this.rules.get(update.name);
    if (prev === undefined) {
      this.report('undefinedTarget', refOf(update.span), LOAD_MESSAGES.undefinedTarget('rule', update.name, 'replaces keys'));
      return;
    }
    const what = `rule '${update.name}'`;
    if (update.condition !== undefined) prev.pieces = [{ ...update.condition, kind: 'define' }];
    if (update.output !== undefined) prev.outputPieces = [update.output];
    if (update.desc !== undefined) prev.desc = update.desc;
    if (update.tags !== undefined) prev.tags = new Set(update.tags);
    if (update.exceptions !== undefined) {
      // Falco's selective_replace does not validate replaced exceptions (nor fill default comps),
      // which later breaks the exception condition; validate them as a definition would.
      prev.exceptions = update.exceptions.filter((ex) => this.validExceptionOrReport(ex, what));
    }
    if (update.priority !== undefined) {
      prev.priority = update.priority;
    }
    if (update.enabled !== undefined) prev.enabled = update.enabled;
    Object.assign(prev.extra, update.extra ?? {});
    amend(prev.history, 'replace', update.span);
    prev.visibility = this.counter++;
  }

  /** `collector::enable`: an `enabled`-only item. */
  enableRule(name: string, enabled: boolean, span: SourceSpan): void {
    const prev = this.rules.get(name);
    if (prev === undefined) {
      this.report('undefinedTarget', refOf(span), LOAD_MESSAGES.undefinedTarget('rule', name, "sets 'enabled'"));
      return;
    }
    prev.enabled = enabled;
    amend(prev.history, 'enable', span);
  }

  private validExceptionOrReport(ex: ExceptionInfo, what: string): boolean {
    const problems = validateException(ex, what);
    for (const p of problems) this.report('exceptionInvalid', p.at, p.message);
    return problems.length === 0;
  }
}

function macroText(m: MacroContent): string {
  return m.pieces.map((p) => p.text).join(' ');
}

/** Everything that makes two rule definitions behave differently. */
function ruleSignature(r: RuleContent): string {
  return JSON.stringify([
    r.pieces.map((p) => p.text).join(' '),
    r.outputPieces.map((p) => p.text).join(' '),
    r.desc,
    r.priority,
    [...r.tags].sort(),
    r.source,
    r.enabled,
    r.exceptions.map((e) => [e.name, e.fields && entryValue(e.fields), e.comps && entryValue(e.comps), e.values.map(entryValue)]),
    r.extra,
  ]);
}
