// The fake host's dirty-rate calculation: proc 427 starts it (page sampling only; any other mode
// is recorded and refused, as it must never be sent), proc 344 reports it in the dirtyrate group.
// A calculation stays "measuring" for as many stats reads as `readsWhileMeasuring` says.

import {
  libvirtErrorNumber,
  readDomainRef,
  RemoteProcedure as P,
  typedParam,
  writeDomainRef,
  writeTypedParams,
} from '../../../src/main/drivers/libvirt/rpc';
import type { FakeLibvirtd } from './rpc/fake-libvirtd';

export interface FakeDirtyRateState {
  readonly domains: ReadonlyMap<string, { name: string; uuid: string; state: number }>;
  /** What each guest dirties, MiB/s (what QEMU would measure). */
  readonly dirtyRateMiBps: Map<string, number>;
  /** Every calculation started: domain UUID, seconds, flags. */
  readonly dirtyRateCalcs: { uuid: string; seconds: number; flags: number }[];
  /** Stats reads that still say "measuring" after a start. */
  readsWhileMeasuring: number;
  /** Starts never answered, as libvirt waiting for a domain job lock someone else holds. */
  stallStarts: boolean;
}

export function installDirtyRateHandlers(server: FakeLibvirtd, host: FakeDirtyRateState): void {
  const calcs = new Map<string, { readsLeft: number }>();
  server.on(P.DOMAIN_START_DIRTY_RATE_CALC, (c) => {
    const uuid = readDomainRef(c.args).uuid;
    const seconds = c.args.int();
    const flags = c.args.uint();
    host.dirtyRateCalcs.push({ uuid, seconds, flags });
    if (host.stallStarts) return;
    if (!host.domains.has(uuid)) return c.fail(libvirtErrorNumber('NO_DOMAIN'), 'Domain not found');
    if (flags !== 0) return c.fail(libvirtErrorNumber('OPERATION_FAILED'), 'QEMU crashed (only page sampling is safe on TCG)');
    calcs.set(uuid, { readsLeft: host.readsWhileMeasuring });
    c.reply();
  });
  server.on(P.CONNECT_GET_ALL_DOMAIN_STATS, (c) => {
    const doms = c.args.array(readDomainRef);
    c.args.uint();
    c.args.uint();
    c.reply((w) =>
      w.array(doms, (x, dom) => {
        const calc = calcs.get(dom.uuid);
        const measuring = calc !== undefined && calc.readsLeft > 0;
        if (calc && measuring) calc.readsLeft -= 1;
        const status = calc === undefined ? 0 : measuring ? 1 : 2;
        writeDomainRef(x, dom);
        writeTypedParams(
          x,
          [
            typedParam.int('dirtyrate.calc_status', status),
            typedParam.llong('dirtyrate.calc_start_time', 8516),
            typedParam.int('dirtyrate.calc_period', 1),
            typedParam.string('dirtyrate.calc_mode', 'page-sampling'),
            ...(status === 2 ? [typedParam.llong('dirtyrate.megabytes_per_second', host.dirtyRateMiBps.get(dom.uuid) ?? 0)] : []),
          ],
          262_144,
        );
      }),
    );
  });
}
