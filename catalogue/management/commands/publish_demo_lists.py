from django.core.management.base import BaseCommand

from catalogue.lists.demo import ensure_standard_lists
from catalogue.lists.releases import publish_release


class Command(BaseCommand):
    help = "建立标准清单（即办、承诺、行政许可目录、收费目录……），并为尚无版本、且有事项的清单发布第1版。可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument("--label", default="2021年版", help="第1版的版本名称（演示数据采集于2021年）。")

    def handle(self, *args, label, **options):
        for matter_list in ensure_standard_lists():
            if matter_list.releases.exists():
                self.stdout.write(f"{matter_list.title}：已有 {matter_list.releases.count()} 个版本，未改动")
                continue
            if matter_list.is_selected_kind and not matter_list.selections.exists():
                self.stdout.write(f"{matter_list.title}：由编辑选定事项，尚未选定，暂不发布")
                continue
            release = publish_release(matter_list, label=label, note="演示数据：2021年5月采集的广东政务服务网实施清单。")
            self.stdout.write(f"{matter_list.title}：发布{release.label}，{release.count} 项")
