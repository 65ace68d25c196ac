"""Folding Vietnamese text for search: "ĐĂNG KÝ Kết hôn" and "dang ky ket hon" fold alike."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case, đ→d, diacritics removed, white space collapsed.

    >>> fold("  Đăng ký  KẾT HÔN ")
    'dang ky ket hon'
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text.lower())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare).strip()
