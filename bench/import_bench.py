"""Times the full import of the real corpus into a fresh SQLite database.

    .venv/bin/python bench/import_bench.py [--rows N]

Prints wall time and CPU time (CPU time is what to compare when the machine is busy), matters per second and
peak memory, for a first import into an empty database and for a second, unchanged run (which must write nothing).
Goal: the first import under 60 s on the 2-core machine.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("DATA_DIR", ROOT.parent / "shared" / "data"))
FILES = [DATA / "gd_gdzwfw_matters_2021.jsonl", DATA / "zs_zhongshan_matters_2021_early.jsonl"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=0, help="only the first N rows of the 广东 file (0 = all)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="import-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from catalogue.importers.gdzwfw import read_records
    from catalogue.importers.writer import MatterWriter
    from catalogue.models import MatterPage

    files = list(FILES)
    if args.rows:
        subset = workdir / "subset.jsonl"
        with open(files[0], encoding="utf-8") as source, open(subset, "w", encoding="utf-8") as target:
            for _, line in zip(range(args.rows), source, strict=False):
                target.write(line)
        files[0] = subset

    call_command("migrate", verbosity=0)
    for label in ("first import", "second import (unchanged)"):
        wall, cpu = time.perf_counter(), time.process_time()
        count = 0
        for path in files:
            records = list(read_records(path))
            count += len(records)
            summary = MatterWriter(source_name=path.name).write(records)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"{label}: {count} rows, wall {wall:.1f} s, cpu {cpu:.1f} s, {count / wall:.0f} rows/s — last file: {summary}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"matters in database: {MatterPage.objects.count()}; peak memory {peak:.0f} MiB; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
