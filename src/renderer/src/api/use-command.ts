import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandName, CommandRequest, CommandResponse } from '../../../shared/api';
import { api } from './client';

export interface Loaded<T> {
  data: T | null;
  /** The failure itself (a FerryError from the client), so the UI can explain it by its code. */
  error: Error | null;
  loading: boolean;
  reload(): void;
}

interface Answer<T> {
  request: string | null;
  round: number;
  data: T | null;
  error: Error | null;
}

/**
 * Calls a command when its request changes (by value); `data` always belongs to the current
 * request, and a reload keeps showing the previous answer until the new one arrives.
 */
export function useCommand<N extends CommandName>(name: N, request: CommandRequest<N> | null): Loaded<CommandResponse<N>> {
  const [answer, setAnswer] = useState<Answer<CommandResponse<N>>>({ request: null, round: -1, data: null, error: null });
  const [round, setRound] = useState(0);
  const key = request === null ? null : JSON.stringify(request);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    api.invoke(name, JSON.parse(key) as CommandRequest<N>).then(
      (data) => live && setAnswer({ request: key, round, data, error: null }),
      (error: Error) => live && setAnswer({ request: key, round, data: null, error }),
    );
    return () => {
      live = false;
    };
  }, [name, key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  const current = answer.request === key;
  return {
    data: current ? answer.data : null,
    error: current ? answer.error : null,
    loading: key !== null && (!current || answer.round !== round),
    reload,
  };
}

/** Calls `reload` whenever `key` changes after the first render (e.g. a task's phase or pass). */
export function useReloadOn(key: string, reload: () => void): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    reload();
  }, [key, reload]);
}

/** One command per request (by value), like useCommand: every answer, in order, once all are in. */
export function useEach<N extends CommandName>(
  name: N,
  requests: readonly CommandRequest<N>[],
): { data: CommandResponse<N>[] | null; error: Error | null; loading: boolean } {
  const key = requests.length > 0 ? JSON.stringify(requests) : null;
  const [answer, setAnswer] = useState<{ key: string; data: CommandResponse<N>[] | null; error: Error | null } | null>(null);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    Promise.all((JSON.parse(key) as CommandRequest<N>[]).map((request) => api.invoke(name, request))).then(
      (data) => live && setAnswer({ key, data, error: null }),
      (error: Error) => live && setAnswer({ key, data: null, error }),
    );
    return () => {
      live = false;
    };
  }, [name, key]);
  const current = answer?.key === key ? answer : null;
  return { data: current?.data ?? null, error: current?.error ?? null, loading: key !== null && current === null };
}
