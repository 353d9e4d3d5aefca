#!/bin/sh
# Installs what the offline checks of deploy/kubernetes need, when missing: promtool (Debian's
# prometheus package) to check the alert rules. kubectl, which renders the overlays, must be 1.21
# or newer (Kustomize 4 or newer); Debian's own kubernetes-client is older, so it is not installed
# from here: install kubectl as your platform documents it.
# Needs root or password-less sudo; elsewhere install prometheus yourself.
set -eu
if command -v promtool >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "promtool is missing: install Debian's prometheus package (apt-get install prometheus)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# Only the package's files are wanted: promtool. The server it also brings is not started here.
$SUDO apt-get install -y -qq --no-install-recommends prometheus >/dev/null
command -v promtool >/dev/null
