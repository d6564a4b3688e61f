import { describe, expect, it } from 'vitest';
import { describeDowntime, describeObserved } from '../../src/renderer/src/components/observed-downtime';

describe('the observed downtime in words', () => {
  it('gives the figure, and says why there is none according to how the move ended', () => {
    expect(describeObserved(137, 'completed')).toBe('137 ms observed (the guest did not answer from here for that long)');
    expect(describeObserved(null, 'running')).toMatch(/once the guest switches over/);
    expect(describeObserved(null, 'completed')).toMatch(/could not be reached from this console/);
    expect(describeObserved(null, 'aborted')).toMatch(/did not switch over/);
    expect(describeObserved(null, 'failed')).not.toMatch(/could not be reached/);
  });

  // New-user review 7: "Downtime: 21 ms predicted, — reported by the hypervisor, observed once it switches over."
  it('says plainly that a move before its switchover has no downtime yet', () => {
    expect(describeDowntime({ predictedMs: 21, reportedMs: null, observedMs: null, state: 'running' })).toBe(
      '21 ms predicted; not yet: reported by the hypervisor and observed once the guest switches over',
    );
    expect(describeDowntime({ predictedMs: null, reportedMs: null, observedMs: null, state: 'queued' })).toBe(
      '— predicted; not yet: reported by the hypervisor and observed once the guest switches over',
    );
  });

  it('gives both figures once there are any', () => {
    expect(describeDowntime({ predictedMs: 21, reportedMs: 30, observedMs: 137, state: 'completed' })).toBe(
      '21 ms predicted, 30 ms reported by the hypervisor, 137 ms observed (the guest did not answer from here for that long)',
    );
    expect(describeDowntime({ predictedMs: 21, reportedMs: null, observedMs: null, state: 'aborted' })).toBe(
      '21 ms predicted, none reported by the hypervisor, not observed (the move did not switch over as planned)',
    );
  });

  // New-user review 11, finding 7 (issue #14): a cold move's details predicted a pause "not yet" observed.
  it('says a cold move pauses nothing: the VM is off before and after', () => {
    const cold = { predictedMs: null, reportedMs: null, observedMs: null, cold: true };
    expect(describeDowntime({ ...cold, state: 'queued' })).toBe('none (off): the VM is powered off before and after the move');
    expect(describeDowntime({ ...cold, state: 'completed' })).toBe('none (off): the VM is powered off before and after the move');
  });
});
