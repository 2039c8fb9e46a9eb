from django.core.management.base import BaseCommand

from catalogue.unified import derive_unified_sets, deviation_report


class Command(BaseCommand):
    help = "为由两个以上实施主体实施、尚未统一的基本目录生成十统一要素（取层级最高的实施事项的要素），并报告偏离统一要素的事项数。可重复运行。"

    def handle(self, *args, **options):
        created = derive_unified_sets()
        self.stdout.write(f"新建十统一要素 {created} 项；偏离十统一要素的事项 {len(deviation_report())} 个")
