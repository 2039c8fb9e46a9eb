"""WeasyPrint prints every Chinese glyph as an empty box when no CJK font is installed, silently: fail loudly."""

import shutil
import subprocess
from functools import lru_cache

from django.core.checks import Error, register


@lru_cache(maxsize=1)
def cjk_fonts() -> tuple[str, ...]:
    """Font families fontconfig offers for Chinese (what Pango, and so WeasyPrint, will use)."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return ()
    result = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=20)
    return tuple(sorted({line.split(",")[0].strip() for line in result.stdout.splitlines() if line.strip()}))


@register()
def check_cjk_font(app_configs, **kwargs):
    if cjk_fonts():
        return []
    return [
        Error(
            "找不到中文字体：WeasyPrint 会把每个汉字印成空白方框。",
            hint="安装中文字体，例如 Debian 的 fonts-wqy-microhei（已列在 scripts/apt-packages.txt，make run 会安装），"
            "然后用 `fc-list :lang=zh` 确认。",
            id="printing.E001",
        )
    ]
