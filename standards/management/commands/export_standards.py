from pathlib import Path

from django.core.management.base import BaseCommand

from standards.importers import export_xlsx


class Command(BaseCommand):
    help = "把已发布的标准导出为标准明细表（XLSX）。"

    def add_arguments(self, parser):
        parser.add_argument("output", type=Path)

    def handle(self, *args, output, **options):
        output.write_bytes(export_xlsx())
        self.stdout.write(f"已导出到 {output}")
