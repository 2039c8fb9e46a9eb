"""The citizen's own words find the right real matter at the top (embedded engine, real imported rows)."""

import pytest

from search.engines.embedded import EmbeddedEngine

# query → the matter that must come first
TOP_RESULT = [
    ("导游证", "guide_card"),
    ("dyz", "guide_card"),  # pinyin initials of 导游证
    ("daoyouzheng", "guide_card"),  # full pinyin
    ("導遊證", "guide_card"),  # traditional characters
    ("遗嘱公正", "will_notary"),  # wrong character: 公正 for 公证
    ("遗嘱公证", "will_notary"),
    ("开公司", "llc"),  # synonym → 公司设立登记
    ("出生纸", "birth_certificate"),  # synonym → 出生医学证明
    ("身份证丢了", "id_card_progress"),
    ("護照", "passport"),
    ("户籍", "household"),  # a two-character word inside a longer name
    ("残疾证丢了", "disability_card"),  # synonym → 残疾人证挂失补办
    ("兼职律师", "lawyer_parttime"),
    ("教师资格", "teacher"),
    ("怎么办理教师资格认定", "teacher"),  # stop words in a question
    ("社会团体成立", "society"),
    ("成立协会", "society"),
    ("无线电频率", "radio"),
    ("社保断缴", "social_insurance"),  # 社保 → 社会保险
]


@pytest.mark.parametrize("query,expected", TOP_RESULT)
def test_colloquial_query_finds_the_matter_first(corpus, query, expected):
    results = EmbeddedEngine().search(query)
    assert results.hits, f"{query}: nothing found"
    assert results.hits[0].code == corpus[expected], f"{query}: {[h.name for h in results.hits[:3]]}"


def test_typo_gives_a_suggestion(corpus):
    assert EmbeddedEngine().search("遗嘱公正").suggestion == "遗嘱公证"


def test_unrelated_query_finds_nothing(corpus):
    results = EmbeddedEngine().search("火星移民签证")
    assert results.count == 0 or results.relaxed
