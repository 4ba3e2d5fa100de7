#!/usr/bin/env bash
# Repeated stratified K-fold cross-validation of ticket-triage's `train`, side by side with scikit-learn's TF-IDF +
# LinearSVC and CalibratedClassifierCV, with each process's wall time and peak RSS: see repeated_cv.py and --help.
# The folds live in a temporary folder outside the project, deleted at the end; the data is only read.
# Usage: src/bench/repeated-cv.sh [--seeds 5] [--folds 5] [--targets 0.95,0.90] [--heads queue] [--jobs 1]
#          [--variant NAME:'train options']... [--scale N] [--json FILE]
#          [--data FILE [--subject-column C] [--body-column C] [--label HEAD=COLUMN]...]...
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)   # paths on the command line stay relative to where it is run
python=/usr/bin/python3   # Debian's, where python3-sklearn installs

install() {
  echo "installing Debian's $1 ..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >&2
}
"$python" -c 'import sklearn' 2>/dev/null || install python3-sklearn
[ -x /usr/bin/time ] || install time   # GNU time: the peak resident set of each process
for arg in "$@"; do
  case $arg in -h|--help) exec "$python" "$root/src/bench/repeated_cv.py" --work - --help ;; esac
done
[ -f "$root/target/ticket-triage.jar" ] || (cd "$root" && mvn -o -B -q package -DskipTests)

work=$(mktemp -d "${TMPDIR:-/tmp}/repeated-cv.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$python" "$root/src/bench/repeated_cv.py" --work "$work" "$@"
