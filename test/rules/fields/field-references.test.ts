import { describe, expect, it } from 'vitest';
import { conditionFieldReferences, outputFieldReferences } from './support/field-references';

const texts = (condition: string): string[] => conditionFieldReferences(condition).map((reference) => reference.text);

describe('conditionFieldReferences (corpus test helper)', () => {
  it('finds fields on the left of comparisons, with or without spaces around the operator', () => {
    expect(texts('proc.name=bash and fd.name != /etc/ld.so.conf or evt.rawres>=0')).toEqual(['proc.name', 'fd.name', 'evt.rawres']);
  });

  it('keeps bracket arguments and dotted names as written', () => {
    expect(conditionFieldReferences('proc.aname[2] in (sshd) and evt.arg.flags contains O_TRUNC and container.mount.dest[/proc*] exists')).toEqual([
      { name: 'proc.aname', arg: '2', text: 'proc.aname[2]' },
      { name: 'evt.arg.flags', text: 'evt.arg.flags' },
      { name: 'container.mount.dest', arg: '/proc*', text: 'container.mount.dest[/proc*]' },
    ]);
  });

  it('ignores macro names, list names, list items and quoted strings, even with dots in them', () => {
    expect(texts('spawned_process and not (proc.name in (java.exe, "a.b c", \'x.y\') or fd.name pmatch (known_dirs)) and proc.cmdline contains "fd.name"')).toEqual([
      'proc.name',
      'fd.name',
      'proc.cmdline',
    ]);
  });

  it('looks inside transformers and val() on either side', () => {
    expect(texts('tolower(proc.name) = val(proc.pname) and len(fd.name) > 3')).toEqual(['proc.name', 'proc.pname', 'fd.name']);
  });

  it('fails loudly on a field without an operator instead of skipping it', () => {
    expect(() => conditionFieldReferences('proc.name and evt.type=open')).toThrow(/expected an operator/);
  });
});

describe('outputFieldReferences (corpus test helper)', () => {
  it('finds %fields and skips %% escapes', () => {
    expect(outputFieldReferences('100%% sure: user=%user.name cmd=%proc.cmdline parent=%proc.aname[2] flags=%evt.arg.flags').map((r) => r.text)).toEqual([
      'user.name',
      'proc.cmdline',
      'proc.aname[2]',
      'evt.arg.flags',
    ]);
  });
});
