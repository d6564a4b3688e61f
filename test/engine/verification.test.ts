// The verification level after a switchover: who vouched for the guest, whether its agent's clock
// moved on, and whether it is the same boot (a changed boot fails the move as GUEST_REBOOTED).

import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../src/main/drivers/driver';
import { verdictOf, type GuestBefore } from '../../src/main/engine/run/verification';

const T0 = 1_795_000_000_000;
const NOW = T0 + 30_000; // Ferry's clock 30 s after the reading before the move
const agentBefore: GuestBefore = { bootId: null, agentClock: { guestMs: T0 + 500, hostMs: T0 } };
const agent = (over: Partial<ProbeResult> = {}): ProbeResult => ({
  alive: true,
  bootId: null,
  uptimeMs: null,
  witness: 'agent',
  guestClockMs: T0 + 500 + 29_000,
  ...over,
});

describe('verdictOf', () => {
  it("records the probe's level when Ferry's probe answers as the same boot", () => {
    const probe: ProbeResult = { alive: true, bootId: 'b1', uptimeMs: 99, witness: 'probe', guestClockMs: null };
    expect(verdictOf({ bootId: 'b1', agentClock: null }, probe, NOW)).toEqual({ kind: 'verified', level: 'guest-probe', problem: null });
  });

  it('says so when the probe answers but no boot id was read before the move', () => {
    const probe: ProbeResult = { alive: true, bootId: 'b1', uptimeMs: 99, witness: 'probe', guestClockMs: null };
    const verdict = verdictOf({ bootId: null, agentClock: null }, probe, NOW);
    // Not "same boot": a weaker level of its own, and the reason.
    expect(verdict).toMatchObject({ kind: 'verified', level: 'guest-probe-answered' });
    expect(verdict.kind === 'verified' && verdict.problem).toMatch(/reboot on the way cannot be ruled out/);
  });

  it('records guest-agent when the agent answers and its clock moved on with Ferry’s', () => {
    expect(verdictOf(agentBefore, agent(), NOW)).toEqual({ kind: 'verified', level: 'guest-agent', problem: null });
    // No reading before the move (the agent was not connected then): its answer alone.
    expect(verdictOf({ bootId: null, agentClock: null }, agent(), NOW)).toEqual({ kind: 'verified', level: 'guest-agent', problem: null });
    // A guest clock that lags by the downtime (TCG stops it while paused) is still consistent.
    expect(verdictOf(agentBefore, agent({ guestClockMs: T0 + 500 + 1_000 }), NOW)).toMatchObject({ level: 'guest-agent' });
  });

  it('records guest-agent-same-boot when the agent also read the same boot id on both sides', () => {
    const before = { ...agentBefore, bootId: 'b1' };
    expect(verdictOf(before, agent({ bootId: 'b1' }), NOW)).toEqual({ kind: 'verified', level: 'guest-agent-same-boot', problem: null });
    // Only one side read: no claim about the boot.
    expect(verdictOf(agentBefore, agent({ bootId: 'b1' }), NOW)).toMatchObject({ level: 'guest-agent' });
  });

  it('fails as GUEST_REBOOTED when the boot changed, whoever read it', () => {
    const before = { ...agentBefore, bootId: 'b1' };
    expect(verdictOf(before, agent({ bootId: 'b2' }), NOW)).toMatchObject({ kind: 'failed', code: 'GUEST_REBOOTED' });
    const probe: ProbeResult = { alive: true, bootId: 'b2', uptimeMs: 1, witness: 'probe', guestClockMs: null };
    expect(verdictOf(before, probe, NOW)).toMatchObject({ kind: 'failed', code: 'GUEST_REBOOTED' });
  });

  it("does not take the agent's word when its clock went backwards or ran far ahead: running only, with the reason", () => {
    const back = verdictOf(agentBefore, agent({ guestClockMs: T0 + 500 - 10_000 }), NOW);
    expect(back).toMatchObject({ kind: 'verified', level: 'running-only' });
    expect(back.kind === 'verified' && back.problem).toMatch(/clock went back 10\.0 s/);
    // A little step back (NTP, emulated timers) is tolerated.
    expect(verdictOf(agentBefore, agent({ guestClockMs: T0 + 500 - 1_000 }), NOW)).toMatchObject({ level: 'guest-agent' });
    const ahead = verdictOf(agentBefore, agent({ guestClockMs: T0 + 500 + 30_000 + 3_600_000 }), NOW);
    expect(ahead).toMatchObject({ kind: 'verified', level: 'running-only' });
    expect(ahead.kind === 'verified' && ahead.problem).toMatch(/jumped 3600\.0 s ahead/);
  });

  it('records running-only when only the hypervisor vouches, and says so when the agent that answered before went silent', () => {
    const running: ProbeResult = { alive: true, bootId: null, uptimeMs: null, witness: 'hypervisor', guestClockMs: null };
    expect(verdictOf({ bootId: null, agentClock: null }, running, NOW)).toEqual({ kind: 'verified', level: 'running-only', problem: null });
    const silent = verdictOf(agentBefore, running, NOW);
    expect(silent).toMatchObject({ kind: 'verified', level: 'running-only' });
    expect(silent.kind === 'verified' && silent.problem).toMatch(/answered before the move but not after it/);
  });

  it('fails as GUEST_NOT_ALIVE when nothing answers or the guest does not run there', () => {
    expect(verdictOf(agentBefore, null, NOW)).toMatchObject({ kind: 'failed', code: 'GUEST_NOT_ALIVE' });
    const dead: ProbeResult = { alive: false, bootId: null, uptimeMs: null, witness: 'hypervisor', guestClockMs: null };
    expect(verdictOf(agentBefore, dead, NOW)).toMatchObject({ kind: 'failed', code: 'GUEST_NOT_ALIVE' });
  });
});
