/** Main-process log lines go to stderr; stdout is kept for the one line the browser shell prints. */
export interface Logger {
  info(message: string): void;
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}

const describe = (error: unknown): string =>
  error instanceof Error ? (error.stack ?? error.message) : error === undefined ? '' : String(error);

export function createLogger(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`), quiet = false): Logger {
  const line = (level: string, message: string, error?: unknown): void => {
    const detail = describe(error);
    write(`${new Date().toISOString()} ${level} ${message}${detail ? `\n${detail}` : ''}`);
  };
  return {
    info: (message) => (quiet ? undefined : line('info', message)),
    warn: (message, error) => line('warn', message, error),
    error: (message, error) => line('error', message, error),
  };
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
