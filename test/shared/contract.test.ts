import { describe, expect, it } from 'vitest';
import { commandNames, commands, eventNames, events, ErrorCode, FerryError } from '../../src/shared/api';

describe('IPC contract', () => {
  it('names every command and event as a dotted namespace', () => {
    for (const name of [...commandNames, ...eventNames]) expect(name).toMatch(/^[a-z]+(\.[a-zA-Z]+)+$/);
  });

  it('gives every command a request and a response schema', () => {
    for (const name of commandNames) {
      expect(commands[name].request.safeParse).toBeTypeOf('function');
      expect(commands[name].response.safeParse).toBeTypeOf('function');
    }
    for (const name of eventNames) expect(events[name].safeParse).toBeTypeOf('function');
  });

  it('rejects unknown keys in request payloads', () => {
    expect(commands['settings.update'].request.safeParse({ simSpeed: 2, sql: 'DROP TABLE audit' }).success).toBe(false);
    expect(commands['inventory.snapshot'].request.safeParse({ extra: 1 }).success).toBe(false);
  });

  it('round-trips typed errors through their plain shape', () => {
    const error = new FerryError('PRECHECK_FAILED', 'blocked', { codes: ['SAME_HOST'] });
    const back = FerryError.fromShape(JSON.parse(JSON.stringify(error.toShape())));
    expect(back).toBeInstanceOf(FerryError);
    expect(back.code).toBe('PRECHECK_FAILED');
    expect(back.details).toEqual({ codes: ['SAME_HOST'] });
    expect(ErrorCode.options).toContain(back.code);
  });
});
