import type { ErrorObject } from 'ajv';

/**
 * Turns ajv errors (from our own ajv instance or from the validators compiled into
 * kubernetes-models) into one line each: `/spec/replicas must be integer`.
 *
 * Some ajv habits are smoothed over:
 * - a failed `oneOf`/`anyOf` is preceded by one error per branch ("must be string", "must be
 *   integer", ...). Those are folded into the combinator's line, e.g. `/spec/ports/0/targetPort
 *   must be string or integer`, so an int-or-string field yields one message, not three;
 * - `enum` and `additionalProperties` messages do not name the values involved, so we add them, and
 *   `required` is worded one way whichever validator reported it.
 */
export function formatAjvErrors(errors: readonly ErrorObject[]): string[] {
  const kept: string[] = [];
  const folded: ErrorObject[][] = [];
  for (const error of errors) {
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf') {
      const branches: ErrorObject[] = [];
      // ajv reports branch errors right before the combinator error, all at or below its path.
      for (let previous = folded.at(-1); previous !== undefined; previous = folded.at(-1)) {
        if (!previous.every((e) => isAtOrBelow(e.instancePath, error.instancePath))) break;
        branches.unshift(...previous);
        folded.pop();
        kept.pop();
      }
      const line = `${pointer(error)} ${combinatorMessage(error, branches)}`;
      kept.push(line);
      folded.push([error, ...branches]);
    } else {
      kept.push(`${pointer(error)} ${message(error)}`);
      folded.push([error]);
    }
  }
  return [...new Set(kept)];
}

function pointer(error: ErrorObject): string {
  return error.instancePath === '' ? '/' : error.instancePath;
}

function isAtOrBelow(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(ancestor + '/');
}

function message(error: ErrorObject): string {
  const base = error.message ?? `fails '${error.keyword}'`;
  switch (error.keyword) {
    case 'enum': {
      const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
      return `${base}: ${allowed.map((value) => JSON.stringify(value)).join(', ')}`;
    }
    case 'required': {
      // Built here because ajv and ajv-i18n (used by kubernetes-models) quote the property differently.
      const property = (error.params as { missingProperty?: string }).missingProperty;
      return `must have required property '${property}'`;
    }
    case 'additionalProperties': {
      const field = (error.params as { additionalProperty?: string }).additionalProperty;
      return `has unknown field '${field}' (not in the schema, so Kubernetes would drop it)`;
    }
    default:
      return base;
  }
}

function combinatorMessage(error: ErrorObject, branches: readonly ErrorObject[]): string {
  const types = branches
    .filter((branch) => branch.instancePath === error.instancePath && branch.keyword === 'type')
    .map((branch) => String((branch.params as { type?: unknown }).type));
  // Only a pure "wrong type" failure can be summarised; otherwise keep the branch details.
  if (types.length > 0 && types.length === branches.length) return `must be ${[...new Set(types)].join(' or ')}`;
  const details = branches.filter((b) => b !== error).map((b) => `${pointer(b)} ${message(b)}`);
  const base = error.message ?? `must match the schemas in '${error.keyword}'`;
  return details.length === 0 ? base : `${base} (${details.join('; ')})`;
}
