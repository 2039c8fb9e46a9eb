"""One segmenter for everything that indexes or queries Chinese text."""

import re
from functools import lru_cache

import jieba

jieba.setLogLevel(60)
_HAN = re.compile(r"[\u3400-\u9fff]")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _tokenizer():
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def segment_for_index(text: str) -> str:
    """Text with spaces between words and the shorter words inside long ones (居民身份证 → 居民 身份 身份证 居民身份证)."""
    if not text or not _HAN.search(text):
        return text or ""
    words = (w.strip() for w in _tokenizer().cut_for_search(text))
    return " ".join(w for w in words if w)


def segment_query(text: str) -> str:
    """The words of a query as jieba's precise mode cuts them, separated by spaces."""
    if not text or not _HAN.search(text):
        return text or ""
    words = (w.strip() for w in _tokenizer().cut(text))
    return _SPACES.sub(" ", " ".join(w for w in words if w)).strip()
