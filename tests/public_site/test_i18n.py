"""Chinese first; English is the second locale, chosen by the browser or by the switch in the footer."""

from tests.public_site.factories import full_matter
from tests.public_site.test_guide_page import page_text


def test_chinese_is_the_default(client, db):
    matter = full_matter()
    response = client.get(matter.url)
    assert '<html lang="zh-Hans">' in response.content.decode()
    assert "申请材料" in page_text(response)


def test_english_from_the_browser(client, db):
    matter = full_matter()
    response = client.get(matter.url, HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    text = page_text(response)
    assert '<html lang="en">' in body
    for label in ["Skip to main content", "Documents to bring", "Statutory time limit", "Promised time limit", "Fees", "Legal basis",
                  "Enquiries and complaints", "Frequently asked questions", "Search services"]:
        assert label in text, label
    # The content itself stays as the department wrote it.
    assert "居民身份证换领" in text


def test_language_switch_keeps_the_choice(client, home_page):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    text = page_text(client.get("/"))
    assert "For individuals" in text and "For organisations" in text
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "个人办事" in page_text(client.get("/"))
