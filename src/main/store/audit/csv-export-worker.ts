// Worker thread of the audit CSV export: encodes the blocks of record ids it is asked for, on a
// read-only connection of its own, so two cores share a million-record export.
import { openReadonlyDatabase } from '../database';
import { parentPort, workerData } from 'node:worker_threads';
import { encodeBlock, type BlockQuery } from './csv-blocks';

const query = workerData as BlockQuery;
const db = openReadonlyDatabase(query.dbFile);

parentPort?.on('message', ({ id, fromId, toId }: { id: number; fromId: number; toId: number }) => {
  try {
    const block = encodeBlock(db, query, fromId, toId);
    // Hand the bytes over rather than copying them.
    parentPort?.postMessage({ id, block }, [block.bytes.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
