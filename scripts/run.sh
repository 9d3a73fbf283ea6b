#!/usr/bin/env bash
# Start the app (the database is created in your user data folder). The first start installs what is
# missing (Debian packages for Qt, .venv with the app); later starts run the installed command directly.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/install.sh
if [ ! -f .venv/installed.sha256 ]; then ensure_debian_packages scripts/debian-packages.txt; fi
ensure_venv
exec .venv/bin/avtalsuppfoljning "$@"
