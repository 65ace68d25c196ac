"""Vietnamese text for search and order: "ĐĂNG KÝ Kết hôn" and "dang ky ket hon" fold alike,
and "Hoạt động" sorts before "Hộ tịch" as a Vietnamese dictionary has it."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower case, đ→d, diacritics removed, white space collapsed.

    >>> fold("  Đăng ký  KẾT HÔN ")
    'dang ky ket hon'
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text.lower())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare).strip()


def words(text: str) -> list[str]:
    """The folded words of `text`, punctuation dropped.

    >>> words("Đăng ký nhận cha, mẹ, con")
    ['dang', 'ky', 'nhan', 'cha', 'me', 'con']
    """
    return _NOT_WORD.sub(" ", fold(text)).split()


# The Vietnamese alphabet (with f, j, w, z of foreign names in their Latin places); the
# letters with a breve, circumflex or horn are letters of their own, after their base.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn
# Tones in dictionary order: level, grave (huyền), hook (hỏi), tilde (ngã), acute (sắc),
# dot below (nặng).
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
# Two digits per symbol: a space (word end) first, then digits, then letters, then anything
# else. A key of digits only orders the same under every collation (SQLite's bytes,
# PostgreSQL's C, en_US or ICU), so ordering by it in SQL gives Python's order.
_SPACE = "10"
_CODES = {str(n): str(11 + n) for n in range(10)} | {
    letter: str(21 + n) for n, letter in enumerate(_ALPHABET)
}
_OTHER = "99"


def sort_key(text: str) -> str:
    """A key that orders Vietnamese names alphabetically: letters first (a ă â b … o ô ơ
    … u ư …), then the tones of the syllables in turn (a à ả ã á ạ), case ignored.

    >>> names = ["Thành lập", "Hộ tịch", "Hoạt động xây dựng", "Hòa giải", "Đất đai", "Dân cư"]
    >>> sorted(names, key=sort_key)
    ['Dân cư', 'Đất đai', 'Hòa giải', 'Hoạt động xây dựng', 'Hộ tịch', 'Thành lập']
    """
    letters, tones = [], []
    for word in _SPACES.split(text.lower().strip()):
        if letters:
            letters.append(_SPACE)
        tone = "0"
        for char in word:
            base, *marks = unicodedata.normalize("NFD", char)
            letter = unicodedata.normalize(
                "NFC", base + "".join(m for m in marks if m in _LETTER_MARKS)
            )
            code = _CODES.get(letter)
            if code is None and not char.isalnum():
                continue  # punctuation sorts as if absent
            letters.append(code or _OTHER)
            tone = next((_TONES[m] for m in marks if m in _TONES), tone)
        tones.append(tone)  # one tone a syllable: "Hoà" and "Hòa" are one word
    # Letters decide; tones only between names with the same letters. "0" ends the letters
    # below any letter code, so "Hộ" comes before "Hộ tịch".
    return "".join(letters) + "0" + "".join(tones)
