"""Character-level comparison for Chinese text, in the admin's compare view and in the API.

Wagtail's text diff groups alphanumeric characters into words, and a run of Han characters counts as one
"word": changing 5 to 3 in "办理时限为5个工作日" marks the whole clause. Here each Han character (and each
punctuation mark) is its own token; runs of Latin letters and digits stay together, so "2027" or "A4" are
marked as a whole: 办理时限为<del>5</del><ins>3</ins>个工作日.
"""

import difflib
from decimal import Decimal

from django.db import models
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from wagtail.admin.compare import FieldComparison, TextFieldComparison, register_comparison_class
from wagtail.utils.text import text_from_html


def _is_word_char(char: str) -> bool:
    """Latin letters and digits group into words; Han and other wide characters stand alone."""
    return char.isascii() and char.isalnum()


def tokenise(text: str) -> list[str]:
    tokens, word = [], ""
    for char in text or "":
        if _is_word_char(char):
            word += char
            continue
        if word:
            tokens.append(word)
            word = ""
        tokens.append(char)
    if word:
        tokens.append(word)
    return tokens


def char_diff(a: str, b: str) -> list[tuple[str, str]]:
    """[(op, text)] with op in equal / deletion / addition; neighbouring pieces of one kind merged."""
    a_tokens, b_tokens = tokenise(a or ""), tokenise(b or "")
    matcher = difflib.SequenceMatcher(None, a_tokens, b_tokens, autojunk=False)
    pieces: list[tuple[str, str]] = []

    def add(op, tokens):
        text = "".join(tokens)
        if not text:
            return
        if pieces and pieces[-1][0] == op:
            pieces[-1] = (op, pieces[-1][1] + text)
        else:
            pieces.append((op, text))

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            add("equal", a_tokens[i1:i2])
        else:
            if op in ("replace", "delete"):
                add("deletion", a_tokens[i1:i2])
            if op in ("replace", "insert"):
                add("addition", b_tokens[j1:j2])
    return _merge_scattered(pieces)


def _merge_scattered(pieces):
    """Where a changed text keeps only a lone character here and there (a rewritten sentence), showing it as
    one deletion and one addition reads better than a scatter of single marks."""
    equal = sum(len(text) for op, text in pieces if op == "equal")
    changed = sum(len(text) for op, text in pieces if op != "equal")
    runs = sum(1 for op, _ in pieces if op == "equal")
    if runs and changed and equal / (equal + changed) < 0.3:
        a = "".join(text for op, text in pieces if op != "addition")
        b = "".join(text for op, text in pieces if op != "deletion")
        return [("deletion", a), ("addition", b)]
    return pieces


def diff_html(a: str, b: str) -> str:
    """HTML with <del>/<ins> marks (classes as Wagtail's compare view styles them)."""
    html = []
    for op, text in char_diff(a, b):
        if op == "equal":
            html.append(escape(text))
        elif op == "deletion":
            html.append(format_html('<del class="deletion">{}</del>', text))
        else:
            html.append(format_html('<ins class="addition">{}</ins>', text))
    return mark_safe("".join(html))


def format_number(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, (Decimal, float)):
        value = Decimal(str(value)).normalize()
        return f"{value:f}"
    return str(value)


class ChineseTextComparison(TextFieldComparison):
    def htmldiff(self):
        return diff_html(self.val_a or "", self.val_b or "")


class NumberComparison(FieldComparison):
    def htmldiff(self):
        a, b = format_number(self.val_a), format_number(self.val_b)
        if a == b:
            return escape(a)
        return diff_html(a, b) if a and b else format_html(
            "{}{}",
            format_html('<del class="deletion">{}</del>', a) if a else "",
            format_html('<ins class="addition">{}</ins>', b) if b else "",
        )


class ChineseRichTextComparison(TextFieldComparison):
    def htmldiff(self):
        return diff_html(text_from_html(self.val_a or ""), text_from_html(self.val_b or ""))


def register():
    register_comparison_class(models.CharField, comparison_class=ChineseTextComparison)
    register_comparison_class(models.TextField, comparison_class=ChineseTextComparison)
    register_comparison_class(models.DecimalField, comparison_class=NumberComparison)
    from wagtail.fields import RichTextField

    register_comparison_class(RichTextField, comparison_class=ChineseRichTextComparison)


register()
