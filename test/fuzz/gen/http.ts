import fc from 'fast-check';
import { hostileString } from './hostile';

/** Where the console is and what it accepts, so some garbage gets past the guard and some does not. */
export interface ShellTarget {
  port: number;
  token: string;
}

const pathPiece = fc.oneof(
  fc.constantFrom(
    '',
    'index.html',
    'assets',
    'downloads',
    'bridge',
    '..',
    '.',
    '%2e%2e',
    '%2f',
    '%5c',
    '%00',
    '%',
    '%E0%A4%A',
    '%C0%AF',
    '%ff',
    '~',
    'a b',
  ),
  fc
    .array(fc.integer({ min: 0, max: 255 }), { maxLength: 4 })
    .map((bytes) => bytes.map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')),
  fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
);

/** A request-target: a path (origin-form), a full URL (absolute-form), `*`, or anything at all. */
export const requestTarget = (t: ShellTarget): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.oneof(
        { weight: 6, arbitrary: fc.array(pathPiece, { maxLength: 5 }).map((pieces) => `/${pieces.join('/')}`) },
        fc.constantFrom('*', '', '//', '///', `http://127.0.0.1:${t.port}/`, 'http://evil.example/', '/\\\\evil', '/..\\..\\etc\\passwd'),
        fc.constantFrom(8 * 1024, 70 * 1024).map((n) => `/${'a'.repeat(n)}`),
        fc.string({ unit: 'binary', maxLength: 30 }),
      ),
      fc.oneof(
        fc.constant(''),
        fc.constant(`?token=${t.token}`),
        fc.constantFrom('?token=', '?token=%', '?token[]=1', '?a=1&token=x&token=y', `?token=${t.token}%00`),
        hostileString.map((s) => `?token=${encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, ''))}`),
      ),
    )
    .map(([path, query]) => path + query);

const headerLine = (t: ShellTarget): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(`Cookie: ferry_token_${t.port}=${t.token}`, `Host: 127.0.0.1:${t.port}`) },
    fc.constantFrom(
      `Origin: http://127.0.0.1:${t.port}`,
      'Origin: http://evil.example',
      'Origin: null',
      `Cookie: ferry_token_${t.port}=wrong; ferry_token_${t.port}=${t.token}`,
      'Cookie: ;;;==;=',
      'Content-Length: 5',
      'Content-Length: -1',
      'Content-Length: 99999999999999999999',
      'Content-Length: 1\r\nContent-Length: 2',
      'Transfer-Encoding: chunked',
      'Transfer-Encoding: gzip, chunked',
      'Expect: 100-continue',
      'Connection: Upgrade',
      'Upgrade: websocket',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Version: 99',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Key: ',
      ' folded: continuation',
      'NoColonHere',
      ': empty-name',
      'Host: evil.example',
      'Host:',
      'X-Forwarded-For: 127.0.0.1',
    ),
    fc.tuple(fc.string({ unit: 'grapheme-ascii', maxLength: 20 }), hostileString).map(([name, value]) => `${name}: ${value}`),
    fc.constantFrom(8 * 1024, 20 * 1024).map((n) => `X-Big: ${'b'.repeat(n)}`),
  );

export interface RawRequest {
  /** The bytes sent, as a latin1 string. */
  bytes: string;
  target: string;
}

/** One HTTP/1.x request as bytes: usually well-framed around a garbage part, sometimes garbage throughout. */
export const rawRequest = (t: ShellTarget): fc.Arbitrary<RawRequest> =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .record({
          method: fc.constantFrom(
            'GET',
            'GET',
            'GET',
            'HEAD',
            'POST',
            'PUT',
            'DELETE',
            'OPTIONS',
            'TRACE',
            'CONNECT',
            'PRI',
            'G\u0000T',
            'get',
            '',
          ),
          target: requestTarget(t),
          version: fc.constantFrom('HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/0.9', 'HTTP/2.0', 'HTTP/1.1x', ''),
          headers: fc.array(headerLine(t), { maxLength: 6 }),
          body: fc.oneof(
            fc.constant(''),
            fc.string({ unit: 'binary', maxLength: 64 }),
            fc.constant('0\r\n\r\n'),
            fc.constant('zz\r\nxx\r\n'),
          ),
        })
        .map(({ method, target, version, headers, body }) => ({
          target,
          // Raw bytes: a string's UTF-16 code units become UTF-8 as a client would send them.
          bytes: Buffer.from(
            `${method} ${target} ${version}\r\n${headers.join('\r\n')}${headers.length ? '\r\n' : ''}\r\n${body}`,
            'utf8',
          ).toString('latin1'),
        })),
    },
    fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ target: '', bytes: Buffer.from(text, 'utf8').toString('latin1') })),
    fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ target: '', bytes: Buffer.from(bytes).toString('latin1') })),
  );
