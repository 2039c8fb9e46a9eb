"""The guide page of a matter names the current standards it is handled by, and links to them."""

from standards.choices import StandardStatus
from tests.factories import MatterPageFactory
from tests.standards.factories import make_standard


def test_guide_page_lists_the_current_standards_of_the_matter(client, site_pages):
    matter = MatterPageFactory(title="导游证核发")
    make_standard("Q/ZWFW 30001-2026", "导游证核发办理规程", matters=[matter])
    make_standard("Q/ZWFW 30001-2020", "导游证核发办理规程（旧版）", matters=[matter], status=StandardStatus.ABOLISHED)

    html = client.get(matter.url).content.decode()

    section = html.split('id="standards"', 1)[1].split("</section>", 1)[0]
    assert "执行标准" in section
    assert "Q/ZWFW 30001-2026" in section and "导游证核发办理规程" in section
    assert "2020" not in section  # an abolished edition is not what the matter is handled by


def test_guide_page_without_standards_has_no_standards_section(client, site_pages):
    matter = MatterPageFactory(title="护照签发")
    assert 'id="standards"' not in client.get(matter.url).content.decode()
