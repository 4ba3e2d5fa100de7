"""One scikit-learn peer, run as its own process so that its time and peak memory are measured like train's.

Features: TF-IDF word 1-2-grams + char_wb 2-5-grams, sublinear tf, fitted on the training tickets' subject + body.
Models, per head:
  linearsvc   LinearSVC (the plain baseline);
  calibrated  CalibratedClassifierCV(LinearSVC) with its defaults: 5 folds, sigmoid.
Writes each test ticket's predicted label per head, and for the calibrated model the calibrated probability of that
label, as JSON: {head: [{"label": ..., "confidence": ...}, ...]}.

Usage: scikit_learn_peer.py linearsvc|calibrated train.csv test.csv predictions.json HEAD[,HEAD...] SEED
The CSV files have the columns subject, body and one per head, as repeated_cv.py writes them.
"""
import csv
import json
import sys
import warnings

from sklearn.calibration import CalibratedClassifierCV
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_union
from sklearn.svm import LinearSVC

MODELS = ("linearsvc", "calibrated")


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def text(row):
    return row["subject"] + " " + row["body"]


def main():
    if len(sys.argv) != 7 or sys.argv[1] not in MODELS:
        sys.exit(__doc__)
    model_name, train_path, test_path, out, heads, seed = sys.argv[1:7]
    # LinearSVC's liblinear stops at 1,000 iterations on some folds; that is the peer as users run it, so no warning.
    warnings.simplefilter("ignore", ConvergenceWarning)
    train, test = read(train_path), read(test_path)
    features = make_union(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                          TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True))
    x_train = features.fit_transform([text(r) for r in train])
    x_test = features.transform([text(r) for r in test])
    predictions = {}
    for head in heads.split(","):
        # The seed fixes liblinear's order of coordinates, so that a run can be repeated exactly.
        svc = LinearSVC(random_state=int(seed))
        if model_name == "linearsvc":
            labels = svc.fit(x_train, [r[head] for r in train]).predict(x_test)
            predictions[head] = [{"label": str(label)} for label in labels]
        else:
            model = CalibratedClassifierCV(svc).fit(x_train, [r[head] for r in train])
            probabilities = model.predict_proba(x_test)
            best = probabilities.argmax(axis=1)
            predictions[head] = [{"label": str(model.classes_[b]), "confidence": float(p[b])}
                                 for b, p in zip(best, probabilities)]
    with open(out, "w", encoding="utf-8") as f:
        json.dump(predictions, f)


if __name__ == "__main__":
    main()
