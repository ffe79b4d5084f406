#!/usr/bin/env bash
# Installs what the tests need, if it is missing: Debian's Chromium, poppler and gettext, and
# axe-core from the npm registry into .cache/ (never committed).
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
  if [ "$(id -u)" != "0" ]; then
    echo "Missing $*: install it (as root: apt-get install $*) and run make test again." >&2
    exit 1
  fi
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -print -quit 2>/dev/null)" ]; then
    apt-get update -qq
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  }
}

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium for the browser tests…"
  apt_install chromium fonts-dejavu-core
fi
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  echo "Installing DejaVu fonts for names in any alphabet in PDFs…"
  apt_install fonts-dejavu-core
fi
if ! command -v pdftotext >/dev/null 2>&1; then
  echo "Installing poppler-utils (pdftotext) for the PDF tests…"
  apt_install poppler-utils
fi
if ! command -v msgfmt >/dev/null 2>&1 || ! command -v xgettext >/dev/null 2>&1; then
  echo "Installing gettext for the translation check…"
  apt_install gettext
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "Installing npm for axe-core…"
  apt_install npm
fi
AXE=.cache/axe/node_modules/axe-core/axe.min.js
if [ ! -f "$AXE" ]; then
  echo "Installing axe-core from the npm registry…"
  mkdir -p .cache/axe
  npm install --silent --no-audit --no-fund --prefix .cache/axe axe-core@4 >/dev/null
fi
test -f "$AXE"
