import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, lintRuleTexts } from '../../../lib/rules';
import { comparabilityError, isInetPton4, isInetPton6, isScanfInteger, valueProblem } from '../../../lib/rules/lint/value-parsers';

/**
 * What libs 0.25.4's filter compiler refuses at load time (operator-type, invalid-filter-value): one
 * fixture per libs message, `fixtures/<name>.yaml` with the libs line it follows in its first
 * comment, and `fixtures/<name>.expected` with every line the linter prints for it.
 */
const FIXTURES = path.join(__dirname, 'fixtures');

describe('compile-stage fixtures', () => {
  for (const file of fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml')).sort()) {
    const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
    const title = /^# (.*)$/m.exec(text)?.[1] ?? file;
    it(`${file}: ${title}`, () => {
      // GIVEN the fixture, WHEN it is linted, THEN exactly the expected lines are printed.
      const expected = fs.readFileSync(path.join(FIXTURES, file.replace(/\.yaml$/, '.expected')), 'utf8').split('\n').filter(Boolean);
      expect(lintRuleTexts([{ name: file, text }]).map(formatDiagnostic)).toEqual(expected);
    });
  }
});

function findings(condition: string): string[] {
  const text = `- rule: R\n  desc: d\n  condition: ${JSON.stringify(condition)}\n  output: o\n  priority: INFO\n`;
  return lintRuleTexts([{ name: 'r.yaml', text }])
    .filter((d) => d.severity === 'error' || d.code === 'operator-type' || d.code === 'invalid-filter-value')
    .map((d) => d.message);
}

describe('conditions libs 0.25.4 compiles give no compile-stage finding', () => {
  // falcosecurity/libs@0.25.4:userspace/libsinsp/test/filter_compiler.ut.cpp:295-600 and the upstream rules
  const accepted = [
    'proc.pid = 1', 'proc.pid in (" 12", +3, -1)', 'fd.sport = 80', 'fd.sport in (22, "")', 'fd.net = 10.0.0.0/8',
    'fd.net = 10.0.0.0/256', 'fd.net in ("fd00::/8", "::/1")', 'evt.rawres < 0', 'evt.rawarg.res < 0', 'fd.name < 1',
    "fd.name regex '/home/.*/dev'", 'fd.ip in (127.0.0.1, ::1, "1:2:3:4:5:6:7::")', 'fd.ip == anyof (1.2.3.4)',
    'proc.is_exe_upper_layer = true', 'evt.buffer bcontains 7f454c46', 'evt.buffer contains ELF',
    'k8smeta.pod.labels intersects (app)', 'len(proc.args) > 3', 'tolower(proc.name) contains bash', 'proc.name exists',
    'fd.sport exists', 'fd.name = val(proc.exepath)', 'evt.around[1000] = 5', 'thread.cpu >= 1', 'evt.rawtime > 1000000000',
    // transformers and right-hand side fields (falcosecurity/libs@0.25.4:userspace/libsinsp/test/filter_transformer.ut.cpp:412-871)
    'toupper(basename(fd.name)) = A', 'len(fd.types) > 1', 'b64(evt.buffer) contains x', 'len(k8smeta.pod.labels) = 0',
    'join("-", (fd.name, fd.directory)) = a', 'join(fd.name, (toupper(fd.name), "aaa")) = a', 'concat(proc.name, "-", proc.pname) = a',
    'getopt(("-n", "-t", "hello"), "nt:")[t] = hello', 'getopt(("-n"), "n") intersects (n)', 'proc.ppid = val(proc.pid)',
    'fd.sip = val(fd.cip)', 'proc.name in val(proc.pname)', 'proc.name = tolower(proc.pname)', 'len(proc.name) = len(proc.pname)',
    'proc.name contains val(proc.pname)', 'tolower(proc.name) exists',
  ];
  for (const c of accepted) {
    it(c, () => expect(findings(`evt.type = open and ${c}`)).toEqual([]));
  }
});

describe('flt_is_comparable (falcosecurity/libs@0.25.4:userspace/libsinsp/filter_compare.cpp:353-433)', () => {
  it('refuses list filters of other types and every operator on other types', () => {
    expect(comparabilityError('in', undefined, { type: 'INT64', isList: true })).toBe("list filters are not supported for type 'INT64'");
    expect(comparabilityError('=', undefined, { type: 'UID', isList: false })).toBe("'=' operator not supported for type 'UID'");
    expect(comparabilityError('==', undefined, { type: 'BOOL', isList: false })).toBeUndefined();
    expect(comparabilityError('==', 'oneof', { type: 'CHARBUF', isList: true })).toBe("'=' operator not supported list filters");
  });
  it('refuses every operator on DYNAMIC, the type of some event arguments (evt.rawarg itself takes its argument\'s type, rawarg.test.ts)', () => {
    expect(comparabilityError('contains', undefined, { type: 'DYNAMIC', isList: false })).toBe("'contains' operator not supported for type 'DYNAMIC'");
  });
});

describe('value parsers', () => {
  it('sscanf %d%c: blanks before, sign, digits, nothing after (utils.cpp:1433-1519)', () => {
    for (const ok of ['0', ' 12', '\t-1', '+7', '99999999999999999999999']) expect(isScanfInteger(ok)).toBe(true);
    for (const bad of ['', '12 ', '0x10', '1.5', '1e3', '+', '- 1', 'execve']) expect(isScanfInteger(bad)).toBe(false);
  });
  it('inet_pton AF_INET: dotted quad, no leading zeros', () => {
    for (const ok of ['0.0.0.0', '255.255.255.255', '10.0.0.1']) expect(isInetPton4(ok)).toBe(true);
    for (const bad of ['127.1', '1.2.3.04', '256.1.1.1', ' 1.2.3.4', '1.2.3.4 ', '1.2.3.4.5']) expect(isInetPton4(bad)).toBe(false);
  });
  it('inet_pton AF_INET6', () => {
    for (const ok of ['::', '::1', 'fe80::1', '1:2:3:4:5:6:7:8', '::ffff:1.2.3.4', '1::', '1:2:3:4:5:6:7::']) expect(isInetPton6(ok)).toBe(true);
    for (const bad of ['1:2:3:4:5:6:7:8::', ':1::', '1::2::3', 'fe80::1%eth0', '12345::', '1:2:3:4:5:6:7', 'localhost']) expect(isInetPton6(bad)).toBe(false);
  });
  it('IPv4 netmask is parseu8, so it wraps modulo 256 (value_parser.cpp:193-227)', () => {
    expect(valueProblem('IPNET', '10.0.0.0/256', '=')).toBeUndefined();
    expect(valueProblem('IPNET', '10.0.0.0/300', '=')?.libs).toBe('invalid netmask 300');
    expect(valueProblem('IPNET', '10.0.0.0/', '=')?.libs).toBe(' is not a valid number');
  });
  it('strings take 255 bytes, UTF-8 counted (value_parser.cpp:29-37)', () => {
    expect(valueProblem('CHARBUF', 'é'.repeat(127), '=')).toBeUndefined();
    expect(valueProblem('CHARBUF', 'é'.repeat(128), '=')?.libs).toMatch(/^filter parameter too long \(used=257, available=256\):/);
    expect(valueProblem('BYTEBUF', 'a'.repeat(256), 'contains')?.libs).toBe('filter parameter too long (byte buf)');
  });
  it('an empty port is 0, a service name depends on the host (value_parser.cpp:78-101)', () => {
    expect(valueProblem('PORT', '', '=')).toBeUndefined();
    expect(valueProblem('PORT', 'http', '=')?.severity).toBe('warning');
    expect(valueProblem('PORT', '80/tcp', '=')?.severity).toBe('error');
  });
});
