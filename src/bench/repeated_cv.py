"""Repeated stratified K-fold cross-validation of ticket-triage's `train`, side by side with two scikit-learn peers.

For each dataset, each seed and each fold, in one run and one after the other (so that no run slows another):
  * ticket-triage: `java -jar JAR train --data train.csv --held-out-data test.csv --target-accuracy T ...` once per
    target and per variant (a named set of extra `train` options); its report.json gives accuracy, macro-F1 (from
    the confusion matrix) and what the per-class thresholds, chosen on the training tickets, wrote on the test fold;
  * scikit-learn TF-IDF (word 1-2 + char_wb 2-5, sublinear) + LinearSVC: accuracy, macro-F1;
  * the same in CalibratedClassifierCV (5 folds, sigmoid), with its best single threshold chosen on the test fold
    itself (the oracle): the most it routes at a precision of at least the target.
Each seed's folds are pooled first (every ticket is scored once per seed), then the figures are spread over the
seeds: mean ± sample standard deviation. Differences between systems are paired by seed.

The folds are written to a temporary folder, outside the project, that the caller deletes; the data is only read.
Run through repeated-cv.sh, which checks the tools this needs; `repeated-cv.sh --help` lists the options.
"""
import argparse
import csv
import datetime
import gzip
import json
import os
import random
import re
import shlex
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

PYTHON = "/usr/bin/python3"
HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.dirname(os.path.dirname(HERE))
PEER = os.path.join(HERE, "scikit_learn_peer.py")
DEFAULT_DATA = "../shared/data/customer-support-tickets/dataset-tickets-multi-lang3-4k.csv.gz"
DEFAULT_HEADS = ("queue", "priority")
DATASET_OPTIONS = ("--subject-column", "--body-column", "--label")
# What the bench itself sets on every `train`: a variant that set it too would not be measured on the same split.
RESERVED = ("--data", "--held-out-data", "--out", "--target-accuracy", "--label", "--subject-column",
            "--body-column", "--seed", "--holdout", "--promote-to", "--compare-with", "--from-helpdesk",
            "--skip-unlabelled")
LINEARSVC = "scikit-learn TF-IDF + LinearSVC"
CALIBRATED = "scikit-learn CalibratedClassifierCV"


class UsageError(Exception):
    pass


# ---------------------------------------------------------------------------------------------------- arguments

class Dataset:
    def __init__(self, path, shown=None):
        self.path = path
        self.shown = shown or path  # as the output names it
        self.name = os.path.basename(path)
        self.subject = "subject"
        self.body = "body"
        self.labels = {}  # head -> column

    def heads(self, wanted):
        labels = self.labels or {h: h for h in DEFAULT_HEADS}
        return {h: c for h, c in labels.items() if wanted is None or h in wanted}


def split_datasets(argv):
    """--data FILE starts a dataset; the column options after it are that dataset's. The rest is for argparse."""
    datasets, rest = [], []
    i = 0
    while i < len(argv):
        arg = argv[i]
        name, _, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name == "--data" or name in DATASET_OPTIONS:
            if inline:
                value = inline
            elif i + 1 < len(argv):
                i += 1
                value = argv[i]
            else:
                raise UsageError(f"{name} needs a value")
            if name == "--data":
                datasets.append(Dataset(value))
            elif not datasets:
                raise UsageError(f"{name} {value}: give it after the --data FILE it describes")
            elif name == "--subject-column":
                datasets[-1].subject = value
            elif name == "--body-column":
                datasets[-1].body = value
            else:
                head, sep, column = value.partition("=")
                if not sep or not head or not column:
                    raise UsageError(f"--label {value}: expected HEAD=COLUMN, e.g. queue=Topic_group")
                if head in ("subject", "body"):
                    raise UsageError(f"--label {value}: a head cannot be called {head}")
                datasets[-1].labels[head] = column
        else:
            rest.append(arg)
        i += 1
    return datasets or [Dataset(os.path.join(PROJECT, DEFAULT_DATA), DEFAULT_DATA)], rest


def variant(text):
    name, sep, options = text.partition(":")
    if not sep or not re.fullmatch(r"[A-Za-z0-9_.+-]+", name):
        raise argparse.ArgumentTypeError(f"{text!r}: expected NAME:OPTIONS, e.g. base: or c1:'--cost 1'")
    words = shlex.split(options)
    for word in words:
        if word.split("=")[0] in RESERVED:
            raise argparse.ArgumentTypeError(f"variant {name}: {word} is set by the bench on every run")
    return name, words


def targets(text):
    values = []
    for part in text.split(","):
        try:
            value = float(part)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{part!r} is not a number")
        if not 0 < value <= 1:
            raise argparse.ArgumentTypeError(f"target {part} is not in (0, 1]")
        values.append(value)
    return values


def positive(text):
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return int(text)


def parse(argv):
    datasets, rest = split_datasets(argv)
    parser = argparse.ArgumentParser(
        prog="src/bench/repeated-cv.sh",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Repeated stratified K-fold cross-validation of ticket-triage's train against scikit-learn, "
                    "side by side in one run, with each process's wall time and peak RSS.",
        epilog=f"""datasets (repeat --data for several; the column options describe the --data before them):
  --data FILE                 labelled tickets, .csv or .jsonl, optionally .gz (default: {DEFAULT_DATA})
  --subject-column COLUMN     the subject (default: subject; a file without it has none)
  --body-column COLUMN        the body (default: body)
  --label HEAD=COLUMN         a head and its labels; repeat per head (default: queue=queue priority=priority)

examples:
  src/bench/repeated-cv.sh --seeds 2 --folds 3
  git -C SOME_MIRROR show HEAD:all_tickets_processed_improved_v3.csv > /tmp/it.csv
  src/bench/repeated-cv.sh --data /tmp/it.csv --body-column Document --label queue=Topic_group
  src/bench/repeated-cv.sh --variant default: --variant c1:'--cost 1' --heads queue
  src/bench/repeated-cv.sh --scale 40000 --data /tmp/it.csv --body-column Document --label queue=Topic_group""")
    parser.add_argument("--seeds", type=positive, default=5, help="repetitions, seeds 1..N (default: 5)")
    parser.add_argument("--folds", type=positive, default=5, help="K of the stratified K-fold (default: 5)")
    parser.add_argument("--targets", type=targets, default=[0.95, 0.90],
                        help="target precisions, comma-separated (default: 0.95,0.90)")
    parser.add_argument("--heads", help="only these heads, comma-separated (default: every head of each dataset)")
    parser.add_argument("--variant", type=variant, action="append", metavar="NAME:OPTIONS",
                        help="extra train options to judge, named; repeat to compare several in one run, the first "
                             "being the reference (default: default:, train as it is)")
    parser.add_argument("--jobs", type=positive, default=1,
                        help="processes at once (default: 1; more skews the time and memory figures)")
    parser.add_argument("--jar", default=os.path.join(PROJECT, "target", "ticket-triage.jar"),
                        help="the application jar (default: this worktree's target/ticket-triage.jar)")
    parser.add_argument("--scale", type=positive, metavar="N",
                        help="instead of cross-validating, grow each dataset to N tickets (copies with words dropped "
                             "and swapped) and measure only time and peak RSS on one 80/20 split")
    parser.add_argument("--json", metavar="FILE", help="also write every fold's raw figures here")
    parser.add_argument("--work", required=True, help=argparse.SUPPRESS)
    options = parser.parse_args(rest)
    if options.folds < 2 and not options.scale:
        parser.error("--folds must be at least 2")
    options.variants = options.variant or [("default", [])]
    names = [name for name, _ in options.variants]
    if len(set(names)) != len(names):
        parser.error(f"variant names must differ: {names}")
    options.wanted = set(options.heads.split(",")) if options.heads else None
    options.datasets = datasets
    return options


# --------------------------------------------------------------------------------------------------------- data

def read(dataset, wanted):
    """The tickets with every wanted label, as {subject, body, head...}, and how many rows lacked one."""
    heads = dataset.heads(wanted)
    if not heads:
        raise UsageError(f"{dataset.path}: none of the heads {sorted(wanted)} is labelled "
                         f"(its heads: {sorted(dataset.heads(None))})")
    if not os.path.isfile(dataset.path):
        raise UsageError(f"{dataset.path}: no such file")
    opener = gzip.open if dataset.path.endswith(".gz") else open
    with opener(dataset.path, "rt", encoding="utf-8", newline="") as f:
        if ".jsonl" in dataset.path:
            records = [json.loads(line) for line in f if line.strip()]
            columns = set().union(*(r.keys() for r in records)) if records else set()
        else:
            csv.field_size_limit(sys.maxsize)
            reader = csv.DictReader(f)
            records = list(reader)
            columns = set(reader.fieldnames or ())
    needed = [dataset.body, *heads.values()]
    missing = [c for c in needed if c not in columns]
    if missing:
        raise UsageError(f"{dataset.path}: no column {', '.join(missing)} (columns: {', '.join(sorted(columns))})")
    rows, skipped = [], 0
    for record in records:
        row = {"subject": str(record.get(dataset.subject) or ""), "body": str(record.get(dataset.body) or "")}
        row.update({h: str(record.get(c) or "").strip() for h, c in heads.items()})
        if all(row[h] for h in heads):
            rows.append(row)
        else:
            skipped += 1
    if not rows:
        raise UsageError(f"{dataset.path}: no row has every label {list(heads.values())}")
    return rows, list(heads), skipped, dataset.subject in columns


def write(path, rows, heads):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["subject", "body", *heads], extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def perturbed(rows, size, seed):
    """`size` tickets: the originals, then copies in which each word is dropped with probability 0.15 and each
    neighbouring pair swapped with probability 0.1 (seeded per ticket), so that no two copies are the same text."""
    out = []
    for i in range(size):
        source = rows[i % len(rows)]
        if i < len(rows):
            out.append(source)
            continue
        rng = random.Random(f"{seed}/{i}")
        copy = dict(source)
        for field in ("subject", "body"):
            words = source[field].split()
            kept = [w for w in words if rng.random() >= 0.15] or words[:1]
            for j in range(len(kept) - 1):
                if rng.random() < 0.1:
                    kept[j], kept[j + 1] = kept[j + 1], kept[j]
            copy[field] = " ".join(kept)
        out.append(copy)
    return out


# -------------------------------------------------------------------------------------------------------- runs

def timed(command, stats):
    """Runs a command under /usr/bin/time -v: its wall and CPU (user + system) seconds and peak RSS in MB. CPU time is
    what stays put when other work shares the cores; wall time is what a user waits. Stops the bench if it fails."""
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-v", "-o", stats, *command], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        tail = "\n".join(result.stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"exit code {result.returncode} from {shlex.join(command)}\n{tail}")
    with open(stats, encoding="utf-8") as f:
        stats = f.read()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", stats).group(1))
    cpu = sum(float(re.search(rf"{kind} time \(seconds\): ([\d.]+)", stats).group(1)) for kind in ("User", "System"))
    return {"seconds": seconds, "cpuSeconds": cpu, "rssMb": rss / 1024}


def precision_field(node, word):
    """The node's precision figure named with this word ("expectedPrecision", "guaranteed", ...), or None: a
    confidence level or a count named with the same word is not one."""
    for key, value in node.items():
        name = key.lower()
        if word in name and ("precision" in name or name.startswith(word) and len(name) <= len(word) + 2) \
                and isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
    return None


def promised(head, word):
    """What the report promises for the per-class thresholds ("expected" or "guaranteed" precision), if it says:
    the head's own figure, else the classes' weighted by what each wrote on the test fold; None when absent."""
    own = precision_field(head["recommended"], word)
    if own is not None:
        return own
    weighted, written = 0.0, 0
    for row in head["classes"]:
        value = precision_field(row, word)
        if value is not None and row.get("written"):
            weighted += value * row["written"]
            written += row["written"]
    return weighted / written if written else None


def pairs(labels, confusion):
    return [[labels[t], labels[p], n] for t, row in enumerate(confusion) for p, n in enumerate(row) if n]


def run_ours(jar, work, heads, name, extra, target, seed):
    out = os.path.join(work, f"model-{name}-{target}")
    command = ["java", "-jar", jar, "train", "--data", os.path.join(work, "train.csv"), "--held-out-data",
               os.path.join(work, "test.csv"), "--out", out, "--target-accuracy", str(target), "--seed", str(seed),
               *[f"--label={h}={h}" for h in heads], *extra]
    process = timed(command, os.path.join(work, f"time-{name}-{target}.txt"))
    with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
        report = {h["head"]: h for h in json.load(f)["heads"]}
    with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
        searched = json.load(f).get("settingsSearch") or []
    process["chosen"] = {s["head"]: {**s["chosen"], "budgetRanOut": s.get("budgetRanOut")} for s in searched}
    return process, report


def oracle(scored, target):
    """The one threshold, chosen on these very tickets, that writes the most of them at a precision >= target:
    (written, right). Tickets of equal confidence go in together."""
    ordered = sorted(scored, key=lambda s: -s[0])
    best = (0, 0)
    right = 0
    for i, (confidence, correct) in enumerate(ordered):
        right += correct
        tied = i + 1 < len(ordered) and ordered[i + 1][0] == confidence
        if not tied and right / (i + 1) >= target:
            best = (i + 1, right)
    return best


def run_peer(model, work, heads, seed):
    out = os.path.join(work, f"{model}.json")
    process = timed([PYTHON, PEER, model, os.path.join(work, "train.csv"), os.path.join(work, "test.csv"), out,
                     ",".join(heads), str(seed)], os.path.join(work, f"time-{model}.txt"))
    with open(out, encoding="utf-8") as f:
        predictions = json.load(f)
    return process, predictions


def fold(options, dataset, heads, seed, index, train, test, work, log):
    """Every system on one fold: its raw figures."""
    os.makedirs(work)
    write(os.path.join(work, "train.csv"), train, heads)
    write(os.path.join(work, "test.csv"), test, heads)
    record = {"dataset": dataset.name, "seed": seed, "fold": index, "tickets": len(test), "systems": {}}
    for name, extra in options.variants:
        system = {"processes": [], "heads": {}}
        for target in options.targets:
            process, report = run_ours(options.jar, work, heads, name, extra, target, seed)
            system["processes"].append(process)
            for head in heads:
                h = report[head]
                figures = system["heads"].setdefault(head, {"pairs": pairs(h["labels"], h["confusion"]),
                                                            "targets": {}})
                single = h.get("singleThreshold")
                below_guarantee = None
                guaranteed = promised(h, "guarantee")
                written, right = h["recommended"]["written"], h["recommended"]["right"]
                if guaranteed is not None and written:
                    below_guarantee = right / written < guaranteed
                figures["targets"][str(target)] = {
                    "written": written, "right": right,
                    "oracleWritten": round(single["coverage"] * h["tickets"]) if single else 0,
                    "oracleRight": round(single["coverage"] * h["tickets"] * single["accuracy"]) if single else 0,
                    "expected": promised(h, "expected"), "guaranteed": guaranteed,
                    "belowGuarantee": below_guarantee}
        record["systems"][f"ticket-triage {name}"] = system
    for model, title in (("linearsvc", LINEARSVC), ("calibrated", CALIBRATED)):
        process, predictions = run_peer(model, work, heads, seed)
        system = {"processes": [process], "heads": {}}
        for head in heads:
            guesses = predictions[head]
            truth = [r[head] for r in test]
            counted = Counter((t, g["label"]) for t, g in zip(truth, guesses))
            figures = {"pairs": [[t, p, n] for (t, p), n in counted.items()], "targets": {}}
            if model == "calibrated":
                scored = [(g["confidence"], g["label"] == t) for g, t in zip(guesses, truth)]
                for target in options.targets:
                    written, right = oracle(scored, target)
                    figures["targets"][str(target)] = {"oracleWritten": written, "oracleRight": right}
            system["heads"][head] = figures
        record["systems"][title] = system
    log(f"{dataset.name}: seed {seed}, fold {index + 1}/{options.folds} done")
    return record


# ----------------------------------------------------------------------------------------------------- figures

def accuracy_and_macro_f1(counted):
    """From pooled (true, predicted) counts; macro-F1 over every label that is true or predicted, as scikit-learn."""
    total = sum(counted.values())
    right = sum(n for (t, p), n in counted.items() if t == p)
    labels = {t for t, _ in counted} | {p for _, p in counted}
    f1s = []
    for label in labels:
        tp = counted.get((label, label), 0)
        predicted = sum(n for (_, p), n in counted.items() if p == label)
        actual = sum(n for (t, _), n in counted.items() if t == label)
        f1s.append(2 * tp / (predicted + actual) if predicted + actual else 0.0)
    return right / total, sum(f1s) / len(f1s)


def per_seed(records, system, head, targets):
    """Each seed's folds pooled: {seed: {accuracy, macroF1, (target, figure): value}}."""
    seeds = {}
    for seed in sorted({r["seed"] for r in records}):
        folds = [r for r in records if r["seed"] == seed]
        counted = Counter()
        for r in folds:
            for t, p, n in r["systems"][system]["heads"][head]["pairs"]:
                counted[(t, p)] += n
        tickets = sum(r["tickets"] for r in folds)
        accuracy, macro_f1 = accuracy_and_macro_f1(counted)
        figures = {"accuracy": accuracy, "macroF1": macro_f1}
        for target in targets:
            cells = [r["systems"][system]["heads"][head]["targets"].get(str(target)) for r in folds]
            cells = [c for c in cells if c]
            if not cells:
                continue
            for kind, written_key, right_key in (("", "written", "right"), ("oracle", "oracleWritten", "oracleRight")):
                if written_key not in cells[0]:
                    continue
                written = sum(c[written_key] for c in cells)
                right = sum(c[right_key] for c in cells)
                figures[(target, kind + "coverage")] = written / tickets
                figures[(target, kind + "precision")] = right / written if written else None
            for word in ("expected", "guaranteed"):
                values = [c[word] for c in cells if c.get(word) is not None]
                if values:
                    figures[(target, word)] = sum(values) / len(values)
        seeds[seed] = figures
    return seeds


def spread(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return statistics.mean(values), statistics.stdev(values) if len(values) > 1 else None


def show(values, scale=1.0, digits=3, unit=""):
    s = spread(values)
    if s is None:
        return "–"
    mean, sd = s
    if not round(mean * scale, digits):
        mean = 0.0  # not "-0.000"
    return f"{mean * scale:.{digits}f} ± {sd * scale:.{digits}f}{unit}" if sd is not None \
        else f"{mean * scale:.{digits}f}{unit}"


def table(rows, header):
    """The first column left-aligned and indented under its header, the others right-aligned, each as wide as it needs."""
    first = max(len(header[0]), *(2 + len(r[0]) for r in rows))
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) + 3 for i in range(1, len(header))]
    lines = [f"{header[0]:<{first}}" + "".join(f"{h:>{w}}" for h, w in zip(header[1:], widths))]
    lines += [f"  {r[0]:<{first - 2}}" + "".join(f"{c:>{w}}" for c, w in zip(r[1:], widths)) for r in rows]
    return "\n".join(line.rstrip() for line in lines)


def folds_below(records, system, head, target):
    below = nothing = 0
    for r in records:
        cell = r["systems"][system]["heads"][head]["targets"][str(target)]
        if not cell["written"]:
            nothing += 1
        elif cell["right"] / cell["written"] < target:
            below += 1
    text = f"{below}/{len(records)}"
    return text + (f" ({nothing} wrote none)" if nothing else "")


def guarantee_misses(records, system, head, target):
    cells = [r["systems"][system]["heads"][head]["targets"][str(target)]["belowGuarantee"] for r in records]
    cells = [c for c in cells if c is not None]
    return f"{sum(cells)}/{len(cells)}" if cells else "–"


def report_cv(options, dataset, heads, records):
    ours = [f"ticket-triage {name}" for name, _ in options.variants]
    systems = [*ours, LINEARSVC, CALIBRATED]
    out = []
    for head in heads:
        seeds = {s: per_seed(records, s, head, options.targets) for s in systems}

        def column(system, key):
            return [figures.get(key) for figures in seeds[system].values()]

        out.append(table([[s, show(column(s, "accuracy")), show(column(s, "macroF1"))] for s in systems],
                         [head, "accuracy", "macro-F1"]))
        for target in options.targets:
            rows = []
            for system in ours:
                rows.append([f"{system}: per-class thresholds", show(column(system, (target, "precision"))),
                             show(column(system, (target, "coverage")), 100, 1, " %"),
                             folds_below(records, system, head, target),
                             show(column(system, (target, "expected"))), show(column(system, (target, "guaranteed"))),
                             guarantee_misses(records, system, head, target)])
                rows.append([f"{system}: one threshold, oracle*", show(column(system, (target, "oracleprecision"))),
                             show(column(system, (target, "oraclecoverage")), 100, 1, " %"), "", "", "", ""])
            rows.append([f"{CALIBRATED}: one threshold, oracle",
                         show(column(CALIBRATED, (target, "oracleprecision"))),
                         show(column(CALIBRATED, (target, "oraclecoverage")), 100, 1, " %"), "", "", "", ""])
            out.append(table(rows, [f"{head} at a target precision of {target:g}", "precision", "coverage",
                                    "folds below target", "expected", "guaranteed", "below guarantee"]))

        def paired(a, b, key, a_key=None, scale=1.0, digits=3):
            """Per seed, a's figure minus b's (b's under key, a's under a_key if given), spread over the seeds."""
            return show([seeds[a][s].get(a_key or key) - seeds[b][s].get(key)
                         if seeds[a][s].get(a_key or key) is not None and seeds[b][s].get(key) is not None else None
                         for s in seeds[a]], scale, digits)

        header = [f"{head}: paired differences", "accuracy", "macro-F1"]
        for target in options.targets:
            header += [f"precision@{target:g}", f"coverage@{target:g} pts"]
        diffs = []
        for i, system in enumerate(ours):
            blank = ["", ""] * len(options.targets)
            diffs.append([f"{system} − LinearSVC", paired(system, LINEARSVC, "accuracy"),
                          paired(system, LINEARSVC, "macroF1"), *blank])
            diffs.append([f"{system} − calibrated oracle", "", ""]
                         + [cell for t in options.targets for cell in
                            ("", paired(system, CALIBRATED, (t, "oraclecoverage"), (t, "coverage"), 100, 1))])
            if i:
                diffs.append([f"{system} − {ours[0]}", paired(system, ours[0], "accuracy"),
                              paired(system, ours[0], "macroF1")]
                             + [cell for t in options.targets for cell in
                                (paired(system, ours[0], (t, "precision")),
                                 paired(system, ours[0], (t, "coverage"), scale=100, digits=1))])
        out.append(table(diffs, header))
    out.append(chosen_settings(records, ours, heads))
    out.append(processes(records, systems))
    return "\n\n".join(out)


def chosen_settings(records, systems, heads):
    """What train's settings search chose, per variant and head, over its runs: how often balanced class weights (and
    NB-weighted features, where the jar has them), which C, and how often the search budget ran out before its walks
    ended (then a loaded machine, not the data, decided)."""
    rows = []
    weighting = any("naiveBayes" in c for r in records for s in systems for p in r["systems"][s]["processes"]
                    for c in p.get("chosen", {}).values())
    for system in systems:
        for head in heads:
            chosen = [p["chosen"][head] for r in records for p in r["systems"][system]["processes"]
                      if head in p.get("chosen", {})]
            if not chosen:
                continue
            costs = Counter(c["cost"] for c in chosen)
            rows.append([f"{system}: {head}", str(len(chosen))]
                        + ([f"{sum(bool(c.get('naiveBayes')) for c in chosen)}/{len(chosen)}"] if weighting else [])
                        + [f"{sum(bool(c.get('balanced')) for c in chosen)}/{len(chosen)}",
                           " ".join(f"{c:g}×{n}" for c, n in sorted(costs.items())),
                           f"{sum(bool(c.get('budgetRanOut')) for c in chosen)}/{len(chosen)}"])
    if not rows:
        return "(no settings searched)"
    return table(rows, ["settings chosen by train's search", "runs", *(["NB-weighted"] if weighting else []),
                        "balanced", "C × runs", "budget ran out"])


def processes(records, systems):
    rows = []
    for system in systems:
        runs = [p for r in records for p in r["systems"][system]["processes"]]
        rows.append([system, str(len(runs)), show([p["seconds"] for p in runs], digits=1),
                     show([p["cpuSeconds"] for p in runs], digits=1), show([p["rssMb"] for p in runs], digits=0)])
    return table(rows, ["process: mean ± sd over its runs", "runs", "wall s", "CPU s", "peak RSS MB"])


# -------------------------------------------------------------------------------------------------------- main

def cross_validate(options, dataset, rows, heads, work, log):
    from sklearn.model_selection import StratifiedKFold

    jobs = []
    strata = [r[heads[0]] for r in rows]
    for seed in range(1, options.seeds + 1):
        splitter = StratifiedKFold(n_splits=options.folds, shuffle=True, random_state=seed)
        for index, (train, test) in enumerate(splitter.split(rows, strata)):
            jobs.append((seed, index, [rows[i] for i in train], [rows[i] for i in test]))
    with ThreadPoolExecutor(max_workers=options.jobs) as pool:
        return list(pool.map(lambda j: fold(options, dataset, heads, j[0], j[1], j[2], j[3],
                                            os.path.join(work, f"seed{j[0]}-fold{j[1]}"), log), jobs))


def scale(options, dataset, rows, heads, work, log):
    from sklearn.model_selection import train_test_split

    grown = perturbed(rows, options.scale, seed=1)
    train, test = train_test_split(grown, test_size=0.2, random_state=1, stratify=[r[heads[0]] for r in grown])
    os.makedirs(work)
    write(os.path.join(work, "train.csv"), train, heads)
    write(os.path.join(work, "test.csv"), test, heads)
    runs = []
    target = options.targets[0]
    for name, extra in options.variants:
        runs.append((f"ticket-triage {name} (train, --target-accuracy {target:g})",
                     run_ours(options.jar, work, heads, name, extra, target, 1)[0]))
        log(f"{dataset.name} scaled: ticket-triage {name} done")
    for model, title in (("linearsvc", LINEARSVC), ("calibrated", CALIBRATED)):
        runs.append((title, run_peer(model, work, heads, 1)[0]))
        log(f"{dataset.name} scaled: {title} done")
    lines = [f"{len(grown)} tickets grown from {len(rows)}: the originals, then copies with each word dropped with "
             f"probability 0.15 and neighbours swapped with probability 0.1 (seed 1); one stratified 80/20 split: "
             f"{len(train)} train, {len(test)} test.",
             "Time and memory only: copies of one ticket fall on both sides of the split, so no quality figure is "
             "shown.", "",
             table([[t, f"{p['seconds']:.1f}", f"{p['cpuSeconds']:.1f}", f"{p['rssMb']:.0f}"] for t, p in runs],
                   ["process (one run each)", "wall s", "CPU s", "peak RSS MB"])]
    return "\n".join(lines), [{"dataset": dataset.name, "scaled": len(grown), "system": t, **p} for t, p in runs]


def provenance(options):
    def git(*args):
        return subprocess.run(["git", "-C", PROJECT, *args], capture_output=True, text=True).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = " with uncommitted changes" if git("status", "--porcelain", "--untracked-files=no") else ""
    built = datetime.datetime.fromtimestamp(os.path.getmtime(options.jar)).strftime("%Y-%m-%d %H:%M")
    jar = os.path.relpath(options.jar, PROJECT)
    jar = options.jar if jar.startswith("..") else jar
    import sklearn
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    return (f"measured {datetime.date.today().isoformat()} on {os.cpu_count()} cores (load average {load} at the "
            f"start); {jar} built {built}, "
            f"worktree at {commit}{dirty}; {java}; scikit-learn {sklearn.__version__}; "
            f"{options.jobs} process{'es' if options.jobs > 1 else ''} at a time")


def main(argv):
    try:
        options = parse(argv)
        loaded = []
        for dataset in options.datasets:
            rows, heads, skipped, has_subject = read(dataset, options.wanted)
            loaded.append((dataset, rows, heads, skipped, has_subject))
    except UsageError as e:
        sys.exit(f"repeated-cv: {e}")
    if not os.path.isfile(options.jar):
        sys.exit(f"repeated-cv: no jar at {options.jar} (build it with mvn -o -B -q package -DskipTests)")
    lock = threading.Lock()

    def log(message):
        with lock:
            print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    print(provenance(options))
    if options.jobs > 1:
        print(f"WARNING: {options.jobs} processes ran at once on {os.cpu_count()} cores: wall times and memory are "
              f"not comparable with a run of one at a time")
    for name, extra in options.variants:
        print(f"variant {name}: train {shlex.join(extra) if extra else '(its defaults)'}")
    raw = []
    for number, (dataset, rows, heads, skipped, has_subject) in enumerate(loaded):
        # Numbered: two datasets may have the same file name.
        work = os.path.join(options.work, f"{number}-{re.sub(r'[^A-Za-z0-9_.-]', '_', dataset.name)}")
        labels = ", ".join(f"{h}={c} ({len({r[h] for r in rows})} classes)" for h, c in dataset.heads(
            options.wanted).items())
        print(f"\n== {dataset.shown}: {len(rows)} tickets ({skipped} row{'' if skipped == 1 else 's'} without every label left out); "
              f"subject {dataset.subject if has_subject else '(none)'}, body {dataset.body}; heads {labels}")
        try:
            if options.scale:
                text, records = scale(options, dataset, rows, heads, work, log)
            else:
                print(f"{options.seeds} seeds × stratified {options.folds}-fold cross-validation (stratified by "
                      f"{heads[0]}); each seed's folds pooled, then mean ± sd over the seeds")
                records = cross_validate(options, dataset, rows, heads, work, log)
                text = report_cv(options, dataset, heads, records)
        except RuntimeError as e:
            sys.exit(f"repeated-cv: {e}")
        print()
        print(text, flush=True)
        raw += records
    if not options.scale:
        print("""
precision, coverage: what the per-class thresholds (chosen by train on its training tickets) wrote on the test
  folds: right / written, and written / tickets. folds below target: folds whose precision fell below the target.
expected, guaranteed: the precision train promises for its thresholds, if its report.json says (weighted by what
  each class wrote); below guarantee: folds whose delivered precision fell below the guaranteed one.
oracle: the single confidence threshold chosen on the test fold itself that writes the most at a precision of at
  least the target: the most favourable choice a one-threshold system can have, unreachable in production.
  * ticket-triage's is its report's singleThreshold, on a grid of 0.01; the calibrated peer's is exact.
paired differences: per seed, then mean ± sd over the seeds.""")
    print(f"load average at the end: {', '.join(f'{v:.1f}' for v in os.getloadavg())} (1, 5, 15 min; above "
          f"{os.cpu_count()} other work shared the cores and the wall times are long)")
    if options.json:
        with open(options.json, "w", encoding="utf-8") as f:
            json.dump(raw, f, indent=1, default=str)


if __name__ == "__main__":
    main(sys.argv[1:])
