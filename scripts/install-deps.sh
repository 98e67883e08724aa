#!/usr/bin/env bash
# Installs the system packages TicketTriage builds against, when they are missing (Debian/Ubuntu).
# Safe to run again: it does nothing when everything is present.
set -euo pipefail

needed=()
for pkg in libcurl4-openssl-dev libxml2-dev libsqlite3-dev pkg-config; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || needed+=("$pkg")
done

if [ ${#needed[@]} -eq 0 ]; then
    exit 0
fi

echo "installing system packages: ${needed[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "error: missing ${needed[*]} and not root; install them with: apt-get install -y ${needed[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${needed[@]}" >/dev/null
