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


# ------------------------------------------------------------------------- search (migration 0004)


def _found(env, actor, text: str, queue_key: str = "inbox") -> set[str]:
    flt = QueueFilter(text=text)
    rows = pages.page(env.ws, actor, queue_key, flt, limit=1000).rows
    assert pages.count(env.ws, actor, queue_key, flt) == len(rows)
    return {r.title for r in rows}


def test_search_finds_words_by_their_beginning_the_same_on_every_backend(filled):
    env, _ = filled
    minh = env.actor("minh")
    got = _found(env, minh, "luong huu")
    assert got == {t for t in _found(env, minh, "") if "lương hưu" in t} | {f"{TITLES[5]} - tin 2"}
    assert _found(env, minh, "luong hu") == got  # the last word as typed so far: a prefix
    assert _found(env, minh, "lương hư") == _found(env, minh, "LƯƠNG HƯU") == _found(env, minh, "huu luong") == got
    assert _found(env, minh, "uong huu") == set()  # inside a word: no
    assert _found(env, minh, "dieu chi") == {t for t in _found(env, minh, "") if "điều chỉnh" in t.lower()}
    assert _found(env, minh, "so hoa") == {t for t in _found(env, minh, "") if "số hoá" in t}
    assert _found(env, minh, "2027") == {t for t in _found(env, minh, "") if "2027" in t}
    assert _found(env, minh, "anh sang moi") == {t for t in _found(env, minh, "") if t.startswith("Ánh sáng mới")}


@pytest.mark.parametrize("text", ['"luong huu"', "luong-huu", "luong* huu*", "(luong) huu", "^luong huu",
                                  "luong:huu", "luong + huu", "luong'huu", 'luong" huu', "luong\thuu"])
def test_search_syntax_characters_are_plain_text(filled, text):
    env, _ = filled
    minh = env.actor("minh")
    assert _found(env, minh, text) == _found(env, minh, "luong huu") != set()


@pytest.mark.parametrize("text", ["luong OR xyzzy", "NOT luong", "luong AND", "NEAR(luong huu)", "NEAR luong",
                                  "search_text:luong", "item_fts:luong", '"', "*", "-", "()", "'", "%", "_"])
def test_search_operators_are_words_and_punctuation_finds_nothing(filled, text):
    env, _ = filled
    assert _found(env, env.actor("minh"), text) == set()


def test_an_edited_item_is_found_and_sorted_by_its_new_title_only(env):
    from console.collation import title_key
    from models import Item

    lan = env.actor("lan")
    a = items.create(env.ws, lan, draft(title="Ánh sáng cuối đường hầm"), submit=False).id
    b = items.create(env.ws, lan, draft(title="Bảo hiểm thất nghiệp"), submit=False).id

    def found(text: str) -> set[int]:
        return {r.id for r in pages.page(env.ws, lan, "submitted", QueueFilter(text=text)).rows}

    def by_title() -> list[int]:
        return [r.id for r in pages.page(env.ws, lan, "submitted", None, "title").rows]

    assert found("anh sang") == {a} and by_title() == [a, b]
    items.edit(env.ws, lan, a, title="Điều chỉnh mức hưởng")
    assert found("anh sang") == set() and found("duong ham") == set()
    assert found("dieu chinh muc") == {a} and by_title() == [b, a]  # Đ after B
    items.edit(env.ws, lan, a, title="An toàn lao động", summary="Hướng dẫn mới")
    assert found("dieu chinh") == set() and found("an toan") == found("huong dan") == {a}
    assert by_title() == [a, b]
    with env.ws.db.read() as s:
        assert s.get(Item, a).title_key == title_key("An toàn lao động")


# ------------------------------------------------------------------- NULLs in every segment of an order


def _null_mix(env) -> tuple[Any, list[int]]:
    """lan's own queue ("submitted by me", every state): legal drafts (due date, not received), submitted legal
    documents (both, some due the same day), news drafts (neither) and submitted news (received only), and one
    item whose title key is missing (written by other means than the services)."""
    from sqlalchemy import update

    from models import Item

    lan = env.actor("lan")
    ids = []
    for n in range(16):
        legal = n % 2 == 0
        kind = {**LEGAL, "meta": {"number": f"{n + 1}/2027/NĐ-CP", "issuer": "Chính phủ", "issued_on": "2027-01-04",
                                  "cleared_on": f"2027-03-{1 + n % 3:02d}"}} if legal else {}
        ref = items.create(env.ws, lan, draft(**kind, title=f"{TITLES[n % len(TITLES)]} [{n}]"), submit=n % 4 < 2)
        ids.append(ref.id)
    with env.ws.db.write() as s:
        s.execute(update(Item).where(Item.id == ids[5]).values(title_key=None))
    return lan, ids


def _expected(env, sort: str, rows: list[Any]) -> list[int]:
    from sqlalchemy import select

    from models import Item

    if sort == "due":
        return [r.id for r in sorted(rows, key=_due_key)]
    if sort == "unit":
        return [r.id for r in sorted(rows, key=lambda r: (r.unit, *_due_key(r)))]
    if sort == "received":
        return [r.id for r in sorted(rows, key=lambda r: (r.submitted_at is None,
                                                          -r.submitted_at.timestamp() if r.submitted_at else 0, -r.id))]
    with env.ws.db.read() as s:
        keys = dict(s.execute(select(Item.id, Item.title_key)).all())
    return [r.id for r in sorted(rows, key=lambda r: (keys[r.id] is None, keys[r.id] or b"", r.id))]


@pytest.mark.parametrize("sort", ["due", "received", "unit", "title"])
def test_orders_with_nulls_in_every_key_walk_the_same_every_way(env, sort):
    lan, ids = _null_mix(env)
    everything = pages.page(env.ws, lan, "submitted", None, sort, limit=1000).rows
    assert {r.id for r in everything} == set(ids)
    assert any(r.due_at is not None and r.submitted_at is None for r in everything)  # the nested NULL case
    assert any(r.due_at is None and r.submitted_at is None for r in everything)
    expected = _expected(env, sort, everything)
    assert [r.id for r in everything] == expected
    for limit in (1, 3, 5):
        p = pages.page(env.ws, lan, "submitted", None, sort, limit=limit)
        walked = [r.id for r in p.rows]
        while p.next_keyset is not None:
            p = pages.page(env.ws, lan, "submitted", None, sort, after=p.next_keyset, limit=limit)
            walked += [r.id for r in p.rows]
        assert walked == expected
        p = pages.page(env.ws, lan, "submitted", None, sort, last=True, limit=limit)
        assert p.next_keyset is None and p.start is None
        back = [r.id for r in p.rows]
        while p.prev_keyset is not None:
            p = pages.page(env.ws, lan, "submitted", None, sort, before=p.prev_keyset, limit=limit)
            back = [r.id for r in p.rows] + back
        assert back == expected
        for start in range(0, 17, limit):
            p = pages.page(env.ws, lan, "submitted", None, sort, offset=start, limit=limit)
            assert [r.id for r in p.rows] == expected[start:start + limit]
    for pos, item_id in enumerate(expected):
        assert pages.index_of(env.ws, lan, "submitted", None, sort, item_id) == pos


def test_the_last_page_is_the_end_of_the_walk(filled):
    env, _ = filled
    minh = env.actor("minh")
    walked = [r.id for r in pages.page(env.ws, minh, "inbox", None, "due", limit=1000).rows]
    p = pages.page(env.ws, minh, "inbox", None, "due", last=True, limit=7)
    assert [r.id for r in p.rows] == walked[-7:] and p.next_keyset is None and p.prev_keyset is not None
    with pytest.raises(ValueError):
        pages.page(env.ws, minh, "inbox", None, "due", last=True, offset=3)


def test_counts_tell_how_many_the_actor_may_act_on(filled):
    env, _ = filled
    for username in ("minh", "son", "hung", "mai"):
        actor = env.actor(username)
        for flt in (None, QueueFilter(unit="VP"), QueueFilter(text="bao hiem")):
            rows = pages.page(env.ws, actor, "inbox", flt, limit=1000).rows
            assert pages.counts(env.ws, actor, "inbox", flt) == (len(rows), sum(r.actionable for r in rows))
    assert pages.counts(env.ws, env.actor("minh"), "inbox", None) == (30, 30)


def test_find_moves_through_the_matches_in_queue_order_and_wraps(filled):
    import re

    env, _ = filled
    minh = env.actor("minh")
    for sort in ("due", "title"):
        walked = pages.page(env.ws, minh, "inbox", None, sort, limit=1000).rows
        hits = [i for i, r in enumerate(walked) if re.search(r"\bbao hiem", fold(r.title))]
        assert len(hits) > 2

        def find(from_pos: int | None, forward: bool = True, inclusive: bool = False, s: Any = sort,
                 walked: list[Any] = walked) -> int | None:
            from_id = walked[from_pos].id if from_pos is not None else None
            return pages.find(env.ws, minh, "inbox", None, s, "Bảo hiểm", from_id, forward=forward,
                              inclusive=inclusive)

        assert find(None) == hits[0] and find(None, forward=False) == hits[-1]
        assert find(hits[0]) == hits[1] and find(hits[0], inclusive=True) == hits[0]
        assert find(hits[-1]) == hits[0]  # wraps around
        assert find(hits[1], forward=False) == hits[0] and find(hits[0], forward=False) == hits[-1]
        assert find(hits[0] + 1, inclusive=True) == next(h for h in hits if h > hits[0])
    assert pages.find(env.ws, minh, "inbox", None, "due", "xyzzy", None) is None
    assert pages.find(env.ws, minh, "inbox", None, "due", "--", None) is None
    vkh = QueueFilter(unit="VKH")
    rows = pages.page(env.ws, minh, "inbox", vkh, "due", limit=1000).rows
    assert pages.find(env.ws, minh, "inbox", vkh, "due", "bao hiem", None) == next(
        i for i, r in enumerate(rows) if "bảo hiểm" in r.title.lower())


@pytest.fixture(params=["few", "many"])
def either_search(request, monkeypatch):
    """Run a search test both ways SQLite reads a search: from the FTS matches (few) and along the sort's index,
    probing the matches (many)."""
    if request.param == "many":
        monkeypatch.setattr(pages, "SPARSE", 0)
    return request.param


def test_both_ways_of_reading_a_search_agree(filled, either_search):
    env, _ = filled
    minh = env.actor("minh")
    for text in ("bao hiem", "luong hu", "2027", "xyzzy"):
        flt = QueueFilter(text=text)
        for sort in ("due", "received", "unit", "title"):
            walked = _walk(env, minh, sort, flt, limit=3)
            expected = [r.id for r in pages.page(env.ws, minh, "inbox", None, sort, limit=1000).rows
                        if r.title in _found(env, minh, text)]
            assert [r.id for r in walked] == expected
            for pos, r in enumerate(walked):
                assert pages.index_of(env.ws, minh, "inbox", flt, sort, r.id) == pos
            if walked:
                assert [r.id for r in pages.page(env.ws, minh, "inbox", flt, sort, offset=1, limit=3).rows] == \
                    expected[1:4]
                assert pages.find(env.ws, minh, "inbox", None, sort, text, None) == \
                    [r.id for r in pages.page(env.ws, minh, "inbox", None, sort, limit=1000).rows].index(expected[0])


@pytest.mark.parametrize("sort", ["due", "received", "unit", "title"])
def test_a_queue_of_several_states_is_merged_in_order(env, sort):
    """The overdue queue spans five states; each is read as a range of the sort's index and the pages merged."""
    from datetime import UTC, timedelta

    from sqlalchemy import update

    from models import Item
    from models.workflow import State
    from tests.helpers import item_in

    states = [State.SUBMITTED, State.EDITING, State.BOARD_REVIEW, State.RETURNED, State.APPROVED]
    ids = [item_in(env, states[n % len(states)]) for n in range(15)]
    base = datetime(2026, 1, 5, 10, tzinfo=UTC)
    with env.ws.db.write() as s:
        for n, i in enumerate(ids):  # due dates in the past, many shared; approved items are not overdue
            s.execute(update(Item).where(Item.id == i).values(due_at=base + timedelta(days=n % 4)))
    minh = env.actor("minh")
    everything = pages.page(env.ws, minh, "overdue", None, sort, limit=1000).rows
    assert {r.id for r in everything} == {i for n, i in enumerate(ids) if states[n % len(states)] != State.APPROVED}
    expected = _expected(env, sort, everything)
    assert [r.id for r in everything] == expected
    for limit in (1, 2, 5):
        walked = [r.id for r in _walk_queue(env, minh, "overdue", sort, limit)]
        assert walked == expected
        p = pages.page(env.ws, minh, "overdue", None, sort, last=True, limit=limit)
        back = [r.id for r in p.rows]
        while p.prev_keyset is not None:
            p = pages.page(env.ws, minh, "overdue", None, sort, before=p.prev_keyset, limit=limit)
            back = [r.id for r in p.rows] + back
        assert back == expected
        for start in range(0, len(expected), limit):
            got = pages.page(env.ws, minh, "overdue", None, sort, offset=start, limit=limit).rows
            assert [r.id for r in got] == expected[start:start + limit]
    for pos, item_id in enumerate(expected):
        assert pages.index_of(env.ws, minh, "overdue", None, sort, item_id) == pos


def _walk_queue(env, actor, queue_key, sort, limit) -> list[Any]:
    p = pages.page(env.ws, actor, queue_key, None, sort, limit=limit)
    rows = list(p.rows)
    while p.next_keyset is not None:
        p = pages.page(env.ws, actor, queue_key, None, sort, after=p.next_keyset, limit=limit)
        rows += p.rows
    return rows


def test_a_board_queue_is_counted_without_reading_revisions_and_keeps_separation_of_duties(env):
    from console.services.queries import actionable_clause
    from models import Revision
    from models.workflow import State
    from tests.helpers import item_in

    own = item_in(env, State.BOARD_REVIEW, by="hung")  # hung sits on the Board and contributes for VP
    other = item_in(env, State.BOARD_REVIEW, by="lan")
    hung = env.actor("hung")
    # return and reject need nothing but the state, so the count need not look at the revision's author
    assert Revision.__table__ not in actionable_clause(hung, frozenset({State.BOARD_REVIEW}))._from_objects
    assert pages.counts(env.ws, hung, "board") == (2, 2)
    rows = {r.id: r for r in pages.page(env.ws, hung, "board").rows}
    assert rows[own].actionable and rows[other].actionable
    assert not rows[own].can_forward and rows[other].can_forward  # he may not approve his own item


@pytest.mark.parametrize("sort", ["due", "received", "unit", "title"])
def test_sqlite_reads_a_page_as_a_range_of_the_sorts_index(sqlite_env, sort):
    """EXPLAIN QUERY PLAN of the statements a keyset page runs: a range of the sort's index, never a sort of the
    whole queue (a sort of the ties of the leading column, "RIGHT PART OF ORDER BY", is allowed)."""
    from sqlalchemy import event

    env = sqlite_env
    _populate(env)
    minh = env.actor("minh")
    first = pages.page(env.ws, minh, "inbox", None, sort, limit=3)
    seen: list[tuple[str, Any]] = []

    def capture(conn: Any, cursor: Any, statement: str, params: Any, context: Any, many: bool) -> None:
        if statement.startswith("SELECT item.id,") and "ORDER BY" in statement:  # the narrow query of the ids
            seen.append((statement, params))

    event.listen(env.ws.db.engine, "before_cursor_execute", capture)
    try:
        pages.page(env.ws, minh, "inbox", None, sort, after=first.next_keyset, limit=3)
    finally:
        event.remove(env.ws.db.engine, "before_cursor_execute", capture)
    assert seen
    with env.ws.db.engine.connect() as c:
        for statement, params in seen:
            plan = " / ".join(r[3] for r in c.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params))
            assert f"USING COVERING INDEX ix_item_queue_{sort}" in plan, plan
            assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan
