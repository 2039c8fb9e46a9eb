from django.core.management.base import BaseCommand

from catalogue.powers.build import build_powers, consistency_report


class Command(BaseCommand):
    help = "按事项类型和实施主体生成权责清单（每个依申请事项一项职权及其责任事项）。可重复运行。"

    def handle(self, *args, **options):
        summary = build_powers()
        self.stdout.write(str(summary))
        report = consistency_report()
        self.stdout.write(
            f"权责清单与事项核对：缺职权的事项 {len(report.matters_without_entry)} 个，无对应事项的职权 "
            f"{len(report.entries_without_matter)} 项，不一致 {len(report.mismatched)} 项"
        )
