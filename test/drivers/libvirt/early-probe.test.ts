// Verifying while the hypervisor finishes: the guest on the destination is asked as it resumes
// there, once it answers the observer's knock again; its word serves the verification once, and
// only when it said the guest is alive.

import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../src/main/drivers/driver';
import { EarlyProbe } from '../../../src/main/drivers/libvirt/jobs/early-probe';

const alive: ProbeResult = { alive: true, bootId: 'b00t', uptimeMs: 1000, witness: 'probe', guestClockMs: null };
const dead: ProbeResult = { alive: false, bootId: null, uptimeMs: null, witness: 'hypervisor', guestClockMs: null };

function probeOf(answer: ProbeResult, answers = true) {
  const calls = { asked: 0 };
  const observer = { answersSince: async () => answers };
  const probe = new EarlyProbe(observer, async () => {
    calls.asked++;
    return answer;
  });
  return { probe, calls };
}

describe('early probe', () => {
  it('asks the guest once as it resumes, and its word serves once', async () => {
    const { probe, calls } = probeOf(alive);
    probe.start();
    probe.start();
    expect(await probe.take()).toEqual(alive);
    expect(await probe.take()).toBeNull();
    expect(calls.asked).toBe(1);
  });

  it('never reuses a word that the guest is not alive: the verification asks again itself', async () => {
    const { probe } = probeOf(dead);
    probe.start();
    expect(await probe.take()).toBeNull();
  });

  it('does not ask a guest that does not answer the knock again', async () => {
    const { probe, calls } = probeOf(alive, false);
    probe.start();
    expect(await probe.take()).toBeNull();
    expect(calls.asked).toBe(0);
  });

  it('has nothing to give when the destination never resumed the guest', async () => {
    const { probe, calls } = probeOf(alive);
    expect(await probe.take()).toBeNull();
    probe.start(); // too late: the verification already asked the guest itself
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls.asked).toBe(0);
  });
});
