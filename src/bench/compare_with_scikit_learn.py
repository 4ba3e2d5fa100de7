"""Runs the scikit-learn baseline and ticket-triage's train on the same stratified 80/20 split and prints both.

The split (seed 42, stratified by queue) is written to a temporary folder outside the project and deleted after;
the dataset itself is never copied into the project.
"""
import csv
import gzip
import json
import subprocess
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_union
from sklearn.svm import LinearSVC

HEADS = ("queue", "priority")


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


def baseline(train, test):
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


def text(row):
    return (row["subject"] or "") + " " + (row["body"] or "")


def ours(work, jar):
    start = time.perf_counter()
    subprocess.run(["java", "-jar", jar, "train", "--data", f"{work}/train.csv", "--held-out-data",
                    f"{work}/test.csv", "--out", f"{work}/model"], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    with open(f"{work}/model/report.json", encoding="utf-8") as f:
        report = json.load(f)
    return {h["head"]: (h["accuracy"], h["macroF1"]) for h in report["heads"]}, seconds


def main():
    data, work, jar = sys.argv[1:4]
    rows = read(data)
    train, test = train_test_split(rows, test_size=0.2, random_state=42, stratify=[r["queue"] for r in rows])
    write(f"{work}/train.csv", train)
    write(f"{work}/test.csv", test)
    print(f"{len(rows)} tickets from {data}; stratified 80/20 split, seed 42: {len(train)} train, {len(test)} test")
    theirs = baseline(train, test)
    mine, seconds = ours(work, jar)
    print(f"{'system':<34}{'head':<10}{'accuracy':>9}{'macro-F1':>10}{'train s':>9}")
    for head in HEADS:
        accuracy, f1, fit = theirs[head]
        print(f"{'scikit-learn TF-IDF + LinearSVC':<34}{head:<10}{accuracy:>9.3f}{f1:>10.3f}{fit:>9.1f}")
    for head in HEADS:
        accuracy, f1 = mine[head]
        time_column = f"{seconds:>9.1f}" if head == HEADS[0] else f"{'(both)':>9}"
        print(f"{'ticket-triage train':<34}{head:<10}{accuracy:>9.3f}{f1:>10.3f}{time_column}")
    print("scikit-learn's time is vectorising and fitting each head; ticket-triage's is the whole train command for")
    print("both heads, JVM start and held-out scoring included")


if __name__ == "__main__":
    main()
