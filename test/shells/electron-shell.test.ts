import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { lockDataDir } from '../../src/main/store/data-dir-lock';

// The Electron shell cannot run here; its composition root can, with Electron stood in for. It must
// take the data folder's lock like the browser shell: a folder another console holds is refused.
const dataDir = mkdtempSync(join(tmpdir(), 'ferry-electron-'));
const electron = vi.hoisted(() => ({
  showErrorBox: vi.fn(),
  exit: vi.fn(),
}));
vi.mock('electron', () => ({
  app: {
    isPackaged: true,
    requestSingleInstanceLock: () => true,
    enableSandbox: () => undefined,
    on: () => undefined,
    quit: () => undefined,
    whenReady: async () => undefined,
    getPath: () => dataDir,
    exit: electron.exit,
  },
  dialog: { showErrorBox: electron.showErrorBox },
  session: {
    defaultSession: {
      setPermissionRequestHandler: () => undefined,
      setPermissionCheckHandler: () => undefined,
      webRequest: { onHeadersReceived: () => undefined },
    },
  },
  safeStorage: { isEncryptionAvailable: () => false },
  nativeTheme: { shouldUseDarkColors: false },
  ipcMain: { handle: () => undefined, removeHandler: () => undefined },
  BrowserWindow: class {},
  Menu: { setApplicationMenu: () => undefined, buildFromTemplate: () => ({}) },
  Notification: { isSupported: () => false },
  Tray: class {},
  shell: { openPath: async () => '' },
}));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('the Electron shell refuses a data folder another console holds, and says so', async () => {
  const unlock = lockDataDir(dataDir);
  await import('../../src/main/index');
  await vi.waitFor(() => expect(electron.exit).toHaveBeenCalledWith(1));
  expect(electron.showErrorBox).toHaveBeenCalledWith('Ferry could not start', expect.stringMatching(/is using|already using/));
  unlock();
});
