import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installLastResort } from '../../src/main/base/last-resort';
import { createLogger } from '../../src/main/base/logger';

describe('the last resort', () => {
  it('logs an uncaught exception and an unhandled rejection, and lets the process run on', () => {
    const lines: string[] = [];
    const target = new EventEmitter();
    const uninstall = installLastResort(
      createLogger((line) => lines.push(line)),
      target,
    );
    expect(target.emit('uncaughtException', new TypeError('Invalid URL'))).toBe(true);
    expect(target.emit('unhandledRejection', new Error('nobody awaited this'))).toBe(true);
    expect(lines.join('\n')).toMatch(/uncaught exception.*keeps running[\s\S]*TypeError: Invalid URL/);
    expect(lines.join('\n')).toMatch(/unhandled rejection[\s\S]*nobody awaited this/);
    uninstall();
    expect(target.listenerCount('uncaughtException')).toBe(0);
  });
});
