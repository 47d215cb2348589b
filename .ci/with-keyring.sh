#!/usr/bin/env bash
# Runs inside dbus-run-session: unlock and start gnome-keyring, then the README's test command.
set -euo pipefail
eval "$(printf 'ci-keyring-password' | gnome-keyring-daemon --unlock --components=secrets | sed 's/^/export /')"
eval "$(gnome-keyring-daemon --start --components=secrets | sed 's/^/export /')"

# The README's second command, word for word:
pip install -e '.[test]' && python -m pytest -q
