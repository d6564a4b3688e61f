// Stand-in for the electron module under plain Node; tests that need behaviour spy on these.
import { vi } from 'vitest';

export const ipcMain = { handle: vi.fn(), removeHandler: vi.fn() };
export const app = { getPath: vi.fn(() => '/tmp'), on: vi.fn(), whenReady: vi.fn(async () => undefined) };
export const safeStorage = {
  isEncryptionAvailable: vi.fn(() => true),
  encryptString: vi.fn((s: string) => Buffer.from(`enc:${s}`)),
  decryptString: vi.fn((b: Buffer) => b.toString().replace(/^enc:/, '')),
};

export const contextBridge = { exposeInMainWorld: vi.fn() };
export const ipcRenderer = { invoke: vi.fn(async () => ({ ok: true, value: null })), on: vi.fn(), removeListener: vi.fn() };
