#!/usr/bin/env bash
# Smoke-tests the electron-builder configuration without the Electron binary (which cannot be
# downloaded here): package the built app "--dir" around a stand-in Electron, then check the
# archive holds what the app needs at run time. Real installers need a machine with internet.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/electron"
printf '#!/bin/sh\nexit 0\n' > "$work/electron/electron" && chmod +x "$work/electron/electron"
version=$(node -p "require('electron/package.json').version")
npx electron-builder --dir --linux -c.npmRebuild=false -c.electronDist="$work/electron" -c.electronVersion="$version" -c.directories.output="$work/dist" >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
listing=$(npx asar list "$work/dist/linux-unpacked/resources/app.asar")
for needed in /package.json /out/main/index.js /out/main/browser.js /out/main/audit-export-worker.js /out/preload/index.js /out/renderer/index.html /resources/icon.png; do
  grep -qx "$needed" <<<"$listing" || { echo "packaging: $needed is missing from app.asar" >&2; exit 1; }
done
# The native SQLite module must sit outside the archive, where Node can load it.
test -f "$work/dist/linux-unpacked/resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node" || { echo 'packaging: better_sqlite3.node is not unpacked' >&2; exit 1; }
echo "packaging config OK (electron $version, linux --dir)"
