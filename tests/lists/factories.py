"""Factories of the lists area; shared ones come from tests/factories.py."""

from django.conf import settings
from django.core.management import call_command

from catalogue.models import MatterFee, MatterStep
from tests.factories import MatterPageFactory  # noqa: F401

GD = settings.DATA_DIR / "gd_gdzwfw_matters_2021.jsonl"
# Lines of the real data: the same catalogue items (无线电频率使用许可 新申请/续期) implemented by the province
# (lines 20, 21) and by 广州市 (lines 2031, 2033) with different time limits.
RADIO_LINES = (20, 21, 2031, 2033)
RADIO_PROVINCE = "11440000696453330X2440104012001"
RADIO_CITY = "11440100007482567N3440104012001"
RADIO_RENEW_CITY = "11440100007482567N3440104012003"


def import_real_lines(tmp_path, numbers) -> None:
    lines = GD.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "sample.jsonl"
    path.write_text("\n".join(lines[n - 1] for n in numbers) + "\n", encoding="utf-8")
    call_command("import_gdzwfw", path, stdout=open("/dev/null", "w"))


def fees(*items):
    """Fee rows for MatterPageFactory(fees=...): (name, standard) pairs."""
    return [MatterFee(sort_order=i, name=name, standard=standard, basis="粤发改价格〔2020〕1号") for i, (name, standard) in enumerate(items)]


def steps(*names):
    return [MatterStep(sort_order=i, name=name) for i, name in enumerate(names)]
