import { openReadonlyDatabase } from '../database';
import type { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { csvBlockReader, type BlockQuery, type EncodedBlock } from './csv-block-reader';
import { auditCsvHeader } from './csv-export';

export type { BlockQuery, EncodedBlock } from './csv-block-reader';

/** Turns one range of record ids into CSV text. Several run side by side, each on its own thread. */
export interface BlockEncoder {
  encode(fromId: number, toId: number): Promise<EncodedBlock>;
  close(): Promise<void>;
}

/** Encodes on this thread (tests, or when no worker script is at hand). */
export function inProcessEncoder(query: BlockQuery): BlockEncoder {
  const db = openReadonlyDatabase(query.dbFile);
  const read = csvBlockReader(db, query);
  return {
    encode: async (fromId, toId) => read(fromId, toId),
    close: async () => void db.close(),
  };
}

/** Encodes on a worker thread with its own read-only connection (WAL readers run beside the writer). */
export function workerEncoder(script: string, query: BlockQuery): BlockEncoder {
  // A small young generation makes the worker collect its short-lived strings often: memory stays low.
  const worker = new Worker(script, { workerData: query, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  const waiting = new Map<number, { resolve: (b: EncodedBlock) => void; reject: (e: Error) => void }>();
  let next = 0;
  worker.on('message', (m: { id: number; block?: EncodedBlock; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.block) w?.resolve(m.block);
    else w?.reject(new Error(m.error ?? 'export worker failed'));
  });
  const failAll = (error: Error) => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', () => failAll(new Error('export worker ended')));
  return {
    encode: (fromId, toId) =>
      new Promise((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, fromId, toId });
      }),
    close: async () => void (await worker.terminate()),
  };
}

/**
 * Writes the records with ids in [minId, maxId] as CSV: blocks of ids go round-robin to the
 * encoders (one per core) and are written in order, each encoder at most `ahead` blocks in front
 * of the writer, so memory stays bounded by a few blocks however large the export.
 */
export async function writeBlocks(
  out: Writable,
  minId: number,
  maxId: number,
  encoders: readonly BlockEncoder[],
  blockSize = 1000,
  ahead = 2,
): Promise<number> {
  const write = (chunk: string | Uint8Array) => (chunk.length > 0 ? writeOrStop(out, chunk) : Promise.resolve());
  await write(auditCsvHeader);
  const blocks = maxId >= minId ? Math.ceil((maxId - minId + 1) / blockSize) : 0;
  const pending: Promise<EncodedBlock>[] = [];
  const request = (i: number) => {
    const from = minId + i * blockSize;
    const encoder = encoders[i % encoders.length] as BlockEncoder;
    const block = encoder.encode(from, Math.min(maxId + 1, from + blockSize));
    block.catch(() => undefined);
    pending[i] = block;
  };
  const window = encoders.length * ahead;
  for (let i = 0; i < Math.min(blocks, window); i++) request(i);
  let rows = 0;
  for (let i = 0; i < blocks; i++) {
    const block = await (pending[i] as Promise<EncodedBlock>);
    delete pending[i];
    if (i + window < blocks) request(i + window);
    rows += block.rows;
    await write(block.bytes);
  }
  return rows;
}

/** The export's reader went away (a download aborted, a file that failed): the export stops. */
export class ExportStopped extends Error {
  override name = 'ExportStopped';
}

/**
 * Writes one chunk, waiting for `drain` when the stream asks; rejects as soon as the stream closes
 * or fails instead, so an aborted export ends and its encoders (threads, connections) are released.
 */
function writeOrStop(out: Writable, chunk: string | Uint8Array): Promise<void> {
  if (out.destroyed || out.writableEnded) return Promise.reject(new ExportStopped('the export stream was closed'));
  if (out.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      out.off('drain', onDrain).off('close', onClose).off('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new ExportStopped('the export stream was closed before it was complete'));
    const onError = (error: Error) => settle(error);
    out.on('drain', onDrain).on('close', onClose).on('error', onError);
  });
}
