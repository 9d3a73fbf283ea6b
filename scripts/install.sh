#!/usr/bin/env bash
# Install once, start fast afterwards: sourced by scripts/run.sh and scripts/test.sh.
#   ensure_debian_packages FILE…  installs the listed Debian packages that are missing (as root, or with
#                                 sudo when it is there; otherwise says which command to run as root)
#   ensure_venv [EXTRA]           creates .venv and installs the app (with EXTRA, e.g. "test") into it,
#                                 again only when pyproject.toml changed since the last install
# Both are silent when there is nothing to do.

export PIP_DISABLE_PIP_VERSION_CHECK=1

_say() { printf 'avtalsuppfoljning: %s\n' "$*" >&2; }

ensure_debian_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0  # not Debian/Ubuntu: the README says what Qt needs
  local wanted missing=()
  wanted=$(grep -hv '^#' "$@")
  for pkg in $wanted; do
    dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null | grep -q '^ii' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local run=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      run=(sudo)
    else
      _say "Qt behöver systempaket som saknas. Kör som root och starta sedan igen:"
      _say "  apt-get install -y ${missing[*]}"
      return 1
    fi
  fi
  _say "installerar systempaket: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! "${run[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    "${run[@]}" apt-get update -qq && "${run[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

ensure_venv() {
  local extra=${1:-} stamp hash
  stamp=".venv/installed${extra:+-$extra}.sha256"
  hash=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ] && .venv/bin/python -c '' 2>/dev/null; then
    return 0
  fi
  if ! .venv/bin/python -c '' 2>/dev/null; then
    rm -rf .venv
    if ! python3 -m venv .venv >/dev/null; then
      rm -rf .venv
      _say "python3 kan inte skapa en virtuell miljö. På Debian/Ubuntu: apt-get install python3-venv (som root)."
      return 1
    fi
  fi
  _say "installerar programmet i .venv (bara första gången och när pyproject.toml ändrats) …"
  .venv/bin/python -m pip install -q -e ".${extra:+[$extra]}"
  local other
  for other in .venv/installed*.sha256; do  # stamps of an older pyproject.toml no longer hold
    if [ -f "$other" ] && [ "$(cat "$other")" != "$hash" ]; then rm -f "$other"; fi
  done
  echo "$hash" > "$stamp"
  echo "$hash" > .venv/installed.sha256  # every extra includes the app itself
}
