import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalogue.importers.gdzwfw import read_records
from catalogue.importers.records import RowError
from catalogue.importers.writer import MatterWriter


class Command(BaseCommand):
    help = "导入广东政务服务网事项数据（每行一个JSON对象）。先校验全部行，任一行有误则不写入任何数据。"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="JSONL 文件")
        parser.add_argument("--publish", action="store_true", help="直接发布变更的事项（仅管理员使用）；默认变更保存为待审修订。")

    def handle(self, *paths, **options):
        started = time.perf_counter()
        for path in options["paths"]:
            if not path.exists():
                raise CommandError(f"找不到文件 {path}")
            try:
                records = list(read_records(path))
            except RowError as error:
                raise CommandError(f"{path.name}: {error}；未写入任何数据。") from None
            summary = MatterWriter(source_name=path.name, publish_changes=options["publish"]).write(records)
            self.stdout.write(f"{path.name}: {summary}")
        self.stdout.write(f"用时 {time.perf_counter() - started:.1f} 秒")
