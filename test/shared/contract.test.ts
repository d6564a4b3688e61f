import { describe, expect, it } from 'vitest';
import { commandNames, commands, eventNames, events, ErrorCode, FerryError } from '../../src/shared/api';
import { defaultConvergencePolicy } from '../../src/shared/model/migration';

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

  it('bounds a batch: at most 500 VMs in all, each in one group, and a prediction only for VMs of its batch (review 10)', () => {
    const group = (from: number, n: number, destHostId = 'h1') => ({
      vmIds: Array.from({ length: n }, (_, i) => `vm${from + i}`),
      destHostId,
      type: 'compute' as const,
      destDatastoreId: null,
    });
    const request = (g: ReturnType<typeof group>) => ({
      ...g,
      priority: 'default',
      options: { bandwidthLimitBps: null, convergence: defaultConvergencePolicy },
      acknowledgedWarnings: [],
    });
    const start = commands['migration.startBatch'].request;
    expect(start.safeParse({ requests: [request(group(0, 300)), request(group(300, 200, 'h2'))] }).success).toBe(true);
    expect(start.safeParse({ requests: [request(group(0, 300)), request(group(300, 201, 'h2'))] }).success).toBe(false);
    expect(start.safeParse({ requests: [request(group(0, 2)), request(group(1, 2, 'h2'))] }).success).toBe(false);
    const predict = commands['migration.predict'].request;
    const options = request(group(0, 1)).options;
    expect(predict.safeParse({ ...group(0, 2), options, batch: [group(0, 2), group(2, 2, 'h2')] }).success).toBe(true);
    // Its own VMs absent from the batch it names: main crashed reading their shared copy.
    expect(predict.safeParse({ ...group(0, 2), options, batch: [group(2, 2, 'h2')] }).success).toBe(false);
  });
});
