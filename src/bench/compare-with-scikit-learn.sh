#!/usr/bin/env bash
# Side by side, on one split: scikit-learn (TF-IDF word 1-2-grams + char_wb 2-5-grams, sublinear tf, LinearSVC; and
# the same in CalibratedClassifierCV with one threshold chosen on the test tickets) and ticket-triage's `train` (per-class
# thresholds), on the anchor's dataset read from ../shared at run time: accuracy, macro-F1, coverage at 0.80 and 0.90
# accuracy, and each process's wall time and peak RSS (/usr/bin/time -v).
# Usage: src/bench/compare-with-scikit-learn.sh [labelled.csv(.gz)]
set -euo pipefail
cd "$(dirname "$0")/../.."
data=${1:-../shared/data/customer-support-tickets/dataset-tickets-multi-lang3-4k.csv.gz}
python=/usr/bin/python3   # Debian's, where python3-sklearn installs

if ! "$python" -c 'import sklearn' 2>/dev/null; then
  echo "installing Debian's python3-sklearn ..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-sklearn >&2
fi
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package time) for the peak memory" >&2; exit 2; }
[ -f target/ticket-triage.jar ] || mvn -B -q package -DskipTests

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$python" src/bench/compare_with_scikit_learn.py "$data" "$work" target/ticket-triage.jar
