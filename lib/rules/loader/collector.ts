import type { PluginRequirement, RequiredEngineVersion, RequiredPluginVersion, SourceRef } from './effective-ruleset';
import { FALCO_TARGET } from '../../core';
import { formatVersion, isCompatible, parseVersion, type Semver } from './engine-version';
import type { ExceptionInfo, ListInfo, MacroInfo, RuleInfo, RuleUpdate } from './item-infos';
import { entryValue, isValidEntry } from './item-infos';
import { LOAD_MESSAGES, type LoadCheckName } from './load-checks';
import { validateException } from './validate-exception';

/** Reports one loader diagnostic. */
export type Report = (check: LoadCheckName, at: SourceRef, message: string) => void;

const where = (r: SourceRef): string => `${r.file}:${r.line}:${r.column}`;

/**
 * Collects definitions in load order and merges redefinitions, appends and overrides exactly as
 * falcosecurity/falco `userspace/engine/rule_loader_collector.cpp` does:
 *
 * - a redefinition replaces the earlier item but keeps its position (`define_info`);
 * - appends join conditions/outputs/descriptions with one space, union tags, append list items,
 *   and add exceptions or values of an exception with the same name;
 * - a selective replace sets only the keys it carries;
 * - `index` is the counter at the first definition, `visibility` at the latest change; every
 *   define/append/replace of a list, macro or rule advances the counter (`m_cur_index`).
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
    const engine = parseVersion(FALCO_TARGET.engineVersion) as Semver;
    if (!isCompatible(engine, version)) {
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
  defineList(info: ListInfo, explicit: boolean): void {
    const prev = this.lists.get(info.name);
    if (prev === undefined) {
      if (explicit) this.report('replaceUndefined', info.defined, LOAD_MESSAGES.replaceUndefined('list', info.name, 'items'));
      info.index = info.visibility = this.counter++;
      this.lists.set(info.name, info);
      return;
    }
    if (!explicit && JSON.stringify(prev.items) !== JSON.stringify(info.items)) {
      this.report(
        'redefinition',
        info.defined,
        LOAD_MESSAGES.redefinition('list', info.name, where(prev.defined), "write 'override: { items: append }' to add items, or 'override: { items: replace }' to replace them on purpose"),
      );
    }
    info.index = prev.index;
    info.visibility = this.counter++;
    this.lists.set(info.name, info);
  }

  appendList(name: string, items: string[], at: SourceRef): void {
    const prev = this.lists.get(name);
    if (prev === undefined) {
      this.report('undefinedTarget', at, LOAD_MESSAGES.undefinedTarget('list', name, 'appends items'));
      return;
    }
    prev.items = [...prev.items, ...items];
    prev.contributions.push(at);
    prev.visibility = this.counter++;
  }

  defineMacro(info: MacroInfo, explicit: boolean): void {
    const prev = this.macros.get(info.name);
    if (prev === undefined) {
      if (explicit) this.report('replaceUndefined', info.defined, LOAD_MESSAGES.replaceUndefined('macro', info.name, 'condition'));
      info.index = info.visibility = this.counter++;
      this.macros.set(info.name, info);
      return;
    }
    if (!explicit && macroText(prev) !== macroText(info)) {
      this.report(
        'redefinition',
        info.defined,
        LOAD_MESSAGES.redefinition('macro', info.name, where(prev.defined), "write 'override: { condition: append }' to extend it, or 'override: { condition: replace }' to replace it on purpose"),
      );
    }
    info.index = prev.index;
    info.visibility = this.counter++;
    this.macros.set(info.name, info);
  }

  appendMacro(name: string, piece: MacroInfo['pieces'][number], at: SourceRef): void {
    const prev = this.macros.get(name);
    if (prev === undefined) {
      this.report('undefinedTarget', at, LOAD_MESSAGES.undefinedTarget('macro', name, 'appends to its condition'));
      return;
    }
    prev.pieces = [...prev.pieces, piece];
    prev.contributions.push(at);
    prev.visibility = this.counter++;
  }

  defineRule(info: RuleInfo): void {
    const prev = this.rules.get(info.name);
    if (prev !== undefined && prev.source !== info.source) {
      this.report('sourceMismatch', info.defined, LOAD_MESSAGES.sourceMismatch(info.name, prev.source, info.source));
      return;
    }
    const what = `rule '${info.name}'`;
    info.exceptions = info.exceptions.filter((ex) => {
      if (!isValidEntry(ex.fields)) {
        this.report('exceptionInvalid', ex.at, LOAD_MESSAGES.exceptionNoFields(what, ex.name));
        return false;
      }
      return this.validExceptionOrReport(ex, what);
    });
    if (prev === undefined) {
      info.index = info.visibility = this.counter++;
      this.rules.set(info.name, info);
      return;
    }
    if (ruleSignature(prev) !== ruleSignature(info)) {
      this.report(
        'redefinition',
        info.defined,
        LOAD_MESSAGES.redefinition('rule', info.name, where(prev.defined), "use 'override' to append to or replace only the keys you change"),
      );
    }
    info.index = prev.index;
    info.visibility = this.counter++;
    this.rules.set(info.name, info);
  }

  /** `collector::append` for rules (deprecated `append: true` and `override: append`). */
  appendRule(update: RuleUpdate, how: string): void {
    const prev = this.rules.get(update.name);
    if (prev === undefined) {
      this.report('undefinedTarget', update.at, LOAD_MESSAGES.undefinedTarget('rule', update.name, how));
      return;
    }
    const what = `rule '${update.name}'`;
    if (update.condition !== undefined && update.condition.part.text !== '') prev.pieces = [...prev.pieces, update.condition];
    if (update.output !== undefined && update.output.part.text !== '') prev.outputPieces = [...prev.outputPieces, update.output];
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
    prev.contributions.push(update.at);
    prev.visibility = this.counter++;
  }

  /** `collector::selective_replace`. */
  replaceRule(update: RuleUpdate): void {
    const prev = this.rules.get(update.name);
    if (prev === undefined) {
      this.report('undefinedTarget', update.at, LOAD_MESSAGES.undefinedTarget('rule', update.name, 'replaces keys'));
      return;
    }
    const what = `rule '${update.name}'`;
    if (update.condition !== undefined) prev.pieces = [{ ...update.condition, part: { ...update.condition.part, kind: 'define' } }];
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
    prev.contributions.push(update.at);
    prev.visibility = this.counter++;
  }

  /** `collector::enable`: an `enabled`-only item. */
  enableRule(name: string, enabled: boolean, at: SourceRef): void {
    const prev = this.rules.get(name);
    if (prev === undefined) {
      this.report('undefinedTarget', at, LOAD_MESSAGES.undefinedTarget('rule', name, "sets 'enabled'"));
      return;
    }
    prev.enabled = enabled;
    prev.contributions.push(at);
  }

  private validExceptionOrReport(ex: ExceptionInfo, what: string): boolean {
    const problems = validateException(ex, what);
    for (const p of problems) this.report('exceptionInvalid', p.at, p.message);
    return problems.length === 0;
  }
}

function macroText(m: MacroInfo): string {
  return m.pieces.map((p) => p.part.text).join(' ');
}

/** Everything that makes two rule definitions behave differently. */
function ruleSignature(r: RuleInfo): string {
  return JSON.stringify([
    r.pieces.map((p) => p.part.text).join(' '),
    r.outputPieces.map((p) => p.part.text).join(' '),
    r.desc,
    r.priority,
    [...r.tags].sort(),
    r.source,
    r.enabled,
    r.exceptions.map((e) => [e.name, e.fields && entryValue(e.fields), e.comps && entryValue(e.comps), e.values.map(entryValue)]),
    r.extra,
  ]);
}
