import subprocess
from io import BytesIO

import pytest
from django.conf import settings
from django.core.management import call_command
from pypdf import PdfReader

GD = settings.DATA_DIR / "gd_gdzwfw_matters_2021.jsonl"
MOST_MATERIALS_LINE = 265  # 社会团体成立登记: 19 materials, the most in the corpus
MOST_MATERIALS_CODE = "1144000067157148822440192002002"
NO_MATERIALS_LINE = 280
LONGEST_CONDITIONS_LINE = 2102  # 机动车驾驶证初次申领: 1,049 characters of 受理条件
BIGGEST_MIX_LINE = 2232  # 建设工程规划类许可证核发: long conditions and 16 materials
RADIO_LINE = 20
RADIO_CODE = "11440000696453330X2440104012001"


def import_real_rows(tmp_path, numbers) -> None:
    lines = GD.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(lines[n - 1] for n in numbers) + "\n", encoding="utf-8")
    call_command("import_gdzwfw", path, stdout=open("/dev/null", "w"))


def pdf_text(data: bytes) -> list[str]:
    """The text of each page, as pypdf extracts it."""
    return [page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages]


def pdf_outline(data: bytes) -> list[tuple[int, str]]:
    reader = PdfReader(BytesIO(data))
    out = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                out.append((level, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 1)
    return out


def decode_qr(data: bytes, tmp_path, page: int = 1) -> list[str]:
    """Render one page to PNG with poppler and decode its QR codes with zbarimg."""
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "200", "-f", str(page), "-l", str(page), "-png", str(pdf), str(tmp_path / "page")], check=True)
    png = sorted(tmp_path.glob("page*.png"))[-1]
    result = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True)
    return [line for line in result.stdout.splitlines() if line]


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
