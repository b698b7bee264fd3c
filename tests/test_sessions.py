"""Board approval sessions (issue 8): the agenda, the quorum, decisions stamped with the session, deferral, closing
into numbered minutes that never change, resuming, and who may chair — on each database."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from console.errors import Conflict, InvalidInput, PermissionDenied
from console.services import delegation, items, sessions
from models import AgendaEntry, ApprovalSession, Decision, EntryStatus
from models.workflow import State
from tests.conftest import Env
from tests.helpers import item_in

DAY = date(2026, 11, 26)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delegation, "today", lambda: DAY)


def _waiting(env: Env, n: int) -> list[int]:
    return [item_in(env, State.BOARD_REVIEW, kind={"title": f"Tin thứ {k} chờ Ban Biên tập"}) for k in range(n)]


def _entries(env: Env, sid: int) -> list[AgendaEntry]:
    with env.ws.db.read() as s:
        return list(s.scalars(select(AgendaEntry).where(AgendaEntry.session_id == sid).order_by(AgendaEntry.position)))


def test_a_session_walks_its_agenda_and_closes_into_numbered_minutes(env: Env):
    ids = _waiting(env, 5)
    head = env.actor("head")
    sid = sessions.plan(env.ws, head, "Phiên duyệt tháng 11/2026", DAY, attendees=["mai"],
                        absentees={"hung": "Đi công tác"})  # fmt: skip
    assert [e.item_id for e in _entries(env, sid)] == ids  # everything awaiting the Board
    sessions.set_agenda(env.ws, head, sid, [ids[3], ids[0], ids[1], ids[2]])  # one left out, reordered
    assert [e.item_id for e in _entries(env, sid)] == [ids[3], ids[0], ids[1], ids[2]]
    quorum = sessions.start(env.ws, head, sid)
    assert "2/3" in quorum
    items.decide(env.ws, env.actor("mai"), ids[3], "approve", session_id=sid)
    items.decide(env.ws, head, ids[0], "return", reason="Thiếu nguồn tin chính thức", session_id=sid)
    with pytest.raises(PermissionDenied):  # absent
        items.decide(env.ws, env.actor("hung"), ids[1], "approve", session_id=sid)
    with pytest.raises(InvalidInput):  # not on the agenda
        items.decide(env.ws, head, ids[4], "approve", session_id=sid)
    entry = {e.item_id: e.id for e in _entries(env, sid)}
    sessions.defer(env.ws, head, sid, entry[ids[1]], "Chờ ý kiến Vụ Pháp chế")
    sessions.note(env.ws, head, sid, f"Bài #{ids[3]} cần thêm ảnh.", entry_id=entry[ids[3]])
    sessions.note(env.ws, head, sid, "Phiên họp kết thúc lúc 11 giờ.")
    added = sessions.add_entry(env.ws, head, sid, ids[4])  # added during the session
    assert added and sessions.progress(env.ws, sid).text() == "3/5, 1 trả lại, 1 hoãn sang phiên sau"
    number = sessions.close(env.ws, head, sid)
    assert number == "1/BB-BBT"
    statuses = {e.item_id: e.status for e in _entries(env, sid)}
    assert statuses == {ids[3]: "decided", ids[0]: "decided", ids[1]: "deferred", ids[2]: "deferred",
                        ids[4]: "deferred"}  # fmt: skip
    with env.ws.db.read() as s:
        stamped = s.scalars(select(Decision.item_id).where(Decision.session_id == sid)).all()
    assert sorted(stamped) == sorted([ids[3], ids[0]])
    md = sessions.document(env.ws, sid, "md").decode("utf-8")
    assert "1/BB-BBT" in md and "Thiếu nguồn tin chính thức" in md and "Đi công tác" in md and "cần thêm ảnh" in md
    assert sessions.document(env.ws, sid, "odt") == sessions.document(env.ws, sid, "odt")  # the same every time
    from docx import Document

    text = "\n".join(c.text for t in Document(io.BytesIO(sessions.document(env.ws, sid, "docx"))).tables
                     for r in t.rows for c in r.cells)  # fmt: skip
    assert "Tin thứ 3 chờ Ban Biên tập" in text and "Trả lại" in text
    # The next session's agenda starts with what this one deferred; its minutes take the next number.
    nxt = sessions.plan(env.ws, head, "Phiên duyệt tháng 12/2026", DAY + timedelta(days=7), attendees=["mai", "hung"])
    assert [e.item_id for e in _entries(env, nxt)][:3] == sorted([ids[1], ids[2], ids[4]])
    sessions.start(env.ws, head, nxt)
    assert sessions.close(env.ws, head, nxt) == "2/BB-BBT"


def test_a_closed_session_never_changes(env: Env):
    ids = _waiting(env, 1)
    head = env.actor("head")
    sid = sessions.plan(env.ws, head, "Phiên duyệt", DAY, attendees=["mai"])
    sessions.start(env.ws, head, sid)
    sessions.close(env.ws, head, sid)
    entry = _entries(env, sid)[0].id
    for act in (lambda: sessions.note(env.ws, head, sid, "sửa"), lambda: sessions.defer(env.ws, head, sid, entry, "x"),
                lambda: sessions.close(env.ws, head, sid), lambda: sessions.add_entry(env.ws, head, sid, ids[0])):
        with pytest.raises(Conflict):
            act()
    with pytest.raises(Conflict):
        items.decide(env.ws, head, ids[0], "approve", session_id=sid)
    with pytest.raises(ValueError), env.ws.db.write() as s:  # not even by hand through the ORM
        row = s.get(ApprovalSession, sid)
        assert row is not None
        row.notes = "sửa biên bản"


def test_the_quorum_is_counted_over_the_board(env: Env):
    _waiting(env, 1)
    head = env.actor("head")
    sid = sessions.plan(env.ws, head, "Phiên vắng", DAY, attendees=[], absentees={"mai": "Ốm", "hung": "Công tác"})
    with pytest.raises(Conflict) as info:
        sessions.start(env.ws, head, sid)
    assert "1/3" in str(info.value) and "2" in str(info.value)
    all_of_them = sessions.plan(env.ws, head, "Phiên đủ", DAY, attendees=["mai"], quorum="all")
    with pytest.raises(Conflict):
        sessions.start(env.ws, head, all_of_them)
    with pytest.raises(InvalidInput):
        sessions.plan(env.ws, head, "Phiên", DAY, attendees=["minh"])  # not on the Board
    with pytest.raises(InvalidInput):
        sessions.plan(env.ws, head, "Phiên", DAY, attendees=["mai"], quorum="most")


def test_who_chairs_the_head_or_a_member_with_all_of_the_head_s_authority(env: Env):
    _waiting(env, 1)
    with pytest.raises(PermissionDenied):
        sessions.plan(env.ws, env.actor("mai"), "Phiên", DAY, attendees=["hung"])
    delegation.add(env.ws, env.actor("head"), "hung", DAY, DAY, reason="Chỉ tin tức", categories=["vi.2"],
                   content_types=["news_event"])  # fmt: skip
    with pytest.raises(PermissionDenied):  # a limited delegation does not make a chair
        sessions.plan(env.ws, env.actor("hung"), "Phiên", DAY, attendees=["mai"])
    delegation.add(env.ws, env.actor("head"), "mai", DAY, DAY + timedelta(days=3), reason="Trưởng Ban đi công tác",
                   content_types=["statistics"])  # fmt: skip
    with pytest.raises(PermissionDenied):
        sessions.plan(env.ws, env.actor("mai"), "Phiên", DAY, attendees=["hung"])
    full = delegation.add(env.ws, env.actor("head"), "mai", DAY + timedelta(days=7), DAY + timedelta(days=9),
                          reason="Nghỉ phép")  # fmt: skip
    assert full
    delegation.today = lambda: DAY + timedelta(days=8)  # type: ignore[assignment]  # (the fixture restores it)
    sid = sessions.plan(env.ws, env.actor("mai"), "Phiên thay Trưởng Ban", DAY + timedelta(days=8), attendees=["hung"])
    sessions.start(env.ws, env.actor("mai"), sid)
    sessions.close(env.ws, env.actor("mai"), sid)
    assert "thay mặt Bùi Đức Trưởng" in sessions.document(env.ws, sid, "md").decode("utf-8")


def test_an_interrupted_session_resumes_where_it_stopped(env: Env):
    from console.workspace import open_workspace

    ids = _waiting(env, 3)
    head = env.actor("head")
    sid = sessions.plan(env.ws, head, "Phiên bị ngắt", DAY, attendees=["mai"])
    sessions.start(env.ws, head, sid)
    items.decide(env.ws, env.actor("mai"), ids[0], "approve", session_id=sid)
    again = open_workspace(env.ws.location.url)  # the terminal closed; another one opens the workspace
    try:
        assert sessions.progress(again, sid).decided == 1
        items.decide(again, env.actor("mai"), ids[1], "approve", session_id=sid)
        assert sessions.close(again, head, sid) == "1/BB-BBT"
    finally:
        again.close()
    assert [e.status for e in _entries(env, sid)] == [EntryStatus.DECIDED, EntryStatus.DECIDED, EntryStatus.DEFERRED]


def test_the_cli_opens_walks_closes_and_writes_the_minutes(sqlite_env: Env, cli, tmp_path):  # type: ignore[no-untyped-def]
    import json

    from odf import teletype
    from odf.opendocument import load

    ids = _waiting(sqlite_env, 3)
    run = cli
    code, out, _ = run("head", "session", "open", "Phiên duyệt tuần 48", "--date", "2026-11-26", "--attend", "mai",
                       "--absent", "hung:Đi công tác")  # fmt: skip
    assert code == 0 and "2/3" in out and "#1" in out
    assert run("mai", "decide", str(ids[0]), "approve", "--session", "1")[0] == 0
    assert run("head", "decide", str(ids[1]), "reject", "--reason", "Trùng lặp", "--session", "1")[0] == 0
    code, out, _ = run("head", "session", "show", "1")
    assert code == 0 and out.startswith("2/3") and "Trùng lặp" in out
    code, out, _ = run("head", "session", "close", "1")
    assert code == 0 and "1/BB-BBT" in out
    code, out, _ = run("head", "session", "list", "--format", "json")
    assert json.loads(out)[0]["minutes_number"] == "1/BB-BBT"
    code, out, _ = run("head", "session", "minutes", "1")
    assert code == 0 and "BIÊN BẢN" in out and "Đi công tác" in out
    assert run("head", "session", "minutes", "1", "--format", "odt")[0] == 2  # binary: needs a file
    target = tmp_path / "bien-ban.odt"
    assert run("head", "session", "minutes", "1", "--format", "odt", "-o", str(target))[0] == 0
    text = teletype.extractText(load(str(target)).text)
    assert "1/BB-BBT" in text and "Trùng lặp" in text
    code, out, _ = run("head", "session", "correct", "1", "--text", "Bổ sung lý do vắng mặt")
    assert code == 0 and "2/BB-BBT" in out


def test_a_delegation_that_ends_during_the_session(env: Env, monkeypatch: pytest.MonkeyPatch):
    """Long chairs for the head under a delegation that ends at midnight in the middle of a late session: he
    stays its chair, but his decisions after the end are his own, no longer on the head's behalf."""
    ids = _waiting(env, 2)
    delegation.add(env.ws, env.actor("head"), "mai", DAY, DAY, reason="Trưởng Ban đi công tác")
    sid = sessions.plan(env.ws, env.actor("mai"), "Phiên buổi tối", DAY, attendees=["hung"])
    sessions.start(env.ws, env.actor("mai"), sid)
    items.decide(env.ws, env.actor("mai"), ids[0], "approve", session_id=sid)
    monkeypatch.setattr(delegation, "today", lambda: DAY + timedelta(days=1))  # past midnight
    items.decide(env.ws, env.actor("mai"), ids[1], "approve", session_id=sid)
    with env.ws.db.read() as s:
        behalf = dict(s.execute(select(Decision.item_id, Decision.on_behalf_of_id)
                                .where(Decision.session_id == sid)).all())  # fmt: skip
    assert behalf == {ids[0]: env.actor("head").user_id, ids[1]: None}
    sessions.close(env.ws, env.actor("mai"), sid)
    md = sessions.document(env.ws, sid, "md").decode("utf-8")
    rows = {i: next(line for line in md.splitlines() if f"| #{i} |" in line) for i in ids}
    assert "thay mặt Bùi Đức Trưởng" in rows[ids[0]] and "thay mặt" not in rows[ids[1]]


def test_a_correction_is_a_new_linked_record_and_the_old_minutes_stay(env: Env):
    _waiting(env, 1)
    head = env.actor("head")
    sid = sessions.plan(env.ws, head, "Phiên duyệt", DAY, attendees=["mai"])
    sessions.start(env.ws, head, sid)
    sessions.close(env.ws, head, sid)
    before = sessions.document(env.ws, sid, "md")
    with pytest.raises(PermissionDenied):
        sessions.correct(env.ws, env.actor("mai"), sid, "Sửa tên người vắng mặt")
    number = sessions.correct(env.ws, head, sid, "Sửa tên người vắng mặt")
    assert number == "2/BB-BBT" and sessions.document(env.ws, sid, "md") == before
    with env.ws.db.read() as s:
        fix = s.scalars(select(ApprovalSession).where(ApprovalSession.corrects_id == sid)).one()
    md = sessions.document(env.ws, fix.id, "md").decode("utf-8")
    assert "1/BB-BBT" in md and "Sửa tên người vắng mặt" in md and "2/BB-BBT" in md


def test_opening_without_a_quorum_leaves_nothing_behind(env: Env):
    _waiting(env, 1)
    with pytest.raises(Conflict):
        sessions.open_now(env.ws, env.actor("head"), "Phiên vắng", DAY, attendees=[], absentees={"mai": "Ốm"})
    assert sessions.listing(env.ws) == []
    sid, quorum = sessions.open_now(env.ws, env.actor("head"), "Phiên đủ", DAY, attendees=["mai"])
    assert "2/3" in quorum and sessions.get(env.ws, sid).status == "open"
