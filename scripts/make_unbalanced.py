#!/usr/bin/env python3
"""Makes unbalanced train/test CSVs from a balanced labelled split, to check the local model's class weighting.

Labels are ranked by the MD5 of their name; the label of rank r keeps a share 1 / (1 + r)^power of its rows (the
same share in train and test), chosen by the MD5 of the row's text, so the output is the same on every run.

    python3 scripts/make_unbalanced.py --train ../shared/corpora/labelled/banking77/train.csv \
        --test ../shared/corpora/labelled/banking77/test.csv --label category --labels 10 --power 1.3 --out /tmp/b77u
"""
import argparse
import csv
import hashlib
import os


def md5(text):
    return int(hashlib.md5(text.encode("utf-8")).hexdigest()[:12], 16) / float(1 << 48)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--label", default="category")
    parser.add_argument("--labels", type=int, default=0, help="keep only this many labels (0: all)")
    parser.add_argument("--power", type=float, default=1.0)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    with open(args.train, newline="", encoding="utf-8") as f:
        names = sorted({r[args.label] for r in csv.DictReader(f)}, key=md5)
    if args.labels:
        names = names[: args.labels]
    share = {name: 1.0 / (1 + rank) ** args.power for rank, name in enumerate(names)}
    for path, out in ((args.train, "train.csv"), (args.test, "test.csv")):
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            rows = [r for r in reader if r[args.label] in share and md5("row:" + str(sorted(r.items()))) < share[r[args.label]]]
            fields = reader.fieldnames
        with open(os.path.join(args.out, out), "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
        print(f"{out}: {len(rows)} rows")


if __name__ == "__main__":
    main()
