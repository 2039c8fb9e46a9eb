from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalogue.models import DepartmentPage, MatterPage
from catalogue.spreadsheets.implementation import export_workbook


class Command(BaseCommand):
    help = "把事项导出为实施清单模板（XLSX，每部分一个工作表）；可按实施主体、事项类型筛选。"

    def add_arguments(self, parser):
        parser.add_argument("output", type=Path)
        parser.add_argument("--department", help="实施主体组织机构代码")
        parser.add_argument("--type", help="事项类型代码，如 01")

    def handle(self, *args, output, department, type, **options):
        matters = MatterPage.objects.all()
        if department:
            dept = DepartmentPage.objects.filter(org_code=department).first()
            if dept is None:
                raise CommandError(f"没有组织机构代码为“{department}”的实施主体")
            matters = matters.child_of(dept)
        if type:
            matters = matters.filter(matter_type=type)
        output.write_bytes(export_workbook(matters))
        self.stdout.write(f"已导出 {matters.count()} 个事项到 {output}")
