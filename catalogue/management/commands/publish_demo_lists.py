from django.core.management.base import BaseCommand

from catalogue.lists.demo import ensure_standard_lists
from catalogue.lists.releases import diff_rows, publish_release, summarise


class Command(BaseCommand):
    help = (
        "建立标准清单（即办、承诺、行政许可目录、收费目录……），为尚无版本、且有事项的清单发布第1版；"
        "加 --if-changed 时，内容与最新版本不同的清单发布新版本。可重复运行。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--label", default="2021年版", help="版本名称（演示数据采集于2021年）。")
        parser.add_argument("--note", default="演示数据：2021年5月采集的广东政务服务网实施清单。", help="版本说明。")
        parser.add_argument("--if-changed", action="store_true", help="已有版本的清单，内容有变化时发布新版本。")

    def handle(self, *args, label, note, if_changed, **options):
        for matter_list in ensure_standard_lists():
            latest = matter_list.releases.order_by("-number").first()
            if latest is not None:
                changes = diff_rows(latest.rows, matter_list.current_rows()) if if_changed else []
                if not changes:
                    self.stdout.write(f"{matter_list.title}：已有 {matter_list.releases.count()} 个版本，未改动")
                    continue
            elif matter_list.is_selected_kind and not matter_list.selections.exists():
                self.stdout.write(f"{matter_list.title}：由编辑选定事项，尚未选定，暂不发布")
                continue
            release = publish_release(matter_list, label=label, note=note)
            counts = "，".join(f"{kind} {n}" for kind, n in summarise(changes).items() if n) if latest else ""
            self.stdout.write(f"{matter_list.title}：发布第{release.number}版（{release.label}），{release.count} 项" + (f"；{counts}" if counts else ""))
