#!/usr/bin/env bash
# Build the frozen one-folder app with PyInstaller (no Python needed where it runs):
#   dist/avtalsuppfoljning/Avtalsuppfoljning        the application
#   dist/avtalsuppfoljning/avtalsuppfoljning-cli    the command line (and the smoke test's entry)
# The spec, packaging/avtalsuppfoljning.spec, is the same on Windows (.github/workflows/windows-app.yml).
# Then: scripts/smoke-app.sh checks the bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/install.sh
ensure_debian_packages scripts/debian-packages.txt scripts/debian-packages-build.txt
ensure_venv build
.venv/bin/pyinstaller --noconfirm --clean --log-level ERROR --distpath dist --workpath build/pyinstaller \
  packaging/avtalsuppfoljning.spec
ln -sf avtalsuppfoljning-cli dist/avtalsuppfoljning/Avtalsuppfoljning  # one program on Linux (the spec says why)
echo "build-app: dist/avtalsuppfoljning, $(du -sm dist/avtalsuppfoljning | cut -f1) MiB unpacked"
