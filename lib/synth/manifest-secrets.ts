import { findTokens, locateToken, maskToken, UserError, type Problem } from '../core';
import { manifestFileName, type ManifestObject } from './manifest-files';

/**
 * The last check before `dist/` is written: every string of every manifest, through the detector
 * that refuses a token in the props and in the rule files (which report their own `file:line:col`
 * earlier). Whatever reached a manifest another way (a default, a derived value, a construct
 * used on its own) is named by its file under `dist/` and the prop inside it, masked.
 */
export function refuseManifestSecrets(folder: string, objects: readonly ManifestObject[]): void {
  const problems: Problem[] = objects.flatMap((object) =>
    findTokens(object).map((finding) => {
      const match = locateToken(finding.value);
      const token = match === undefined ? finding.value : finding.value.slice(match.index, match.index + match.length);
      return {
        subject: `${folder}/${manifestFileName(object)}: ${finding.prop}`,
        received: maskToken(token),
        problem: `looks like ${finding.kind}; secrets must never be rendered into dist/ and pushed to Git`,
        fix: 'find where the value comes from (main.ts, rules/, a construct) and reference a Kubernetes Secret created out of band instead',
      };
    }),
  );
  if (problems.length > 0) throw new UserError(problems, { summary: 'the manifests would carry credential-shaped strings' });
}
