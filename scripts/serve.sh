#!/usr/bin/env bash
# Set up everything on a fresh machine, build the shipped site and serve it on http://127.0.0.1:8000.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
exec .venv/bin/invoke start "$@"
