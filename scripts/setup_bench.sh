#!/usr/bin/env bash
# Installs what scripts/compare.sh needs besides moscan's own build (scripts/setup.sh):
#   time (GNU time, for peak RSS), sqlite3, ripgrep, nodejs + npm (the DuckDB peer), python3,
# only the Debian packages that are missing, then `npm install` in scripts/bench (the npm
# package @duckdb/node-api, into scripts/bench/node_modules, which git ignores).
# Safe to run again. Each part may fail on its own: compare.sh reports a peer whose tool is
# missing and goes on with the others.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

packages=(time sqlite3 ripgrep python3)
# Node 20 and npm may come from outside Debian (e.g. NodeSource); only ask apt for them when
# the commands are missing.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
status=0
if ((${#missing[@]})); then
  echo "setup_bench: installing ${missing[*]}" >&2
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >&2; then
    echo "setup_bench: apt-get install failed for some of: ${missing[*]}" >&2
    status=1
  fi
fi

if command -v npm >/dev/null 2>&1; then
  if [[ -d scripts/bench/node_modules/@duckdb/node-api ]]; then
    echo "setup_bench: @duckdb/node-api already installed" >&2
  else
    echo "setup_bench: npm install in scripts/bench" >&2
    if ! (cd scripts/bench && npm install --no-audit --no-fund --loglevel=error >&2); then
      echo "setup_bench: npm install failed: the DuckDB peer will be skipped" >&2
      status=1
    fi
  fi
else
  echo "setup_bench: npm not found: the DuckDB peer will be skipped" >&2
  status=1
fi
exit $status
