export interface Semver {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/**
 * Parses a version the way libsinsp's `sinsp_version(std::string)` does: `sscanf("%u.%u.%u")`,
 * so leading blanks are skipped and anything after the third number is ignored (`0.57.0-rc1`).
 */
export function parseVersion(text: string): Semver | undefined {
  const m = /^\s*\+?(\d+)\.\s*\+?(\d+)\.\s*\+?(\d+)/.exec(text);
  if (m === null) return undefined;
  // The three groups are not optional, so a match has all of them.
  const [major, minor, patch] = [Number(m[1] ?? ''), Number(m[2] ?? ''), Number(m[3] ?? '')];
  if (![major, minor, patch].every((n) => n <= 0xffffffff)) return undefined;
  return { major, minor, patch };
}

/** `rule_loader::reader::get_implicit_engine_version`: an integer `N` means `0.N.0`. */
export function implicitEngineVersion(minor: number): Semver {
  return { major: 0, minor, patch: 0 };
}

export function formatVersion(v: Semver): string {
  return `${v.major}.${v.minor}.${v.patch}`;
}

export function compareVersions(a: Semver, b: Semver): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/**
 * `sinsp_version::compatible_with`: same major version and at least the required minor.patch.
 * Used for the engine version and for plugin versions alike.
 */
export function isCompatible(available: Semver, required: Semver): boolean {
  return available.major === required.major && compareVersions(available, required) >= 0;
}
