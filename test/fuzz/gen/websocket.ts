import fc from 'fast-check';
import { hostileString, hostileValue, asJson } from './hostile';

/** A text or binary message for the bridge: not JSON, JSON of the wrong shape, or a request with hostile parts. */
export const bridgeMessage: fc.Arbitrary<string | Buffer> = fc.oneof(
  { depthSize: 'small' },
  hostileString,
  fc.constantFrom(
    '',
    'null',
    '[]',
    '{}',
    '{"id":1}',
    '{"id":"1","name":"app.info","payload":{}}',
    '{"id":1,"name":"app.info","payload":NaN}',
    '{"id":NaN,"name":"app.info","payload":{}}',
    '{"id":Infinity,"name":"app.info","payload":{}}',
    '{"id":1e999,"name":"app.info","payload":{}}',
    '{"id":-0,"name":"app.info","payload":{}}',
    '{"id":1,"name":"app.info","payload":{},"__proto__":{"polluted":true}}',
    '{"id":1,"name":"__proto__","payload":{}}',
    '{"id":1,"name":"constructor","payload":{"constructor":{"prototype":{"polluted":true}}}}',
    '{"id":1,"name":{"toString":1},"payload":{}}',
    '{"id":1,"name":"schedules.delete","payload":{"id":{"length":{"toString":1}}}}',
    '{"id":1,"name":"app.info","payload":{}}{"id":2}',
    '{"id":1,"name":"app.info","payload":{}',
    '\uFEFF{"id":1,"name":"app.info","payload":{}}',
  ),
  // Deep nesting and messages either side of the 1 MiB limit: rarer, each costs a megabyte.
  fc.oneof(
    fc.constantFrom(1000, 100_000).map((depth) => `{"id":1,"name":"settings.update","payload":${'['.repeat(depth)}${']'.repeat(depth)}}`),
    fc.constantFrom(1000, 100_000).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
    fc
      .constantFrom(1024 * 1024 - 64, 1024 * 1024 + 1)
      .map((n) => `{"id":1,"name":"settings.update","payload":{"operatorName":"${'x'.repeat(n)}"}}`),
  ),
  fc
    .tuple(fc.oneof(fc.integer(), fc.double(), hostileValue), fc.oneof(hostileString, hostileValue), hostileValue)
    .map(([id, name, payload]) => JSON.stringify(asJson({ id, name, payload })) ?? 'null'),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
);

/** Raw WebSocket frames after a real handshake: reserved bits, unknown opcodes, unmasked, lying lengths, bad UTF-8. */
export const rawFrames: fc.Arbitrary<Buffer> = fc.oneof(
  fc.constantFrom(
    Buffer.from([0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]), // unmasked text: clients must mask
    Buffer.from([0xf1, 0x80, 0, 0, 0, 0]), // reserved bits set
    Buffer.from([0x83, 0x80, 0, 0, 0, 0]), // opcode 3 (reserved)
    Buffer.from([0x81, 0x82, 0, 0, 0, 0, 0xc3, 0x28]), // invalid UTF-8 in a text frame
    Buffer.from([0x89, 0xfe, 0x00, 0xc8, 0, 0, 0, 0]), // a ping longer than 125
    Buffer.from([0x88, 0x82, 0, 0, 0, 0, 0x03, 0xe7]), // close with code 999
    Buffer.from([0x81, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]), // length 2^63-1
    Buffer.from([0x01, 0x81, 0, 0, 0, 0, 0x7b, 0x82, 0x81, 0, 0, 0, 0, 0x7d]), // a second data frame inside a fragmented one
    Buffer.from([0x80, 0x81, 0, 0, 0, 0, 0x7b]), // a continuation with nothing to continue
  ),
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
);
