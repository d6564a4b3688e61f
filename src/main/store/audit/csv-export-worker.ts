// Worker thread of the audit CSV export: encodes the blocks of record ids it is asked for, on a
// read-only connection of its own, so two cores share a million-record export.
import { openReadonlyDatabase } from '../database';
import { parentPort, workerData } from 'node:worker_threads';
import { csvBlockReader, type BlockQuery } from './csv-block-reader';

const query = workerData as BlockQuery;
const read = csvBlockReader(openReadonlyDatabase(query.dbFile), query);

parentPort?.on('message', ({ id, fromId, toId }: { id: number; fromId: number; toId: number }) => {
  try {
    const block = read(fromId, toId);
    // Hand the bytes over rather than copying them, when they own their memory (a small Buffer may share a pool).
    const { buffer, byteOffset, byteLength } = block.bytes;
    const owned = byteOffset === 0 && byteLength === buffer.byteLength;
    parentPort?.postMessage({ id, block }, owned ? [buffer as ArrayBuffer] : []);
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
