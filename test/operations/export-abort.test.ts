import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { DownloadRegistry } from '../../src/main/browser/downloads';
import { fileExportSink } from '../../src/main/operations/file-export';
import { writeBlocks, type BlockEncoder } from '../../src/main/store/audit/csv-blocks';
import { FerryError } from '../../src/shared/api/errors';
import { useTempDirs } from '../helpers/temp-dir';

/** Encoders that hand out 64 KiB blocks for ever, and count the ones still open. */
function endlessEncoders(count: number): { encoders: BlockEncoder[]; open: () => number } {
  let open = count;
  const block = new TextEncoder().encode(`${'x'.repeat(65_535)}\n`);
  const encoders = Array.from({ length: count }, () => ({
    encode: async () => ({ bytes: block, rows: 1 }),
    close: async () => void (open -= 1),
  }));
  return { encoders, open: () => open };
}

/** Settles within the test's time, or says it never would. */
const settled = <T>(promise: Promise<T>, ms = 5000): Promise<'resolved' | 'rejected' | 'hung'> =>
  Promise.race([
    promise.then(
      () => 'resolved' as const,
      () => 'rejected' as const,
    ),
    new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), ms)),
  ]);

describe('an export whose reader goes away', () => {
  const tempDir = useTempDirs();
  let server: Server | null = null;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('stops writing when the stream closes while it waits to drain', async () => {
    const stalled = new Writable({ highWaterMark: 1, write: () => undefined });
    const { encoders } = endlessEncoders(2);
    const export_ = writeBlocks(stalled, 1, 1e9, encoders, 1000, 2);
    setTimeout(() => stalled.destroy(), 20);
    expect(await settled(export_)).toBe('rejected');
  });

  it('ends the producer of an aborted download and releases its encoders', async () => {
    const registry = new DownloadRegistry();
    const { encoders, open } = endlessEncoders(2);
    let produced: Promise<void> | null = null;
    const url = registry.register('audit.csv', 'text/csv', (out) => {
      // As AuditReader.exportCsv does: the encoders close once the export ends, however it ends.
      produced = writeBlocks(out, 1, 1e9, encoders, 1000, 2)
        .then(() => undefined)
        .finally(() => Promise.all(encoders.map((e) => e.close())));
      return produced;
    });
    server = createServer((request, response) => registry.serve((request.url ?? '').slice('/downloads/'.length), response, {}));
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve, reject) => {
      // The browser cancels the download after its first bytes.
      get(`http://127.0.0.1:${port}${url}`, (response) => response.once('data', () => (response.destroy(), resolve()))).on('error', reject);
    });
    expect(produced).not.toBeNull();
    expect(await settled(produced as unknown as Promise<void>)).toBe('rejected');
    expect(open()).toBe(0);
  });

  it('refuses an unwritable path with a typed error, and no uncaught exception', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a-file'), '');
    mkdirSync(join(dir, 'a-folder'));
    const produce = async (out: Writable) => void out.write('id\r\n');
    for (const path of [join(dir, 'a-file', 'audit.csv'), join(dir, 'missing', 'audit.csv'), join(dir, 'a-folder')]) {
      const sink = fileExportSink(async () => path);
      const uncaught: unknown[] = [];
      const onUncaught = (error: unknown) => uncaught.push(error);
      process.on('uncaughtException', onUncaught);
      try {
        const error = await sink.save('audit.csv', 'text/csv', produce).then(
          () => null,
          (e: unknown) => e,
        );
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(uncaught).toEqual([]);
        expect(error).toBeInstanceOf(FerryError);
        expect((error as FerryError).code).toBe('EXPORT_PATH_UNWRITABLE');
        expect((error as FerryError).message).toContain(path);
      } finally {
        process.off('uncaughtException', onUncaught);
      }
    }
  });

  it('removes the partial file of an export that failed half-way, with a typed error', async () => {
    const path = join(tempDir(), 'audit.csv');
    const sink = fileExportSink(async () => path);
    const failing = async (out: Writable) => {
      out.write('id\r\n1\r\n');
      throw new Error('the encoder failed');
    };
    await expect(sink.save('audit.csv', 'text/csv', failing)).rejects.toMatchObject({ code: 'EXPORT_FAILED' });
    expect(existsSync(path)).toBe(false);
    await expect(sink.save('audit.csv', 'text/csv', async (out) => void out.write('id\r\n'))).resolves.toEqual({
      kind: 'saved',
      location: path,
    });
    expect(readFileSync(path, 'utf8')).toBe('id\r\n');
  });
});
