// SCRAM against the RFCs' own exchanges: RFC 7677 §3 (SHA-256) and RFC 5802 §5 (SHA-1).

import { describe, expect, it } from 'vitest';
import { ScramClient } from '../../../../src/main/drivers/libvirt/rpc/auth/scram';

describe('ScramClient', () => {
  it('produces RFC 7677 §3 client messages and accepts its server signature (SCRAM-SHA-256)', async () => {
    const scram = new ScramClient('SCRAM-SHA-256', 'user', 'pencil', 'rOprNGfwEbeRWgbNEkqO');
    expect(scram.clientFirst().toString()).toBe('n,,n=user,r=rOprNGfwEbeRWgbNEkqO');
    const final = await scram.clientFinal(
      Buffer.from('r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096'),
    );
    expect(final.toString()).toBe(
      'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
    );
    expect(() => scram.verifyServerFinal(Buffer.from('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4='))).not.toThrow();
  });

  it('produces RFC 5802 §5 client messages and accepts its server signature (SCRAM-SHA-1)', async () => {
    const scram = new ScramClient('SCRAM-SHA-1', 'user', 'pencil', 'fyko+d2lbbFgONRv9qkxdawL');
    const final = await scram.clientFinal(Buffer.from('r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096'));
    expect(final.toString()).toBe('c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=');
    expect(() => scram.verifyServerFinal(Buffer.from('v=rmF9pqV8S7suAoZWja4dJRkFsKQ='))).not.toThrow();
  });

  it('refuses a wrong server signature, an error reply, a nonce that is not ours and absurd iteration counts', async () => {
    const scram = new ScramClient('SCRAM-SHA-256', 'user', 'pencil', 'rOprNGfwEbeRWgbNEkqO');
    await scram.clientFinal(Buffer.from('r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096'));
    expect(() => scram.verifyServerFinal(Buffer.from('v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='))).toThrow(/signature is wrong/);
    expect(() => scram.verifyServerFinal(Buffer.from('e=invalid-proof'))).toThrow(/refused: invalid-proof/);
    const other = new ScramClient('SCRAM-SHA-256', 'user', 'pencil', 'abc');
    await expect(other.clientFinal(Buffer.from('r=xyzdef,s=AAAA,i=4096'))).rejects.toThrow(/nonce/);
    await expect(other.clientFinal(Buffer.from('r=abcdef,s=AAAA,i=99999999'))).rejects.toThrow(/iteration/);
  });

  it('escapes = and , in the user name (RFC 5802 saslname)', () => {
    expect(new ScramClient('SCRAM-SHA-256', 'a=b,c', 'p', 'n').clientFirst().toString()).toBe('n,,n=a=3Db=2Cc,r=n');
  });
});
