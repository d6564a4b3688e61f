import { describe, expect, it } from 'vitest';
import { parseShellArgs, UsageError } from '../../../src/main/browser/cli';

describe('start command options', () => {
  it('has safe defaults', () => {
    expect(parseShellArgs([])).toEqual({ browser: false, port: 0, dataDir: null, open: true, preset: null, simSpeed: null });
  });

  it('parses every documented option', () => {
    expect(
      parseShellArgs(['--browser', '--port', '8080', '--data-dir', '/tmp/x', '--no-open', '--preset', 'large', '--sim-speed', '10']),
    ).toEqual({
      browser: true,
      port: 8080,
      dataDir: '/tmp/x',
      open: false,
      preset: 'large',
      simSpeed: 10,
    });
  });

  it.each([[['--port', 'abc']], [['--port', '70000']], [['--port']], [['--bogus']], [['--preset', 'huge']], [['--data-dir', '--no-open']]])(
    'rejects %j',
    (argv) => {
      expect(() => parseShellArgs(argv)).toThrow(UsageError);
    },
  );
});
