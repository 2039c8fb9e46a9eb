"""Relevance of the site search on a judged query set over the real corpus.

    DATABASE_URL=sqlite:////path/db.sqlite3 .venv/bin/python bench/search_relevance.py [--queries bench/search_queries.jsonl]

The database must hold the imported real 实施清单 (`manage.py setup_demo` or `import_gdzwfw`) and its search index
(`search_rebuild`). Query file: one JSON object a line, {"query": ..., "relevant": {"<实施编码>": 2 or 1}}.
Prints nDCG@10, recall@10 and MRR for the configured engine and for a baseline (character bigrams of the
query matched against matter names), and the queries whose first result is not relevant.
"""

import argparse
import json
import math
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from search.engines import get_engine  # noqa: E402
from search.models import SearchDocument  # noqa: E402
from search.text import normalise_query  # noqa: E402

K = 10


def dcg(gains):
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def score(ranked: list[str], relevant: dict[str, int]) -> tuple[float, float, float]:
    gains = [relevant.get(code, 0) for code in ranked[:K]]
    ideal = dcg(sorted(relevant.values(), reverse=True)[:K]) or 1.0
    found = sum(1 for code in ranked[:K] if code in relevant)
    recall = found / min(len(relevant), K)
    mrr = next((1 / (i + 1) for i, code in enumerate(ranked) if code in relevant), 0.0)
    return dcg(gains) / ideal, recall, mrr


class BigramBaseline:
    """A plain bigram match over names: the number of the query's character bigrams each name contains."""

    def __init__(self):
        self.names = list(SearchDocument.objects.values_list("code", "name"))

    def ranked(self, query):
        text = normalise_query(query).replace(" ", "")
        grams = {text[i : i + 2] for i in range(len(text) - 1)} or {text}
        scored = [(sum(g in name for g in grams), -len(name), code) for code, name in self.names]
        return [code for s, _, code in sorted(scored, reverse=True) if s > 0][:K]


def evaluate(rank, judged):
    totals, misses = [0.0, 0.0, 0.0], []
    for item in judged:
        ranked = rank(item["query"])
        values = score(ranked, item["relevant"])
        totals = [t + v for t, v in zip(totals, values, strict=True)]
        if not ranked or ranked[0] not in item["relevant"]:
            misses.append(item["query"])
    n = len(judged)
    return [t / n for t in totals], misses


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--queries", default=str(Path(__file__).with_name("search_queries.jsonl")))
    args = parser.parse_args()
    judged = [json.loads(line) for line in Path(args.queries).read_text(encoding="utf-8").splitlines() if line.strip()]
    engine = get_engine()
    print(f"{len(judged)} 条查询，{sum(len(j['relevant']) for j in judged)} 条相关判断；索引 {engine.count()} 个事项")
    for label, rank in [
        (engine.name, lambda q: [h.code for h in engine.search(q, page_size=K).hits]),
        ("bigram-names", BigramBaseline().ranked),
    ]:
        (ndcg, recall, mrr), misses = evaluate(rank, judged)
        print(f"{label:14s} nDCG@10={ndcg:.3f}  recall@10={recall:.3f}  MRR={mrr:.3f}  首位不相关 {len(misses)} 条")
        if label == engine.name and misses:
            print("  首位不相关：" + "、".join(misses))


if __name__ == "__main__":
    main()
