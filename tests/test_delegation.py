"""Delegations of the Board head's authority (Đ6.3b, issue 8): who may grant them, their windows and scopes,
overlaps, revocation, and the "on behalf of" record on the deputy's decisions — on each database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from console.errors import Conflict, InvalidInput, PermissionDenied
from console.services import delegation, items
from models import AuditEvent, Decision, User
from models.workflow import State
from tests.conftest import Env
from tests.helpers import STATS, item_in

DAY = date(2026, 11, 26)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delegation, "today", lambda: DAY)


def _uid(env: Env, username: str) -> int:
    with env.ws.db.read() as s:
        return s.scalar(select(User.id).where(User.username == username))  # type: ignore[return-value]


def _approval(env: Env, item_id: int) -> Decision:
    with env.ws.db.read() as s:
        return s.scalars(select(Decision).where(Decision.item_id == item_id, Decision.action == "approve")).one()


def test_a_deputy_s_decisions_in_the_window_are_on_behalf_of_the_head(env: Env):
    head = env.actor("head")
    did = delegation.add(env.ws, head, "mai", DAY, DAY + timedelta(days=6), reason="Trưởng Ban đi công tác")
    inside = item_in(env, State.BOARD_REVIEW)
    items.decide(env.ws, env.actor("mai"), inside, "approve")
    assert _approval(env, inside).on_behalf_of_id == _uid(env, "head")
    with env.ws.db.read() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "item.approve")
                          .order_by(AuditEvent.id.desc())).first()  # fmt: skip
        added = s.scalars(select(AuditEvent).where(AuditEvent.action == "delegation.add")).one()
    assert event is not None and f'"on_behalf_of":{_uid(env, "head")}' in event.data
    assert added.entity_id == str(did) and "công tác" in added.data
    # Another member, without a delegation, decides in their own name; so does the head.
    other = item_in(env, State.BOARD_REVIEW)
    items.decide(env.ws, env.actor("hung"), other, "return", reason="Thiếu nguồn tin")
    with env.ws.db.read() as s:
        returned = s.scalars(select(Decision).where(Decision.item_id == other, Decision.action == "return")).one()
    assert returned.on_behalf_of_id is None


def test_before_and_after_its_days_a_delegation_does_nothing(env: Env, monkeypatch: pytest.MonkeyPatch):
    delegation.add(env.ws, env.actor("head"), "mai", DAY + timedelta(days=1), DAY + timedelta(days=3),
                   reason="Nghỉ phép")
    early = item_in(env, State.BOARD_REVIEW)
    items.decide(env.ws, env.actor("mai"), early, "approve")
    assert _approval(env, early).on_behalf_of_id is None  # not yet
    monkeypatch.setattr(delegation, "today", lambda: DAY + timedelta(days=3))
    last_day = item_in(env, State.BOARD_REVIEW)
    items.decide(env.ws, env.actor("mai"), last_day, "approve")
    assert _approval(env, last_day).on_behalf_of_id == _uid(env, "head")  # its last day is included
    monkeypatch.setattr(delegation, "today", lambda: DAY + timedelta(days=4))
    late = item_in(env, State.BOARD_REVIEW)
    items.decide(env.ws, env.actor("mai"), late, "approve")
    assert _approval(env, late).on_behalf_of_id is None  # ended by itself
    assert [r.state(DAY + timedelta(days=4)) for r in delegation.listing(env.ws, include_past=True)] == ["ended"]


def test_a_scope_of_categories_and_types_limits_what_is_on_behalf(env: Env):
    head = env.actor("head")
    delegation.add(env.ws, head, "mai", DAY, DAY + timedelta(days=2), reason="Phụ trách thống kê",
                   content_types=["statistics"])  # fmt: skip
    news = item_in(env, State.BOARD_REVIEW)
    items.decide(env.ws, env.actor("mai"), news, "approve")
    assert _approval(env, news).on_behalf_of_id is None  # news is not in its scope
    stats = item_in(env, State.LEADERSHIP_REVIEW, kind=STATS)  # approved by mai on the way
    assert _approval(env, stats).on_behalf_of_id == _uid(env, "head")
    delegation.add(env.ws, head, "hung", DAY, DAY, reason="Tin sự kiện của chuyên mục Tin tức", categories=["vi.2"],
                   content_types=["news_event"])  # no common item with mai's statistics: allowed
    in_news = item_in(env, State.BOARD_REVIEW)  # news items are filed under vi.2
    items.decide(env.ws, env.actor("hung"), in_news, "approve")
    assert _approval(env, in_news).on_behalf_of_id == _uid(env, "head")


def test_overlapping_delegations_are_refused_by_name_and_a_revoked_one_frees_the_days(env: Env):
    head = env.actor("head")
    first = delegation.add(env.ws, head, "mai", DAY, DAY + timedelta(days=10), reason="Đi công tác",
                           categories=["vi.1"])  # fmt: skip
    with pytest.raises(Conflict) as info:
        delegation.add(env.ws, head, "hung", DAY + timedelta(days=5), DAY + timedelta(days=12), reason="Thay")
    assert f"#{first}" in str(info.value) and "Hoàng Thị Mai" in str(info.value)
    with pytest.raises(Conflict):  # a section of vi.1 is inside its scope too
        delegation.add(env.ws, head, "hung", DAY, DAY, reason="Thay", categories=["vi.1.2"])
    other = delegation.add(env.ws, head, "hung", DAY, DAY + timedelta(days=3), reason="Mục khác",
                           categories=["vi.3"])  # fmt: skip
    assert other > first  # another scope on the same days is allowed
    delegation.revoke(env.ws, head, first, reason="Đã về cơ quan sớm")
    delegation.add(env.ws, head, "hung", DAY + timedelta(days=5), DAY + timedelta(days=12), reason="Thay",
                   categories=["vi.1"])  # fmt: skip
    with pytest.raises(Conflict):
        delegation.revoke(env.ws, head, first, reason="lần nữa")
    states = {r.id: r.state(DAY) for r in delegation.listing(env.ws, include_past=True)}
    assert states[first] == "revoked" and states[other] == "active"
    assert first not in {r.id for r in delegation.listing(env.ws)}  # the current list leaves it out


def test_a_revoked_delegation_stops_the_on_behalf_record(env: Env):
    head = env.actor("head")
    did = delegation.add(env.ws, head, "mai", DAY, DAY + timedelta(days=6), reason="Công tác")
    delegation.revoke(env.ws, head, did, reason="Đã về")
    i = item_in(env, State.BOARD_REVIEW)
    items.decide(env.ws, env.actor("mai"), i, "approve")
    assert _approval(env, i).on_behalf_of_id is None


@pytest.mark.parametrize(
    ("who", "to", "error"),
    [
        ("mai", "hung", PermissionDenied),  # a member holds no head's authority to hand on
        ("admin", "mai", PermissionDenied),  # nor does an administrator
        ("head", "head", InvalidInput),  # not to oneself
        ("head", "minh", InvalidInput),  # not outside the Board
        ("head", "nobody", InvalidInput),
    ],
)
def test_who_may_delegate_to_whom(env: Env, who: str, to: str, error: type[Exception]):
    with pytest.raises(error):
        delegation.add(env.ws, env.actor(who), to, DAY, DAY, reason="Thử")
    assert delegation.listing(env.ws, include_past=True) == []


def test_dates_reason_scope_and_revocation_are_checked(env: Env):
    head = env.actor("head")
    for kwargs in (
        {"starts_on": DAY, "ends_on": DAY - timedelta(days=1), "reason": "x"},  # ends before it starts
        {"starts_on": DAY - timedelta(days=5), "ends_on": DAY - timedelta(days=1), "reason": "x"},  # all past
        {"starts_on": DAY, "ends_on": DAY, "reason": "  "},  # no reason
        {"starts_on": DAY, "ends_on": DAY, "reason": "x", "categories": ["vi.999"]},
        {"starts_on": DAY, "ends_on": DAY, "reason": "x", "content_types": ["khong_co"]},
    ):
        with pytest.raises(InvalidInput):
            delegation.add(env.ws, head, "mai", **kwargs)  # type: ignore[arg-type]
    did = delegation.add(env.ws, head, "mai", DAY, DAY, reason="Một ngày")
    with pytest.raises(PermissionDenied):
        delegation.revoke(env.ws, env.actor("mai"), did, reason="không phải của tôi")
    with pytest.raises(InvalidInput):
        delegation.revoke(env.ws, head, did, reason="")
    delegation.revoke(env.ws, env.actor("admin"), did, reason="Quản trị thu hồi theo yêu cầu")
    with env.ws.db.read() as s:
        assert s.scalars(select(AuditEvent.action).where(AuditEvent.entity == "delegation")).all() == [
            "delegation.add", "delegation.revoke"]


def test_the_cli_grants_lists_and_revokes(cli):  # type: ignore[no-untyped-def]
    import json

    run = cli
    code, out, _ = run("head", "delegate", "add", "mai", "--from", "2026-11-26", "--to", "2026-12-02",
                       "--reason", "Trưởng Ban đi công tác", "--type", "statistics")  # fmt: skip
    assert code == 0 and "#1" in out
    code, _, err = run("mai", "delegate", "add", "hung", "--from", "2026-11-26", "--to", "2026-11-27", "--reason", "x")
    assert code == 3 and "Trưởng Ban" in err
    code, out, _ = run("head", "delegate", "list", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and rows[0]["deputy_username"] == "mai" and rows[0]["content_types"] == ["statistics"]
    code, out, _ = run("head", "delegate", "list")
    assert "Đang hiệu lực" in out and "26/11/2026" in out
    assert run("head", "delegate", "revoke", "1", "--reason", "Đã về")[0] == 0
    assert json.loads(run("head", "delegate", "list", "--format", "json")[1]) == []
    assert json.loads(run("head", "delegate", "list", "--all", "--format", "json")[1])[0]["revoke_reason"] == "Đã về"
