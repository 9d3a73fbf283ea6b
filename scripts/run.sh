#!/usr/bin/env bash
# Install the app into .venv and start it (the database is created in your user data folder).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
exec .venv/bin/avtalsuppfoljning "$@"
