import { open, rm } from 'node:fs/promises';
import { FerryError } from '../../shared/api/errors';
import type { ExportSink } from './exports';

const reasonOf = (error: unknown): string =>
  (error as NodeJS.ErrnoException | null)?.code ?? (error instanceof Error ? error.message : String(error));

/**
 * Saves exports to the file the admin chose (the Electron shell's save dialog chooses it). The
 * file is opened before anything is produced, so a path Ferry cannot write is a typed refusal; a
 * write that fails later ends the export (never an uncaught error in the main process) and removes
 * the partial file, which could be taken for a whole one.
 */
export function fileExportSink(choosePath: (defaultName: string) => Promise<string | null>): ExportSink {
  return {
    async save(defaultName, _contentType, produce) {
      const filePath = await choosePath(defaultName);
      if (!filePath) return { kind: 'cancelled' };
      let handle;
      try {
        handle = await open(filePath, 'w');
      } catch (error) {
        const reason = reasonOf(error);
        throw new FerryError('EXPORT_PATH_UNWRITABLE', `Ferry cannot write ${filePath} (${reason})`, { path: filePath, reason });
      }
      const out = handle.createWriteStream();
      // Kept for the end: a failed write must not go unheard (an 'error' without a listener is fatal).
      let failure: unknown = null;
      out.on('error', (error) => (failure ??= error));
      try {
        await produce(out);
        await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
        if (failure) throw failure;
      } catch (error) {
        out.destroy();
        await rm(filePath, { force: true }).catch(() => undefined);
        const reason = reasonOf(failure ?? error);
        throw new FerryError('EXPORT_FAILED', `the export to ${filePath} failed (${reason}); nothing was kept`, { path: filePath, reason });
      }
      return { kind: 'saved', location: filePath };
    },
  };
}
