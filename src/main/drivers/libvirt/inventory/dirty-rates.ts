// Guests' memory dirty rates, measured by QEMU's page sampling (libvirt's dirty-rate calculation)
// rather than assumed: a few guests at a time, each inventory round collecting what the previous
// rounds started, plus an on-demand measurement for the VM a wizard is predicting. Page sampling
// only: the other modes crash QEMU 7.2 on TCG guests (rpc/api/dirty-rate.ts).

import type { Logger } from '../../../base/logger';
import type { DirtyRateMeasurement } from '../../driver';
import { messageOf } from '../hosts/error-mapping';
import {
  connectGetAllDomainStats,
  dirtyRateOf,
  domainStartDirtyRateCalc,
  DomainStatsTypes,
  type DomainRef,
  type LibvirtClient,
} from '../rpc';

export type { DirtyRateMeasurement };

/** A running guest the sampler may measure, on a host that answers. */
export interface MeasurableGuest {
  uuid: string;
  name: string;
  client: LibvirtClient;
}

export interface DirtyRateSamplerOptions {
  /** How long QEMU samples, 1..60 s. */
  seconds: number;
  /** Calculations in flight at once across the whole estate: never all guests of a large estate. */
  maxInFlight: number;
  /** A measurement younger than this is not repeated by the periodic rounds. */
  refreshMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  logger: Logger;
}

export const DEFAULT_DIRTY_RATE_SAMPLING: Omit<DirtyRateSamplerOptions, 'now' | 'sleep' | 'logger'> = {
  seconds: 3,
  maxInFlight: 3,
  refreshMs: 5 * 60_000,
};

interface InFlight {
  guest: MeasurableGuest;
  startedAt: number;
}

const refOf = (guest: MeasurableGuest): DomainRef => ({ name: guest.name, uuid: guest.uuid, id: -1 });

export class DirtyRateSampler {
  private readonly measured = new Map<string, DirtyRateMeasurement>();
  private readonly inFlight = new Map<string, InFlight>();
  private running: Promise<void> | null = null;

  constructor(private readonly o: DirtyRateSamplerOptions) {}

  /** The latest measurement of a guest (by domain UUID), if any. */
  latest(uuid: string): DirtyRateMeasurement | undefined {
    return this.measured.get(uuid);
  }

  /**
   * A round for the inventory that delays it at most `waitMs`: libvirt makes a calculation wait for
   * the domain's job lock (up to 30 s while someone else's job holds it), and discovery must not
   * wait with it. A round still running is not doubled; its results are read by a later round.
   */
  async roundWithin(guests: readonly MeasurableGuest[], waitMs: number): Promise<void> {
    this.running ??= this.round(guests)
      .catch((error: unknown) => this.o.logger.warn(`libvirt: dirty-rate round: ${messageOf(error)}`))
      .finally(() => {
        this.running = null;
      });
    await Promise.race([this.running, this.o.sleep(waitMs)]);
  }

  /**
   * One inventory round: reads the results of calculations started before, then starts new ones
   * for the guests measured longest ago (never measured first), up to maxInFlight. Never waits for
   * a calculation: the next round reads it.
   */
  async round(guests: readonly MeasurableGuest[]): Promise<void> {
    await this.collect();
    const now = this.o.now();
    const due = guests
      .filter((g) => !this.inFlight.has(g.uuid))
      .filter((g) => now - Date.parse(this.measured.get(g.uuid)?.measuredAt ?? '1970-01-01T00:00:00Z') >= this.o.refreshMs)
      .sort((a, b) => this.age(b.uuid, now) - this.age(a.uuid, now));
    for (const guest of due.slice(0, Math.max(0, this.o.maxInFlight - this.inFlight.size))) await this.start(guest);
  }

  /**
   * Measures one guest now (a wizard's prediction): a calculation of its own, started after any the
   * inventory has in flight (QEMU runs one at a time; that one sampled the guest before it was asked).
   */
  async measure(guest: MeasurableGuest): Promise<DirtyRateMeasurement | null> {
    if (this.inFlight.has(guest.uuid)) await this.result(guest);
    if (!(await this.start(guest))) return null;
    await this.o.sleep(this.o.seconds * 1000);
    return this.result(guest);
  }

  /** Forgets guests that are gone, so the map does not grow with an estate's history. */
  retain(uuids: ReadonlySet<string>): void {
    for (const uuid of this.measured.keys()) if (!uuids.has(uuid)) this.measured.delete(uuid);
  }

  /** Reads the guest's calculation until it is done, for a few seconds past its sampling window. */
  private async result(guest: MeasurableGuest): Promise<DirtyRateMeasurement | null> {
    const deadline = this.o.now() + (this.o.seconds + 5) * 1000;
    for (;;) {
      const result = await this.read(guest);
      if (result !== 'pending') return result;
      if (this.o.now() >= deadline) return null;
      await this.o.sleep(500);
    }
  }

  private age(uuid: string, now: number): number {
    const at = this.measured.get(uuid)?.measuredAt;
    return at ? now - Date.parse(at) : Number.MAX_SAFE_INTEGER;
  }

  private async start(guest: MeasurableGuest): Promise<boolean> {
    try {
      await domainStartDirtyRateCalc(guest.client, refOf(guest), this.o.seconds);
      this.inFlight.set(guest.uuid, { guest, startedAt: this.o.now() });
      return true;
    } catch (error) {
      this.o.logger.warn(`libvirt: cannot measure the dirty rate of ${guest.name}: ${messageOf(error)}`);
      return false;
    }
  }

  private async collect(): Promise<void> {
    const now = this.o.now();
    for (const { guest, startedAt } of [...this.inFlight.values()]) {
      if (now - startedAt < this.o.seconds * 1000) continue;
      const result = await this.read(guest);
      // A calculation that never finishes (the guest stopped, QEMU restarted) is given up, not waited for.
      if (result === 'pending' && now - startedAt > (this.o.seconds + 60) * 1000) this.inFlight.delete(guest.uuid);
    }
  }

  /** The guest's dirtyrate stats: a measurement, null (failed or gone), or 'pending' (still measuring). */
  private async read(guest: MeasurableGuest): Promise<DirtyRateMeasurement | null | 'pending'> {
    try {
      const [record] = await connectGetAllDomainStats(guest.client, [refOf(guest)], DomainStatsTypes.DIRTYRATE);
      const stats = dirtyRateOf(record?.params ?? []);
      if (stats.status === 'measuring') return 'pending';
      const startedAt = this.inFlight.get(guest.uuid)?.startedAt ?? this.o.now() - this.o.seconds * 1000;
      this.inFlight.delete(guest.uuid);
      if (stats.bytesPerSecond === null) return null;
      // Dated by the end of its sampling window: a round may read it minutes later.
      const measuredAt = new Date(Math.min(this.o.now(), startedAt + this.o.seconds * 1000)).toISOString();
      const measurement = { bytesPerSecond: stats.bytesPerSecond, measuredAt };
      this.measured.set(guest.uuid, measurement);
      return measurement;
    } catch (error) {
      // The calculation may still run in QEMU (a start now would be refused): collect() gives it up in time.
      this.o.logger.warn(`libvirt: dirty rate of ${guest.name}: ${messageOf(error)}`);
      return null;
    }
  }
}
