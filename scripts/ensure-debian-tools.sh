#!/usr/bin/env bash
# Debian packages the tests use (openssl, xmllint, curl, python3, chromium for browser tests, pdftotext). Installed only when missing.
set -euo pipefail
need=()
command -v openssl >/dev/null || need+=(openssl)
command -v xmllint >/dev/null || need+=(libxml2-utils)
command -v curl >/dev/null || need+=(curl)
command -v python3 >/dev/null || need+=(python3)
command -v chromium >/dev/null || need+=(chromium)
command -v pdftotext >/dev/null || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "missing tools: ${need[*]} (install them: apt-get install ${need[*]})" >&2; exit 1
  fi
fi
