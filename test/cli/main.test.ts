import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, UserError } from '../../lib/core';
import { COMMANDS, ExitCode, type CliCommand } from '../../lib/cli';
import { REPO_ROOT } from '../support/shared-dir';
import { cli, STACK_LINE } from './cli-helpers';

const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** A command whose action does `act`, registered the way commands/registry.ts registers them. */
function command(name: string, act: () => number | Promise<number>): CliCommand {
  return (program, { exit }) =>
    program
      .command(name)
      .summary(`the ${name} test command`)
      .action(async () => exit(await act()));
}

const INTERNAL = /^internal error: boom\. This is a bug in falco-gitops: please report it with the command you ran \(rerun with --debug, or FALCO_GITOPS_DEBUG=1 under synth, for the stack trace\)\n$/;

describe('falco-gitops', () => {
  it('shows the tool help with --help and -h on stdout, exit 0, listing every command', async () => {
    for (const flag of ['--help', '-h']) {
      const r = await cli([flag]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^Usage: falco-gitops <command> \[options\]\n/);
      expect(r.stdout).toMatch(/\n {2}lint \[options\] <file\.\.\.> +check Falco rule files as Falco 0\.44 loads them\n/);
      expect(r.stdout).toMatch(/\n {2}scope \[options\] <file\.\.\.> +scope rules to namespaces/);
      expect(r.stdout).toMatch(/\n {2}vendor \[options\] +vendor the upstream rule files/);
      expect(r.stdout).toContain('  -V, --version ');
      expect(r.stdout).toContain('  --debug ');
      expect(r.stdout).toContain('Exit status: 0 ok (warnings allowed), 1 the input has errors, 2 usage error,\n70 internal error');
    }
  });

  it('prints the package version with --version and -V', async () => {
    for (const flag of ['--version', '-V']) expect(await cli([flag])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('shows every command the same way with <command> --help and help <command>', async () => {
    for (const name of ['lint', 'scope', 'vendor', 'drift']) {
      const r = await cli([name, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: falco-gitops ${name} \\[options\\]`));
      expect(r.stdout.replace(/\s+/g, ' ')).toMatch(/ -f, --format <format> [^(]*\(choices: "text", "json", default: "text"\) /);
      expect(r.stdout).toMatch(/\n {2}-h, --help +show this help and exit\n/);
      expect(r.stdout).toMatch(/\nExit status: 0 /);
      expect(await cli(['help', name])).toEqual(r);
    }
  });

  it('shows the help when --help comes after other arguments, even wrong ones', async () => {
    const r = await cli(['lint', '--bogus', 'x.yaml', '-h']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: falco-gitops lint \[options\] <file\.\.\.>\n/);
  });

  it('exits 2 with the tool help on stderr when no command is given', async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: falco-gitops <command> \[options\]\n/);
  });

  describe('command-line mistakes: exit 2, one error line and the usage hint on stderr', () => {
    const cases: Array<[string, string[], string]> = [
      ['an unknown command', ['scan', 'x.yaml'], "error: unknown command 'scan'\nRun 'falco-gitops --help' for usage."],
      // The suggestion on the error line, as the whole command to type (commander puts `(Did you mean lint?)` on a line of its own).
      ['a misspelt command', ['lnt'], "error: unknown command 'lnt'; did you mean 'falco-gitops lint'?\nRun 'falco-gitops --help' for usage."],
      ['an unknown tool option', ['--verbose', 'lint', 'x.yaml'], "error: unknown option '--verbose'\nRun 'falco-gitops --help' for usage."],
      ['an unknown command option', ['lint', '--strict', 'x.yaml'], "error: unknown option '--strict'\nRun 'falco-gitops lint --help' for usage."],
      ['a misspelt command option', ['vendor', '--form', 'x'], "error: unknown option '--form'; did you mean 'falco-gitops vendor --from'?\nRun 'falco-gitops vendor --help' for usage."],
      ['a misspelling close to several', ['lelt'], "error: unknown command 'lelt'; did you mean one of 'falco-gitops help', 'falco-gitops lint'?\nRun 'falco-gitops --help' for usage."],
      ['a missing operand', ['lint'], "error: missing required argument 'file'\nRun 'falco-gitops lint --help' for usage."],
      ['an option without its value', ['lint', 'x.yaml', '--format'], "error: option '-f, --format <format>' argument missing\nRun 'falco-gitops lint --help' for usage."],
      [
        'a value that is not a choice',
        ['lint', '--format', 'xml', 'x.yaml'],
        "error: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are text, json.\nRun 'falco-gitops lint --help' for usage.",
      ],
      ['an operand a command does not take', ['vendor', 'extra'], "error: too many arguments for 'vendor'. Expected 0 arguments but got 1.\nRun 'falco-gitops vendor --help' for usage."],
    ];
    for (const [title, argv, stderr] of cases) {
      it(title, async () => {
        expect(await cli(argv)).toEqual({ code: ExitCode.Usage, stdout: '', stderr: `${stderr}\n` });
      });
    }
  });

  describe('errors thrown by a command', () => {
    it("prints a UserError's problems without a stack trace and exits with its exit code (1)", async () => {
      const fails = command('check', () => {
        throw new UserError({ subject: 'rules/x.yaml', received: 'y', problem: 'is wrong', fix: 'use z' });
      });
      expect(await cli(['check'], { commands: [fails] })).toEqual({
        code: 1,
        stdout: '',
        stderr: 'error: rules/x.yaml: received "y"; is wrong. Fix: use z\n',
      });
    });

    it("prints a UsageError with the usage hint of the command that threw it, exit 2", async () => {
      const fails = command('check', () => {
        throw new UsageError([{ subject: '--a', problem: 'is wrong' }, { subject: '--b', problem: 'is wrong too' }], { summary: 'invalid options' });
      });
      expect(await cli(['check'], { commands: [fails] })).toEqual({
        code: 2,
        stdout: '',
        stderr: "error: invalid options (2 problems):\n  - --a: is wrong.\n  - --b: is wrong too.\nRun 'falco-gitops check --help' for usage.\n",
      });
    });

    it('prints anything else as one line saying it is a bug, without the stack trace, exit 70', async () => {
      const broken = command('broken', () => {
        throw new Error('boom\nsecond line');
      });
      const r = await cli(['broken'], { commands: [broken] });
      expect(r.code).toBe(ExitCode.Internal);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(INTERNAL);
    });

    it('prints the stack trace of an internal error with --debug, before or after the command', async () => {
      const broken = command('broken', async () => {
        throw new Error('boom');
      });
      for (const argv of [['--debug', 'broken'], ['broken', '--debug']]) {
        const r = await cli(argv, { commands: [broken] });
        expect(r.code).toBe(ExitCode.Internal);
        expect(r.stderr).toMatch(/^internal error: boom\. This is a bug in falco-gitops: please report it with this output\nError: boom\n/);
        expect(r.stderr).toMatch(STACK_LINE);
      }
    });

    it('treats a thrown non-Error value as an internal error too', async () => {
      const broken = command('broken', () => {
        throw 'boom'; // eslint-disable-line no-throw-literal
      });
      expect(await cli(['broken'], { commands: [broken] })).toMatchObject({ code: 70, stderr: expect.stringMatching(INTERNAL) });
    });

    it('prints an error of a built-in command, here an unreadable file, the same way', async () => {
      expect(await cli(['lint', 'test'])).toEqual({
        code: 2,
        stdout: '',
        stderr: "error: test: is a directory, not a rule file.\nRun 'falco-gitops lint --help' for usage.\n",
      });
    });
  });

  it("passes a command's own exit status through", async () => {
    expect(await cli(['findings'], { commands: [command('findings', () => 1)] })).toEqual({ code: 1, stdout: '', stderr: '' });
  });

  it('registers lint, scope, vendor, check and drift', async () => {
    expect(COMMANDS).toHaveLength(5);
    const r = await cli(['--help']);
    expect([...r.stdout.matchAll(/^ {2}([a-z]+) (?:\[options\]|\[command\])/gm)].map((m) => m[1])).toEqual(['lint', 'scope', 'vendor', 'check', 'drift', 'help']);
  });
});
