#!/usr/bin/env bash
# Installs Debian's HAProxy (package haproxy), the reverse proxy that gives each service one entry
# point in the cluster shape of the local stack (./mvnw -Pstart -Dcasegrid.cluster) and in the fault
# suite, unless it is there already. The stack runs it before it starts the proxy; it needs apt-get
# and root, or sudo without a password. Elsewhere install HAProxy yourself and pass
# -Dcasegrid.haproxy=<path of the haproxy program>.
set -euo pipefail

haproxy=/usr/sbin/haproxy

if [[ -x $haproxy ]]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-haproxy: this is not a Debian-like system (no apt-get). Install HAProxy, then" \
    "start with -Dcasegrid.haproxy=<path of haproxy>." >&2
  exit 1
fi
if [[ $(id -u) -eq 0 ]]; then
  as_root=()
elif sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "install-haproxy: installing a package needs root; run: sudo apt-get install haproxy" >&2
  exit 1
fi

echo "install-haproxy: installing haproxy with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
# The package's own service is not wanted: the stack runs HAProxy with its own configuration.
"${as_root[@]}" apt-get install -y -qq --no-install-recommends haproxy >/dev/null
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet haproxy 2>/dev/null; then
  "${as_root[@]}" systemctl disable --now haproxy >/dev/null 2>&1 || true
elif command -v service >/dev/null 2>&1; then
  "${as_root[@]}" service haproxy stop >/dev/null 2>&1 || true
fi
"$haproxy" -v | head -1 >&2
