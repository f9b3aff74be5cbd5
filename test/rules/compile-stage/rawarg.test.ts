import { describe, expect, it } from 'vitest';
import { lintRuleTexts } from '../../../lib/rules';
import { longestMatchingEventArgument, paramTypeCode } from '../../../lib/rules/fields';
import { EVENT_ARGUMENTS } from '../../../lib/rules/fields/catalog';
import { comparabilityError, rawargValueProblem } from '../../../lib/rules/lint/value-parsers';

/**
 * `evt.rawarg.<name>` as libs 0.25.4 compiles it: the field takes the type of the event argument
 * `find_longest_matching_evt_param` returns (falcosecurity/libs@0.25.4:userspace/libsinsp/utils.cpp:792-817,
 * sinsp_filtercheck_event.cpp:523-538), its values are parsed by `string_to_rawval` for that type
 * (sinsp_filtercheck_event.cpp:577-594).
 */
function errors(condition: string): string[] {
  const text = `- rule: R\n  desc: d\n  condition: ${JSON.stringify(`evt.type = execve and ${condition}`)}\n  output: o\n  priority: INFO\n`;
  return lintRuleTexts([{ name: 'r.yaml', text }])
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.message} [${d.code}]`);
}

// falcosecurity/libs@0.25.4:userspace/libsinsp/test/filterchecks/evt/rawarg.cpp: [line, filter, EXPECT_THROW]
// (EXPECT_TRUE and EXPECT_FALSE compile; EXPECT_THROW does not)
const LIBS_CASES: Array<[number, string, boolean]> = [
  [140, "evt.rawarg.flags = 0", false],
  [141, "evt.rawarg.cap_inheritable = 0", false],
  [142, "evt.rawarg.exe_ino_ctime = 0", false],
  [143, "evt.rawarg.uid = 0", false],
  [144, "evt.rawarg.trusted_exepath = <NA>", false],
  [148, "evt.rawarg.pgid = 0", false],
  [149, "evt.rawarg.gid = 0", false],
  [153, "evt.rawarg.flags contains 'str'", true],
  [156, "evt.rawarg.cap_inheritable contains 'str'", true],
  [159, "evt.rawarg.exe_ino_ctime contains 'str'", true],
  [162, "evt.rawarg.uid contains 'str'", true],
  [165, "evt.rawarg.trusted_exepath contains 'str'", false],
  [168, "evt.rawarg.trusted_exepath contains <NA>", false],
  [171, "evt.rawarg.trusted_exepath contains ''", false],
  [174, "evt.rawarg.pgid contains 'str'", true],
  [177, "evt.rawarg.gid contains 'str'", true],
  [183, "evt.rawarg.flags exists", false],
  [184, "evt.rawarg.cap_inheritable exists", false],
  [187, "evt.rawarg.exe_ino_ctime exists", false],
  [190, "evt.rawarg.uid exists", false],
  [191, "evt.rawarg.trusted_exepath exists", false],
  [195, "evt.rawarg.pgid exists", false],
  [196, "evt.rawarg.gid exists", false],
  [200, "evt.rawarg.flags glob '/path/*'", true],
  [203, "evt.rawarg.cap_inheritable glob '/path/*'", true],
  [206, "evt.rawarg.exe_ino_ctime glob '/path/*'", true],
  [209, "evt.rawarg.uid glob '/path/*'", true],
  [210, "evt.rawarg.trusted_exepath glob '/path/*'", false],
  [213, "evt.rawarg.trusted_exepath glob '<NA>'", false],
  [216, "evt.rawarg.trusted_exepath glob ''", false],
  [219, "evt.rawarg.pgid glob '/path/*'", true],
  [220, "evt.rawarg.gid glob '/path/*'", true],
  [224, "evt.rawarg.flags pmatch (/path)", true],
  [227, "evt.rawarg.cap_inheritable pmatch (/path)", true],
  [230, "evt.rawarg.exe_ino_ctime pmatch (/path)", true],
  [233, "evt.rawarg.uid pmatch (/path)", true],
  [236, "evt.rawarg.trusted_exepath pmatch (<NA>)", false],
  [239, "evt.rawarg.trusted_exepath pmatch ('')", false],
  [242, "evt.rawarg.trusted_exepath pmatch ()", false],
  [245, "evt.rawarg.pgid pmatch (/path)", true],
  [248, "evt.rawarg.gid pmatch (/path)", true],
  [254, "evt.rawarg.flags regex '[0-9]+'", true],
  [255, "evt.rawarg.cap_inheritable regex '[0-9]+'", true],
  [258, "evt.rawarg.exe_ino_ctime regex '[0-9]+'", true],
  [261, "evt.rawarg.uid regex '[0-9]+'", true],
  [262, "evt.rawarg.trusted_exepath regex '<NA>'", false],
  [265, "evt.rawarg.trusted_exepath regex '.*'", false],
  [268, "evt.rawarg.trusted_exepath regex ''", false],
  [271, "evt.rawarg.pgid regex '[0-9]+'", true],
  [272, "evt.rawarg.gid regex '[0-9]+'", true],
  [276, "evt.rawarg.flags startswith 0'", true],
  [279, "evt.rawarg.cap_inheritable startswith 0'", true],
  [282, "evt.rawarg.exe_ino_ctime startswith 0'", true],
  [285, "evt.rawarg.uid startswith 0'", true],
  [288, "evt.rawarg.trusted_exepath startswith '<NA>'", false],
  [291, "evt.rawarg.trusted_exepath startswith ''", false],
  [294, "evt.rawarg.pgid startswith 0'", true],
  [297, "evt.rawarg.gid startswith 0'", true],
  [303, "evt.rawarg.flags in (0)", false],
  [304, "evt.rawarg.cap_inheritable in (0)", false],
  [307, "evt.rawarg.exe_ino_ctime in (0)", false],
  [310, "evt.rawarg.uid in (0)", false],
  [311, "evt.rawarg.trusted_exepath in ('<NA>')", false],
  [314, "evt.rawarg.trusted_exepath in ('')", false],
  [317, "evt.rawarg.trusted_exepath in ()", false],
  [320, "evt.rawarg.pgid in (0)", false],
  [321, "evt.rawarg.gid in (0)", false],
  [325, "evt.rawarg.flags intersects (0)", false],
  [328, "evt.rawarg.cap_inheritable intersects (0)", false],
  [331, "evt.rawarg.exe_ino_ctime intersects (0)", false],
  [334, "evt.rawarg.uid intersects (0)", false],
  [337, "evt.rawarg.trusted_exepath intersects ('<NA>')", false],
  [340, "evt.rawarg.trusted_exepath intersects ('')", false],
  [343, "evt.rawarg.trusted_exepath intersects ()", false],
  [346, "evt.rawarg.pgid intersects (0)", false],
  [349, "evt.rawarg.gid intersects (0)", false],
];

describe('falcosecurity/libs@0.25.4:userspace/libsinsp/test/filterchecks/evt/rawarg.cpp', () => {
  for (const [line, filter, throws] of LIBS_CASES) {
    it(`:${line} ${filter} ${throws ? 'is refused' : 'compiles'}`, () => {
      const found = errors(filter);
      if (throws) expect(found.length, filter).toBeGreaterThan(0);
      else expect(found).toEqual([]);
    });
  }
  it(':22-100 EVT_FILTER_rawarg_madness: size is UINT32 (from read_x), flags compare as numbers, addr and tuple refuse every operator', () => {
    for (const ok of ['evt.rawarg.size < -20', 'evt.rawarg.flags < 515', 'evt.rawarg.flags <= 255', 'evt.rawarg.size < 515', 'evt.rawarg.uid = 0', 'evt.rawarg.pgid = 0', 'evt.rawarg.gid = 0']) {
      expect(errors(ok), ok).toEqual([]);
    }
    expect(errors('evt.rawarg.addr > 0')).toEqual([
      "rule 'R': 'evt.rawarg.addr >' is refused by Falco's filter compiler: \"filter error: '>' operator not supported for type 'SOCKADDR'\" (evt.rawarg.addr is SOCKADDR); this field can only be tested with exists [operator-type]",
    ]);
    expect(errors('evt.rawarg.tuple > 0')[0]).toContain("'>' operator not supported for type 'SOCKTUPLE'");
  });
});

describe('find_longest_matching_evt_param (utils.cpp:792-817) on the generated event arguments', () => {
  it('takes the first occurrence in event code order', () => {
    expect(longestMatchingEventArgument('size')).toEqual({ name: 'size', type: 'UINT32' }); // read_x before splice_x (rawarg.cpp:68-76)
    expect(longestMatchingEventArgument('res')).toEqual({ name: 'res', type: 'ERRNO' });
    expect(longestMatchingEventArgument('uid')?.type).toBe('UINT32');
    expect(longestMatchingEventArgument('ppid')?.type).toBe('PID32');
  });
  it('keeps the longest name the text starts with', () => {
    expect(longestMatchingEventArgument('fdx')?.name).toBe('fd');
    expect(longestMatchingEventArgument('fd_in')?.name).toBe('fd_in');
    expect(longestMatchingEventArgument('nosuch')).toBeUndefined();
  });
  it('lists names once, sorted, with catalog type names', () => {
    const names = EVENT_ARGUMENTS.map(([n]) => n);
    expect(names).toEqual([...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(EVENT_ARGUMENTS.length).toBeGreaterThan(150);
    for (const [, t] of EVENT_ARGUMENTS) expect(paramTypeCode(t), t).toBeTypeOf('number');
  });
});

describe('types libs has no parser or comparison for', () => {
  it('string_to_rawval: wrong parameter type <enum ppm_param_type code> (value_parser.cpp:235-236)', () => {
    expect(rawargValueProblem('BYTEBUF', 10, 'x', '=')?.libs).toBe('wrong parameter type 10');
    expect(rawargValueProblem('SYSCALLID', 18, '1', '=')?.libs).toBe('wrong parameter type 18');
    expect(rawargValueProblem('BYTEBUF', 10, 'zz', 'bcontains')?.libs).toBe('filter error: bcontains and bstartswith operator support hex strings only');
    expect(rawargValueProblem('BYTEBUF', 10, '41', 'bcontains')?.libs).toBe('wrong parameter type 10');
    expect(rawargValueProblem('UINT32', 7, '-20', '<')).toBeUndefined();
    expect(rawargValueProblem('ERRNO', 11, 'x', '=')?.libs).toBe('x is not a valid number');
  });
  it('flt_is_comparable: param_type_to_string prints <NA> for FD32 and PID32 (filter_compare.cpp:426-431, utils.cpp:1121-1215)', () => {
    expect(comparabilityError('=', undefined, { type: 'PID32', isList: false })).toBe("'=' operator not supported for type '<NA>'");
    expect(comparabilityError('=', undefined, { type: 'DYNAMIC', isList: false })).toBe("'=' operator not supported for type 'DYNAMIC'");
  });
  it('unknown event argument: an error even with skip-if-unknown-filter (falco rule_loader_compiler.cpp:353-358)', () => {
    expect(errors('evt.rawarg.nosuch = 1')).toEqual([
      "rule 'R': unknown event argument nosuch: no event of the event table has a parameter 'nosuch'; the names are the parameters of the event table (e.g. fd, res, name, flags) [unknown-field]",
    ]);
  });
});

describe('%evt.rawarg.<name> in outputs (falcosecurity/libs@0.25.4:userspace/libsinsp/eventformatter.cpp:120-141)', () => {
  const outputFindings = (output: string, skip = false): string[] => {
    const text = `- rule: R\n  desc: d\n  condition: evt.type = open\n  output: ${JSON.stringify(output)}\n  priority: INFO\n${skip ? '  skip-if-unknown-filter: true\n' : ''}`;
    return lintRuleTexts([{ name: 'r.yaml', text }]).map((d) => `${d.severity}: ${d.message}`);
  };
  it('reads the longest argument name and leaves the rest as text, as the formatter retries shorter tokens', () => {
    expect(outputFindings('fd=%evt.rawarg.fd name=%evt.arg.namex res=%evt.rawarg.resx')).toEqual([]);
  });
  it('refuses a name no argument starts with ("unknown filter:", which skip-if-unknown-filter covers)', () => {
    expect(outputFindings('x=%evt.rawarg.nosuch')).toEqual([
      "error: rule 'R': output: unknown event argument nosuch: no event of the event table has a parameter 'nosuch'; the names are the parameters of the event table (e.g. fd, res, name, flags)",
    ]);
    expect(outputFindings('x=%evt.rawarg.nosuch', true)[0]).toMatch(/^warning: .*skip-if-unknown-filter/);
  });
});
