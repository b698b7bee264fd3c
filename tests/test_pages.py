"""Paged queues (issue 5): filters, keyset paging in every sort, offset jumps, search, index_of, visibility."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from console.services import items, pages
from console.services.pages import QueueFilter
from console.text import fold
from tests.helpers import draft

LEGAL = {"category": "vi.3.1", "content_type": "legal_document"}
TITLES = [
    "Nghị định về điều chỉnh lương hưu",
    "Đề án số hoá hồ sơ bảo hiểm",
    "Thông tư hướng dẫn thu bảo hiểm y tế",
    "Quyết định ban hành quy trình giám định",
    "Ánh sáng mới cho người lao động",
    "Công văn về đóng bảo hiểm thất nghiệp",
    "Điều lệ tổ chức và hoạt động",
    "Bảo hiểm xã hội tự nguyện năm 2027",
]
# (username, unit) of the contributors
BY = [("lan", "VP"), ("son", "VKH"), ("hung", "VP")]


def _populate(env) -> dict[str, Any]:
    """30 submitted items: 21 legal documents with spread (and some equal) due dates in three units and two
    sections, 7 news items without a due date, 2 on the English portal."""
    ws = env.ws
    ids: dict[str, list[int]] = {"legal": [], "news": [], "en": [], "vi.3.2": []}
    for n in range(21):
        username, unit = BY[n % 3]
        category = "vi.3.2" if n % 4 == 0 else "vi.3.1"
        day = 1 + (n * 7) % 12  # repeats: equal due dates, ordered by received then id
        meta = {"number": f"{n + 1}/2027/NĐ-CP", "issuer": "Chính phủ", "issued_on": "2027-01-04",
                "cleared_on": f"2027-03-{day:02d}"}
        title = f"{TITLES[n % len(TITLES)]} ({n})"
        ref = items.create(ws, env.actor(username), draft(**{**LEGAL, "category": category}, unit=unit, title=title,
                                                          meta=meta))
        ids["legal"].append(ref.id)
        if category == "vi.3.2":
            ids["vi.3.2"].append(ref.id)
    for n in range(7):
        username, unit = BY[n % 3]
        ref = items.create(ws, env.actor(username), draft(unit=unit, title=f"{TITLES[(n + 3) % len(TITLES)]} - tin {n}",
                                                          summary="Tin về lương hưu" if n == 2 else ""))
        ids["news"].append(ref.id)
    for n in range(2):
        ref = items.create(ws, env.actor("anna"), draft(portal="en", category="en.2.1", unit="VHTQT",
                                                        title=f"Pension adjustment news {n}"))
        ids["en"].append(ref.id)
    editor = env.actor("minh")
    for i in ids["legal"][:5]:
        items.assign(ws, editor, i, "minh")
    ids["assigned"] = ids["legal"][:5]
    return ids


def _walk(env, actor, sort, flt=None, limit=7) -> list[Any]:
    rows: list[Any] = []
    p = pages.page(env.ws, actor, "inbox", flt, sort, limit=limit)
    seen_pages = 0
    while True:
        rows.extend(p.rows)
        seen_pages += 1
        assert seen_pages < 100
        if p.next_keyset is None:
            return rows
        p = pages.page(env.ws, actor, "inbox", flt, sort, after=p.next_keyset, limit=limit)


def _due_key(r) -> tuple[Any, ...]:
    due = (r.due_at is None, r.due_at.replace(tzinfo=None) if r.due_at else datetime.min)
    sub = (r.submitted_at is None, r.submitted_at.replace(tzinfo=None) if r.submitted_at else datetime.min)
    return (*due, *sub, r.id)


@pytest.fixture
def filled(env):
    return env, _populate(env)


def test_filters_each_narrow(filled):
    env, ids = filled
    minh = env.actor("minh")
    everything = {r.id for r in pages.page(env.ws, minh, "inbox", None, limit=1000).rows}
    assert everything == set(ids["legal"] + ids["news"] + ids["en"])
    assert pages.count(env.ws, minh, "inbox", QueueFilter()) == 30

    def found(**kw: Any) -> set[int]:
        flt = QueueFilter(**kw)
        got = {r.id for r in pages.page(env.ws, minh, "inbox", flt, limit=1000).rows}
        assert pages.count(env.ws, minh, "inbox", flt) == len(got)
        return got

    assert found(portal="en") == set(ids["en"])
    assert found(portal="vi") == set(ids["legal"] + ids["news"])
    assert found(category_key="vi.3") == set(ids["legal"])  # the chuyên mục includes its sections
    assert found(category_key="vi.3.2") == set(ids["vi.3.2"])
    assert found(content_type="news_event") == set(ids["news"] + ids["en"])
    vkh = found(unit="VKH")
    assert vkh and all(r.unit == "VKH" for r in pages.page(env.ws, minh, "inbox", QueueFilter(unit="VKH")).rows)
    assert found(unit="vkh") == vkh
    assert found(assignee="minh") == set(ids["assigned"])
    assert found(portal="vi", unit="VP", content_type="legal_document") == {
        r.id for r in pages.page(env.ws, minh, "inbox", None, limit=1000).rows
        if r.portal == "vi" and r.unit == "VP" and r.content_type == "legal_document"
    }
    assert found(portal="xx") == set() and found(category_key="nope") == set() and found(assignee="ghost") == set()
    rows = pages.page(env.ws, minh, "inbox", QueueFilter(assignee="minh")).rows
    assert all(r.assignee == "minh" and r.actionable for r in rows)


@pytest.mark.parametrize("sort", ["due", "received", "unit", "title"])
def test_keyset_walk_is_complete_ordered_and_equals_offset(filled, sort):
    env, _ = filled
    minh = env.actor("minh")
    walked = _walk(env, minh, sort)
    walked_ids = [r.id for r in walked]
    assert len(walked_ids) == len(set(walked_ids)) == 30
    assert walked_ids == [r.id for r in pages.page(env.ws, minh, "inbox", None, sort, limit=1000).rows]
    # offset jumps land where the keyset walk went
    for start in (0, 7, 14, 25):
        p = pages.page(env.ws, minh, "inbox", None, sort, offset=start, limit=7)
        assert [r.id for r in p.rows] == walked_ids[start:start + 7] and p.start == start
        assert (p.prev_keyset is None) == (start == 0)
        assert (p.next_keyset is None) == (start + 7 >= 30)
    # and back, page by page, with before=
    p = pages.page(env.ws, minh, "inbox", None, sort, offset=23, limit=7)
    back: list[int] = [r.id for r in p.rows]
    while p.prev_keyset is not None:
        p = pages.page(env.ws, minh, "inbox", None, sort, before=p.prev_keyset, limit=7)
        back = [r.id for r in p.rows] + back
    assert back == walked_ids
    if sort == "due":
        assert [_due_key(r) for r in walked] == sorted(_due_key(r) for r in walked)
        assert walked[-1].due_at is None and walked[0].due_at is not None  # news has no deadline: last
        assert len({r.due_at for r in walked if r.due_at}) < 21  # equal due dates were exercised
    elif sort == "received":
        keys = [(r.submitted_at.replace(tzinfo=None), r.id) for r in walked]
        assert keys == sorted(keys, reverse=True)
    elif sort == "unit":
        keys = [(r.unit, *_due_key(r)) for r in walked]
        assert keys == sorted(keys)
    else:
        initials = [fold(r.title)[0] for r in walked]
        assert initials == sorted(initials)  # "Đề án" with the d's, "Ánh sáng" with the a's


def test_search_ignores_diacritics_and_needs_every_word(filled):
    env, _ = filled
    minh = env.actor("minh")

    def titles(text: str) -> set[str]:
        flt = QueueFilter(text=text)
        rows = pages.page(env.ws, minh, "inbox", flt, limit=1000).rows
        assert pages.count(env.ws, minh, "inbox", flt) == len(rows)
        return {r.title for r in rows}

    got = titles("dieu chinh luong huu")
    assert got and all("điều chỉnh lương hưu" in t for t in got)
    assert titles("ĐIỀU CHỈNH lương hưu") == got
    assert titles("de an so hoa") == {t for t in titles("") if t.startswith("Đề án số hoá")}
    assert titles("dieu") >= {t for t in titles("") if fold(t).startswith("dieu")}
    assert titles("luong huu") - got == {f"{TITLES[5]} - tin 2"}  # found by its summary
    assert titles("dieu chinh xyzzy") == set()
    assert titles("100%") == set() and titles("_") == set()  # LIKE wildcards are plain characters
    assert titles("   ") == titles("")


def test_index_of_keeps_the_cursor(filled):
    env, ids = filled
    minh = env.actor("minh")
    for sort in ("due", "title"):
        walked = [r.id for r in pages.page(env.ws, minh, "inbox", None, sort, limit=1000).rows]
        for pos in (0, 5, 29):
            assert pages.index_of(env.ws, minh, "inbox", None, sort, walked[pos]) == pos
    flt = QueueFilter(unit="VKH")
    vkh = [r.id for r in pages.page(env.ws, minh, "inbox", flt, "unit").rows]
    assert pages.index_of(env.ws, minh, "inbox", flt, "unit", vkh[-1]) == len(vkh) - 1
    assert pages.index_of(env.ws, minh, "inbox", flt, "unit", ids["en"][0]) is None
    assert pages.index_of(env.ws, minh, "editing", None, "due", ids["legal"][0]) is None


def test_a_contributor_sees_only_their_units_items(filled):
    env, ids = filled
    son = env.actor("son")  # VKH contributor
    rows = _walk(env, son, "due", limit=3)
    assert rows and {r.unit for r in rows} == {"VKH"}
    assert pages.count(env.ws, son, "inbox", None) == len(rows)
    assert not any(r.actionable for r in rows)  # a contributor takes no step on a submitted item
    assert pages.count(env.ws, son, "inbox", QueueFilter(unit="VP")) == 0
    assert pages.index_of(env.ws, son, "inbox", None, "due", ids["en"][0]) is None


def test_bad_arguments(filled):
    from console.errors import InvalidInput

    env, _ = filled
    minh = env.actor("minh")
    with pytest.raises(InvalidInput):
        pages.count(env.ws, minh, "nope", None)
    p = pages.page(env.ws, minh, "inbox", None, "due", limit=5)
    with pytest.raises(ValueError):
        pages.page(env.ws, minh, "inbox", None, "title", after=p.next_keyset)
    with pytest.raises(ValueError):
        pages.page(env.ws, minh, "inbox", None, "due", after=p.next_keyset, offset=3)
