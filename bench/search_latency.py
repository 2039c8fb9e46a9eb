"""Latency, throughput and rebuild time of the embedded search engine at the real size and on larger corpora
synthesised from the real one.

    DATABASE_URL=sqlite:////path/db.sqlite3 .venv/bin/python bench/search_latency.py [--sizes 20000 100000]

The database must hold the imported real 实施清单 and its index. For each larger size a fresh SQLite database is
made in a temporary directory: every real matter is copied for other cities of the province (广州市 → 佛山市 …,
its own 实施编码, department and region), texts kept as they are — the same matter in another city asks for
the same materials. Queries: the judged set of bench/search_queries.jsonl plus words taken from matter names.
Each query is a full engine.search(): expansion, FTS, count, 7 facets, re-ranking of the top 200, highlighting.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

CITIES = [
    "广州市", "深圳市", "珠海市", "汕头市", "佛山市", "韶关市", "河源市", "梅州市", "惠州市", "汕尾市", "东莞市",
    "中山市", "江门市", "阳江市", "湛江市", "茂名市", "肇庆市", "清远市", "潮州市", "揭阳市", "云浮市",
]


def queries(names: list[str]) -> list[str]:
    judged = [json.loads(line)["query"] for line in (ROOT / "bench" / "search_queries.jsonl").read_text(encoding="utf-8").splitlines() if line]
    rng = random.Random(7)
    picked = []
    for name in rng.sample(names, min(126, len(names))):
        start = rng.randrange(max(1, len(name) - 3))
        picked.append(name[start : start + rng.choice([2, 3, 4])])
    return judged + picked


def measure(engine, qs, rounds=2):
    for q in qs[:20]:
        engine.search(q)  # warm caches
    times = []
    for _ in range(rounds):
        for q in qs:
            started = time.perf_counter()
            engine.search(q)
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    pct = lambda p: times[min(len(times) - 1, int(p / 100 * len(times)))]  # noqa: E731
    return {"n": len(times), "p50": statistics.median(times), "p95": pct(95), "p99": pct(99), "max": times[-1]}


def throughput(make_engine, qs, clients=4, seconds=8.0):
    from django.db import connections

    done, stop = [0] * clients, time.perf_counter() + seconds

    def client(i):
        engine = make_engine()
        k = i
        while time.perf_counter() < stop:
            engine.search(qs[k % len(qs)])
            k += clients
            done[i] += 1
        connections.close_all()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.perf_counter() - started)


def report(label, count, build_seconds, stats, qps):
    print(
        f"{label:>8} 事项 {count:>7}  重建 {build_seconds:6.1f} s   查询 p50 {stats['p50']:5.1f} ms  p95 {stats['p95']:5.1f} ms  "
        f"p99 {stats['p99']:5.1f} ms  (n={stats['n']})   并发4客户端 {qps:5.0f} 次/秒",
        flush=True,
    )


def real(sizes):
    import django

    django.setup()
    from search.documents import build_documents
    from search.engines.embedded import EmbeddedEngine

    engine = EmbeddedEngine()
    started = time.perf_counter()
    count = engine.rebuild()
    build = time.perf_counter() - started
    documents = [d for batch in build_documents() for d in batch]
    qs = queries([d["name"] for d in documents])
    report("真实", count, build, measure(engine, qs), throughput(EmbeddedEngine, qs))
    if sizes:
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "documents.json"
            source.write_text(json.dumps(documents, ensure_ascii=False), encoding="utf-8")
            for size in sizes:
                env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp}/synthetic-{size}.sqlite3")
                subprocess.run([sys.executable, __file__, "--synthetic", str(size), "--source", str(source)], env=env, check=True)


def synthesise(documents, size):
    out = []
    for copy in range(size // len(documents) + 1):
        city = CITIES[copy % len(CITIES)]
        for number, doc in enumerate(documents):
            if len(out) >= size:
                return out
            if copy == 0:
                out.append(doc)
                continue
            d = json.loads(json.dumps(doc))
            d["code"] = f"SYN{copy:03d}{number:06d}"
            d["page_id"] = 10_000_000 + len(out)
            d["department"] = doc["department"].replace("广东省", city, 1) if doc["department"].startswith("广东省") else f"{city}{doc['department']}"
            d["region"] = f"广东省{city}"
            d["facets"]["department"] = [d["department"]]
            d["facets"]["level"] = ["市级"]
            d["url"] = f"/m/{d['code']}/"
            out.append(d)
    return out


def synthetic(size, source):
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from search.engines.embedded import EmbeddedEngine

    documents = synthesise(json.loads(Path(source).read_text(encoding="utf-8")), size)
    engine = EmbeddedEngine()
    started = time.perf_counter()
    engine.clear()
    for i in range(0, len(documents), 1000):
        engine.index(documents[i : i + 1000])
    build = time.perf_counter() - started
    qs = queries([d["name"] for d in documents[:5000]])
    report("合成", engine.count(), build, measure(engine, qs), throughput(EmbeddedEngine, qs))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[20_000, 100_000])
    parser.add_argument("--synthetic", type=int)
    parser.add_argument("--source")
    args = parser.parse_args()
    if args.synthetic:
        synthetic(args.synthetic, args.source)
    else:
        real(args.sizes)
