"""Runs scikit-learn and ticket-triage's train on the same stratified 80/20 split and prints them side by side.

Two peers: the plain baseline (TF-IDF word 1-2-grams + char_wb 2-5-grams, sublinear tf, LinearSVC), and the same
wrapped in CalibratedClassifierCV (calibrated_peer.py, its own process, so that its time and peak memory are measured
like train's) with one global confidence threshold chosen on the test tickets themselves, the most favourable choice
it can have. ticket-triage chooses a threshold per class on its training tickets and is measured on the test tickets.
Peak memory is the maximum resident set size /usr/bin/time reports; time is wall time of the whole process.

The split (seed 42, stratified by queue) is written to a temporary folder outside the project and deleted after;
the dataset itself is never copied into the project.
"""
import csv
import gzip
import json
import os
import re
import subprocess
import sys
import time

HEADS = ("queue", "priority")
TARGETS = (0.8, 0.9)
PYTHON = "/usr/bin/python3"


def read(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f) if all(r.get(h) for h in HEADS)]


def write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["subject", "body", *HEADS])
        writer.writeheader()
        for r in rows:
            writer.writerow({k: r.get(k) or "" for k in ["subject", "body", *HEADS]})


def text(row):
    return (row["subject"] or "") + " " + (row["body"] or "")


def baseline(train, test):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.pipeline import make_union
    from sklearn.svm import LinearSVC

    results = {}
    for head in HEADS:
        start = time.perf_counter()
        features = make_union(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                              TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True))
        model = LinearSVC().fit(features.fit_transform([text(r) for r in train]), [r[head] for r in train])
        predicted = model.predict(features.transform([text(r) for r in test]))
        gold = [r[head] for r in test]
        results[head] = (accuracy_score(gold, predicted), f1_score(gold, predicted, average="macro"),
                         time.perf_counter() - start)
    return results


def timed(command):
    """Runs a command under /usr/bin/time -v: (wall seconds, peak RSS in MB)."""
    result = subprocess.run(["/usr/bin/time", "-v", *command], check=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", result.stderr).group(1)
    seconds = sum(float(part) * 60 ** i for i, part in enumerate(reversed(wall.split(":"))))
    return seconds, rss / 1024


def calibrated_peer(work, test):
    from sklearn.metrics import accuracy_score, f1_score

    seconds, rss = timed([PYTHON, os.path.join(os.path.dirname(__file__), "calibrated_peer.py"),
                          f"{work}/train.csv", f"{work}/test.csv", f"{work}/peer.json"])
    with open(f"{work}/peer.json", encoding="utf-8") as f:
        predictions = json.load(f)
    heads = {}
    for head in HEADS:
        gold = [r[head] for r in test]
        guesses = predictions[head]
        labels = [g["label"] for g in guesses]
        heads[head] = {"accuracy": accuracy_score(gold, labels), "macroF1": f1_score(gold, labels, average="macro"),
                       "scored": [(g["confidence"], g["label"] == truth) for g, truth in zip(guesses, gold)]}
    return heads, seconds, rss


def best_global_threshold(scored, target):
    """The one threshold, chosen on these very tickets, that writes the most of them at accuracy >= target:
    (coverage, accuracy), or (0, None) when none reaches it. Tickets of equal confidence go in together."""
    ordered = sorted(scored, key=lambda s: -s[0])
    best = (0.0, None)
    right = 0
    for i, (confidence, correct) in enumerate(ordered):
        right += correct
        tied = i + 1 < len(ordered) and ordered[i + 1][0] == confidence
        if not tied and right / (i + 1) >= target:
            best = ((i + 1) / len(ordered), right / (i + 1))
    return best


def ours(work, jar, target, java_options=()):
    out = f"{work}/model-{target}{'-'.join(java_options)}"
    seconds, rss = timed(["java", *java_options, "-jar", jar, "train", "--data", f"{work}/train.csv",
                          "--held-out-data", f"{work}/test.csv", "--target-accuracy", str(target), "--out", out])
    with open(f"{out}/report.json", encoding="utf-8") as f:
        report = json.load(f)
    return {h["head"]: h for h in report["heads"]}, seconds, rss


def main():
    data, work, jar = sys.argv[1:4]
    rows = read(data)
    from sklearn.model_selection import train_test_split
    train, test = train_test_split(rows, test_size=0.2, random_state=42, stratify=[r["queue"] for r in rows])
    write(f"{work}/train.csv", train)
    write(f"{work}/test.csv", test)
    print(f"{len(rows)} tickets from {data}; stratified 80/20 split, seed 42: {len(train)} train, {len(test)} test")

    theirs = baseline(train, test)
    peer, peer_seconds, peer_rss = calibrated_peer(work, test)
    mine = {target: ours(work, jar, target) for target in TARGETS}
    capped = ours(work, jar, 0.9, ("-Xmx320m",))

    print()
    print(f"{'system':<44}{'head':<10}{'accuracy':>9}{'macro-F1':>10}")
    for head in HEADS:
        accuracy, f1, _ = theirs[head]
        print(f"{'scikit-learn TF-IDF + LinearSVC':<44}{head:<10}{accuracy:>9.3f}{f1:>10.3f}")
    for head in HEADS:
        print(f"{'scikit-learn + CalibratedClassifierCV':<44}{head:<10}{peer[head]['accuracy']:>9.3f}"
              f"{peer[head]['macroF1']:>10.3f}")
    for head in HEADS:
        h = mine[0.9][0][head]
        print(f"{'ticket-triage train':<44}{head:<10}{h['accuracy']:>9.3f}{h['macroF1']:>10.3f}")

    print()
    print("coverage at a target accuracy: ticket-triage's per-class thresholds (chosen on its training tickets) "
          "against the calibrated peer's one threshold chosen on the test tickets")
    print(f"{'head':<10}{'target':>7}{'ours: coverage':>16}{'accuracy':>10}{'peer: coverage':>16}{'accuracy':>10}"
          f"{'peer at our accuracy':>22}{'ours - peer (pts)':>19}")
    for head in HEADS:
        for target in TARGETS:
            recommended = mine[target][0][head]["recommended"]
            coverage, accuracy = recommended["coverage"], recommended["accuracy"] or 0.0
            peer_coverage, peer_accuracy = best_global_threshold(peer[head]["scored"], target)
            # At equal or higher accuracy: the most the peer's one threshold writes at our measured accuracy or above.
            matched, _ = best_global_threshold(peer[head]["scored"], accuracy) if accuracy else (0.0, None)
            print(f"{head:<10}{target:>7.2f}{coverage:>16.1%}{accuracy:>10.3f}{peer_coverage:>16.1%}"
                  f"{peer_accuracy or 0:>10.3f}{matched:>22.1%}{100 * (coverage - matched):>19.1f}")

    print()
    print(f"{'process':<52}{'wall s':>8}{'peak RSS MB':>13}")
    print(f"{'calibrated peer (vectorise, fit both heads, predict)':<52}{peer_seconds:>8.1f}{peer_rss:>13.0f}")
    for target in TARGETS:
        _, seconds, rss = mine[target]
        print(f"{f'ticket-triage train --target-accuracy {target}':<52}{seconds:>8.1f}{rss:>13.0f}")
    print(f"{'ticket-triage train --target-accuracy 0.9, java -Xmx320m':<52}{capped[1]:>8.1f}{capped[2]:>13.0f}")
    print("each is a whole process: JVM or Python start, reading, featurising, training both heads and scoring the "
          "test tickets")


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(__file__))
    main()
