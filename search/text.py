"""Text normalisation shared by indexing and querying, so both sides see the same words.

- traditional characters are folded to simplified (OpenCC t2s), full-width forms to half-width, case to lower;
- Chinese text is cut by jieba in search mode for the index (居民身份证 → 居民 身份 身份证 居民身份证), so a two-character
  word such as 户籍 or 社保 is found in the middle of a longer word, and the query is cut the same way;
- names and aliases also get their full pinyin and pinyin initials (导游证 → daoyouzheng, dyz);
- a small table of common wrong characters (公正 → 公证) gives typo-corrected variants of a query.
"""

import re
import unicodedata
from functools import lru_cache

from opencc import OpenCC
from pypinyin import Style, lazy_pinyin

from search.segmentation import _tokenizer

_HAN = re.compile(r"[\u3400-\u9fff]")
# Anything that is not a letter, digit or Han character separates words (this also removes FTS syntax).
_SEPARATORS = re.compile(r"[^0-9a-z\u3400-\u9fff]+")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
MAX_QUERY_CHARS = 100

# Words that carry no meaning in a query (怎么办理身份证 → 身份证).
STOPWORDS = frozenset(
    "的 了 吗 呢 啊 吧 我 我们 你 要 想 去 在 哪 哪里 哪儿 怎么 怎样 如何 什么 怎么办 需要 办理 办 可以 能 能否 请问 一下 和 与 及 或 是 有 "
    "个 给 被 把 从 到 该 应该 手续 流程 需 去哪 在哪".split()
)

# Common wrong characters and words people type (错别字 → 正字); applied as a corrected variant of the query.
COMMON_TYPOS = {
    "公正": "公证",
    "帐户": "账户",
    "帐号": "账号",
    "登陆": "登录",
    "营业执造": "营业执照",
    "执造": "执照",
    "执炤": "执照",
    "身分证": "身份证",
    "身份正": "身份证",
    "户藉": "户籍",
    "戸籍": "户籍",
    "社报": "社保",
    "医报": "医保",
    "公积经": "公积金",
    "驾使": "驾驶",
    "驾照证": "驾驶证",
    "护炤": "护照",
    "准生正": "准生证",
    "结昏": "结婚",
    "离昏": "离婚",
    "签正": "签证",
    "备按": "备案",
    "许可正": "许可证",
    "资质正": "资质证",
    "退修": "退休",
    "残急": "残疾",
    "残疾正": "残疾证",
    "低报": "低保",
    "抚养费": "扶养费",
    "迁移证名": "迁移证明",
    "证名": "证明",
}


@lru_cache(maxsize=1)
def _t2s():
    return OpenCC("t2s")


def clean(text: str) -> str:
    """Drop control characters and lone surrogates; NFKC (full-width → half-width); traditional → simplified."""
    if not text:
        return ""
    text = _SURROGATES.sub("", text)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    text = unicodedata.normalize("NFKC", text)
    return _t2s().convert(text)


def normalise_query(query: str) -> str:
    """The query as the engines see it: cleaned, lower case, at most MAX_QUERY_CHARS characters, single spaces."""
    query = clean(query or "")[: MAX_QUERY_CHARS * 4].lower()
    return " ".join(query.split())[:MAX_QUERY_CHARS].strip()


def words_for_index(text: str) -> list[str]:
    """Search-mode words of a text: every dictionary word inside a longer one as well as the longer one."""
    text = clean(text).lower()
    words = []
    for chunk in _SEPARATORS.split(text):
        if not chunk:
            continue
        if _HAN.search(chunk):
            words.extend(w for w in _tokenizer().cut_for_search(chunk) if w.strip())
        else:
            words.append(chunk)
    return words


def index_text(text: str) -> str:
    return " ".join(words_for_index(text))


@lru_cache(maxsize=100_000)
def index_piece(text: str) -> str:
    """index_text of one piece (a material name, a condition), remembered: the same pieces recur across
    thousands of matters (居民身份证, 营业执照 …), so a rebuild segments each only once."""
    return index_text(text)


def index_pieces(pieces) -> str:
    return " ".join(index_piece(p) for p in pieces if p)


def query_words(query: str) -> list[str]:
    """The meaningful words of a normalised query, each once, in order (precise mode, stop words removed)."""
    words, seen = [], set()
    for chunk in _SEPARATORS.split(query.lower()):
        if not chunk:
            continue
        cut = _tokenizer().cut(chunk) if _HAN.search(chunk) else [chunk]
        for word in cut:
            word = word.strip()
            if word and word not in STOPWORDS and word not in seen:
                seen.add(word)
                words.append(word)
    if not words:  # a query made only of stop words is still a query (e.g. 办理)
        words = [w for w in _SEPARATORS.split(query.lower()) if w][:8]
    return words[:16]


@lru_cache(maxsize=50_000)
def _pinyin_forms(text: str) -> tuple[str, ...]:
    han = "".join(_HAN.findall(clean(text)))
    if not han:
        return ()
    return ("".join(lazy_pinyin(han)), "".join(lazy_pinyin(han, style=Style.FIRST_LETTER)))


def pinyin_forms(text: str) -> list[str]:
    """Full pinyin and initials of the Han part of a name: 导游证 → ['daoyouzheng', 'dyz']."""
    return list(_pinyin_forms(text))


def is_pinyin_query(query: str) -> bool:
    return bool(re.fullmatch(r"[a-z]{2,40}", query.replace(" ", "")))


def typo_corrections(query: str) -> str | None:
    """The query with common wrong characters replaced, or None when nothing was replaced."""
    corrected = query
    for wrong, right in sorted(COMMON_TYPOS.items(), key=lambda kv: -len(kv[0])):
        if wrong in corrected and right not in corrected:
            corrected = corrected.replace(wrong, right)
    return corrected if corrected != query else None
