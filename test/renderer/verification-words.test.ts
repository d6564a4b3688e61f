import { describe, expect, it } from 'vitest';
import { verificationLabel, verificationWords } from '../../src/renderer/src/components/verification-words';
import { Verification } from '../../src/shared/model/migration';

describe('verification words', () => {
  it('says for every level what it proves, in words of its own', () => {
    const proofs = Verification.options.map((level) => verificationWords[level].proves);
    expect(new Set(proofs).size).toBe(Verification.options.length);
    for (const level of Verification.options) expect(verificationWords[level].label, level).toBeTruthy();
  });

  it('flags "running only" as weaker and says what would make it stronger', () => {
    const running = verificationWords['running-only'];
    expect(running.weaker).toBe(true);
    expect(running.label).toMatch(/weaker/i);
    expect(running.proves).toMatch(/only the hypervisor/i);
    expect(running.proves).toMatch(/qemu-guest-agent/);
  });

  it('claims the same boot only for the levels that compared boot ids', () => {
    expect(verificationWords['guest-probe'].proves).toMatch(/same boot/);
    expect(verificationWords['guest-agent-same-boot'].proves).toMatch(/boot id is the one read before the move/);
    expect(verificationWords['guest-agent'].proves).toMatch(/reboot on the way is not ruled out/);
    expect(verificationWords['guest-agent'].weaker).toBe(true);
    expect(verificationWords['guest-probe'].weaker).toBe(false);
    expect(verificationWords['guest-agent-same-boot'].weaker).toBe(false);
  });

  it('shows a dash in the grid until something was verified', () => {
    expect(verificationLabel(null)).toBe('—');
    expect(verificationLabel(undefined)).toBe('—');
    expect(verificationLabel('guest-agent')).toBe('Guest agent');
  });
});
