#!/usr/bin/env python3
"""model.py - would a learned model beat the hand-set classifier?

Runs declutter --features on the development pages of ../shared/bench,
labels every block by whether its words are in the page's gold text,
trains a logistic regression (plain gradient descent) or boosted stumps,
standard library only, and compares, on a dataset it was not trained on, the word-weighted
block accuracy of the classifier's own decisions with the model's.

  bench/model.py dump [--declutter build/declutter] [--shared ../shared/bench]
  bench/model.py cv                 # leave one dataset out, every variant
  bench/model.py cv --learner stumps --kinds own+ctx+decision
  bench/model.py weights            # train on every set, print the table

See bench/README.md ("Learned model") for what it found.
"""
import argparse
import collections
import gzip
import json
import math
import os
import random
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

SETS = ["scrapinghub", "cleaneval", "l3s-gn1", "trafilatura"]
RENDERINGS = ["lynx", "html2text", "gettext", "html"]
WORKDIR = "/tmp/declutter-model"
TOKEN = re.compile(r"\w+")
CLASSES = ["bad", "short", "near-good", "good"]

# ------------------------------------------------------------------ labels


def ngram_sets(tokens, upto=4):
    """Sets of the 1..upto-grams of tokens, by length."""
    sets = {}
    for n in range(1, upto + 1):
        sets[n] = set(zip(*(tokens[i:] for i in range(n))))
    return sets


def in_gold(tokens, gold, before=(), after=()):
    """Share of the block's 4-token shingles found in the gold text.  A
    block of fewer tokens is in it when a shingle it makes with the
    tokens of the block before or after it is (as the benchmark's
    shingles run across blocks); without neighbours, when its tokens
    are in it in that order.  A single common word ("Home", "Share")
    is in most gold texts: on its own that says nothing."""
    if not tokens:
        return None
    n = len(tokens)
    if n < 4:
        if not before and not after:
            return 1.0 if tuple(tokens) in gold[n] else 0.0
        grams = []
        if before:
            grams.append(tuple(list(before)[-(4 - n):] + tokens))
        if after:
            grams.append(tuple(tokens + list(after)[:4 - n]))
        return 1.0 if any(g in gold[len(g)] for g in grams) else 0.0
    grams = list(zip(*(tokens[i:] for i in range(4))))
    return sum(g in gold[4] for g in grams) / len(grams)


def repeated(tokens, seen, gold_counts):
    """A block of 4 tokens or more whose tokens an earlier block had: the
    gold has the paragraph once (its first shingle once), so the
    second copy is not text."""
    key = tuple(tokens)
    if len(tokens) < 4:
        return False
    if key not in seen:
        seen.add(key)
        return False
    return gold_counts.get(key[:4], 0) < 2


def norm_space(s):
    return " ".join(s.split())


def snippet_label(text, snippets):
    """trafilatura's pages: 1 if the block holds a `with` snippet, 0 if it
    holds a `without` one, None (unlabelled) otherwise."""
    t = norm_space(text)
    if any(norm_space(s) in t for s in snippets.get("with", []) if s.strip()):
        return 1.0
    if any(norm_space(s) in t for s in snippets.get("without", []) if s.strip()):
        return 0.0
    return None


# -------------------------------------------------------------------- dump

INT_FIELDS = ["line", "lines", "keep", "chars", "words", "stopwords",
              "letters", "digits", "punct", "code_marks", "upper_words",
              "cjk", "sentences", "terminal", "bullet", "code", "heading",
              "picture", "colon", "ordinal", "element", "kinds", "hints"]
FLOAT_FIELDS = ["stop_density", "link_density"]


def parse_features(out):
    """Rows of declutter --features output, as dicts (text kept)."""
    rows, header = [], None
    for line in out.split("\n"):
        if not line:
            continue
        cols = line.split("\t")
        if line.startswith("#line\t"):
            header = [c.lstrip("#") for c in cols]
            continue
        r = dict(zip(header, cols))
        for k in INT_FIELDS:
            r[k] = int(r[k])
        for k in FLOAT_FIELDS:
            r[k] = float(r[k])
        rows.append(r)
    return rows


def dump_page(args, s, rend, pid):
    base = os.path.join(args.shared, s, pid)
    src = base + (".html" if rend == "html" else "." + rend + ".txt")
    with open(src, "rb") as f:
        p = subprocess.run([args.declutter, "--features"], stdin=f,
                           capture_output=True, check=False)
    rows = parse_features(p.stdout.decode("utf-8", "replace"))
    if os.path.exists(base + ".gold.txt"):
        with open(base + ".gold.txt", encoding="utf-8", errors="replace") as f:
            gold_tokens = TOKEN.findall(f.read())
        gold = ngram_sets(gold_tokens)
        gold_counts = collections.Counter(
            zip(*(gold_tokens[i:] for i in range(4))))
        snippets = None
    else:
        with open(base + ".snippets.json", encoding="utf-8") as f:
            snippets = json.load(f)
    tokens = [TOKEN.findall(r["text"]) for r in rows]
    keep = [i for i, t in enumerate(tokens) if t]
    blocks, seen = [], set()
    for k, i in enumerate(keep):
        r = rows[i]
        if snippets is not None:
            score = snippet_label(r["text"], snippets)
        elif repeated(tokens[i], seen, gold_counts):
            score = 0.0
        else:
            before = tokens[keep[k - 1]] if k > 0 else ()
            after = tokens[keep[k + 1]] if k + 1 < len(keep) else ()
            score = in_gold(tokens[i], gold, before, after)
        r["tokens"] = len(tokens[i])
        r["gold"] = score
        del r["text"]
        blocks.append(r)
    return {"set": s, "rendering": rend, "id": pid, "blocks": blocks}


def cmd_dump(args):
    os.makedirs(args.workdir, exist_ok=True)
    for s in args.sets:
        d = os.path.join(args.shared, s)
        ids = sorted(f[:-5] for f in os.listdir(d) if f.endswith(".html"))
        for rend in args.renderings:
            with ThreadPoolExecutor(max_workers=args.jobs) as ex:
                docs = list(ex.map(lambda i: dump_page(args, s, rend, i), ids))
            path = os.path.join(args.workdir, f"{s}.{rend}.jsonl.gz")
            with gzip.open(path, "wt", encoding="utf-8") as f:
                for doc in docs:
                    f.write(json.dumps(doc) + "\n")
            nb = sum(len(doc["blocks"]) for doc in docs)
            print(f"{s:12s} {rend:9s} {len(docs):4d} pages {nb:7d} blocks",
                  file=sys.stderr)


def load(args):
    docs = []
    for s in args.sets:
        for rend in args.renderings:
            path = os.path.join(args.workdir, f"{s}.{rend}.jsonl.gz")
            with gzip.open(path, "rt", encoding="utf-8") as f:
                for line in f:
                    doc = json.loads(line)
                    for b in doc["blocks"]:
                        b["_rend"] = rend
                    docs.append(doc)
    return docs


# ---------------------------------------------------------------- features

KIND_NAMES = ["comment", "related", "share", "sidebar", "footer", "nav",
              "promo", "newsletter", "cookie", "caption", "byline", "meta",
              "content"]
HINT_NAMES = ["article", "hidden", "jsonld", "in_header", "in_footer",
              "in_nav", "in_aside", "link_title"]


def own_features(b):
    """What the block says about itself (struct dc_features, hints)."""
    words = max(b["words"], 1)
    chars = max(b["chars"], 1)
    v = {
        "log_words": math.log1p(b["words"]) / 5,
        "stop_density": b["stop_density"],
        "no_stopwords": float(b["stopwords"] == 0),
        "digits": b["digits"] / chars,
        "punct": b["punct"] / chars,
        "code_marks": b["code_marks"] / chars,
        "upper_words": b["upper_words"] / words,
        "sentences": min(b["sentences"], 5) / 5,
        "link_density": b["link_density"],
        "html": float(b["element"] != 0),
    }
    for k in ["terminal", "bullet", "code", "heading", "picture", "colon",
              "ordinal"]:
        v[k] = float(b[k])
    for i, k in enumerate(KIND_NAMES):
        if b["kinds"] >> i & 1:
            v["kind_" + k] = 1.0
    for i, k in enumerate(HINT_NAMES):
        if b["hints"] >> i & 1:
            v["hint_" + k] = 1.0
    v["class_" + b["class"]] = 1.0
    return v


def by_rule(b):
    return b["rule"] != "-"


def context_features(blocks, i, v):
    """What the blocks around i say: their classes (rule matches
    skipped, as the classifier's context skips them) and the words of
    good text within three blocks."""
    for d, name in [(-1, "prev"), (1, "next"), (-2, "prev2"), (2, "next2")]:
        step = 1 if d > 0 else -1
        j, seen = i, 0
        while True:
            j += step
            if j < 0 or j >= len(blocks):
                v[name + "_edge"] = 1.0
                break
            if by_rule(blocks[j]):
                continue
            seen += 1
            if seen == abs(d):
                v[name + "_" + blocks[j]["class"]] = 1.0
                break
    good = 0
    for j in range(max(0, i - 3), min(len(blocks), i + 4)):
        if j != i and blocks[j]["class"] == "good":
            good += blocks[j]["words"]
    v["good_near"] = math.log1p(good) / 6


def global_features(blocks, i, v, kept_words):
    """What needs the whole document (not in a bounded window): position,
    and the share of the classifier's kept words before the block."""
    n = len(blocks)
    v["position"] = i / max(n - 1, 1)
    total = kept_words[-1] or 1
    v["kept_before"] = kept_words[i] / total


def decision_features(b, v, reasons):
    v["keep"] = float(b["keep"])
    r = b["reason"] if b["reason"] in reasons else "other"
    v["reason_" + r] = 1.0


def vectors(docs, kind, reasons):
    """(feature dict, label, weight, row) per labelled block."""
    out = []
    for doc in docs:
        blocks = doc["blocks"]
        kept = [0]
        for b in blocks:
            kept.append(kept[-1] + (b["words"] if b["keep"] else 0))
        for i, b in enumerate(blocks):
            if b["gold"] is None:
                continue
            v = own_features(b)
            if "ctx" in kind:
                context_features(blocks, i, v)
            if "global" in kind:
                global_features(blocks, i, v, kept)
            if "decision" in kind:
                decision_features(b, v, reasons)
            # A page with snippets is scored by its snippets, not its
            # words: each labelled block counts once.
            weight = 1 if doc["set"] == "trafilatura" else b["tokens"]
            out.append((v, 1.0 if b["gold"] >= 0.5 else 0.0, weight, b,
                        doc["set"]))
    return out


# ---------------------------------------------------------------- training


def train(rows, epochs=8, rate=0.05, l2=1e-5, seed=1, cap=200):
    """Logistic regression by stochastic gradient descent, each row
    weighted by its words (capped at `cap`, so that one long block does
    not swamp the many short ones the classifier gets wrong)."""
    w = collections.defaultdict(float)
    order = list(range(len(rows)))
    rnd = random.Random(seed)
    mean_wt = sum(min(r[2], cap) for r in rows) / len(rows)
    for ep in range(epochs):
        rnd.shuffle(order)
        lr = rate / (1 + ep)
        for k in order:
            v, y, wt = rows[k][0], rows[k][1], min(rows[k][2], cap) / mean_wt
            z = w["bias"] + sum(w[f] * x for f, x in v.items())
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            g = (p - y) * wt * lr
            w["bias"] -= g
            for f, x in v.items():
                w[f] -= g * x + lr * l2 * w[f]
    return dict(w)


def train_stumps(rows, rounds=80, shrink=0.3, lam=1.0, sample=60000,
                 cap=200, seed=1):
    """A tiny tree ensemble: gradient-boosted stumps (one split each) on
    the logistic loss, each split a feature against one of a few
    quantile thresholds, on a sample of the rows.  Returns a list of
    (feature, threshold, value left, value right) and the base score."""
    rnd = random.Random(seed)
    if len(rows) > sample:
        rows = rnd.sample(rows, sample)
    names = sorted({f for r in rows for f in r[0]})
    cuts = {}
    for f in names:
        vals = sorted(r[0].get(f, 0.0) for r in rows)
        qs = sorted({vals[int(len(vals) * q / 8)] for q in range(1, 8)})
        cuts[f] = [(a + b) / 2 for a, b in zip(qs, qs[1:])] or [0.5]
        if len(set(vals)) <= 2:
            cuts[f] = [(vals[0] + vals[-1]) / 2]
    bins = {f: bytes(sum(r[0].get(f, 0.0) > c for c in cuts[f]) for r in rows)
            for f in names}
    wts = [min(r[2], cap) for r in rows]
    mean = sum(wts) / len(wts)
    wts = [x / mean for x in wts]
    ys = [r[1] for r in rows]
    pos = sum(w for w, y in zip(wts, ys) if y)
    base = math.log(pos / max(sum(wts) - pos, 1e-9))
    score = [base] * len(rows)
    trees = []
    for _ in range(rounds):
        g, h = [], []
        for sc, y, w in zip(score, ys, wts):
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, sc))))
            g.append((p - y) * w)
            h.append(p * (1 - p) * w + 1e-9)
        gt, ht = sum(g), sum(h)
        best = None
        for f in names:
            nb = len(cuts[f]) + 1
            gs, hs = [0.0] * nb, [0.0] * nb
            for b, gi, hi in zip(bins[f], g, h):
                gs[b] += gi
                hs[b] += hi
            gl = hl = 0.0
            for k in range(nb - 1):
                gl += gs[k]
                hl += hs[k]
                gain = (gl * gl / (hl + lam) + (gt - gl) ** 2 /
                        (ht - hl + lam) - gt * gt / (ht + lam))
                if best is None or gain > best[0]:
                    best = (gain, f, k, gl, hl)
        _, f, k, gl, hl = best
        left = -shrink * gl / (hl + lam)
        right = -shrink * (gt - gl) / (ht - hl + lam)
        trees.append((f, cuts[f][k], left, right))
        for i, b in enumerate(bins[f]):
            score[i] += left if b <= k else right
    return {"base": base, "trees": trees}


def stumps_prob(m, v):
    z = m["base"] + sum(left if v.get(f, 0.0) <= c else right
                        for f, c, left, right in m["trees"])
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def prob(w, v):
    if "trees" in w:
        return stumps_prob(w, v)
    z = w.get("bias", 0.0) + sum(w.get(f, 0.0) * x for f, x in v.items())
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def accuracy(rows, pred):
    num = sum(r[2] for r, p in zip(rows, pred) if p == r[1])
    return num / max(sum(r[2] for r in rows), 1)


def variants(rows, w, bands=(0.9, 0.95, 0.98)):
    """Predictions of each way of using the model, beside the
    classifier's own."""
    ps = [prob(w, r[0]) for r in rows]
    own = [float(r[3]["keep"]) for r in rows]
    out = {"classifier": own,
           "model alone": [float(p >= 0.5) for p in ps],
           "model where no rule decided": [
               o if by_rule(r[3]) else float(p >= 0.5)
               for r, o, p in zip(rows, own, ps)]}
    for band in bands:
        out[f"model overrides at p>{band:.2f}, no rule"] = [
            o if by_rule(r[3]) else
            1.0 if p >= band else 0.0 if p <= 1 - band else o
            for r, o, p in zip(rows, own, ps)]
    out["model on short/near-good, no rule"] = [
        float(p >= 0.5) if not by_rule(r[3]) and
        r[3]["class"] in ("short", "near-good") else o
        for r, o, p in zip(rows, own, ps)]
    return out


def common_reasons(docs, n=30):
    """The n reasons most blocks have: each a feature of its own (the
    others are "reason_other")."""
    return [r for r, _ in collections.Counter(
        b["reason"] for d in docs for b in d["blocks"]).most_common(n)]


def cmd_cv(args):
    docs = load(args)
    reasons = common_reasons(docs)
    for kind in args.kinds.split(","):
        rows = vectors(docs, kind, reasons)
        print(f"\n== features: {kind} ({len(rows)} labelled blocks)")
        table = collections.defaultdict(dict)
        for held in args.sets:
            tr = [r for r in rows if r[4] != held]
            te = [r for r in rows if r[4] == held]
            w = (train_stumps(tr, rounds=args.rounds, cap=args.cap)
                 if args.learner == "stumps" else
                 train(tr, epochs=args.epochs, cap=args.cap))
            for name, pred in variants(te, w, args.bands).items():
                table[name][held] = accuracy(te, pred)
                if args.by_rendering:
                    for rend in args.renderings:
                        sub = [(r, p) for r, p in zip(te, pred)
                               if r[3].get("_rend") == rend]
                        if sub:
                            table[name][held + "/" + rend] = accuracy(
                                [r for r, _ in sub], [p for _, p in sub])
        cols = list(next(iter(table.values())).keys())
        print(f"{'held-out set:':40s}" + "".join(f"{c[:12]:>13s}" for c in cols))
        for name, accs in table.items():
            print(f"{name:40s}" + "".join(f"{accs[c]:13.4f}" for c in cols))


def cmd_weights(args):
    docs = load(args)
    rows = vectors(docs, args.kinds.split(",")[0], common_reasons(docs))
    if args.learner == "stumps":
        m = train_stumps(rows, rounds=args.rounds, cap=args.cap)
        print(f"base {m['base']:+.4f}")
        for f, c, left, right in m["trees"]:
            print(f"{f:32s} <= {c:.4f} {left:+.4f} else {right:+.4f}")
        return
    w = train(rows, epochs=args.epochs, cap=args.cap)
    for f, x in sorted(w.items(), key=lambda t: -abs(t[1])):
        print(f"{f:32s} {x:+.4f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("command", choices=["dump", "cv", "weights"])
    ap.add_argument("--declutter", default="build/declutter")
    ap.add_argument("--shared", default="../shared/bench")
    ap.add_argument("--workdir", default=WORKDIR)
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--renderings", default=",".join(RENDERINGS))
    ap.add_argument("--kinds", default="own,own+ctx,own+ctx+global,"
                    "own+ctx+decision",
                    help="feature sets to compare (comma-separated)")
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("-j", "--jobs", type=int, default=2,
                    help="declutter processes at once (dump)")
    ap.add_argument("--learner", choices=["logistic", "stumps"],
                    default="logistic")
    ap.add_argument("--rounds", type=int, default=80,
                    help="boosting rounds (stumps)")
    ap.add_argument("--cap", type=float, default=200,
                    help="most words a block weighs in training")
    ap.add_argument("--bands", default="0.9,0.95,0.98",
                    help="probabilities from which the model overrides")
    ap.add_argument("--by-rendering", action="store_true")
    args = ap.parse_args()
    args.sets = args.sets.split(",")
    args.renderings = args.renderings.split(",")
    args.bands = [float(x) for x in args.bands.split(",")]
    if not os.path.isdir(args.shared):
        sys.exit(f"model.py: {args.shared} not found: nothing to learn from")
    {"dump": cmd_dump, "cv": cmd_cv, "weights": cmd_weights}[args.command](args)


if __name__ == "__main__":
    main()
