import { presetNames, type PresetName } from '../drivers/sim/presets';

export interface ShellArgs {
  browser: boolean;
  port: number;
  dataDir: string | null;
  open: boolean;
  preset: PresetName | null;
  simSpeed: number | null;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export const usage = `Usage: npm start -- [--browser] [--port N] [--data-dir DIR] [--no-open] [--preset demo|tiny|large] [--sim-speed X]
  --browser        serve the console to a browser even when Electron is available
  --port N         port on 127.0.0.1 (0 = any free port; default 0)
  --data-dir DIR   where Ferry keeps its database (default: the OS app-data folder)
  --no-open        do not open the default browser
  --preset NAME    simulated datacenter to build on a first start (default demo)
  --sim-speed X    run the simulated datacenter X times faster than real time`;

/** Parses the start command's options; unknown or malformed options are errors, not ignored. */
export function parseShellArgs(argv: readonly string[]): ShellArgs {
  const args: ShellArgs = { browser: false, port: 0, dataDir: null, open: true, preset: null, simSpeed: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case '--browser':
        args.browser = true;
        break;
      case '--no-open':
        args.open = false;
        break;
      case '--port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes an integer from 0 to 65535');
        args.port = port;
        break;
      }
      case '--data-dir':
        args.dataDir = value();
        break;
      case '--preset': {
        const preset = value();
        if (!presetNames.includes(preset as PresetName)) throw new UsageError(`--preset takes one of ${presetNames.join(', ')}`);
        args.preset = preset as PresetName;
        break;
      }
      case '--sim-speed': {
        const speed = Number(value());
        if (!(speed >= 0.1 && speed <= 1000)) throw new UsageError('--sim-speed takes a number from 0.1 to 1000');
        args.simSpeed = speed;
        break;
      }
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  return args;
}
