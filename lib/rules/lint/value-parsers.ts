/**
 * What libs' filter compiler (falcosecurity/libs@0.25.4, the libs of Falco 0.44.1) refuses at
 * load time about an operator and its constant values, by field type. Types are the names
 * `param_type_to_string` prints (falcosecurity/libs@0.25.4:userspace/libsinsp/utils.cpp:1121-1215),
 * which is what the field catalog's `type` holds. Every message here is libs' text, verbatim.
 */
import type { BinaryOperator, StringOperatorModifier } from '../condition';

/** A field's type after transformers, as libs' `get_transformed_field_info()` has it. */
export interface OperandType {
  /** `param_type_to_string` name: `CHARBUF`, `UINT64`, `IPNET`, … */
  readonly type: string;
  /** `EPF_IS_LIST`: the field extracts a list of values. */
  readonly isList: boolean;
}

// falcosecurity/libs@0.25.4:userspace/libsinsp/filter_compare.cpp:392-414
const NUMERIC_TYPES: ReadonlySet<string> = new Set([
  'INT8', 'INT16', 'INT32', 'INT64', 'UINT8', 'UINT16', 'UINT32', 'UINT64', 'ERRNO', 'FD', 'PID', 'SYSCALLID', 'SIGTYPE',
  'RELTIME', 'ABSTIME', 'PORT', 'FLAGS8', 'FLAGS16', 'FLAGS32', 'DOUBLE', 'MODE', 'ENUMFLAGS8', 'ENUMFLAGS16', 'ENUMFLAGS32',
]);
const IP_TYPES: ReadonlySet<string> = new Set(['IPV4ADDR', 'IPV4NET', 'IPV6ADDR', 'IPV6NET', 'IPADDR', 'IPNET']);
const STRING_TYPES: ReadonlySet<string> = new Set(['CHARBUF', 'FSPATH', 'FSRELPATH']);
// falcosecurity/libs@0.25.4:userspace/libsinsp/filter_compare.cpp:358-367
const LISTABLE_TYPES: ReadonlySet<string> = new Set(['CHARBUF', 'UINT64', 'RELTIME', 'ABSTIME', 'BOOL', 'IPADDR', 'IPNET']);
/**
 * Other types: libs compares them with nothing. `DYNAMIC`, `FD32` and `PID32` reach a filter only as
 * the type of an event argument (`evt.rawarg.<name>`); `DYNAMIC` as the type of the `evt.rawarg`
 * field itself is resolved per argument before it gets here.
 */
const OTHER_TYPES: ReadonlySet<string> = new Set([
  'NONE', 'BYTEBUF', 'SOCKADDR', 'SOCKTUPLE', 'FDLIST', 'L4PROTO', 'SOCKFAMILY', 'BOOL', 'UID', 'GID', 'SIGSET',
  'CHARBUFARRAY', 'CHARBUF_PAIR_ARRAY', 'DYNAMIC', 'FD32', 'PID32',
]);

/** Whether the type is one libs knows by this name. */
export function isKnownType(type: string): boolean {
  return NUMERIC_TYPES.has(type) || IP_TYPES.has(type) || STRING_TYPES.has(type) || OTHER_TYPES.has(type);
}

/**
 * `param_type_to_string`, which libs' messages print: it has no case for IPV6ADDR, IPV6NET, FD32 and
 * PID32 and prints `<NA>` for them (falcosecurity/libs@0.25.4:userspace/libsinsp/utils.cpp:1121-1215).
 */
export function libsTypeName(type: string): string {
  return type === 'IPV6ADDR' || type === 'IPV6NET' || type === 'FD32' || type === 'PID32' ? '<NA>' : type;
}

/** `cmpop_to_str` (falcosecurity/libs@0.25.4:userspace/libsinsp/filter_compare.cpp:101-188): `==` prints as `=`, no modifier. */
export function cmpopName(op: BinaryOperator): string {
  return op === '==' ? '=' : op;
}

const NUMERIC_OPS = new Set(['=', '==', '!=', '<', '<=', '>', '>=', 'in', 'intersects']);
const BOOL_OPS = new Set(['=', '==', '!=', 'in', 'intersects']);
const STRING_REFUSED = new Set(['bcontains', 'bstartswith']);
const BUFFER_OPS = new Set(['=', '==', '!=', 'contains', 'in', 'startswith', 'endswith', 'intersects', 'bcontains', 'bstartswith']);
const IP_OPS = new Set(['=', '==', '!=', 'in', 'intersects']);
const LIST_OPS = new Set(['in', 'intersects']);

/**
 * `flt_is_comparable` (falcosecurity/libs@0.25.4:userspace/libsinsp/filter_compare.cpp:353-433):
 * libs' error text (without the `filter error: ` prefix `filter.cpp:489-495` adds), or undefined
 * when the operator is accepted or the type is unknown here.
 */
export function comparabilityError(op: BinaryOperator, modifier: StringOperatorModifier | undefined, t: OperandType): string | undefined {
  const name = cmpopName(op);
  if (t.isList) {
    if (!LISTABLE_TYPES.has(t.type)) return isKnownType(t.type) ? `list filters are not supported for type '${libsTypeName(t.type)}'` : undefined;
    // "not supported list filters" (sic), filter_compare.cpp:339-351
    return LIST_OPS.has(op) ? undefined : `'${name}' operator not supported list filters`;
  }
  if (NUMERIC_TYPES.has(t.type)) return NUMERIC_OPS.has(op) ? undefined : `'${name}' operator not supported for numeric filters`;
  // BOOL says "numeric" too (sic), filter_compare.cpp:258-272
  if (t.type === 'BOOL') return BOOL_OPS.has(op) ? undefined : `'${name}' operator not supported for numeric filters`;
  if (IP_TYPES.has(t.type)) {
    if (IP_OPS.has(op)) return undefined;
    return modifier !== undefined
      ? `'${name}' with modifier not supported for ip address and network filters`
      : `'${name}' operator not supported for ip address and network filters`;
  }
  if (STRING_TYPES.has(t.type)) return STRING_REFUSED.has(op) ? `'${name}' operator not supported for string filters` : undefined;
  if (t.type === 'BYTEBUF') return BUFFER_OPS.has(op) ? undefined : `'${name}' operator not supported for buffer filters`;
  if (OTHER_TYPES.has(t.type)) return `'${name}' operator not supported for type '${libsTypeName(t.type)}'`;
  return undefined;
}

/** The operators a type accepts, for the fix of a refusal. */
export function acceptedOperators(t: OperandType): readonly string[] {
  const all = ['=', '!=', '<', '<=', '>', '>=', 'contains', 'icontains', 'bcontains', 'startswith', 'bstartswith', 'endswith', 'glob', 'iglob', 'regex', 'in', 'intersects', 'pmatch'];
  return all.filter((op) => comparabilityError(op as BinaryOperator, undefined, t) === undefined);
}

/** A refusal of one constant: libs' text, and whether Falco refuses it for sure (`error`) or it depends on the host (`warning`). */
export interface ValueProblem {
  readonly libs: string;
  readonly severity: 'error' | 'warning';
  /** How to write it instead. */
  readonly fix: string;
  /** Where in the value the problem is (UTF-16 index), when it is one place of it (a regex fragment). */
  readonly index?: number;
}

const SCANF_BLANKS = '[ \\t\\n\\v\\f\\r]*';
const SCANF_INT = new RegExp(`^${SCANF_BLANKS}[+-]?[0-9]+$`);

/**
 * `sinsp_numparser::parse{d,u}{8,16,32,64}`: `sscanf(str, "%d%c")` (or `%u`) must return 1
 * (falcosecurity/libs@0.25.4:userspace/libsinsp/utils.cpp:1433-1519): optional leading blanks, an
 * optional sign, decimal digits and nothing after; out-of-range values wrap without an error.
 */
export function isScanfInteger(value: string): boolean {
  return SCANF_INT.test(value);
}

/** The value `%u` then a cast to `uint8_t` gives (parseu8), for a string `isScanfInteger` accepts. */
function scanfU8(value: string): number {
  const m = /([+-]?)([0-9]+)$/.exec(value);
  const max = (1n << 64n) - 1n;
  let v = BigInt(m?.[2] ?? '0');
  if (v > max) v = max; // strtoul saturates
  else if (m?.[1] === '-') v = (1n << 64n) - v;
  return Number(v % 256n);
}

const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

/** glibc `inet_pton(AF_INET)`: a dotted quad of decimal octets, no leading zeros, nothing else. */
export function isInetPton4(s: string): boolean {
  return IPV4.test(s);
}

/** glibc `inet_pton(AF_INET6)`: hex groups, at most one `::` standing for at least one group, an optional final dotted quad; no zone id. */
export function isInetPton6(s: string): boolean {
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  const all = [...head, ...tail];
  let count = 0;
  for (const [i, g] of all.entries()) {
    if (i === all.length - 1 && g.includes('.')) {
      if (!isInetPton4(g)) return false;
      count += 2;
    } else if (/^[0-9A-Fa-f]{1,4}$/.test(g)) count += 1;
    else return false;
  }
  return halves.length === 2 ? count <= 7 : count === 8;
}

const NUMBER_FIX = 'write a decimal integer (no hex, fraction, exponent, unit or trailing blank)';

function parseNumber(value: string, fix = NUMBER_FIX): ValueProblem | undefined {
  return isScanfInteger(value) ? undefined : { libs: `${value} is not a valid number`, severity: 'error', fix };
}

function ipv4Net(value: string): ValueProblem | undefined {
  // falcosecurity/libs@0.25.4:userspace/libsinsp/value_parser.cpp:193-227
  const fix = 'write an IPv4 network as a.b.c.d/N with N from 0 to 32, e.g. 10.0.0.0/8';
  const slash = value.indexOf('/');
  if (slash < 0) return { libs: `unrecognized IP network ${value}`, severity: 'error', fix };
  const ip = value.slice(0, slash);
  const mask = value.slice(slash + 1).split('\n')[0] ?? '';
  if (!isInetPton4(ip)) return { libs: `unrecognized IP address ${value}`, severity: 'error', fix };
  if (!isScanfInteger(mask)) return { libs: `${mask} is not a valid number`, severity: 'error', fix };
  if (scanfU8(mask) > 32) return { libs: `invalid netmask ${mask}`, severity: 'error', fix };
  return undefined;
}

function ipv6Net(value: string): ValueProblem | undefined {
  // falcosecurity/libs@0.25.4:userspace/libsinsp/tuples.cpp:67-99
  const fix = 'write an IPv6 network as addr/N with N from 1 to 128, e.g. fd00::/8';
  const slash = value.indexOf('/');
  if (slash < 0) return { libs: `invalid v6 netmask: ${value}`, severity: 'error', fix };
  const ip = value.slice(0, slash);
  const mask = value.slice(slash + 1).split('\n')[0] ?? '';
  if (!isInetPton6(ip)) return { libs: `unrecognized IPv6 address ${value}`, severity: 'error', fix };
  if (!isScanfInteger(mask)) return { libs: `${mask} is not a valid number`, severity: 'error', fix };
  const n = scanfU8(mask);
  if (n === 0 || n > 128) return { libs: `invalid v6 netmask ${mask}`, severity: 'error', fix };
  return undefined;
}

/** Types whose value is stored as text with its NUL (value_parser.cpp:29-37, 130-142). */
export const STORED_AS_TEXT: ReadonlySet<string> = new Set(['CHARBUF', 'FSPATH', 'FSRELPATH', 'SOCKADDR', 'SOCKTUPLE', 'SOCKFAMILY']);

/** libs' filter value buffer: 16 bytes, doubled on error up to 256 (falcosecurity/libs@0.25.4:userspace/libsinsp/sinsp_filtercheck.h:390-391). */
export const MAX_VALUE_STORAGE = 256;

/**
 * `sinsp_filter_value_parser::string_to_rawval` (falcosecurity/libs@0.25.4:userspace/libsinsp/value_parser.cpp:39-240)
 * and, for BYTEBUF, `sinsp_filter_check::parse_filter_value` (falcosecurity/libs@0.25.4:userspace/libsinsp/sinsp_filtercheck.cpp:744-767):
 * libs' error for one constant compared with a field of type `type`, or undefined when it parses
 * (or the type is not known here). `op` matters for `bcontains`/`bstartswith`, whose values are hex
 * (falcosecurity/libs@0.25.4:userspace/libsinsp/filter.cpp:529-544).
 */
export function valueProblem(type: string, value: string, op: BinaryOperator): ValueProblem | undefined {
  if (op === 'bcontains' || op === 'bstartswith') {
    // falcosecurity/libs@0.25.4:userspace/libsinsp/utils.cpp:1343-1362 (`unhex`)
    if (value.length % 2 !== 0 || !/^[0-9A-Fa-f]*$/.test(value)) {
      return {
        libs: 'filter error: bcontains and bstartswith operator support hex strings only',
        severity: 'error',
        fix: `write the bytes as an even number of hex digits (the text '${value.slice(0, 8)}' is ${Buffer.from(value.slice(0, 8), 'utf8').toString('hex')})`,
      };
    }
    return value.length / 2 >= MAX_VALUE_STORAGE
      ? { libs: 'filter parameter too long (byte buf)', severity: 'error', fix: `keep it under ${MAX_VALUE_STORAGE} bytes` }
      : undefined;
  }
  // Most values are short strings compared with string fields: no byte count needed for them
  // (a UTF-16 unit is at most 3 bytes of UTF-8).
  if (value.length * 3 < MAX_VALUE_STORAGE && STORED_AS_TEXT.has(type)) return undefined;
  switch (type) {
    case 'INT8': case 'INT16': case 'INT32': case 'INT64': case 'FD': case 'ERRNO': case 'PID':
    case 'L4PROTO': case 'FLAGS8': case 'UINT8': case 'ENUMFLAGS8': case 'FLAGS16': case 'UINT16': case 'ENUMFLAGS16':
    case 'FLAGS32': case 'UINT32': case 'MODE': case 'ENUMFLAGS32': case 'UID': case 'GID': case 'UINT64':
      return parseNumber(value);
    case 'RELTIME': case 'ABSTIME':
      return parseNumber(value, 'write a plain integer number of nanoseconds (no unit: 1s is 1000000000)');
    case 'DOUBLE':
      // "we historically never supported parsing floating point number values", value_parser.cpp:155-164
      return parseNumber(value, 'write an integer: libs parses DOUBLE values with parsed32, so fractions are refused');
    case 'PORT': {
      // value_parser.cpp:78-101
      if (value === '') return undefined;
      if (/^[0-9]+$/.test(value)) {
        return BigInt(value) > 2147483647n
          ? { libs: 'stoi', severity: 'error', fix: 'std::stoi throws std::out_of_range, which Falco does not catch; write a port from 0 to 65535' }
          : undefined;
      }
      const libs = `unrecognized protocol ${value}`;
      return /^[A-Za-z][A-Za-z0-9._+-]*$/.test(value)
        ? { libs, severity: 'warning', fix: `Falco looks '${value}' up with getservbyname in the /etc/services of its image, which may not have it; write the port number` }
        : { libs, severity: 'error', fix: 'write a port number from 0 to 65535' };
    }
    case 'BOOL':
      return value === 'true' || value === 'false'
        ? undefined
        : { libs: `filter error: unrecognized boolean value ${value}`, severity: 'error', fix: 'write exactly true or false' };
    case 'IPV4ADDR':
      return isInetPton4(value) ? undefined : { libs: `unrecognized IPv4 address ${value}`, severity: 'error', fix: 'write a dotted quad such as 10.0.0.1 (a network needs a field of type IPNET, e.g. fd.net)' };
    case 'IPV6ADDR':
      return isInetPton6(value) ? undefined : { libs: `unrecognized IPv6 address ${value}`, severity: 'error', fix: 'write an IPv6 address such as ::1, without a zone id' };
    case 'IPADDR':
      // a '.' anywhere means IPv4 (value_parser.cpp:165-172), so ::ffff:1.2.3.4 is refused
      return valueProblem(value.includes('.') ? 'IPV4ADDR' : 'IPV6ADDR', value, op);
    case 'IPV4NET':
      return ipv4Net(value);
    case 'IPV6NET':
      return ipv6Net(value);
    case 'IPNET':
      return value.includes('.') ? ipv4Net(value) : ipv6Net(value);
    case 'CHARBUF': case 'FSPATH': case 'FSRELPATH': case 'SOCKADDR': case 'SOCKTUPLE': case 'SOCKFAMILY': {
      // value_parser.cpp:29-37, 130-142: the value and its NUL must fit in 256 bytes
      const used = Buffer.byteLength(value, 'utf8') + 1;
      return used > MAX_VALUE_STORAGE
        ? { libs: `filter parameter too long (used=${used}, available=${MAX_VALUE_STORAGE}):${value}`, severity: 'error', fix: `shorten it to at most ${MAX_VALUE_STORAGE - 1} bytes (e.g. startswith a prefix)` }
        : undefined;
    }
    case 'BYTEBUF':
      return Buffer.byteLength(value, 'utf8') >= MAX_VALUE_STORAGE
        ? { libs: 'filter parameter too long (byte buf)', severity: 'error', fix: `keep it under ${MAX_VALUE_STORAGE} bytes` }
        : undefined;
    default:
      return undefined;
  }
}

/** The types `string_to_rawval` parses; any other throws `wrong parameter type <code>` (falcosecurity/libs@0.25.4:userspace/libsinsp/value_parser.cpp:39-240). */
const RAWVAL_TYPES: ReadonlySet<string> = new Set([
  'INT8', 'INT16', 'INT32', 'INT64', 'FD', 'ERRNO', 'PID', 'L4PROTO', 'FLAGS8', 'UINT8', 'ENUMFLAGS8', 'PORT', 'FLAGS16', 'UINT16',
  'ENUMFLAGS16', 'FLAGS32', 'UINT32', 'MODE', 'ENUMFLAGS32', 'UID', 'GID', 'UINT64', 'RELTIME', 'ABSTIME', 'CHARBUF', 'SOCKADDR',
  'SOCKTUPLE', 'SOCKFAMILY', 'FSPATH', 'FSRELPATH', 'BOOL', 'DOUBLE', 'IPADDR', 'IPV4ADDR', 'IPV6ADDR', 'IPNET', 'IPV4NET', 'IPV6NET',
]);

/**
 * libs' error for one constant compared with `evt.rawarg.<name>` of event argument type `type`:
 * `sinsp_filter_check_event::parse_filter_value` hands every value to `string_to_rawval` with the
 * argument's type, without the byte-buffer path of other fields
 * (falcosecurity/libs@0.25.4:userspace/libsinsp/sinsp_filtercheck_event.cpp:577-594), so a type
 * `string_to_rawval` has no case for refuses every value with `wrong parameter type <code>` (the
 * `enum ppm_param_type` code, `paramCode`). `bcontains`/`bstartswith` values are unhexed first
 * (filter.cpp:529-544).
 */
export function rawargValueProblem(type: string, paramCode: number | undefined, value: string, op: BinaryOperator): ValueProblem | undefined {
  if (op === 'bcontains' || op === 'bstartswith') {
    const hex = valueProblem(type, value, op);
    if (hex !== undefined && hex.libs.startsWith('filter error:')) return hex;
  }
  if (!RAWVAL_TYPES.has(type)) {
    return {
      libs: `wrong parameter type ${paramCode ?? '?'}`,
      severity: 'error',
      fix: `libs cannot parse a constant for an event argument of type ${type}; compare its text form with evt.arg.<name> instead`,
    };
  }
  return op === 'bcontains' || op === 'bstartswith' ? undefined : valueProblem(type, value, op);
}
