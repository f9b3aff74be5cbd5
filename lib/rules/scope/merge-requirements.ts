import { compareVersions, formatVersion, parseVersion, type EffectiveRuleset, type Semver } from '../loader';
import type { FlatItem, PluginRequirementEntry } from './flat-rules-file';

/**
 * The requirements of all inputs as the first flat file states them: the highest engine version,
 * and each plugin's highest version per major (Falco's `compatible_with` accepts a higher minor
 * for a lower one, never another major, so requirements of two majors both stay). Entries with
 * alternatives are kept as written, once.
 */
export function mergeRequirements(ruleset: EffectiveRuleset): FlatItem[] {
  const items: FlatItem[] = [];
  let engine: Semver | undefined;
  for (const e of ruleset.requiredEngineVersions) {
    const v = parseVersion(e.version);
    if (v !== undefined && (engine === undefined || compareVersions(v, engine) > 0)) engine = v;
  }
  if (engine !== undefined) items.push({ kind: 'required_engine_version', version: formatVersion(engine) });

  const plugins: PluginRequirementEntry[] = [];
  const byNameAndMajor = new Map<string, number>();
  const seenAlternatives = new Set<string>();
  for (const req of ruleset.requiredPluginVersions) {
    const [main, ...alternatives] = req.alternatives;
    if (main === undefined) continue;
    if (alternatives.length > 0) {
      const key = JSON.stringify(req.alternatives);
      if (!seenAlternatives.has(key)) plugins.push({ name: main.name, version: main.version, alternatives });
      seenAlternatives.add(key);
      continue;
    }
    const v = parseVersion(main.version);
    const key = `${main.name}@${v?.major ?? main.version}`;
    const at = byNameAndMajor.get(key);
    if (at === undefined) {
      byNameAndMajor.set(key, plugins.length);
      plugins.push({ name: main.name, version: main.version });
      continue;
    }
    const earlier = plugins[at];
    const prev = earlier === undefined ? undefined : parseVersion(earlier.version);
    if (v !== undefined && prev !== undefined && compareVersions(v, prev) > 0) plugins[at] = { name: main.name, version: main.version };
  }
  if (plugins.length > 0) items.push({ kind: 'required_plugin_versions', plugins });
  return items;
}
