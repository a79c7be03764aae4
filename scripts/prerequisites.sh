#!/usr/bin/env bash
# Installs the Debian packages the app and its tests need, and only those that are missing:
#   postgresql-15            server binaries for the app's own local cluster (and the tests')
#   postgresql-15-postgis-3  PostGIS for the linkage search
#   fonts-dejavu-core        the typeface embedded in case files (CaseFile/CaseFileFonts)
#   poppler-utils            pdftotext, with which the tests read case files back (tests only)
#   chromium                 headless browser for the browser tests (only with --browser)
# Idempotent and quiet: prints one line per package it installs, nothing when all is present.
# As a non-root user it installs nothing: it says what is missing and exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."

browser=0
for arg in "$@"; do
  case "$arg" in
    --browser) browser=1 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "prerequisites.sh: unknown argument '$arg' (only --browser)" >&2; exit 2 ;;
  esac
done

missing=()
[[ -x /usr/lib/postgresql/15/bin/postgres ]] || missing+=(postgresql-15)
[[ -f /usr/share/postgresql/15/extension/postgis.control ]] || missing+=(postgresql-15-postgis-3)
[[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || missing+=(fonts-dejavu-core)
[[ -x /usr/bin/pdftotext ]] || missing+=(poppler-utils)
if (( browser )) && [[ ! -x /usr/bin/chromium ]]; then
  missing+=(chromium)
fi

(( ${#missing[@]} == 0 )) && exit 0

if [[ "$(id -u)" != 0 ]]; then
  echo "Missing packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
log="$(mktemp -t reviewworkflow-apt.XXXXXX)"
trap 'rm -f "$log"' EXIT
apt_failed() {
  echo "prerequisites.sh: '$*' failed; its output:" >&2
  cat "$log" >&2
  exit 1
}

# One update per run, and only because something is missing.
apt-get update -q >"$log" 2>&1 </dev/null || apt_failed apt-get update
for package in "${missing[@]}"; do
  echo "installing $package"
  # The browser wants its recommended fonts; the PostgreSQL packages need nothing recommended.
  if [[ "$package" == chromium ]]; then
    apt-get install -y -q "$package" >"$log" 2>&1 </dev/null || apt_failed apt-get install "$package"
  else
    apt-get install -y -q --no-install-recommends "$package" >"$log" 2>&1 </dev/null || apt_failed apt-get install "$package"
  fi
done
