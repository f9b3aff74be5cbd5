import * as fs from 'node:fs';
import type { Diagnostic } from '../diagnostic';
import { Collector, type Report } from './collector';
import type {
  EffectiveException,
  EffectiveList,
  EffectiveMacro,
  EffectiveRule,
  EffectiveRuleset,
  ItemHistory,
  RuleText,
  SourceRef,
} from './effective-ruleset';
import { FileReader } from './file-reader';
import { changesSinceDefinition, entryValue, latestDefinition, refOf, type ExceptionInfo, type RecordHistory } from './item-infos';
import { expandListItems } from './list-expansion';
import { LOAD_CHECKS } from './load-checks';
import { MappedText } from './mapped-text';
import { SourceFile } from './source-file';

/** What the loader knows beyond the ruleset: position maps for conditions and outputs. */
export interface LoadDetails {
  /** Condition text of each macro, mapped back to the files (key: macro name). */
  readonly macroConditions: ReadonlyMap<string, MappedText>;
  /** Condition text of each rule (before exceptions), mapped back to the files. */
  readonly ruleConditions: ReadonlyMap<string, MappedText>;
  readonly ruleOutputs: ReadonlyMap<string, MappedText>;
}

export interface LoadResult {
  readonly ruleset: EffectiveRuleset;
  readonly diagnostics: Diagnostic[];
}

export interface DetailedLoadResult extends LoadResult {
  readonly details: LoadDetails;
}

function toException(ex: ExceptionInfo): EffectiveException {
  // Public types say one name or a list of names; what was written is passed on as it is.
  const fields = ex.fields === undefined ? '' : (entryValue(ex.fields) as string | string[]);
  const comps = ex.comps === undefined ? (typeof fields === 'string' ? 'in' : fields.map(() => '=')) : (entryValue(ex.comps) as string | string[]);
  return { name: ex.name, fields, comps, compsGiven: ex.compsGiven, values: ex.values.map(entryValue), defined: ex.at };
}

/** The public positions of a record: Falco's (latest definition and changes since) and its whole history. */
function positions(history: RecordHistory): { defined: SourceRef; contributions: SourceRef[]; history: ItemHistory } {
  return {
    defined: refOf(latestDefinition(history)),
    contributions: changesSinceDefinition(history).map(refOf),
    history: { firstDefinition: history.firstDefinition, amendments: [...history.amendments] },
  };
}

const byIndex = <T extends { index: number }>(xs: Iterable<T>): T[] => [...xs].sort((a, b) => a.index - b.index);

/**
 * Loads rules files given as text, in order, as Falco loads its `rules_files`, and returns the
 * effective ruleset, the loader's diagnostics, and position maps for the linter.
 */
export function loadRuleTextsDetailed(files: readonly RuleText[]): DetailedLoadResult {
  const diagnostics: Diagnostic[] = [];
  const report: Report = (check, at, message) => {
    const { id, severity } = LOAD_CHECKS[check];
    diagnostics.push({ file: at.file, line: at.line, column: at.column, severity, code: id, message });
  };
  const collector = new Collector(report);
  for (const f of files) new FileReader(new SourceFile(f.name, f.text), collector, report).read();

  const listInfos = byIndex(collector.lists.values());
  const lists: EffectiveList[] = listInfos.map((l) => ({
    name: l.name,
    items: l.items,
    expandedItems: expandListItems(l, collector.lists),
    ...positions(l.history),
    index: l.index,
    visibility: l.visibility,
  }));
  const macroInfos = byIndex(collector.macros.values());
  const macros: EffectiveMacro[] = macroInfos.map((m) => ({
    name: m.name,
    condition: m.pieces.map((p) => p.text).join(' '),
    conditionParts: m.pieces,
    ...positions(m.history),
    index: m.index,
    visibility: m.visibility,
  }));
  const ruleInfos = byIndex(collector.rules.values());
  const rules: EffectiveRule[] = ruleInfos.map((r) => ({
    name: r.name,
    condition: r.pieces.map((p) => p.text).join(' '),
    conditionParts: r.pieces,
    output: r.outputPieces.map((p) => p.text).join(' '),
    // A getter: the output's position is worked out only when something asks (LazyPart).
    get outputAt() {
      return r.outputPieces[0].at;
    },
    desc: r.desc,
    priority: r.priority,
    tags: [...r.tags].sort(),
    source: r.source,
    enabled: r.enabled,
    exceptions: r.exceptions.map(toException),
    extra: { ...r.extra },
    ...positions(r.history),
    index: r.index,
    visibility: r.visibility,
  }));

  return {
    ruleset: {
      files: files.map((f) => f.name),
      requiredEngineVersions: collector.engineVersions,
      requiredPluginVersions: collector.pluginVersions,
      lists,
      macros,
      rules,
    },
    diagnostics,
    details: {
      macroConditions: new Map(macroInfos.map((m) => [m.name, new MappedText(m.pieces)])),
      ruleConditions: new Map(ruleInfos.map((r) => [r.name, new MappedText(r.pieces)])),
      ruleOutputs: new Map(ruleInfos.map((r) => [r.name, new MappedText(r.outputPieces)])),
    },
  };
}

/** Loads rules files given as text, in order. Never throws for bad input: problems are diagnostics. */
export function loadRuleTexts(files: readonly RuleText[]): LoadResult {
  const { ruleset, diagnostics } = loadRuleTextsDetailed(files);
  return { ruleset, diagnostics };
}

/**
 * Reads rules files from disk, in order. A file that cannot be read is a diagnostic
 * (`file-unreadable`) rather than an exception.
 */
export function readRuleFiles(paths: readonly string[]): { texts: RuleText[]; diagnostics: Diagnostic[] } {
  const texts: RuleText[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const p of paths) {
    try {
      texts.push({ name: p, text: fs.readFileSync(p, 'utf8') });
    } catch (e) {
      diagnostics.push({
        file: p,
        line: 1,
        column: 1,
        severity: 'error',
        code: 'file-unreadable',
        message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check the path and permissions`,
      });
    }
  }
  return { texts, diagnostics };
}

/** Loads rules files from disk, in order, as Falco's `rules_files`. */
export function loadRuleFiles(paths: readonly string[]): LoadResult {
  const { texts, diagnostics } = readRuleFiles(paths);
  const result = loadRuleTexts(texts);
  return { ruleset: result.ruleset, diagnostics: [...diagnostics, ...result.diagnostics] };
}
