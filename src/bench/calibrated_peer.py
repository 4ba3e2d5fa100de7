"""The calibrated scikit-learn peer, run as its own process so that its time and peak memory can be measured apart:
the baseline's TF-IDF word 1-2-grams + char_wb 2-5-grams (sublinear tf) and LinearSVC, wrapped in
CalibratedClassifierCV (its defaults: 5 folds, sigmoid), per head. Writes each test ticket's predicted label and
confidence (the calibrated probability of that label) as JSON.

Usage: calibrated_peer.py train.csv test.csv predictions.json
"""
import json
import sys

from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_union
from sklearn.svm import LinearSVC

from compare_with_scikit_learn import HEADS, read, text


def main():
    train_path, test_path, out = sys.argv[1:4]
    train, test = read(train_path), read(test_path)
    features = make_union(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                          TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True))
    x_train = features.fit_transform([text(r) for r in train])
    x_test = features.transform([text(r) for r in test])
    predictions = {}
    for head in HEADS:
        model = CalibratedClassifierCV(LinearSVC()).fit(x_train, [r[head] for r in train])
        probabilities = model.predict_proba(x_test)
        best = probabilities.argmax(axis=1)
        predictions[head] = [{"label": str(model.classes_[b]), "confidence": float(p[b])}
                             for b, p in zip(best, probabilities)]
    with open(out, "w", encoding="utf-8") as f:
        json.dump(predictions, f)


if __name__ == "__main__":
    main()
