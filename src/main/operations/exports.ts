import type { Writable } from 'node:stream';

/** Streams an export's body into a writable; resolves once everything is written. */
export type Producer = (out: Writable) => Promise<void>;

export type ExportResult = { kind: 'saved'; location: string } | { kind: 'download'; url: string } | { kind: 'cancelled' };

/**
 * Where exports go: a file the user picks in Electron's save dialog, or a one-time download link in
 * the browser shell. The main process chooses the path; the renderer never names one.
 */
export interface ExportSink {
  save(defaultName: string, contentType: string, produce: Producer): Promise<ExportResult>;
}
