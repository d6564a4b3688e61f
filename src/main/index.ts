import { app, BrowserWindow, dialog, Menu, nativeTheme, Notification, safeStorage, session, shell, Tray } from 'electron';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { version } from '../../package.json';
import { createLogger } from './base/logger';
import { installLastResort } from './base/last-resort';
import { openConsole } from './app/console';
import { fileExportSink } from './operations/file-export';
import { FileKeySecretBox } from './base/secrets';
import { ElectronIpc } from './ipc/electron-ipc';
import { createHandlers } from './ipc/handlers';
import { createRouter } from './ipc/router';
import { contentSecurityPolicy } from './base/csp';

/**
 * Composition root of the Electron shell. Everything here is window chrome and hardening; the
 * console's behaviour lives in Services, which the browser shell runs the same way.
 */
const logger = createLogger();
// Logged, never fatal: Electron would otherwise show a dialog, or Node exit, in the middle of migrations.
installLastResort(logger);
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const rendererUrl = devServerUrl ? `${devServerUrl.replace(/\/$/, '')}/` : pathToFileURL(join(__dirname, '../renderer/index.html')).href;

if (!app.requestSingleInstanceLock()) app.quit();
app.enableSandbox();

let window: BrowserWindow | null = null;
let tray: Tray | null = null;
let quitting = false;

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (url !== rendererUrl) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

function createWindow(ipc: ElectronIpc): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    show: false,
    title: 'Ferry',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#121212' : '#ffffff',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  ipc.trust(win.webContents);
  win.once('ready-to-show', () => win.show());
  // The scheduler keeps running in the tray; closing the window only hides it.
  win.on('close', (event) => {
    if (!quitting) {
      event.preventDefault();
      win.hide();
    }
  });
  void (devServerUrl ? win.loadURL(rendererUrl) : win.loadFile(join(__dirname, '../renderer/index.html')));
  return win;
}

function showWindow(ipc: ElectronIpc): void {
  if (!window || window.isDestroyed()) window = createWindow(ipc);
  window.show();
  window.focus();
}

async function start(): Promise<void> {
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy()] } });
  });

  // One console per data folder, shared with the browser shell: the same lock guards both.
  const opened = await openConsole({
    dataDir: app.getPath('userData'),
    shell: 'electron',
    auditWorkerScript: join(__dirname, 'audit-export-worker.js'),
    // The OS keychain seals host credentials; the key file still opens what the browser console sealed.
    secretBoxes: (dataDir: string) => [
      ...(safeStorage.isEncryptionAvailable()
        ? [
            {
              kind: 'electron safeStorage',
              encrypt: (plain: string) => safeStorage.encryptString(plain),
              decrypt: (sealed: Buffer) => safeStorage.decryptString(sealed),
            },
          ]
        : []),
      new FileKeySecretBox(dataDir),
    ],
    version,
    osUser: userInfo().username,
    logger,
    // A path Ferry cannot write is a typed error; a failed write ends the export, never the main process.
    exportSink: fileExportSink(async (defaultName) => {
      const choice = await dialog.showSaveDialog({ defaultPath: defaultName });
      return choice.canceled || !choice.filePath ? null : choice.filePath;
    }),
  });
  const { services } = opened;
  const router = createRouter(createHandlers(services), { log: (m, e) => logger.error(m, e) });
  const ipc = new ElectronIpc({
    router,
    hub: services.hub,
    rendererUrl,
    context: () => ({ actor: services.actorFor(), shell: 'electron' }),
  });
  services.hub.subscribe((name, payload) => {
    if (name !== 'app.notice' || !Notification.isSupported()) return;
    const notice = payload as { title: string; body: string };
    new Notification({ title: notice.title, body: notice.body }).show();
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { label: 'File', submenu: [{ label: 'Show Ferry', click: () => showWindow(ipc) }, { type: 'separator' }, { role: 'quit' }] },
      { role: 'editMenu' },
      {
        label: 'View',
        submenu: [{ role: 'reload' }, { role: 'togglefullscreen' }, ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }])],
      },
      { role: 'windowMenu' },
      {
        label: 'Help',
        submenu: [
          { label: `Ferry ${version}`, enabled: false },
          { label: 'Data folder', click: () => void shell.openPath(app.getPath('userData')) },
        ],
      },
    ]),
  );
  tray = new Tray(join(__dirname, '../../resources/icon.png'));
  tray.setToolTip('Ferry: scheduled migrations keep running');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Ferry', click: () => showWindow(ipc) },
      { label: 'Quit', click: () => app.quit() },
    ]),
  );
  tray.on('click', () => showWindow(ipc));

  app.on('second-instance', () => showWindow(ipc));
  app.on('activate', () => showWindow(ipc));
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    ipc.dispose();
    void opened.close().finally(() => app.exit(0));
  });
  showWindow(ipc);
}

start().catch((error: unknown) => {
  logger.error('Ferry could not start', error);
  dialog.showErrorBox('Ferry could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
