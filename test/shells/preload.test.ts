import { contextBridge, ipcRenderer } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { FerryBridge } from '../../src/shared/api';

describe('preload', () => {
  it('exposes only window.api, built from the contract', async () => {
    await import('../../src/preload/index');
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    const [key, api] = vi.mocked(contextBridge.exposeInMainWorld).mock.calls[0] as [string, FerryBridge];
    expect(key).toBe('api');
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);

    await api.invoke('inventory.snapshot', {});
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('ferry:invoke', 'inventory.snapshot', {});

    vi.mocked(ipcRenderer.invoke).mockClear();
    expect(await api.invoke('fs.readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
    expect(() => api.on('secret.event', () => undefined)).toThrow();
  });
});
