/** All time in the main process goes through a Clock, so tests run on virtual time and the sim can run fast. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export interface TimerHandle {
  readonly id: number;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, delayMs) {
    const timer = setTimeout(callback, Math.max(0, delayMs));
    timer.unref?.();
    return { id: Number(timer[Symbol.toPrimitive]()) };
  },
  clearTimeout(handle) {
    clearTimeout(handle.id);
  },
};

/** Sleep on any clock; resolves at once for non-positive delays. */
export function sleep(clock: Clock, delayMs: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, delayMs));
}

/**
 * A repeating timer that stops when the returned function is called. A callback that throws is
 * reported and the timer keeps going: one bad tick must not stop the engine for good.
 */
export function every(
  clock: Clock,
  periodMs: number,
  callback: () => void,
  onError: (error: unknown) => void = reportToStderr,
): () => void {
  let handle: TimerHandle | null = null;
  let stopped = false;
  const schedule = (): void => {
    handle = clock.setTimeout(() => {
      if (stopped) return;
      try {
        callback();
      } catch (error) {
        onError(error);
      }
      schedule();
    }, periodMs);
  };
  schedule();
  return () => {
    stopped = true;
    if (handle) clock.clearTimeout(handle);
  };
}

const reportToStderr = (error: unknown): void => {
  process.stderr.write(
    `${new Date().toISOString()} error a periodic task failed\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
};
