"""Word-level diff of article revisions (console.diff): Vietnamese words, paragraphs, NFC, metadata, Rich styles."""

from __future__ import annotations

import itertools
import random
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console import diff as diff_module
from console.diff import (
    DELETE_STYLE,
    INSERT_STYLE,
    MISSING,
    Chunk,
    diff_fields,
    diff_words,
    stats,
    to_rich,
    tokens,
)


def nfd(value: str) -> str:
    return unicodedata.normalize("NFD", value)


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def side(chunks: list[Chunk], op: str) -> str:
    return "".join(c.text for c in chunks if c.op in ("equal", op))


def check_invariants(old: str, new: str, chunks: list[Chunk]) -> None:
    assert side(chunks, "delete") == nfc(old)
    assert side(chunks, "insert") == nfc(new)
    assert all(c.text for c in chunks)
    assert all(a.op != b.op for a, b in itertools.pairwise(chunks))


# --- Vietnamese examples ---------------------------------------------------------------------------------


def test_a_changed_tone_mark_is_a_word_change():
    old = "Người lao động được hưởng chế độ thai sản theo quy định."
    new = "Người lao động được hướng chế độ thai sản theo quy định."
    chunks = diff_words(old, new)
    assert chunks == [
        Chunk("equal", "Người lao động được "),
        Chunk("delete", "hưởng"),
        Chunk("insert", "hướng"),
        Chunk("equal", " chế độ thai sản theo quy định."),
    ]
    assert stats(chunks) == (1, 1)


def test_neighbouring_changed_words_read_as_one_change():
    chunks = diff_words("Mức đóng bảo hiểm xã hội tự nguyện", "Mức hỗ trợ tiền đóng bảo hiểm xã hội tự nguyện")
    assert chunks == [
        Chunk("equal", "Mức "),
        Chunk("insert", "hỗ trợ tiền "),
        Chunk("equal", "đóng bảo hiểm xã hội tự nguyện"),
    ]
    chunks = diff_words("con chó đen", "bé mèo đen")
    assert chunks == [Chunk("delete", "con chó"), Chunk("insert", "bé mèo"), Chunk("equal", " đen")]
    assert stats(chunks) == (2, 2)


def test_an_inserted_sentence():
    old = "Từ ngày 01/7/2025, mức lương cơ sở tăng. Người dân tra cứu trên VssID."
    new = "Từ ngày 01/7/2025, mức lương cơ sở tăng. Mức mới là 2.340.000 đồng/tháng. Người dân tra cứu trên VssID."
    chunks = diff_words(old, new)
    assert chunks == [
        Chunk("equal", "Từ ngày 01/7/2025, mức lương cơ sở tăng. "),
        Chunk("insert", "Mức mới là 2.340.000 đồng/tháng. "),
        Chunk("equal", "Người dân tra cứu trên VssID."),
    ]
    assert stats(chunks) == (8, 0)  # Mức mới là 2 340 000 đồng tháng


def test_a_deleted_paragraph_keeps_the_paragraph_breaks():
    old = "## Thông báo\n\nĐoạn thứ nhất giữ nguyên.\n\nĐoạn thứ hai bị xoá bỏ.\n\nĐoạn cuối.\n"
    new = "## Thông báo\n\nĐoạn thứ nhất giữ nguyên.\n\nĐoạn cuối.\n"
    chunks = diff_words(old, new)
    assert chunks == [
        Chunk("equal", "## Thông báo\n\nĐoạn thứ nhất giữ nguyên.\n\n"),
        Chunk("delete", "Đoạn thứ hai bị xoá bỏ.\n\n"),
        Chunk("equal", "Đoạn cuối.\n"),
    ]
    assert stats(chunks) == (0, 6)


def test_an_edit_inside_one_paragraph_leaves_the_others_equal():
    old = "Đoạn một.\n\nBảo hiểm y tế học sinh.\n\nĐoạn ba.\n"
    new = "Đoạn một.\n\nBảo hiểm y tế học sinh, sinh viên.\n\nĐoạn ba.\n"
    chunks = diff_words(old, new)
    assert [c for c in chunks if c.op != "equal"] == [Chunk("insert", ", sinh viên")]
    check_invariants(old, new, chunks)


def test_nfd_and_nfc_of_the_same_text_are_equal():
    text = "Bảo hiểm xã hội Việt Nam: hướng dẫn thủ tục hưởng trợ cấp ốm đau.\n\nĐiều 3."
    assert diff_words(nfd(text), text) == [Chunk("equal", text)]
    assert diff_words(text, nfd(text)) == [Chunk("equal", text)]
    assert stats(diff_words(nfd(text), text)) == (0, 0)


def test_the_output_is_nfc():
    chunks = diff_words(nfd("hưởng lương"), nfd("hướng lương"))
    assert [c.text for c in chunks] == ["hưởng", "hướng", " lương"]
    assert all(c.text == nfc(c.text) for c in chunks)


def test_tokens_keep_syllables_whole_and_punctuation_apart():
    assert tokens("Nghị định số 158/2025/NĐ-CP, ngày 25/6.\n\n**Điều 1**") == [
        "Nghị", " ", "định", " ", "số", " ", "158", "/", "2025", "/", "NĐ", "-", "CP", ",", " ", "ngày", " ", "25",
        "/", "6", ".", "\n\n", "*", "*", "Điều", " ", "1", "*", "*",
    ]  # fmt: skip
    assert tokens(nfd("ệ")) == [nfd("ệ")]  # combining marks stay in the word even before NFC


def test_empty_sides():
    assert diff_words("", "") == []
    assert diff_words("", "Bài mới.") == [Chunk("insert", "Bài mới.")]
    assert diff_words("Bài cũ.", "") == [Chunk("delete", "Bài cũ.")]
    assert stats(diff_words("", "Bài mới.")) == (2, 0)


# --- metadata -------------------------------------------------------------------------------------------


def test_diff_fields_lists_changed_keys_only_in_a_stable_order():
    old = {"title": "Hướng dẫn đóng BHXH", "slug": "huong-dan", "category": "tin-tuc", "tags": ["bhxh"], "pinned": 0}
    new = {
        "title": "Hướng dẫn đóng BHXH tự nguyện",
        "slug": "huong-dan",
        "summary": "Tóm tắt",
        "tags": ["bhxh", "bhyt"],
        "pinned": False,
    }
    assert diff_fields(old, new) == [
        ("title", "Hướng dẫn đóng BHXH", "Hướng dẫn đóng BHXH tự nguyện"),
        ("category", "tin-tuc", MISSING),
        ("tags", ["bhxh"], ["bhxh", "bhyt"]),
        ("pinned", 0, False),
        ("summary", MISSING, "Tóm tắt"),
    ]
    assert diff_fields(old, new) == diff_fields(dict(old), dict(new))  # same input, same output


def test_diff_fields_compares_strings_in_nfc():
    old = {"title": nfd("Thông báo nghỉ Tết"), "tags": [nfd("bảo hiểm")], "extra": {"nơi": nfd("Hà Nội")}}
    new = {"title": "Thông báo nghỉ Tết", "tags": ["bảo hiểm"], "extra": {nfd("nơi"): "Hà Nội"}}
    assert diff_fields(old, new) == []
    assert diff_fields({}, {}) == []
    assert diff_fields({"a": None}, {"a": None}) == []
    assert diff_fields({"a": None}, {}) == [("a", None, MISSING)]
    assert not MISSING and repr(MISSING) == "MISSING"


# --- Rich -----------------------------------------------------------------------------------------------


def test_to_rich_styles_inserted_and_deleted_text():
    chunks = diff_words("được hưởng chế độ", "được hướng chế độ mới")
    text = to_rich(chunks)
    assert text.plain == "được hưởnghướng chế độ mới"
    styled = {text.plain[span.start : span.end]: str(span.style) for span in text.spans}
    assert styled == {"hưởng": DELETE_STYLE, "hướng": INSERT_STYLE, " mới": INSERT_STYLE}
    assert "strike" in DELETE_STYLE and "red" in DELETE_STYLE
    assert "green" in INSERT_STYLE
    assert to_rich([]).plain == ""


def test_importing_the_module_does_not_load_rich_or_textual():
    import subprocess
    import sys

    code = "import sys, console.diff; print(sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'textual')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- size ---------------------------------------------------------------------------------------------

_WORDS = (
    "bảo hiểm xã hội y tế thất nghiệp người lao động doanh nghiệp đóng hưởng chế độ thai sản ốm đau hưu trí "
    "tử tuất trợ cấp mức lương cơ sở tháng năm quy định nghị định thông tư hướng dẫn thủ tục hồ sơ cơ quan "
    "tỉnh thành phố phường xã cấp sổ thẻ tra cứu ứng dụng VssID giao dịch điện tử"
)
SYLLABLES = _WORDS.split()


def article(rng: random.Random, size: int) -> str:
    paragraphs: list[str] = []
    total = 0
    while total < size:
        sentences = []
        for _ in range(rng.randint(2, 5)):
            words = [rng.choice(SYLLABLES) for _ in range(rng.randint(8, 20))]
            sentences.append(" ".join(words).capitalize() + rng.choice(".;."))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        total += len(paragraph.encode()) + 2
    return "\n\n".join(paragraphs) + "\n"


def edit(rng: random.Random, text: str, n: int) -> str:
    words = text.split(" ")
    for _ in range(n):
        k = rng.randrange(len(words))
        words[k] = rng.choice(SYLLABLES)
    return " ".join(words)


def test_a_7kb_article_with_edits_gives_a_small_diff():  # its speed: bench/vietnamese.py
    rng = random.Random(7)
    old = article(rng, 7 * 1024)
    new = edit(rng, old, 15)
    chunks = diff_words(old, new)
    check_invariants(old, new, chunks)
    inserted, deleted = stats(chunks)
    assert 0 < inserted <= 15 * 3 and 0 < deleted <= 15 * 3


def test_a_wholesale_rewrite_stays_bounded():
    rng = random.Random(8)
    old, new = article(rng, 7 * 1024), article(rng, 7 * 1024)
    check_invariants(old, new, diff_words(old, new))
    one_line_old, one_line_new = old.replace("\n", " "), new.replace("\n", " ")  # a single huge paragraph
    check_invariants(one_line_old, one_line_new, diff_words(one_line_old, one_line_new))


def test_a_run_too_large_for_a_word_diff_is_one_delete_and_one_insert(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(diff_module, "WORD_DIFF_LIMIT", 4)
    assert diff_words("a b c", "x b y") == [Chunk("delete", "a b c"), Chunk("insert", "x b y")]


# --- properties -----------------------------------------------------------------------------------------

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
ALPHABET = st.sampled_from(list(VIETNAMESE + " \n\t.,;:!?-*#/()«»…0123456789\u0300\u0301\u0303\u0309\u0323"))
TEXTS = st.one_of(
    st.text(ALPHABET, max_size=200),
    st.text(max_size=100),  # anything Unicode, surrogates and controls included
    st.lists(st.sampled_from([*SYLLABLES, " ", "\n", "\n\n", ".", ","]), max_size=80).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(TEXTS, TEXTS)
def test_the_chunks_rebuild_both_sides(old: str, new: str):
    chunks = diff_words(old, new)
    check_invariants(old, new, chunks)


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.data())
def test_small_edits_rebuild_both_sides(old: str, data: st.DataObject):
    cut = data.draw(st.integers(0, len(old)))
    end = data.draw(st.integers(cut, len(old)))
    new = old[:cut] + data.draw(TEXTS) + old[end:]
    check_invariants(old, new, diff_words(old, new))
    check_invariants(new, old, diff_words(new, old))


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_a_text_against_itself_is_one_equal_chunk(text: str):
    expected = [Chunk("equal", nfc(text))] if text else []
    assert diff_words(text, text) == expected
    assert diff_words(nfd(text), nfc(text)) == expected
    assert stats(diff_words(text, text)) == (0, 0)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_tokens_rebuild_the_text(text: str):
    assert "".join(tokens(text)) == text
