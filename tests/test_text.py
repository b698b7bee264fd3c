"""Text basics: NFC, clean, slugs (python-slugify, đ -> d), unique slugs, search folding."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.text import clean, fold, nfc, slug, unique_slug

TITLE = "Đóng góp ý kiến dự thảo văn bản"


def nfd(value: str) -> str:
    return unicodedata.normalize("NFD", value)


def test_nfc_composes_decomposed_vietnamese():
    assert nfc(nfd("Nguyễn Thị Ngọc Ánh")) == "Nguyễn Thị Ngọc Ánh"
    assert len(nfc(nfd("ệ"))) == 1
    assert nfc("e\u0302\u0323") == nfc("e\u0323\u0302") == "ệ"  # either order of the marks


def test_clean_strips_the_ends_and_keeps_inner_whitespace():
    assert clean("  " + nfd("Bảo hiểm  xã hội") + "\n") == "Bảo hiểm  xã hội"
    assert clean("") == ""


def test_slug_transliterates_vietnamese():
    assert slug(TITLE) == "dong-gop-y-kien-du-thao-van-ban"
    assert slug(nfd(TITLE)) == "dong-gop-y-kien-du-thao-van-ban"
    assert slug("ĐĂNG KÝ THAM GIA BHXH tự nguyện") == "dang-ky-tham-gia-bhxh-tu-nguyen"
    assert slug("Hỏi – đáp: chính sách “BHYT” 2024!") == "hoi-dap-chinh-sach-bhyt-2024"
    assert slug("Ưu đãi người có công") == "uu-dai-nguoi-co-cong"


def test_unique_slug_counts_up_from_two():
    assert unique_slug(TITLE, set()) == "dong-gop-y-kien-du-thao-van-ban"
    taken = {"dong-gop-y-kien-du-thao-van-ban"}
    assert unique_slug(TITLE, taken) == "dong-gop-y-kien-du-thao-van-ban-2"
    taken |= {"dong-gop-y-kien-du-thao-van-ban-2", "dong-gop-y-kien-du-thao-van-ban-3"}
    assert unique_slug(nfd(TITLE), taken) == "dong-gop-y-kien-du-thao-van-ban-4"
    assert unique_slug("Tin tức", ["tin-tuc", "tin-tuc-3"]) == "tin-tuc-2"  # any collection, first free number


def test_unique_slug_refuses_a_base_without_letters():
    with pytest.raises(ValueError, match="slug"):
        unique_slug("–?!", set())


def test_fold_removes_tones_marks_and_case():
    assert fold("Đăng xuất") == "dang xuat"
    assert fold(nfd("Đăng xuất")) == "dang xuat"
    assert fold("NGƯỜI LAO ĐỘNG") == "nguoi lao dong"
    assert fold("Bảo hiểm y tế") == "bao hiem y te"
    assert fold("Ưu tiên ơ ư â ă ê ô đ") == "uu tien o u a a e o d"
    assert fold("Straße 2024, café") == "straße 2024, cafe"


def _fold_reference(value: str) -> str:
    """fold() as migration 0002 freezes it; the optimised fold must give exactly this."""
    decomposed = unicodedata.normalize("NFD", value.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


VI_TEXT = "aăâbcdđeêghiklmnoôơpqrstuưvxyĐĂÂÊÔƠƯ0123456789 \u0300\u0301\u0303\u0309\u0323–“”…\xa0.,-"


@given(st.text() | st.text(alphabet=VI_TEXT) | st.text(alphabet=VI_TEXT + "ÀÉỆỮçüß\u200bＡ"))
def test_fold_is_the_frozen_definition(value):
    """Both paths: ordinary Vietnamese text (charmap) and anything else (per-character table)."""
    assert fold(value) == _fold_reference(value)


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyĐĂÂÊÔƠƯ \u0300\u0301\u0303\u0309\u0323", max_size=20))
def test_fold_ignores_normalisation_and_is_idempotent(value):
    assert fold(nfc(value)) == fold(nfd(value)) == fold(value)
    assert fold(fold(value)) == fold(value)


@given(st.text(max_size=20))
def test_nfc_and_clean_are_idempotent(value):
    assert nfc(nfc(value)) == nfc(value)
    assert clean(clean(value)) == clean(value)


@given(st.lists(st.text(alphabet="abcđĐ -", min_size=1, max_size=8), max_size=12))
def test_unique_slugs_never_collide(titles):
    taken: set[str] = set()
    for title in titles:
        if not slug(title):
            continue
        new = unique_slug(title, taken)
        assert new not in taken
        assert new == slug(title) or new.startswith(slug(title) + "-")
        taken.add(new)
