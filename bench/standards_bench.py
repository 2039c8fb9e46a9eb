"""Times the standards work on the real corpus: national CSV import, 办理规程 generation (first run and an unchanged
second run), and the coverage figures (the dashboard and GET /api/v1/standards/coverage/).

    .venv/bin/python bench/standards_bench.py [--from DB.sqlite3] [--rows N]

--from copies an existing database that already holds the imported matters (for example the one `make run`
built) and removes its standards first; otherwise a fresh database is built by importing the matters (all rows,
or the first N of the 广东 file). Prints wall and CPU time (CPU is what to compare when the machine is busy).
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("DATA_DIR", ROOT.parent / "shared" / "data"))


class Timer:
    def __init__(self, label):
        self.label = label

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu
        print(f"{self.label:<44} wall {self.wall:7.2f} s   cpu {self.cpu:7.2f} s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--from", dest="source", type=Path, help="copy this SQLite database (matters already imported)")
    parser.add_argument("--rows", type=int, default=0, help="fresh database: only the first N rows of the 广东 file (0 = all)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="standards-bench-"))
    db = workdir / "bench.sqlite3"
    if args.source:
        shutil.copy(args.source, db)
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["DEBUG"] = "0"
    os.environ["DATA_DIR"] = str(DATA)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from catalogue.models import MatterPage
    from standards.coverage import compute
    from standards.importers import read_csv, write_records
    from standards.models import Standard
    from standards.procedures import generate_all

    devnull = open(os.devnull, "w")
    call_command("migrate", verbosity=0)
    if args.source:
        Standard.objects.all().delete()
    else:
        source = DATA / "gd_gdzwfw_matters_2021.jsonl"
        if args.rows:
            sample = workdir / "sample.jsonl"
            sample.write_text("\n".join(source.read_text(encoding="utf-8").splitlines()[: args.rows]) + "\n", encoding="utf-8")
            source = sample
        with Timer(f"import matters ({source.name})"):
            call_command("import_gdzwfw", source, stdout=devnull)
    matters = MatterPage.objects.live().count()
    print(f"matters (live): {matters}")

    with Timer("import_standards (national CSV)"):
        result = write_records(read_csv(DATA / "national_service_standards.csv"))
    print(f"  {result}")
    with Timer("generate_procedures (first run)"):
        result = generate_all()
    print(f"  {result}")
    with Timer("generate_procedures (unchanged, second run)"):
        result = generate_all()
    print(f"  {result}")

    samples = []
    for _ in range(5):
        started = time.perf_counter()
        coverage = compute()
        samples.append(time.perf_counter() - started)
    print(f"{'coverage figures (median of 5)':<44} wall {statistics.median(samples) * 1000:7.0f} ms")
    client = Client()
    started = time.perf_counter()
    response = client.get("/api/v1/standards/coverage/")
    print(f"{'GET /api/v1/standards/coverage/':<44} wall {(time.perf_counter() - started) * 1000:7.0f} ms  ({response.status_code})")
    started = time.perf_counter()
    response = client.get("/api/v1/standards/", {"q": "无线电", "status": "现行"})
    print(f"{'GET /api/v1/standards/?q=无线电&status=现行':<44} wall {(time.perf_counter() - started) * 1000:7.0f} ms  "
          f"(count {response.json()['count']})")
    print(f"standards: {coverage.total_standards} {coverage.by_status}")
    print(f"标准覆盖率: {coverage.governed}/{coverage.matters} = {coverage.rate:.2%}; citing abolished: {len(coverage.citing_abolished)}")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
