import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

GD = settings.DATA_DIR / "gd_gdzwfw_matters_2021.jsonl"
# Real rows of the 广东 实施清单 (line numbers in the file): the matters the relevance tests look for, plus
# neighbours that share words with them (律师, 导游, 公证, 户籍, 公司 …).
CORPUS_LINES = [9, 20, 38, 39, 227, 228, 229, 230, 265, 553, 554, 555, 578, 579, 679, 680, 691, 692, 903, 909, 910, 1306, 1307, 1439, 1699, 1700]

CODES = {
    "teacher": "11440000006940116U2440102013001",
    "radio": "11440000696453330X2440104012001",
    "lawyer_parttime": "1144000000694016742440109002002",
    "foreign_llc": "11440000MB2D0234372440125017020",
    "llc": "11440000MB2D0234372440125017008",
    "society": "1144000067157148822440192002002",
    "id_card_progress": "11440000006940140C2442106285006",
    "household": "11440000006940140C2442106285003",
    "passport": "11440000006940140C2442106395003",
    "birth_notary": "1144000000694016742442109057170",
    "will_notary": "1144000000694016742442109057140",
    "hukou_out": "11440000553612461J2442111596003",
    "social_insurance": "11440000553612461J2442111645002",
    "guide_exam": "11440000MB2C87614P2442119176000",
    "guide_card": "11440000MB2C87614P2442119177000",
    "birth_certificate": "11440000006940132H2442120018000",
    "disability_card": "13440000455857174Y2442169058000",
}

MINIMAL_BASE = """<!DOCTYPE html><html lang="zh-hans"><head><title>{% block title %}{% endblock %}</title>{% block extra_head %}{% endblock %}</head>
<body>{% include "includes/search_box.html" %}<main id="main">{% block content %}{% endblock %}</main>{% block extra_js %}{% endblock %}</body></html>"""


@pytest.fixture(autouse=True)
def base_template(settings, tmp_path_factory):
    """templates/base.html belongs to the public-site branch; until it is merged the search page renders in a
    minimal page with the same blocks."""
    try:
        get_template("base.html")
    except TemplateDoesNotExist:
        directory = tmp_path_factory.mktemp("templates")
        (directory / "base.html").write_text(MINIMAL_BASE, encoding="utf-8")
        templates = [dict(t) for t in settings.TEMPLATES]
        templates[0]["DIRS"] = [*templates[0]["DIRS"], directory]
        settings.TEMPLATES = templates


def write_lines(path, numbers):
    lines = GD.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[n - 1] for n in numbers) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def _module_corpus(django_db_setup, django_db_blocker, tmp_path_factory):
    """The real rows imported once per test module inside a transaction that is rolled back at the end of the
    module (each test runs in a savepoint inside it, as in Django's TestCase.setUpTestData)."""
    path = write_lines(tmp_path_factory.mktemp("data") / "gd.jsonl", CORPUS_LINES)
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("import_gdzwfw", path, stdout=open("/dev/null", "w"))
            call_command("seed_synonyms", stdout=open("/dev/null", "w"))
            # the import indexes at commit; this transaction never commits, so index as search_rebuild does
            call_command("search_rebuild", stdout=open("/dev/null", "w"))
            yield CODES
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def corpus(_module_corpus, db):
    """Real 实施清单 rows, imported and indexed, the demo synonyms seeded: {short name: 实施编码}."""
    return _module_corpus
