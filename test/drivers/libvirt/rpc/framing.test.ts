import { describe, it, expect } from 'vitest';
import {
  decodeMessage,
  encodeFrame,
  FrameSplitter,
  FramingError,
  ForeignPeerError,
  MessageStatus,
  MessageType,
  REMOTE_PROGRAM,
  type MessageHeader,
} from '../../../../src/main/drivers/libvirt/rpc';

const header = (serial: number, procedure = 1): MessageHeader => ({
  program: REMOTE_PROGRAM,
  version: 1,
  procedure,
  type: MessageType.CALL,
  serial,
  status: MessageStatus.OK,
});

describe('frame encoding', () => {
  it('matches the hand-computed bytes of a CONNECT_OPEN call header', () => {
    const frame = encodeFrame(header(7), Buffer.from('aabbccdd', 'hex'));
    expect(frame.toString('hex')).toBe(
      '00000020' + // length 32 = 4 (length) + 24 (header) + 4 (payload)
        '20008086' + // program
        '00000001' + // version
        '00000001' + // procedure CONNECT_OPEN
        '00000000' + // type CALL
        '00000007' + // serial
        '00000000' + // status OK
        'aabbccdd',
    );
  });

  it('decodes header and payload of a frame body', () => {
    const frame = encodeFrame({ ...header(9, 59), type: MessageType.REPLY, status: MessageStatus.ERROR }, Buffer.from([1, 2, 3, 4]));
    const message = decodeMessage(frame.subarray(4));
    expect(message.header).toEqual({ program: REMOTE_PROGRAM, version: 1, procedure: 59, type: 1, serial: 9, status: 1 });
    expect([...message.payload]).toEqual([1, 2, 3, 4]);
  });
});

describe('FrameSplitter', () => {
  const a = encodeFrame(header(1), Buffer.alloc(8, 0xa));
  const b = encodeFrame(header(2), Buffer.alloc(100, 0xb));
  const c = encodeFrame(header(3));
  const serials = (bodies: Buffer[]): number[] => bodies.map((body) => decodeMessage(body).header.serial);

  it('returns a whole frame given in one chunk', () => {
    expect(serials(new FrameSplitter().push(a))).toEqual([1]);
  });

  it('returns several frames merged into one chunk', () => {
    const splitter = new FrameSplitter();
    expect(serials(splitter.push(Buffer.concat([a, b, c])))).toEqual([1, 2, 3]);
    expect(splitter.bufferedBytes).toBe(0);
  });

  it('reassembles frames fed one byte at a time', () => {
    const splitter = new FrameSplitter();
    const all = Buffer.concat([a, b, c]);
    const out: Buffer[] = [];
    for (let i = 0; i < all.length; i += 1) out.push(...splitter.push(all.subarray(i, i + 1)));
    expect(serials(out)).toEqual([1, 2, 3]);
    expect(out[1]!.subarray(24)).toEqual(Buffer.alloc(100, 0xb));
  });

  it('handles a split length word and a chunk that ends mid-frame then starts the next', () => {
    const all = Buffer.concat([a, b, c]);
    const splitter = new FrameSplitter();
    expect(splitter.push(all.subarray(0, 2))).toEqual([]); // half a length word
    expect(serials(splitter.push(all.subarray(2, a.length + 10)))).toEqual([1]);
    expect(splitter.bufferedBytes).toBe(10);
    expect(serials(splitter.push(all.subarray(a.length + 10)))).toEqual([2, 3]);
  });

  it('rejects impossible lengths (corrupt stream or not libvirt)', () => {
    expect(() => new FrameSplitter().push(Buffer.from('00000004', 'hex'))).toThrow(FramingError);
    // The first word wrong: another protocol answers (review2 F6); later: a corrupt stream.
    expect(() => new FrameSplitter(1024).push(Buffer.from('00100000', 'hex'))).toThrow(ForeignPeerError);
    const splitter = new FrameSplitter(1024);
    expect(splitter.push(Buffer.concat([Buffer.from('0000001c', 'hex'), Buffer.alloc(24)]))).toHaveLength(1);
    expect(() => splitter.push(Buffer.from('00100000', 'hex'))).toThrow(/invalid frame length/);
  });

  it('names the protocol a first reply that is no libvirt frame speaks', () => {
    const first = (text: string) => {
      try {
        new FrameSplitter().push(Buffer.from(text, 'latin1'));
      } catch (error) {
        return (error as ForeignPeerError).protocol;
      }
      throw new Error('accepted');
    };
    expect(first('HTTP/1.1 400 Bad Request\r\n')).toBe('HTTP');
    expect(first('SSH-2.0-OpenSSH_9.2\r\n')).toBe('SSH');
    expect(first('\x15\x03\x03\x00\x02\x02\x46')).toBe('TLS');
    expect(first('220 smtp ready\r\n')).toBeNull();
    expect(() => decodeMessage(Buffer.alloc(10))).toThrow(FramingError);
  });
});
