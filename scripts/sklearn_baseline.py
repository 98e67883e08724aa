#!/usr/bin/env python3
"""The scikit-learn reference the local model is compared with (BENCHMARKS.md, docs/notes/local.md).

TF-IDF over word 1-2-grams plus char_wb 3-5-grams (sublinear tf), LogisticRegression(C=1), trained on one CSV
and scored on another (the same files `triage-bench local-corpus` reads). Prints one line: accuracy, macro-F1,
training seconds. Needs scikit-learn in a virtual environment:

    python3 -m venv /tmp/skvenv && /tmp/skvenv/bin/pip install scikit-learn
    /tmp/skvenv/bin/python scripts/sklearn_baseline.py --train ../shared/corpora/labelled/banking77/train.csv \
        --test ../shared/corpora/labelled/banking77/test.csv --text text --label category
"""
import argparse
import csv
import os
import sys
import time


def read(path, text, label):
    with open(path, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r.get(label)]
    return [r[text] for r in rows], [r[label] for r in rows]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--text", default="text")
    parser.add_argument("--label", default="category")
    parser.add_argument("--C", type=float, default=1.0)
    args = parser.parse_args()
    if not (os.path.exists(args.train) and os.path.exists(args.test)):
        print(f"SKIP: {args.train} or {args.test} is absent")
        return 0
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.pipeline import FeatureUnion, make_pipeline

    x_train, y_train = read(args.train, args.text, args.label)
    x_test, y_test = read(args.test, args.text, args.label)
    pipeline = make_pipeline(
        FeatureUnion([
            ("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
            ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)),
        ]),
        LogisticRegression(C=args.C, max_iter=2000),
    )
    start = time.perf_counter()
    pipeline.fit(x_train, y_train)
    seconds = time.perf_counter() - start
    predicted = pipeline.predict(x_test)
    print(f"{os.path.basename(args.train)}: train {len(x_train)}, test {len(x_test)}, labels {len(set(y_train))} | "
          f"accuracy {accuracy_score(y_test, predicted):.4f} macro-F1 {f1_score(y_test, predicted, average='macro'):.4f} "
          f"| train {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
