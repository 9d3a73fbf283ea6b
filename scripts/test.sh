#!/usr/bin/env bash
# Run the tests (offscreen, no display needed). The first run installs what is missing (Debian packages
# for Qt, .venv with the app and its test extras); later runs start pytest directly.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/install.sh
if [ ! -f .venv/installed-test.sha256 ]; then ensure_debian_packages scripts/debian-packages.txt; fi
ensure_venv test
QT_QPA_PLATFORM=offscreen exec .venv/bin/python -m pytest "$@"
