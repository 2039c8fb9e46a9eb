"""Standards for tests, created and published through the same service the importers use."""

import datetime

from standards.choices import StandardStatus
from standards.models import Standard, StandardCategory
from standards.publishing import publish
from standards.system import seed_system


def make_standard(number: str, title: str = "测试标准", *, category: str = "301", status=StandardStatus.CURRENT,
                  effective_on: datetime.date | None = None, replaces=(), matters=(), references=(), **fields) -> Standard:
    seed_system()
    standard = Standard(number=number, title=title, category=StandardCategory.objects.get(code=category), status=status,
                        effective_on=effective_on, **fields)
    standard.replaces = list(replaces)
    standard.matters = list(matters)
    standard.references = list(references)
    return publish(standard)
