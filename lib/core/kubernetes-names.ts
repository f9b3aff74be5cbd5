/**
 * Kubernetes' name formats (k8s.io/apimachinery `pkg/util/validation/validation.go`): the one
 * definition every construct, prop check and option check uses.
 */

/** `IsDNS1123Label`: namespaces, most object names. At most {@link DNS1123_LABEL_MAX_LENGTH} characters. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS1123_LABEL_MAX_LENGTH = 63;

/** `IsDNS1123Subdomain`: Secrets, ConfigMaps. At most {@link DNS1123_SUBDOMAIN_MAX_LENGTH} characters. */
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

export function isDns1123Label(value: unknown): value is string {
  return typeof value === 'string' && value.length <= DNS1123_LABEL_MAX_LENGTH && DNS1123_LABEL.test(value);
}

export function isDns1123Subdomain(value: unknown): value is string {
  return typeof value === 'string' && value.length <= DNS1123_SUBDOMAIN_MAX_LENGTH && DNS1123_SUBDOMAIN.test(value);
}

/** What a DNS-1123 label is, for messages. */
export const DNS1123_LABEL_DESCRIPTION =
  "a DNS-1123 label (at most 63 characters: lower-case letters, digits and '-', starting and ending with a letter or digit)";
