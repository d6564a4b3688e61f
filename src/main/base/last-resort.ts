import type { Logger } from './logger';

/**
 * The last resort for an exception or a rejection nobody handled: log it and keep running. Node's
 * default (print and exit) would stop every migration mid-phase for one bad request. Nothing is
 * left half-written by the throw: each store write is one synchronous SQLite transaction, which
 * the throw rolls back, and each phase is journaled before it acts. Returns the uninstaller.
 */
export function installLastResort(logger: Logger, target: NodeJS.EventEmitter = process): () => void {
  const onException = (error: unknown): void => logger.error('uncaught exception (the console keeps running)', error);
  const onRejection = (reason: unknown): void => logger.error('unhandled rejection (the console keeps running)', reason);
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}
