#!/usr/bin/env python3
"""Per-tag figures of ticket-triage's tags head by repeated K-fold cross-validation: for each seed the tickets are cut
into K parts at random, and `train --held-out-data` learns the tags on the other parts and scores each tag's own
threshold on the part held out. The folds are written to a temporary folder outside the project, deleted at the end;
the data is only read.

Usage: python3 src/bench/tags_cv.py --data FILE.csv[.gz] [--columns tag_1+tag_2+...] [--seeds 1,2,3] [--folds 3]
                                    [--target 0.9] [--confidence 0.9] [--jar target/ticket-triage.jar]
Prints, per tag: the held-out tickets that have it, how many got it written, how many of those were right (precision
of the writes) and the share of the tag's tickets that got it (coverage), summed over every fold of every seed.
"""
import argparse
import csv
import gzip
import json
import random
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path


def read(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)


def write(path, fields, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True)
    parser.add_argument("--columns", default="+".join(f"tag_{i}" for i in range(1, 10)))
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--target", default="0.9")
    parser.add_argument("--confidence", default="0.9")
    parser.add_argument("--jar", default=str(Path(__file__).resolve().parents[2] / "target" / "ticket-triage.jar"))
    args = parser.parse_args()
    fields, rows = read(args.data)
    totals = defaultdict(lambda: [0, 0, 0, 0])  # support, written, right, folds with a threshold
    runs = 0
    work = Path(tempfile.mkdtemp(prefix="tags-cv."))
    try:
        for seed in [int(s) for s in args.seeds.split(",")]:
            order = list(range(len(rows)))
            random.Random(seed).shuffle(order)
            for fold in range(args.folds):
                held = [rows[i] for k, i in enumerate(order) if k % args.folds == fold]
                rest = [rows[i] for k, i in enumerate(order) if k % args.folds != fold]
                train, test, out = work / "train.csv", work / "test.csv", work / f"model-{seed}-{fold}"
                write(train, fields, rest)
                write(test, fields, held)
                command = ["java", "-jar", args.jar, "train", "--data", str(train), "--held-out-data", str(test),
                           "--label", "tags=" + args.columns, "--seed", str(seed), "--target-accuracy", args.target,
                           "--confidence", args.confidence, "--out", str(out)]
                subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                report = json.loads((out / "report.json").read_text())
                head = next(h for h in report["heads"] if h["head"] == "tags")
                for tag in head["classes"]:
                    total = totals[tag["label"]]
                    total[0] += tag["support"]
                    total[1] += tag["written"]
                    total[2] += tag["right"]
                    total[3] += tag["threshold"] is not None
                runs += 1
                shutil.rmtree(out)
                print(f"seed {seed} fold {fold}: {head['recommended']['written']} tags written, "
                      f"{head['recommended']['right']} right", file=sys.stderr)
    finally:
        shutil.rmtree(work)
    print(f"{runs} runs ({args.seeds} seeds x {args.folds} folds), target {args.target} at {args.confidence} "
          "confidence")
    print("| tag | tickets with it | written | precision of the writes | coverage | folds with a threshold |")
    print("|---|---|---|---|---|---|")
    all_support = all_written = all_right = 0
    for label, (support, written, right, routed) in sorted(totals.items(), key=lambda t: -t[1][0]):
        all_support += support
        all_written += written
        all_right += right
        precision = f"{right / written:.3f}" if written else "–"
        print(f"| {label} | {support} | {written} | {precision} | {right / support:.3f} | {routed} of {runs} |")
    print(f"| all | {all_support} | {all_written} | "
          f"{(all_right / all_written if all_written else 0):.3f} | {all_right / all_support:.3f} | |")


if __name__ == "__main__":
    main()
