"""Times the printed documents on real matters in a fresh SQLite database.

    .venv/bin/python bench/print_bench.py [--booklet 300]

Each measurement runs in its own forked process, so "peak memory" is that measurement's peak RSS:
  - handout, cold: a fresh process serves /m/<code>/handout.pdf with nothing stored (fonts, templates and the
    PDF built on this request); then the same handout built again in that warm process (a new version's first request);
  - handout, cached: the median of 50 requests served from the stored file;
  - full guide: /m/<code>/guide.pdf, built on the request;
  - booklet: a 汇编 of N guides (cover, contents with page numbers, one guide per new page, bookmarks).
Goals (2-core machine): cached handout < 20 ms, cold handout < 1 s, 300-guide booklet < 3 min and < 2 GiB.
"""

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("DATA_DIR", ROOT.parent / "shared" / "data"))
GD = DATA / "gd_gdzwfw_matters_2021.jsonl"
HANDOUT_CODE = "11440000696453330X2440104012001"  # 无线电频率使用许可（新申请）, 4 materials
GUIDE_CODE = "1144000067157148822440192002002"  # 社会团体成立登记, 19 materials


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_child(function, *args):
    """Run a measurement in a forked child; return its result and its peak RSS."""
    ctx = get_context("fork")
    with ctx.Pool(1) as pool:
        return pool.apply(_wrapped, (function, *args))


def _wrapped(function, *args):
    from django.db import connections

    connections.close_all()
    result = function(*args)
    return result, peak_mib()


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def fetch(url: str) -> tuple[float, bytes]:
    """One request through Django's full stack (URL, view, storage), timed from request to last byte."""
    from django.test import Client

    started = time.perf_counter()
    response = Client().get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200, (url, response.status_code)
    return time.perf_counter() - started, body


def handout_cold():
    from cms.printing.models import PrintedFile

    PrintedFile.objects.all().delete()
    cpu = cpu_seconds()
    first, body = fetch(f"/m/{HANDOUT_CODE}/handout.pdf")
    first_cpu = cpu_seconds() - cpu
    PrintedFile.objects.all().delete()
    cpu = cpu_seconds()
    warm, _ = fetch(f"/m/{HANDOUT_CODE}/handout.pdf")
    return first, first_cpu, warm, cpu_seconds() - cpu, len(body)


def handout_cached():
    fetch(f"/m/{HANDOUT_CODE}/handout.pdf")  # stored by now
    times, cpu = [], cpu_seconds()
    for _ in range(50):
        times.append(fetch(f"/m/{HANDOUT_CODE}/handout.pdf")[0])
    return statistics.median(times), max(times), (cpu_seconds() - cpu) / 50


def guide():
    from cms.printing.models import PrintedFile

    PrintedFile.objects.filter(variant="guide").delete()
    cpu = cpu_seconds()
    elapsed, body = fetch(f"/m/{GUIDE_CODE}/guide.pdf")
    return elapsed, cpu_seconds() - cpu, len(body)


def booklet(count: int):
    from catalogue.models import MatterPage
    from catalogue.printing import render_booklet
    from cms.printing.models import Booklet, BookletKind

    matters = list(MatterPage.objects.live().exclude(live_revision__isnull=True).order_by("path")[:count])
    record = Booklet(kind=BookletKind.LIST, list_key="licensing", title=f"{len(matters)}项服务指南汇编（基准）")
    started, cpu = time.perf_counter(), cpu_seconds()
    document = render_booklet(record, matters)
    laid_out = time.perf_counter()
    data = document.write_pdf()
    done = time.perf_counter()
    return len(matters), len(document.pages), laid_out - started, done - laid_out, done - started, cpu_seconds() - cpu, len(data)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--booklet", type=int, default=300, help="guides in the booklet (0 = skip)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="print-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    rows = workdir / "rows.jsonl"
    lines = GD.read_text(encoding="utf-8").splitlines()
    wanted = max(args.booklet + 20, 300)
    rows.write_text("\n".join(lines[:wanted]) + "\n", encoding="utf-8")
    started = time.perf_counter()
    call_command("import_gdzwfw", rows, stdout=open(os.devnull, "w"))
    print(f"load average before measuring: {os.getloadavg()[0]:.1f} (2 cores)")
    print(f"setup: imported {wanted} real matters in {time.perf_counter() - started:.1f} s (no PDFs built during the import)")

    sys.stdout.flush()
    (first, first_cpu, warm, warm_cpu, size), mem = in_child(handout_cold)
    print(f"handout cold, fresh process : {first * 1000:7.0f} ms wall, {first_cpu * 1000:.0f} ms CPU   peak {mem:6.0f} MiB   ({size // 1024} KiB)")
    print(f"handout uncached, warm proc : {warm * 1000:7.0f} ms wall, {warm_cpu * 1000:.0f} ms CPU")
    (median, worst, cached_cpu), mem = in_child(handout_cached)
    print(f"handout cached (median/max) : {median * 1000:7.1f} ms / {worst * 1000:.1f} ms wall, {cached_cpu * 1000:.1f} ms CPU (mean)   peak {mem:6.0f} MiB")
    (elapsed, guide_cpu, size), mem = in_child(guide)
    print(f"full guide (19 materials)   : {elapsed * 1000:7.0f} ms wall, {guide_cpu * 1000:.0f} ms CPU   peak {mem:6.0f} MiB   ({size // 1024} KiB)")
    if args.booklet:
        (n, pages, layout, write, total, cpu, size), mem = in_child(booklet, args.booklet)
        print(
            f"booklet of {n} guides        : {total:7.1f} s wall, {cpu:.1f} s CPU (layout {layout:.1f} s, write {write:.1f} s)   "
            f"{pages} pages   peak {mem:6.0f} MiB   ({size // 1024 // 1024} MiB file)"
        )


if __name__ == "__main__":
    main()
