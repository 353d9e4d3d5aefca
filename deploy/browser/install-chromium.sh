#!/usr/bin/env bash
# Installs Debian's Chromium and its WebDriver (packages chromium and chromium-driver) for the
# browser tests, and a Chinese font (fonts-wqy-microhei) so that screenshots show the consoles'
# Chinese rather than empty boxes, unless all of them are there already. The browser tests run it
# before they start; it needs apt-get and root, or sudo without a password. Nothing is downloaded
# by the tests or by Selenium: they use /usr/bin/chromium and /usr/bin/chromedriver.
set -euo pipefail

browser=/usr/bin/chromium
driver=/usr/bin/chromedriver

has_chinese_font() {
  command -v fc-list >/dev/null 2>&1 && [[ -n $(fc-list :lang=zh 2>/dev/null) ]]
}

if [[ -x $browser && -x $driver ]] && has_chinese_font; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: this is not a Debian-like system (no apt-get). Install Chromium and its" \
    "chromedriver, then run the tests with -Dcasegrid.chromium=<browser> -Dcasegrid.chromedriver=<driver>." >&2
  exit 1
fi
if [[ $(id -u) -eq 0 ]]; then
  as_root=()
elif sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "install-chromium: installing packages needs root; run:" \
    "sudo apt-get install chromium chromium-driver fonts-wqy-microhei" >&2
  exit 1
fi

echo "install-chromium: installing chromium, chromium-driver and fonts-wqy-microhei with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium chromium-driver \
  fonts-wqy-microhei >/dev/null
"$browser" --version >&2
