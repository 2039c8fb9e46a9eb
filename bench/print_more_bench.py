"""Times the list release PDF and the standard PDF on real data in a fresh SQLite database.

    .venv/bin/python bench/print_more_bench.py [--reuse /tmp/print-more-bench-XXXX]

Setup: imports every matter of both real files (2,262 province + 40 中山 = 2,302), publishes release 1 of the
政务服务事项目录 (all matters), and generates the 办理规程 standard of the matter with the most materials.
Each measurement runs in a forked child (peak RSS is that measurement's):
  - release PDF, cold: /qingdan/quanbu/banben/1/xiazai.pdf with nothing stored; then the stored file (median of 20);
  - standard PDF, cold: /standards/<number>/standard.pdf with nothing stored; then stored (median of 20).
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from print_bench import DATA, GUIDE_CODE, cpu_seconds, fetch, in_child  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FILES = [DATA / "gd_gdzwfw_matters_2021.jsonl", DATA / "zs_zhongshan_matters_2021_early.jsonl"]


def cold_and_stored(url: str, variant: str):
    from cms.printing.models import PrintedFile

    PrintedFile.objects.filter(variant=variant).delete()
    cpu = cpu_seconds()
    elapsed, body = fetch(url)
    cold_cpu = cpu_seconds() - cpu
    printed = PrintedFile.objects.get(variant=variant)
    times = [fetch(url)[0] for _ in range(20)]
    return elapsed, cold_cpu, printed.pages, len(body), statistics.median(times), max(times)


def main():
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--reuse", help="the work directory of an earlier run: its database keeps the import")
    args = parser.parse_args()
    workdir = Path(args.reuse) if args.reuse else Path(tempfile.mkdtemp(prefix="print-more-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.PRINT_BUILD_ON_PUBLISH = False  # the measurements below are the first requests
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    from catalogue.lists.releases import publish_release
    from catalogue.models import ListRelease, MatterPage
    from catalogue.models.lists import ListKind, MatterList
    from standards.procedures import generate_for
    from standards.system import seed_system

    if not MatterPage.objects.exists():
        for path in FILES:
            call_command("import_gdzwfw", path, stdout=open(os.devnull, "w"))
    matter_list, _ = MatterList.objects.get_or_create(slug="quanbu", defaults={"title": "政务服务事项目录", "kind": ListKind.ALL})
    release = ListRelease.objects.filter(matter_list=matter_list, number=1).first() or publish_release(matter_list, label="2026年版")
    matter = MatterPage.objects.get(code=GUIDE_CODE)
    if not matter.generated_procedures.exists():
        seed_system()
        generate_for(matter)
    standard = matter.generated_procedures.get()
    print(f"setup: {MatterPage.objects.count()} matters, release of {release.count} rows, standard {standard.number} "
          f"({len(standard.body)} clauses) in {time.perf_counter() - started:.0f} s")
    print(f"load average before measuring: {os.getloadavg()[0]:.1f} (2 cores)")
    sys.stdout.flush()
    for label, url, variant in [
        (f"release PDF ({release.count} rows)", "/qingdan/quanbu/banben/1/xiazai.pdf", "release_table"),
        ("standard PDF", f"/standards/{standard.slug}/standard.pdf", "standard"),
    ]:
        (cold, cold_cpu, pages, size, median, worst), mem = in_child(cold_and_stored, url, variant)
        print(f"{label:28}: cold {cold:6.1f} s wall, {cold_cpu:.1f} s CPU, {pages} pages, {size // 1024} KiB, peak {mem:.0f} MiB; "
              f"stored median {median * 1000:.1f} ms / max {worst * 1000:.1f} ms")


if __name__ == "__main__":
    main()
