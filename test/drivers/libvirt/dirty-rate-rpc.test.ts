// The dirty-rate procedures on the wire (proc 427 and the dirtyrate group of proc 344), checked
// field by field against the fake daemon like procedures.test.ts, and the stats parsing.

import { describe, expect, it } from 'vitest';
import {
  connectGetAllDomainStats,
  dirtyRateOf,
  domainStartDirtyRateCalc,
  DomainStatsTypes,
  readDomainRef,
  RemoteProcedure as P,
  typedParam,
  writeDomainRef,
  writeTypedParams,
} from '../../../src/main/drivers/libvirt/rpc';
import { testVm as vm, useFakeDaemon } from './rpc/fake-libvirtd';

const setup = useFakeDaemon();

describe('dirty-rate calculation (REMOTE_PROC_DOMAIN_START_DIRTY_RATE_CALC = 427)', () => {
  it('sends the domain, the seconds and page-sampling mode (flags 0), and expects no body', async () => {
    const { client, server } = setup();
    const seen: unknown[] = [];
    server.on(427, (c) => {
      seen.push(readDomainRef(c.args), c.args.int(), c.args.uint());
      c.reply();
    });
    await domainStartDirtyRateCalc(client, vm, 3);
    expect(P.DOMAIN_START_DIRTY_RATE_CALC).toBe(427);
    expect(seen).toEqual([vm, 3, 0]);
  });

  it('refuses seconds libvirt would refuse, before sending anything', () => {
    const { client } = setup();
    expect(() => domainStartDirtyRateCalc(client, vm, 0)).toThrow(RangeError);
    expect(() => domainStartDirtyRateCalc(client, vm, 61)).toThrow(RangeError);
  });
});

describe('domain stats (REMOTE_PROC_CONNECT_GET_ALL_DOMAIN_STATS = 344)', () => {
  it('asks for the dirtyrate group (512) of the listed domains and reads one record per domain', async () => {
    const { client, server } = setup();
    const seen: unknown[] = [];
    server.on(344, (c) => {
      seen.push(c.args.array(readDomainRef), c.args.uint(), c.args.uint());
      c.reply((w) =>
        w.array([vm], (x, dom) => {
          writeDomainRef(x, dom);
          writeTypedParams(
            x,
            [
              typedParam.int('dirtyrate.calc_status', 2),
              typedParam.llong('dirtyrate.calc_start_time', 8516),
              typedParam.int('dirtyrate.calc_period', 3),
              typedParam.string('dirtyrate.calc_mode', 'page-sampling'),
              typedParam.llong('dirtyrate.megabytes_per_second', 8),
            ],
            262_144,
          );
        }),
      );
    });
    const records = await connectGetAllDomainStats(client, [vm], DomainStatsTypes.DIRTYRATE);
    expect(P.CONNECT_GET_ALL_DOMAIN_STATS).toBe(344);
    expect(seen).toEqual([[vm], 512, 0]);
    expect(records).toHaveLength(1);
    expect(records[0]?.dom).toEqual(vm);
    expect(dirtyRateOf(records[0]?.params ?? [])).toEqual({
      status: 'measured',
      bytesPerSecond: 8 * 1024 ** 2,
      periodSeconds: 3,
      mode: 'page-sampling',
      startTime: 8516,
    });
  });
});

describe('dirtyRateOf', () => {
  it('has no rate while measuring, even if a stale value were present', () => {
    const stats = dirtyRateOf([typedParam.int('dirtyrate.calc_status', 1), typedParam.llong('dirtyrate.megabytes_per_second', 5)]);
    expect(stats).toMatchObject({ status: 'measuring', bytesPerSecond: null });
  });

  it('reads measured without a rate as "not measured", never zero', () => {
    expect(dirtyRateOf([typedParam.int('dirtyrate.calc_status', 2)]).bytesPerSecond).toBeNull();
  });

  it('keeps a measured zero (an idle guest) as zero', () => {
    const stats = dirtyRateOf([typedParam.int('dirtyrate.calc_status', 2), typedParam.llong('dirtyrate.megabytes_per_second', 0)]);
    expect(stats.bytesPerSecond).toBe(0);
  });

  it('maps a missing group to unknown and an unfamiliar status to unknown', () => {
    expect(dirtyRateOf([]).status).toBe('unknown');
    expect(dirtyRateOf([typedParam.int('dirtyrate.calc_status', 9)]).status).toBe('unknown');
    expect(dirtyRateOf([typedParam.int('dirtyrate.calc_status', 0)]).status).toBe('unstarted');
  });
});
