import { describe, expect, it } from 'vitest';
import { checkField, isSourceCovered, lookupField } from '../../../lib/rules/fields';

/** One-line helpers: the reference must pass, or fail for `reason`. */
function assertKnown(source: string, name: string, arg?: string): void {
  const result = checkField(source, name, arg);
  expect(result, `${name}${arg === undefined ? '' : `[${arg}]`}`).toMatchObject({ ok: true });
}
function assertFails(source: string, name: string, arg: string | undefined, reason: string): string {
  const result = checkField(source, name, arg);
  expect(result).toMatchObject({ ok: false, reason });
  return result.ok ? '' : result.message;
}

describe('sources', () => {
  it('covers syscall and k8s_audit only', () => {
    expect(isSourceCovered('syscall')).toBe(true);
    expect(isSourceCovered('k8s_audit')).toBe(true);
    expect(isSourceCovered('aws_cloudtrail')).toBe(false);
    expect(lookupField('aws_cloudtrail', 'ct.name')).toBeUndefined();
  });

  it('fails when asked to check a source it does not cover', () => {
    expect(assertFails('aws_cloudtrail', 'ct.name', undefined, 'unknown-field')).toBe(
      "source 'aws_cloudtrail' is not covered by the field catalog (covered: syscall, k8s_audit); check isSourceCovered() first",
    );
  });
});

describe('the plugin field sets', () => {
  it.each(['k8smeta.ns.name', 'k8smeta.pod.uid', 'k8smeta.pod.name', 'k8s.ns.name', 'k8s.pod.name', 'container.name', 'container.image.repository', 'container.id'])(
    'knows %s for syscall, from its plugin',
    (name) => {
      assertKnown('syscall', name);
      expect(lookupField('syscall', name)?.field.plugin).toBe(name.startsWith('k8smeta.') ? 'k8smeta' : 'container');
    },
  );

  it.each(['ka.target.namespace', 'ka.verb', 'ka.user.name', 'json.obj', 'jevt.obj', 'evt.time', 'evt.hostname'])('knows %s for k8s_audit', (name) => {
    assertKnown('k8s_audit', name);
  });

  it('keeps syscall-only fields out of k8s_audit, and says which source a field belongs to', () => {
    expect(assertFails('k8s_audit', 'proc.name', undefined, 'unknown-field')).toBe(
      "unknown field 'proc.name' for source 'k8s_audit'; it is a field of source 'syscall', so set 'source:' accordingly",
    );
    expect(assertFails('syscall', 'ka.target.namespace', undefined, 'unknown-field')).toBe(
      "unknown field 'ka.target.namespace' for source 'syscall'; it is a field of source 'k8s_audit', so set 'source:' accordingly",
    );
  });

  it('resolves deprecated fields that Falco 0.44 still accepts, and flags them', () => {
    for (const [source, name] of [
      ['syscall', 'evt.dir'],
      ['syscall', 'evt.latency'],
      ['syscall', 'k8s.deployment.name'],
      ['syscall', 'proc.is_container_healthcheck'],
      ['k8s_audit', 'ka.req.container.image'],
    ] as const) {
      assertKnown(source, name);
      expect(lookupField(source, name)?.field.deprecated, name).toBe(true);
    }
  });

  it('does not know fields removed before Falco 0.44', () => {
    // syslog support was dropped in libs 0.21 (libs#2393); mesos and the libsinsp k8s client long before.
    for (const name of ['syslog.facility', 'syslog.severity', 'mesos.task.name', 'k8s.pod.annotation']) {
      assertFails('syscall', name, undefined, 'unknown-field');
    }
  });
});

describe('arguments', () => {
  it('accepts an optional index or none: proc.aname[2], proc.aname', () => {
    assertKnown('syscall', 'proc.aname', '2');
    assertKnown('syscall', 'proc.aname[2]');
    assertKnown('syscall', 'proc.aname');
    assertKnown('syscall', 'proc.args', '0');
    assertKnown('syscall', 'fd.types', '0');
    assertKnown('syscall', 'fd.types');
  });

  it('fails when an index is not a number', () => {
    expect(assertFails('syscall', 'proc.aname', 'bash', 'unexpected-argument')).toBe(
      "'proc.aname' takes a numeric index in brackets, e.g. 'proc.aname[0]'; got '[bash]'",
    );
    // libsinsp rejects leading zeros in plugin indexes (sinsp_filter_check_plugin::extract_arg_index).
    assertFails('k8s_audit', 'ka.req.pod.containers.image', '01', 'unexpected-argument');
    assertKnown('k8s_audit', 'ka.req.pod.containers.image', '0');
    assertKnown('k8s_audit', 'ka.req.pod.containers.image');
  });

  it('fails when a field that takes no argument gets one: proc.name[1]', () => {
    expect(assertFails('syscall', 'proc.name', '1', 'unexpected-argument')).toBe("'proc.name' takes no argument; remove '[1]'");
    expect(assertFails('syscall', 'proc.name[1]', undefined, 'unexpected-argument')).toBe("'proc.name' takes no argument; remove '[1]'");
  });

  it('requires the argument of key fields: k8smeta.pod.label[app] passes, k8smeta.pod.label fails', () => {
    assertKnown('syscall', 'k8smeta.pod.label', 'app');
    assertKnown('syscall', 'container.mount.dest', '/proc*');
    assertKnown('syscall', 'container.mount.dest', '0');
    assertKnown('k8s_audit', 'json.value', '/requestObject/spec/containers/0/image');
    assertKnown('k8s_audit', 'ka.uri.param', 'key');
    expect(assertFails('syscall', 'k8smeta.pod.label', undefined, 'missing-argument')).toBe(
      "'k8smeta.pod.label' requires an argument, e.g. 'k8smeta.pod.label[<key>]'",
    );
    expect(assertFails('k8s_audit', 'json.value', undefined, 'missing-argument')).toBe("'json.value' requires an argument, e.g. 'json.value[<key>]'");
    assertFails('syscall', 'k8smeta.pod.label', '', 'missing-argument');
  });

  it('resolves dotted arguments for the fields libsinsp parses that way: evt.arg.flags, evt.rawarg.res', () => {
    expect(lookupField('syscall', 'evt.arg.flags')).toMatchObject({ field: { name: 'evt.arg' }, arg: 'flags', argSyntax: 'dotted' });
    expect(lookupField('syscall', 'evt.rawarg.res')).toMatchObject({ field: { name: 'evt.rawarg' }, arg: 'res', argSyntax: 'dotted' });
    expect(lookupField('syscall', 'proc.aname', '2')).toMatchObject({ field: { name: 'proc.aname' }, arg: '2', argSyntax: 'bracket' });
    expect(lookupField('syscall', 'proc.name')).toEqual({ field: expect.objectContaining({ name: 'proc.name' }) });
    for (const name of ['evt.arg.flags', 'evt.rawarg.res', 'evt.type.is.open', 'evt.abspath.src', 'evt.abspath.dst', 'thread.cgroup.cpuacct']) {
      assertKnown('syscall', name);
    }
    assertKnown('syscall', 'evt.arg', '0');
    assertKnown('syscall', 'evt.abspath');
  });

  it('does not resolve the dotted form for other prefixes', () => {
    expect(lookupField('syscall', 'proc.name.flags')).toBeUndefined();
    expect(lookupField('syscall', 'evt.args.flags')).toBeUndefined();
    expect(lookupField('syscall', 'k8smeta.pod.label.app')).toBeUndefined();
    expect(lookupField('k8s_audit', 'evt.arg.flags')).toBeUndefined();
    expect(assertFails('syscall', 'k8smeta.pod.label.app', undefined, 'unknown-field')).toBe(
      "unknown field 'k8smeta.pod.label.app' for source 'syscall': 'k8smeta.pod.label' takes its argument in brackets; write 'k8smeta.pod.label[app]'",
    );
  });

  it('refuses the dotted label form of plugin fields, which libsinsp parses in brackets only', () => {
    // sinsp_filter_check_plugin::parse_field_name (libs 0.25.4 plugin_filtercheck.cpp:45-118) reads an argument
    // only in brackets, and container.label is required-key: 'container.label.maintainer' fails in Falco 0.44.1.
    expect(lookupField('syscall', 'k8s.pod.label.app')).toBeUndefined();
    expect(assertFails('syscall', 'container.label.maintainer', undefined, 'unknown-field')).toBe(
      "unknown field 'container.label.maintainer' for source 'syscall': 'container.label' takes its argument in brackets; write 'container.label[maintainer]'",
    );
    assertKnown('syscall', 'k8s.pod.label', 'app.kubernetes.io/name');
    // Exact names win over a dotted argument.
    expect(lookupField('syscall', 'k8s.pod.labels')?.field.name).toBe('k8s.pod.labels');
  });

  it('fails when a dotted-only field gets brackets, or a dotted field gets both', () => {
    expect(assertFails('syscall', 'evt.rawarg', 'res', 'unexpected-argument')).toBe(
      "'evt.rawarg' takes its argument after a dot; write 'evt.rawarg.res' instead of 'evt.rawarg[res]'",
    );
    expect(assertFails('syscall', 'evt.arg', 'flags', 'unexpected-argument')).toBe(
      "'evt.arg' takes a numeric index in brackets, e.g. 'evt.arg[0]' or a name after a dot, e.g. 'evt.arg.flags'; got '[flags]'",
    );
    expect(assertFails('syscall', 'evt.arg.flags', '0', 'unexpected-argument')).toBe("'evt.arg.flags' already has its argument after the dot; remove '[0]'");
    expect(lookupField('syscall', 'evt.arg.flags', '0')).toBeUndefined();
  });

  it('fails when a dotted field misses its argument or gets one outside its closed set', () => {
    expect(assertFails('syscall', 'evt.arg', undefined, 'missing-argument')).toBe("'evt.arg' requires an argument, e.g. 'evt.arg.<name>' or 'evt.arg[0]'");
    expect(assertFails('syscall', 'evt.type.is', undefined, 'missing-argument')).toBe("'evt.type.is' requires an argument, e.g. 'evt.type.is.<name>'");
    expect(assertFails('syscall', 'evt.abspath.foo', undefined, 'unexpected-argument')).toBe(
      "'evt.abspath' accepts only 'evt.abspath.src' or 'evt.abspath.dst'; got 'evt.abspath.foo'",
    );
  });
});

describe('unknown names', () => {
  it('suggests the closest known field: proc.nmae → proc.name', () => {
    const result = checkField('syscall', 'proc.nmae');
    expect(result).toEqual({
      ok: false,
      reason: 'unknown-field',
      message: "unknown field 'proc.nmae' for source 'syscall'; did you mean 'proc.name'?",
      suggestion: 'proc.name',
    });
  });

  it.each([
    ['syscall', 'container.image.repositry', 'container.image.repository'],
    ['syscall', 'k8smeta.pod.nam', 'k8smeta.pod.name'],
    ['syscall', 'fd.nam', 'fd.name'],
    ['k8s_audit', 'ka.target.namspace', 'ka.target.namespace'],
  ])('suggests for %s %s: %s', (source, name, suggestion) => {
    expect(checkField(source, name)).toMatchObject({ ok: false, reason: 'unknown-field', suggestion });
  });

  it('makes no suggestion when nothing is close, and points to falco --list', () => {
    expect(checkField('syscall', 'totally.unrelated.name')).toEqual({
      ok: false,
      reason: 'unknown-field',
      message: "unknown field 'totally.unrelated.name' for source 'syscall'; see 'falco --list=syscall' for the fields Falco knows",
    });
  });
});
