"""Vietnamese text: folding for search, words, and the alphabetical sort key."""

import random

from hypothesis import given
from hypothesis import strategies as st

from motcua.catalog.models import Field
from motcua.text import fold, sort_key, words

ALPHABET = list("aăâbcdđeêghiklmnoôơpqrstuưvxy")


def test_letters_sort_in_the_vietnamese_alphabet():
    shuffled = random.Random(7).sample(ALPHABET, len(ALPHABET))
    assert sorted(shuffled, key=sort_key) == ALPHABET
    assert sorted(["Ư", "u", "V", "ơ", "Ô", "o"], key=sort_key) == ["o", "Ô", "ơ", "u", "Ư", "V"]


def test_tones_come_after_letters_in_dictionary_order():
    assert sorted(["ạ", "á", "ã", "ả", "à", "a"], key=sort_key) == ["a", "à", "ả", "ã", "á", "ạ"]
    # Letters decide first: "Hoạt" (h-o-a) before "Hộ" (h-ô), whatever the tones.
    assert sorted(["Thành lập", "Hộ tịch", "Hoạt động xây dựng"], key=sort_key) == [
        "Hoạt động xây dựng",
        "Hộ tịch",
        "Thành lập",
    ]
    assert sort_key("Hòa giải") == sort_key("Hoà giải")  # old and new tone placement


def test_shorter_names_and_words_come_first_and_case_and_punctuation_do_not_count():
    assert sorted(["Hộc", "Hộ tịch", "Hộ"], key=sort_key) == ["Hộ", "Hộ tịch", "Hộc"]
    assert sort_key("THI ĐUA, khen thưởng") == sort_key("Thi đua khen thưởng")


@given(st.lists(st.text(alphabet="aăâbdđeêoôơuưy àảãáạ,", max_size=12), max_size=8))
def test_the_key_is_made_of_digits_so_every_database_orders_it_alike(names):
    keys = [sort_key(name) for name in names]
    assert all(key.isdigit() for key in keys)


def test_sql_ordering_by_the_stored_key_is_the_vietnamese_order(db):
    names = ["Văn hóa cơ sở", "Hộ tịch", "Đất đai", "Hoạt động xây dựng", "Dân số", "Ăn uống"]
    for n, name in enumerate(names):
        Field.objects.create(code=f"F{n}", name=name)
    assert list(Field.objects.values_list("name", flat=True)) == [
        "Ăn uống",
        "Dân số",
        "Đất đai",
        "Hoạt động xây dựng",
        "Hộ tịch",
        "Văn hóa cơ sở",
    ]


def test_fold_and_words():
    assert fold("  Đăng ký  KẾT HÔN ") == "dang ky ket hon"
    assert words("Đăng ký nhận cha, mẹ, con") == ["dang", "ky", "nhan", "cha", "me", "con"]
