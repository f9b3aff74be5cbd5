/**
 * The name formats the Kubernetes API server enforces (k8s.io/apimachinery
 * `pkg/util/validation/validation.go` and `pkg/api/validation/path`). Each check returns why a
 * value is invalid, or `undefined` when it is valid, so callers can name the field in the message.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

export const DNS1123_LABEL_RULE =
  "a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit";
export const DNS1123_SUBDOMAIN_RULE =
  "a DNS-1123 subdomain: at most 253 characters, dot-separated DNS-1123 labels (lowercase letters, digits or '-', starting and ending with a letter or digit)";
export const DNS1035_LABEL_RULE =
  "a DNS-1035 label: at most 63 lowercase letters, digits or '-', starting with a letter and ending with a letter or digit";
export const PATH_SEGMENT_RULE = "a path segment name: not '.' or '..' and without '/' or '%'";
export const QUALIFIED_NAME_RULE =
  "a qualified name: an optional DNS-1123 subdomain prefix and '/', then at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric";
export const LABEL_VALUE_RULE =
  "a label value: empty, or at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric";

export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && DNS1123_LABEL.test(value);
}

export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

export function isDns1035Label(value: string): boolean {
  return value.length <= 63 && DNS1035_LABEL.test(value);
}

export function isPathSegmentName(value: string): boolean {
  return value !== '' && value !== '.' && value !== '..' && !/[/%]/.test(value);
}

/** Label and annotation keys: `[prefix/]name`, e.g. `app.kubernetes.io/name`. */
export function isQualifiedName(value: string): boolean {
  const slash = value.indexOf('/');
  const prefix = slash === -1 ? undefined : value.slice(0, slash);
  const name = slash === -1 ? value : value.slice(slash + 1);
  if (prefix !== undefined && (prefix === '' || !isDns1123Subdomain(prefix))) return false;
  return name.length <= 63 && QUALIFIED_NAME_PART.test(name);
}

export function isLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && QUALIFIED_NAME_PART.test(value));
}
