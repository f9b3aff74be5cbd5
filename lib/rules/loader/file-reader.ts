import { TOKEN_PATTERNS } from '../condition';
import type { Collector, Report } from './collector';
import type { ConditionPart, SourceRef, SourceSpan } from './effective-ruleset';
import { implicitEngineVersion, parseVersion } from './engine-version';
import type { ExceptionEntry, ExceptionInfo, RuleContent, RuleUpdate } from './item-infos';
import {
  ENGINE_VERSION_KEYS,
  EXCEPTION_KEYS,
  ITEM_TYPE_KEYS,
  LIST_KEYS,
  LIST_OVERRIDABLE,
  MACRO_KEYS,
  MACRO_OVERRIDABLE,
  PLUGIN_ALTERNATIVE_KEYS,
  PLUGIN_ENTRY_KEYS,
  PLUGIN_VERSIONS_KEYS,
  RULE_APPENDABLE,
  RULE_BOOLEAN_EXTRAS,
  RULE_DEFINING_KEYS,
  RULE_INTEGER_EXTRAS,
  RULE_KEYS,
  RULE_REPLACEABLE,
} from './item-keys';
import { LOAD_MESSAGES } from './load-checks';
import { isValidPriority, closestMatch } from '../../core';
import { partPosition } from './mapped-text';
import { LazyPart } from './lazy-part';
import { scalarPart, type SourceFile } from './source-file';
import { readYaml } from './read-yaml';
import type { YamlMap as YAMLMap, YamlPair as Pair, YamlScalar as Scalar } from './yaml-model';
import {
  decodeBool,
  decodeInteger,
  decodeUint32,
  findPair,
  isMap,
  isNullNode,
  isScalar,
  isSeq,
  keyText,
  nodeKind,
  nodeStart,
  scalarText,
  type YamlNode,
} from './yaml-nodes';

// Falco checks list and macro names with libsinsp's own token patterns, copied into
// falcosecurity/falco@0.44.1:userspace/engine/rule_loader_reader.cpp:44-45 (`RGX_IDENTIFIER`,
// `RGX_BARESTR`, RE2 POSIX: `[:space:]` is ASCII only, so a no-break space is allowed in a list
// name). The condition lexer's patterns are those very ones.
const isValidListName = (name: string): boolean => TOKEN_PATTERNS.bareStr.test(name);
const isValidMacroName = (name: string): boolean => TOKEN_PATTERNS.identifier.test(name);

/** Thrown inside an item to abandon it after its error has been reported (Falco stops at it too). */
class ItemAbandoned {}
const ABANDON = new ItemAbandoned();

interface Scalarish {
  readonly text: string;
  readonly node: Scalar;
}

interface Overrides {
  readonly append: ReadonlySet<string>;
  readonly replace: ReadonlySet<string>;
}

/** The overrides of an item without an `override` key (most items): one shared, read-only pair. */
const NO_OVERRIDES: Overrides = { append: new Set(), replace: new Set() };

const WHITESPACE = ' \t\n\r\f\v';

/** `falco::utils::trim`: the output of a new rule is trimmed. */
function trimPart(part: ConditionPart): ConditionPart {
  const t = part.text;
  let s = 0;
  let e = t.length;
  while (s < e && WHITESPACE.includes(t.charAt(s))) s++;
  while (e > s && WHITESPACE.includes(t.charAt(e - 1))) e--;
  if (s === 0 && e === t.length) return part;
  // The source map of the kept text (when asked for): the part's segments, moved to start at 0,
  // plus one for index 0.
  return new LazyPart(t.slice(s, e), part.kind, () => {
    const first = partPosition(part, s);
    const segments = [
      { index: 0, line: first.line, column: first.column, offset: first.offset },
      ...part.segments.filter((g) => g.index > s && g.index <= e).map((g) => ({ ...g, index: g.index - s })),
    ];
    return {
      at: { file: first.file, line: first.line, column: first.column },
      segments,
      lineBreaks: part.lineBreaks.filter((b) => b >= s && b < e).map((b) => b - s),
    };
  });
}

/**
 * Reads one rules file item by item, decoding every key the way falcosecurity/falco
 * `userspace/engine/rule_loader_reader.cpp` (`read_item`, `decode_val`, `decode_seq`,
 * `decode_overrides`, `read_rule_exceptions`) does, and hands the results to the collector.
 *
 * Falco stops reading a file at its first error; this reader reports the error, abandons only
 * the item it is in, and goes on, so that one lint run reports everything.
 */
export class FileReader {
  constructor(
    private readonly file: SourceFile,
    private readonly collector: Collector,
    private readonly report: Report,
  ) {}

  read(): void {
    const result = readYaml(this.file.text);
    if (!result.ok) {
      this.report('yamlSyntax', this.file.ref(result.offset), LOAD_MESSAGES.yamlSyntax(result.message));
      return;
    }
    for (const contents of result.documents) {
      if (isNullNode(contents)) continue;
      if (!isSeq(contents)) {
        this.report('notASequence', this.at(contents), LOAD_MESSAGES.notASequence(nodeKind(contents)));
        continue;
      }
      for (const item of contents.items) {
        if (isNullNode(item)) continue;
        try {
          this.readItem(item);
        } catch (e) {
          if (!(e instanceof ItemAbandoned)) throw e;
        }
      }
    }
  }

  // ---- positions -------------------------------------------------------------------------

  private at(node: YamlNode | undefined, fallback = 0): SourceRef {
    return this.file.ref(nodeStart(node, fallback));
  }

  /** Where a whole item is in the file. */
  private span(item: YAMLMap): SourceSpan {
    const [start, end] = item.range;
    return this.file.span(start, end);
  }

  private fail(check: Parameters<Report>[0], node: YamlNode | undefined, message: string): never {
    this.report(check, this.at(node), message);
    throw ABANDON;
  }

  // ---- generic decoding (decode_val / decode_seq) ----------------------------------------

  private value(map: YAMLMap, key: string): { pair: Pair; node: YamlNode } | undefined {
    const pair = findPair(map, key);
    return pair === undefined ? undefined : { pair, node: pair.value };
  }

  /** `decode_val`/`decode_optional_val` for strings: the scalar text, non-empty. */
  private scalar(map: YAMLMap, key: string, what: string, required: true, hint?: string): Scalarish;
  private scalar(map: YAMLMap, key: string, what: string, required: boolean, hint?: string): Scalarish | undefined;
  private scalar(map: YAMLMap, key: string, what: string, required: boolean, hint = ''): Scalarish | undefined {
    const v = this.value(map, key);
    if (v === undefined) {
      if (!required) return undefined;
      this.fail('missingKey', map, LOAD_MESSAGES.missingKey(what, key, hint));
    }
    if (isNullNode(v.node)) this.fail('emptyValue', v.pair.key, LOAD_MESSAGES.emptyValue(what, key));
    if (!isScalar(v.node)) this.fail('invalidValue', v.node, LOAD_MESSAGES.notAScalar(what, key, nodeKind(v.node)));
    const text = scalarText(v.node);
    if (text === '') this.fail('invalidValue', v.node, LOAD_MESSAGES.emptyString(what, key));
    return { text, node: v.node };
  }

  private bool(map: YAMLMap, key: string, what: string, required: true): boolean;
  private bool(map: YAMLMap, key: string, what: string, required?: boolean): boolean | undefined;
  private bool(map: YAMLMap, key: string, what: string, required = false): boolean | undefined {
    const s = this.scalar(map, key, what, required);
    if (s === undefined) return undefined;
    const b = decodeBool(s.text);
    if (b === undefined) this.fail('invalidValue', s.node, LOAD_MESSAGES.notABool(what, key, s.text));
    return b;
  }

  private integer(map: YAMLMap, key: string, what: string): number | undefined {
    const s = this.scalar(map, key, what, false);
    if (s === undefined) return undefined;
    const n = decodeInteger(s.text);
    if (n === undefined) this.fail('invalidValue', s.node, LOAD_MESSAGES.notAnInteger(what, key, s.text));
    return n;
  }

  /** `decode_seq`: a sequence of scalars (any text, even empty). */
  private strings(map: YAMLMap, key: string, what: string, required: true, example: string): Scalarish[];
  private strings(map: YAMLMap, key: string, what: string, required: boolean, example: string): Scalarish[] | undefined;
  private strings(map: YAMLMap, key: string, what: string, required: boolean, example: string): Scalarish[] | undefined {
    const v = this.value(map, key);
    if (v === undefined) {
      if (!required) return undefined;
      this.fail('missingKey', map, LOAD_MESSAGES.missingKey(what, key, ''));
    }
    if (!isSeq(v.node)) {
      this.fail('invalidValue', isNullNode(v.node) ? v.pair.key : v.node, LOAD_MESSAGES.notASequenceValue(what, key, nodeKind(v.node), example));
    }
    return v.node.items.map((raw) => {
      const n = raw;
      if (!isScalar(n) || isNullNode(n)) this.fail('invalidValue', n ?? v.node, LOAD_MESSAGES.itemNotAScalar(what, key, nodeKind(n)));
      return { text: scalarText(n), node: n };
    });
  }

  private piece(s: Scalarish, kind: ConditionPart['kind']): ConditionPart {
    return scalarPart(this.file, s.node, s.text, kind);
  }

  /**
   * Warns about keys the item type does not know, and about repeated keys. `check` is
   * `unknownKey` for the items Falco's `warn_unknown_keys` checks (rules, macros, lists,
   * required_* items), `schemaUnknownKey` for entries only its schema checks.
   */
  private checkKeys(map: YAMLMap, what: string, allowed: readonly string[], check: 'unknownKey' | 'schemaUnknownKey' = 'unknownKey'): void {
    const seen = new Set<string>();
    const items = map.items;
    for (let i = 0, pair = items[0]; pair !== undefined; pair = items[++i]) {
      const key = keyText(pair);
      if (key === undefined) continue;
      if (seen.has(key)) this.report('duplicateKey', this.at(pair.key), LOAD_MESSAGES.duplicateKey(key));
      seen.add(key);
      if (!allowed.includes(key)) {
        this.report(check, this.at(pair.key), LOAD_MESSAGES[check](what, key, allowed, closestMatch(key, allowed)));
      }
    }
  }

  /** `decode_overrides`. */
  private overrides(map: YAMLMap, what: string, appendable: readonly string[], replaceable: readonly string[]): Overrides {
    const v = this.value(map, 'override');
    if (v === undefined) return NO_OVERRIDES;
    const result = { append: new Set<string>(), replace: new Set<string>() };
    if (!isMap(v.node)) this.fail('invalidOverride', isNullNode(v.node) ? v.pair.key : v.node, LOAD_MESSAGES.overrideNotAMap(what, nodeKind(v.node)));
    for (const pair of v.node.items) {
      const key = keyText(pair) ?? '';
      const opNode = pair.value;
      const op = isScalar(opNode) && !isNullNode(opNode) ? scalarText(opNode) : '';
      const canAppend = appendable.includes(key);
      const canReplace = replaceable.includes(key);
      if (op === 'append') {
        if (!canAppend) this.fail('invalidOverride', pair.key, LOAD_MESSAGES.overrideNotAppendable(what, key, appendable, canReplace));
        result.append.add(key);
      } else if (op === 'replace') {
        if (!canReplace) this.fail('invalidOverride', pair.key, LOAD_MESSAGES.overrideNotReplaceable(what, key, replaceable));
        result.replace.add(key);
      } else {
        const allowed = [...(canAppend ? ['append'] : []), ...(canReplace ? ['replace'] : [])];
        this.fail('invalidOverride', opNode ?? pair.key, LOAD_MESSAGES.overrideBadOperation(what, key, op === '' ? nodeKind(opNode) : op, allowed));
      }
    }
    return result;
  }

  // ---- items -------------------------------------------------------------------------------

  private readItem(item: YamlNode): void {
    if (!isMap(item)) this.fail('itemNotAMap', item, LOAD_MESSAGES.itemNotAMap(nodeKind(item)));
    const type = ITEM_TYPE_KEYS.find((k) => findPair(item, k) !== undefined);
    switch (type) {
      case 'required_engine_version':
        return this.readEngineVersion(item);
      case 'required_plugin_versions':
        return this.readPluginVersions(item);
      case 'list':
        return this.readList(item);
      case 'macro':
        return this.readMacro(item);
      case 'rule':
        return this.readRule(item);
      default:
        this.report('unknownItem', this.at(item), LOAD_MESSAGES.unknownItem());
    }
  }

  private readEngineVersion(item: YAMLMap): void {
    this.checkKeys(item, 'required_engine_version item', ENGINE_VERSION_KEYS);
    const s = this.scalar(item, 'required_engine_version', 'required_engine_version item', true);
    // Falco first tries an unsigned integer (the legacy form, meaning 0.N.0), then a semver string.
    const n = decodeUint32(s.text);
    const version = n !== undefined ? implicitEngineVersion(n) : parseVersion(s.text);
    if (version === undefined) this.fail('engineVersionInvalid', s.node, LOAD_MESSAGES.engineVersionInvalid(s.text));
    this.collector.defineEngineVersion(version, s.text, this.at(s.node));
  }

  private readPluginVersions(item: YAMLMap): void {
    this.checkKeys(item, 'required_plugin_versions item', PLUGIN_VERSIONS_KEYS);
    const v = this.value(item, 'required_plugin_versions');
    if (v === undefined) return; // unreachable: `readItem` chose this reader by this key
    if (!isSeq(v.node)) {
      this.fail('pluginVersionInvalid', isNullNode(v.node) ? v.pair.key : v.node, LOAD_MESSAGES.pluginVersionsNotASequence(nodeKind(v.node)));
    }
    for (const raw of v.node.items) {
      const entry = raw;
      const what = 'required_plugin_versions entry';
      if (!isMap(entry)) this.fail('pluginVersionInvalid', entry ?? v.node, LOAD_MESSAGES.pluginEntryNotAMap(what, nodeKind(entry)));
      this.checkKeys(entry, what, PLUGIN_ENTRY_KEYS, 'schemaUnknownKey');
      const name = this.scalar(entry, 'name', what, true).text;
      const version = this.scalar(entry, 'version', `plugin '${name}'`, true).text;
      const alternatives = [{ name, version }];
      const alts = this.value(entry, 'alternatives');
      if (alts !== undefined) {
        if (!isSeq(alts.node)) {
          this.fail('pluginVersionInvalid', alts.node ?? alts.pair.key, LOAD_MESSAGES.pluginAlternativesNotASequence(name, nodeKind(alts.node)));
        }
        for (const rawAlt of alts.node.items) {
          const alt = rawAlt;
          const altWhat = `alternative of plugin '${name}'`;
          if (!isMap(alt)) this.fail('pluginVersionInvalid', alt ?? alts.node, LOAD_MESSAGES.pluginEntryNotAMap(altWhat, nodeKind(alt)));
          this.checkKeys(alt, altWhat, PLUGIN_ALTERNATIVE_KEYS, 'schemaUnknownKey');
          const altName = this.scalar(alt, 'name', altWhat, true).text;
          const altVersion = this.scalar(alt, 'version', `plugin '${altName}'`, true).text;
          alternatives.push({ name: altName, version: altVersion });
        }
      }
      this.collector.definePluginVersion(alternatives, this.at(entry));
    }
  }

  private readList(item: YAMLMap): void {
    const nameS = this.scalar(item, 'list', 'list item', true);
    const name = nameS.text;
    const what = `list '${name}'`;
    this.checkKeys(item, what, LIST_KEYS);
    if (!isValidListName(name)) this.report('invalidName', this.at(nameS.node), LOAD_MESSAGES.invalidListName(name));
    const items = this.strings(item, 'items', what, true, '[bash, sh]');
    const append = this.bool(item, 'append', what) ?? false;
    if (append) this.report('deprecatedAppend', this.at(item), LOAD_MESSAGES.deprecatedAppend(what, "'override: { items: append }'"));
    const ov = this.overrides(item, what, LIST_OVERRIDABLE, LIST_OVERRIDABLE);
    if (append && ov.append.size + ov.replace.size > 0) this.fail('invalidOverride', item, LOAD_MESSAGES.overrideWithAppend(what));
    const texts = items.map((i) => i.text);
    if (append || ov.append.has('items')) this.collector.appendList(name, texts, this.span(item));
    else this.collector.defineList({ name, items: texts }, this.span(item), ov.replace.has('items'));
  }

  private readMacro(item: YAMLMap): void {
    const nameS = this.scalar(item, 'macro', 'macro item', true);
    const name = nameS.text;
    const what = `macro '${name}'`;
    this.checkKeys(item, what, MACRO_KEYS);
    if (!isValidMacroName(name)) this.report('invalidName', this.at(nameS.node), LOAD_MESSAGES.invalidMacroName(name));
    const cond = this.scalar(item, 'condition', what, true);
    const append = this.bool(item, 'append', what) ?? false;
    if (append) this.report('deprecatedAppend', this.at(item), LOAD_MESSAGES.deprecatedAppend(what, "'override: { condition: append }'"));
    const ov = this.overrides(item, what, MACRO_OVERRIDABLE, MACRO_OVERRIDABLE);
    if (append && ov.append.size + ov.replace.size > 0) this.fail('invalidOverride', item, LOAD_MESSAGES.overrideWithAppend(what));
    if (append || ov.append.has('condition')) this.collector.appendMacro(name, this.piece(cond, 'append'), this.span(item));
    else this.collector.defineMacro({ name, pieces: [this.piece(cond, 'define')] }, this.span(item), ov.replace.has('condition'));
  }

  private readRule(item: YAMLMap): void {
    const name = this.scalar(item, 'rule', 'rule item', true).text;
    const what = `rule '${name}'`;
    this.checkKeys(item, what, RULE_KEYS);
    const at = this.at(item);
    const hasAppendFlag = this.bool(item, 'append', what) ?? false;
    const ov = this.overrides(item, what, RULE_APPENDABLE, RULE_REPLACEABLE);
    const hasOverrides = ov.append.size + ov.replace.size > 0;
    if (hasAppendFlag && hasOverrides) this.fail('invalidOverride', item, LOAD_MESSAGES.overrideWithAppend(what));

    if (hasOverrides) return this.readRuleOverrides(item, name, what, ov);
    if (hasAppendFlag) {
      const keys = ['condition', 'exceptions'].filter((k) => findPair(item, k) !== undefined);
      this.report(
        'deprecatedAppend',
        at,
        LOAD_MESSAGES.deprecatedAppend(what, `'override: { ${(keys.length > 0 ? keys : ['condition']).map((k) => `${k}: append`).join(', ')} }'`),
      );
      return this.readRuleAppend(item, name, what);
    }
    if (RULE_DEFINING_KEYS.every((k) => findPair(item, k) === undefined)) {
      if (findPair(item, 'enabled') === undefined) {
        this.fail(
          'missingKey',
          item,
          LOAD_MESSAGES.missingKey(what, 'enabled', "; to change an existing rule use 'override' (e.g. 'override: { exceptions: append }'), to define a rule give condition, output, desc and priority"),
        );
      }
      const enabled = this.bool(item, 'enabled', what, true);
      this.report('deprecatedEnabled', at, LOAD_MESSAGES.deprecatedEnabled(what));
      this.collector.enableRule(name, enabled, this.span(item));
      return;
    }
    this.readRuleDefinition(item, name, what);
  }

  private readRuleDefinition(item: YAMLMap, name: string, what: string): void {
    const hint = '; a rule needs condition, output, desc and priority (use override to change an existing rule)';
    const cond = this.scalar(item, 'condition', what, true, hint);
    const output = this.scalar(item, 'output', what, true, hint);
    const desc = this.scalar(item, 'desc', what, true, hint);
    const priority = this.scalar(item, 'priority', what, true, hint);
    // Falco stops here; the rule is still collected so that its condition and output get checked too.
    if (!isValidPriority(priority.text)) this.report('invalidPriority', this.at(priority.node), LOAD_MESSAGES.invalidPriority(what, priority.text));
    const source = this.scalar(item, 'source', what, false)?.text ?? 'syscall';
    const enabled = this.bool(item, 'enabled', what) ?? true;
    const extra = this.ruleExtras(item, what);
    const tags = this.strings(item, 'tags', what, false, '[container, shell]')?.map((t) => t.text) ?? [];
    const exceptions = this.exceptions(item, what, false);
    const content: RuleContent = {
      name,
      pieces: [this.piece(cond, 'define')],
      outputPieces: [trimPart(this.piece(output, 'define'))],
      desc: desc.text,
      priority: priority.text,
      tags: new Set(tags),
      source,
      enabled,
      exceptions,
      extra,
    };
    this.collector.defineRule(content, this.span(item));
  }

  /** Deprecated `append: true`: only condition and exceptions are read. */
  private readRuleAppend(item: YAMLMap, name: string, what: string): void {
    const update: RuleUpdate = { name, span: this.span(item) };
    const cond = this.scalar(item, 'condition', what, false);
    if (cond !== undefined) update.condition = this.piece(cond, 'append');
    if (findPair(item, 'exceptions') !== undefined) update.exceptions = this.exceptions(item, what, true);
    for (const key of ['output', 'desc', 'priority', 'tags', 'enabled', 'source']) {
      const pair = findPair(item, key);
      if (pair !== undefined) this.report('ignoredKey', this.at(pair.key), LOAD_MESSAGES.ignoredWithAppend(what, key));
    }
    if (update.condition === undefined && update.exceptions === undefined) this.fail('invalidOverride', item, LOAD_MESSAGES.appendNothing(what));
    this.collector.appendRule(update, "has 'append: true'");
  }

  private readRuleOverrides(item: YAMLMap, name: string, what: string, ov: Overrides): void {
    // expected = (appendable ∪ replaceable) ∩ keys present; each must be claimed by an override.
    const expected = new Set<string>([...RULE_APPENDABLE, ...RULE_REPLACEABLE].filter((k) => findPair(item, k) !== undefined));
    const claim = (set: ReadonlySet<string>, op: string, key: string): boolean => {
      if (!set.has(key)) return false;
      if (!expected.has(key)) this.fail('invalidOverride', item, LOAD_MESSAGES.overrideKeyMissing(what, op, key));
      expected.delete(key);
      return true;
    };
    const updates: Array<() => void> = [];
    if (ov.append.size > 0) {
      const u: RuleUpdate = { name, span: this.span(item) };
      if (claim(ov.append, 'append', 'condition')) u.condition = this.piece(this.scalar(item, 'condition', what, true), 'append');
      if (claim(ov.append, 'append', 'exceptions')) u.exceptions = this.exceptions(item, what, true);
      if (claim(ov.append, 'append', 'output')) u.output = this.piece(this.scalar(item, 'output', what, true), 'append');
      if (claim(ov.append, 'append', 'desc')) u.desc = this.scalar(item, 'desc', what, true).text;
      if (claim(ov.append, 'append', 'tags')) u.tags = this.strings(item, 'tags', what, false, '[container, shell]')?.map((t) => t.text) ?? [];
      updates.push(() => this.collector.appendRule(u, 'appends through override'));
    }
    if (ov.replace.size > 0) {
      const u: RuleUpdate = { name, span: this.span(item) };
      if (claim(ov.replace, 'replace', 'condition')) u.condition = this.piece(this.scalar(item, 'condition', what, true), 'define');
      // Falco reads replaced exceptions like a definition's (`read_rule_exceptions(..., false)` in the
      // replace branch of falcosecurity/falco `rule_loader_reader.cpp`): no "no values" warning.
      if (claim(ov.replace, 'replace', 'exceptions')) u.exceptions = this.exceptions(item, what, false);
      if (claim(ov.replace, 'replace', 'output')) u.output = this.piece(this.scalar(item, 'output', what, true), 'define');
      if (claim(ov.replace, 'replace', 'desc')) u.desc = this.scalar(item, 'desc', what, true).text;
      if (claim(ov.replace, 'replace', 'tags')) u.tags = this.strings(item, 'tags', what, false, '[container, shell]')?.map((t) => t.text) ?? [];
      if (claim(ov.replace, 'replace', 'priority')) {
        const p = this.scalar(item, 'priority', what, true);
        if (!isValidPriority(p.text)) this.report('invalidPriority', this.at(p.node), LOAD_MESSAGES.invalidPriority(what, p.text));
        u.priority = p.text;
      }
      if (claim(ov.replace, 'replace', 'enabled')) u.enabled = this.bool(item, 'enabled', what, true);
      const extra: Record<string, unknown> = {};
      for (const key of Object.keys(RULE_BOOLEAN_EXTRAS)) {
        if (claim(ov.replace, 'replace', key)) extra[key] = this.bool(item, key, what, true);
      }
      for (const key of RULE_INTEGER_EXTRAS) {
        if (claim(ov.replace, 'replace', key)) extra[key] = this.integer(item, key, what);
      }
      if (Object.keys(extra).length > 0) u.extra = extra;
      updates.push(() => this.collector.replaceRule(u));
    }
    for (const key of expected) {
      this.fail('invalidOverride', findPair(item, key)?.key ?? item, LOAD_MESSAGES.overrideKeyUnlisted(what, key));
    }
    for (const apply of updates) apply();
  }

  private ruleExtras(item: YAMLMap, what: string): Record<string, unknown> {
    const extra: Record<string, unknown> = {};
    for (const key of Object.keys(RULE_BOOLEAN_EXTRAS)) {
      const b = this.bool(item, key, what);
      if (b !== undefined) extra[key] = b;
    }
    for (const key of RULE_INTEGER_EXTRAS) {
      const n = this.integer(item, key, what);
      if (n !== undefined) extra[key] = n;
    }
    return extra;
  }

  // ---- exceptions (read_rule_exceptions) ---------------------------------------------------

  private exceptions(item: YAMLMap, what: string, append: boolean): ExceptionInfo[] {
    const v = this.value(item, 'exceptions');
    if (v === undefined || isNullNode(v.node)) return [];
    if (!isSeq(v.node)) this.fail('exceptionInvalid', v.node, LOAD_MESSAGES.exceptionsNotASequence(what, nodeKind(v.node)));
    const result: ExceptionInfo[] = [];
    for (const raw of v.node.items) {
      const ex = raw;
      if (!isMap(ex)) this.fail('exceptionInvalid', ex ?? v.node, LOAD_MESSAGES.exceptionNotAMap(what, nodeKind(ex)));
      const name = this.scalar(ex, 'name', `${what} exception`, true).text;
      const exWhat = `${what} exception '${name}'`;
      this.checkKeys(ex, exWhat, EXCEPTION_KEYS, 'schemaUnknownKey');
      if (result.some((e) => e.name === name)) this.report('exceptionDuplicate', this.at(ex), LOAD_MESSAGES.exceptionDuplicate(what, name));
      const fields = this.entryOf(ex, 'fields', what, name);
      const comps = this.entryOf(ex, 'comps', what, name);
      const valuesPair = this.value(ex, 'values');
      const values: ExceptionEntry[] = [];
      if (valuesPair !== undefined) {
        if (!isSeq(valuesPair.node)) {
          this.fail('exceptionInvalid', valuesPair.node ?? valuesPair.pair.key, LOAD_MESSAGES.exceptionValuesNotASequence(what, name, nodeKind(valuesPair.node)));
        }
        for (const rawValue of valuesPair.node.items) values.push(this.entry(rawValue, 'values', what, name));
      } else if (append) {
        this.report('exceptionNoValues', this.at(ex), LOAD_MESSAGES.exceptionNoValues(what, name));
      }
      result.push({
        name,
        ...(fields !== undefined ? { fields } : {}),
        ...(comps !== undefined ? { comps } : {}),
        compsGiven: comps !== undefined,
        values,
        at: this.at(ex),
      });
    }
    return result;
  }

  /** A missing entry is left to the collector, which reports a definition without fields. */
  private entryOf(ex: YAMLMap, key: string, what: string, name: string): ExceptionEntry | undefined {
    const v = this.value(ex, key);
    if (v === undefined) return undefined;
    return this.entry(v.node, key, what, name, v.pair.key);
  }

  /** `decode_exception_info_entry`: a non-empty scalar, or a sequence of entries. */
  private entry(node: YamlNode, key: string, what: string, name: string, keyNode?: YamlNode): ExceptionEntry {
    const at = this.at(node ?? keyNode);
    if (isSeq(node)) {
      return { isList: true, item: '', items: node.items.map((n) => this.entry(n, key, what, name, node)), at };
    }
    if (!isScalar(node) || isNullNode(node)) this.fail('exceptionInvalid', node ?? keyNode, LOAD_MESSAGES.exceptionBadEntry(what, name, key, nodeKind(node)));
    const text = scalarText(node);
    if (text === '') this.fail('exceptionInvalid', node, LOAD_MESSAGES.exceptionEmptyEntry(what, name, key));
    return { isList: false, item: text, items: [], at };
  }
}
