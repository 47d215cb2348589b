#!/usr/bin/env bash
# Runs inside dbus-run-session: start gnome-keyring's Secret Service, unlocked, then the
# README's test command. The keyring lives in a throw-away folder, so a keyring left by an
# earlier run (with another password) can never leave it locked.
set -euo pipefail

keyring_dir="$(mktemp -d)"
trap 'rm -rf "$keyring_dir"' EXIT
mkdir -p -m 0700 "$keyring_dir/data" "$keyring_dir/run"
daemon() {
  # Its keyrings and control socket go to the throw-away folder (HOME may lack ~/.cache);
  # the tests' own environment is left alone.
  XDG_DATA_HOME="$keyring_dir/data" XDG_RUNTIME_DIR="$keyring_dir/run" \
    gnome-keyring-daemon "$@" --components=secrets
}
# --unlock reads the password on stdin and creates the "login" keyring with it.
eval "$(printf 'ci-keyring-password' | daemon --unlock | sed 's/^/export /')"
eval "$(daemon --start | sed 's/^/export /')"

# Fail here, with a clear message, if the Secret Service does not answer.
timeout 30 python - <<'PY'
import sys
try:
    import secretstorage
except ImportError:
    sys.exit(0)  # installed with the package below; the keyring tests check again
bus = secretstorage.dbus_init()
collection = secretstorage.get_default_collection(bus)
if collection.is_locked():
    sys.exit("gnome-keyring started but its default collection is locked")
print("Secret Service ready:", collection.get_label() or "login", file=sys.stderr)
PY

# Another command given (to try the keyring tests by hand):
#   dbus-run-session -- bash .ci/with-keyring.sh python -m pytest tests/security
if [ "$#" -gt 0 ]; then
  "$@"
  exit
fi

# The README's second command, word for word:
pip install -e '.[test]' && python -m pytest -q
