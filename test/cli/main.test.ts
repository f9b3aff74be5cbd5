import { describe, expect, it } from 'vitest';
import { ExitCode, main, parseArgs, UsageError, type CliIo, type Command } from '../../lib/cli';

function io(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd: process.cwd() };
}

/** A stand-in for a second command, registered the way commands/index.ts registers them. */
const echo: Command = {
  name: 'echo',
  summary: 'Print the operands',
  operands: 'WORD...',
  description: 'Prints its operands.',
  options: [{ name: 'upper', short: 'u', description: 'Upper-case' }],
  run(args, cliIo) {
    if (args.operands.length === 0) throw new UsageError('nothing to echo');
    const text = args.operands.join(' ');
    cliIo.stdout(`${args.options.upper === true ? text.toUpperCase() : text}\n`);
    return ExitCode.Ok;
  },
};

describe('parseArgs', () => {
  const specs = [
    { name: 'format', short: 'f', valueName: 'FORMAT', choices: ['text', 'json'], default: 'text', description: '' },
    { name: 'ns', valueName: 'NS', repeatable: true, description: '' },
    { name: 'dry-run', description: '' },
  ];

  it('reads long, short, --name=value, repeatable and boolean options, and operands after --', () => {
    expect(parseArgs(['a.yaml', '-f', 'json', '--ns', 'prod', '--ns=stage', '--dry-run', '--', '--b.yaml'], specs)).toEqual({
      options: { format: 'json', ns: ['prod', 'stage'], 'dry-run': true },
      operands: ['a.yaml', '--b.yaml'],
    });
  });

  it('applies defaults', () => {
    expect(parseArgs([], specs)).toEqual({ options: { format: 'text', ns: [] }, operands: [] });
  });

  it('fails when a flag gets a value', () => {
    expect(() => parseArgs(['--dry-run=yes'], specs)).toThrow(new UsageError("option '--dry-run' takes no value"));
  });

  it('fails when a short option is unknown', () => {
    expect(() => parseArgs(['-x'], specs)).toThrow(new UsageError("unknown option '-x'"));
  });
});

describe('main', () => {
  it('dispatches to a registered command and returns its exit code', async () => {
    const t = io();
    expect(await main(['echo', '-u', 'hi', 'there'], t, [echo])).toBe(0);
    expect(t.out).toEqual(['HI THERE\n']);
  });

  it("turns a command's UsageError into exit 2 with its usage line", async () => {
    const t = io();
    expect(await main(['echo'], t, [echo])).toBe(2);
    expect(t.err.join('')).toBe(
      "falco-gitops echo: nothing to echo\nUsage: falco-gitops echo [options] WORD...\nRun 'falco-gitops echo --help' for details.\n",
    );
  });

  it('lists every registered command in the tool help', async () => {
    const t = io();
    expect(await main(['--help'], t, [echo])).toBe(0);
    expect(t.out.join('')).toContain('  echo  Print the operands\n');
  });

  it('lets internal errors propagate (they are bugs, not usage errors)', async () => {
    const broken: Command = { ...echo, name: 'broken', run: () => { throw new Error('boom'); } };
    await expect(main(['broken'], io(), [broken])).rejects.toThrow('boom');
  });
});
