#!/usr/bin/env bash
# Makes sure what the mesh and its tests need is on this machine: the .NET SDK (checked) and redis-server
# (installed with apt-get when missing and we may: as root, or through sudo).
set -euo pipefail

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK is required (https://learn.microsoft.com/dotnet/core/install/linux)." >&2
  exit 1
fi

if ! command -v redis-server >/dev/null 2>&1 && [ ! -x /usr/bin/redis-server ]; then
  echo "redis-server is missing; installing it with apt-get ..." >&2
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    echo "error: cannot install redis-server. Install it: apt-get install -y redis-server" >&2
    exit 1
  fi
  # The Debian package starts a system-wide instance on 6379; the mesh and the tests run their own.
  (systemctl disable --now redis-server >/dev/null 2>&1 || service redis-server stop >/dev/null 2>&1 || true)
fi

# The console's browser tests (tests/BackOffice.BrowserTests) drive Debian's headless Chromium; nothing downloads a
# browser build at test time. fonts-liberation and fonts-wqy-microhei give pages and screenshots real Latin and
# Chinese glyphs (the console's default language is Chinese).
if [ ! -x /usr/bin/chromium-headless-shell ] || [ ! -d /usr/share/fonts/truetype/liberation ] || [ ! -d /usr/share/fonts/truetype/wqy ]; then
  echo "chromium-headless-shell or its fonts are missing; installing them with apt-get ..." >&2
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell fonts-liberation fonts-wqy-microhei >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell fonts-liberation fonts-wqy-microhei >/dev/null
  else
    echo "error: cannot install the browser. Install it: apt-get install -y chromium-headless-shell fonts-liberation fonts-wqy-microhei" >&2
    exit 1
  fi
fi
