import { describe, expect, it } from 'vitest';
import { unknownHostKeyOf } from '../../src/renderer/src/features/hosts/unknown-host-key';
import { FerryError } from '../../src/shared/api/errors';

describe('the add-host wizard offers to confirm an SSH host key', () => {
  const details = { endpoint: '[kvm1]:2222', jump: false, seen: 'SHA256:abc', trusted: [] };

  it("only for the libvirt host's unknown key, read from the typed details, never from the message", () => {
    expect(unknownHostKeyOf(new FerryError('HOST_KEY_UNKNOWN', 'no SHA256:xyz here', details))).toEqual(details);
    // A jump host must be put in known_hosts; a changed key is never confirmed from the UI.
    expect(unknownHostKeyOf(new FerryError('HOST_KEY_UNKNOWN', 'm', { ...details, jump: true }))).toBeNull();
    expect(unknownHostKeyOf(new FerryError('HOST_KEY_CHANGED', 'm', { ...details, trusted: ['SHA256:old'] }))).toBeNull();
    expect(unknownHostKeyOf(new FerryError('HOST_KEY_UNKNOWN', 'm', { seen: 42 }))).toBeNull();
    expect(unknownHostKeyOf(new Error('HOST_KEY_UNKNOWN'))).toBeNull();
  });
});
