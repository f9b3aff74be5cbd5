/** An exact SemVer 2 version: `9.1.0`, `1.0.0-rc.1`. Ranges (`9.x`, `^9.1.0`, `>=9`, `*`) are not pins. */
export const EXACT_SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

export function isExactSemver(value: unknown): value is string {
  return typeof value === 'string' && EXACT_SEMVER.test(value);
}

/**
 * Whether `version`'s `major.minor.patch` is at least `minimum` (pre-release and build parts are
 * ignored: a floor is about the release line). Unparsable numbers count as 0.
 */
export function versionAtLeast(version: string, minimum: string): boolean {
  const parts = (v: string): number[] => v.split(/[.+-]/).slice(0, 3).map((p) => Number(p) || 0);
  const have = parts(version);
  const want = parts(minimum);
  for (let i = 0; i < 3; i++) {
    const h = have[i] ?? 0;
    const w = want[i] ?? 0;
    if (h !== w) return h > w;
  }
  return true;
}
