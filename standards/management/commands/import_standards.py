from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from standards.importers import StandardImportError, read_csv, read_xlsx, write_records
from standards.system import seed_system

DEFAULT_FILE = "national_service_standards.csv"


class Command(BaseCommand):
    help = "导入标准明细表（国家标准 CSV 或本中心 XLSX）。先校验全部行，有错则指出行号和列名、不导入任何数据；可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", type=Path, help=f"CSV 或 XLSX 文件；缺省为数据目录下的 {DEFAULT_FILE}")

    def handle(self, *args, files, **options):
        seed_system()
        if not files:
            default = Path(settings.DATA_DIR) / DEFAULT_FILE
            if not default.exists():
                self.stderr.write(f"找不到 {default}，跳过国家标准导入。")
                return
            files = [default]
        for path in files:
            if not path.exists():
                raise CommandError(f"找不到文件 {path}")
            try:
                records = read_xlsx(path) if path.suffix.lower() == ".xlsx" else read_csv(path)
                result = write_records(records, keep_edits=path.suffix.lower() != ".xlsx")
            except StandardImportError as error:
                raise CommandError(f"{path.name}：{error}")
            self.stdout.write(f"{path.name}：{result}")
