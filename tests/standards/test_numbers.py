import pytest

from standards.numbers import KIND_ENTERPRISE, KIND_GROUP, KIND_LOCAL, KIND_NATIONAL, StandardNumberError, parse_number


@pytest.mark.parametrize(
    "text, prefix, serial, part, year, kind",
    [
        ("GB/T 24421.2-2023", "GB/T", 24421, "2", 2023, KIND_NATIONAL),
        ("GB/T 39554.1-2020", "GB/T", 39554, "1", 2020, KIND_NATIONAL),
        ("GB 2312-80", "GB", 2312, "", 1980, KIND_NATIONAL),
        ("GB/Z 26337.1-2010", "GB/Z", 26337, "1", 2010, KIND_NATIONAL),
        ("DB44/T 2181-2019", "DB44/T", 2181, "", 2019, KIND_LOCAL),
        ("DB4401/T 10.1-2018", "DB4401/T", 10, "1", 2018, KIND_LOCAL),
        ("T/CAS 380-2019", "T/CAS", 380, "", 2019, KIND_GROUP),
        ("Q/ZWFW 30001-2026", "Q/ZWFW", 30001, "", 2026, KIND_ENTERPRISE),
    ],
)
def test_real_numbers_parse_into_their_parts(text, prefix, serial, part, year, kind):
    number = parse_number(text)
    assert (number.prefix, number.serial, number.part, number.year, number.kind) == (prefix, serial, part, year, kind)
    assert str(number) == text


def test_full_width_and_dash_variants_are_normalised():
    assert str(parse_number("ＧＢ／Ｔ　２４４２１．２—２０２３")) == "GB/T 24421.2-2023"
    assert str(parse_number("gb/t32168-2015")) == "GB/T 32168-2015"


@pytest.mark.parametrize("text", ["", "GB/T", "24421-2023", "GB/T 24421.2", "GB/T 24421-3023", "国标 123-2020"])
def test_malformed_numbers_are_refused_with_a_message(text):
    with pytest.raises(StandardNumberError, match="格式不正确|年号"):
        parse_number(text)


def test_ordering_by_serial_part_and_year_not_by_text():
    numbers = ["GB/T 24421.2-2023", "Q/ZWFW 30001-2026", "GB/T 24421.10-2009", "DB44/T 2181-2019", "GB/T 9-2020",
               "GB/T 24421.2-2009", "T/CAS 380-2019", "GB/T 24421.1-2023"]
    ordered = sorted(numbers, key=lambda n: parse_number(n).sort_key)
    assert ordered == ["GB/T 9-2020", "GB/T 24421.1-2023", "GB/T 24421.2-2009", "GB/T 24421.2-2023", "GB/T 24421.10-2009",
                       "DB44/T 2181-2019", "T/CAS 380-2019", "Q/ZWFW 30001-2026"]
    assert parse_number("GB/T 24421.2-2009").designation == parse_number("GB/T 24421.2-2023").designation == "GB/T 24421.2"


def test_slug_is_url_safe():
    assert parse_number("GB/T 24421.2-2023").slug == "GB-T-24421.2-2023"
