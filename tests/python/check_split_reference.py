"""Checks `postil split` against an independent Python implementation of the documented
algorithm (src/core/dataset/split.h): splitmix64, Fisher-Yates with rejection sampling, strata
in key order each shuffled with seed ^ fnv1a64(key), strata order shuffled with the seed, then
documents dealt to the split with the largest credit (integer weights, ratio * 1e6).
Same answer here as in C++ means the split depends on nothing but the project, the ratios and
the seed: not on the C++ standard library, the platform or the document display order.

Usage: check_split_reference.py --postil BIN --work DIR
"""
import argparse
import json
import os
import random
import subprocess
import sys

M = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & M

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & M
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        return z ^ (z >> 31)

    def below(self, n):
        if n <= 1:
            return 0
        limit = M - M % n
        while True:
            x = self.next()
            if x < limit:
                return x % n


def fnv1a64(s):
    h = 0xCBF29CE484222325
    for c in s.encode("utf-8"):
        h = ((h ^ c) * 0x100000001B3) & M
    return h


def shuffle(v, rng):
    for i in range(len(v), 1, -1):
        j = rng.below(i)
        v[i - 1], v[j] = v[j], v[i - 1]


def reference_split(project, seed, ratios):
    parts = {}
    for s in project["document_stances"]:
        parts.setdefault(s["doc"], set()).add(s["target"] + "=" + s["polarity"])
    strata = {}
    for d in project["documents"]:
        key = "+".join(sorted(parts[d["id"]])) if d["id"] in parts else "(none)"
        strata.setdefault(key, []).append(d["id"])
    order = sorted(strata.items())
    for key, ids in order:
        ids.sort()
        shuffle(ids, SplitMix64(seed ^ fnv1a64(key)))
    shuffle(order, SplitMix64(seed))
    w = [int(r * 1e6 + 0.5) for r in ratios]  # llround: half away from zero
    credit, assigned = [0, 0, 0], {}
    for _, ids in order:
        for doc in ids:
            for k in range(3):
                credit[k] += w[k]
            best = 0
            for k in (1, 2):
                if credit[k] > credit[best]:
                    best = k
            credit[best] -= sum(w)
            assigned[doc] = best
    return [sorted(d for d, k in assigned.items() if k == part) for part in range(3)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--postil", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    # 60 documents in shuffled display order, 5 stance strata of uneven sizes (one with 2
    # targets), some documents without any document stance.
    rnd = random.Random(5)
    docs, ds = [], []
    for i in range(60):
        doc = "doc-%02d" % i
        docs.append({"id": doc, "name": doc + ".txt", "text": "Texte numéro %d 🔴 sur la Chine." % i})
        k = i % 7
        if k < 3:
            ds.append({"id": "ds%d" % i, "doc": doc, "target": "us-export-controls", "polarity": "FAVOR", "annotator": "a"})
        elif k < 5:
            ds.append({"id": "ds%d" % i, "doc": doc, "target": "us-export-controls", "polarity": "AGAINST", "annotator": "a"})
        elif k == 5:
            ds.append({"id": "ds%d" % i, "doc": doc, "target": "ai-safety-regulation", "polarity": "NEUTRAL", "annotator": "a"})
            ds.append({"id": "dt%d" % i, "doc": doc, "target": "us-export-controls", "polarity": "FAVOR", "annotator": "b"})
    rnd.shuffle(docs)
    project = {"format": "postil-project", "format_version": 1, "name": "split reference", "documents": docs,
               "mentions": [], "entities": [], "stances": [], "document_stances": ds}
    path = os.path.join(a.work, "split-ref.postil.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(project, f, ensure_ascii=False)
    failures = 0
    for seed, ratios in ((0, (0.8, 0.1, 0.1)), (42, (0.7, 0.15, 0.15)), (2**64 - 1, (0.5, 0.25, 0.25)), (123456789, (0.6, 0.4, 0.0))):
        out = os.path.join(a.work, "split-%d" % seed)
        r = subprocess.run([a.postil, "split", path, "--seed", str(seed), "--train", str(ratios[0]), "--dev", str(ratios[1]),
                            "--test", str(ratios[2]), "-o", out], capture_output=True, text=True)
        if r.returncode != 0:
            print("FAIL: postil split exited %d: %s" % (r.returncode, r.stderr))
            failures += 1
            continue
        got = []
        for part in ("train", "dev", "test"):
            with open(os.path.join(out, part + ".postil.json"), encoding="utf-8") as f:
                got.append(sorted(d["id"] for d in json.load(f)["documents"]))
        want = reference_split(project, seed, ratios)
        if got != want:
            print("FAIL: seed %d ratios %s: postil %s, reference %s" % (seed, ratios, [len(x) for x in got], [len(x) for x in want]))
            failures += 1
        else:
            print("ok: seed %d ratios %s -> %d/%d/%d" % (seed, ratios, len(got[0]), len(got[1]), len(got[2])))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
