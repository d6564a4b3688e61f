// Starts the console: the Electron shell when its binary is installed, otherwise (or with --browser)
// the browser shell on 127.0.0.1. Runs the build's output; `npm start` builds first.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

/** Finds the Electron binary without requiring `electron`, which would try to download it. */
function electronBinary() {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = args.includes('--browser') ? null : electronBinary();
if (binary) {
  const child = spawn(binary, [root, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  // The browser shell handles its own signals; run it in this process so Ctrl-C reaches it directly.
  await import(join(root, 'out/main/browser.js'));
}
