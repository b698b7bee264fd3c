"""The demo workspace: built once for the module (it takes several seconds), then inspected.

Everything in it went through the services, so these tests read it like any workspace: the spread
of content types, portals, states and roles; reasons on every return and rejection; NFC text; an
intact audit chain; accounts that log in; and queues that have work in them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from console import audit, demo
from console.demo import DEMO_PASSWORD, DemoResult, build_demo
from console.services import auth, people, queries
from console.workspace import Workspace, open_workspace
from models import Base, Category, Comment, Decision, Item, Lock, Portal, Revision
from models.content_types import CONTENT_TYPE_CODES, TREE_PROPOSAL
from models.workflow import GRANTABLE_ROLES, LEADERSHIP_TYPES, Action, State


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DemoResult, Workspace]]:
    calls: list[tuple[int, int]] = []
    result = build_demo(tmp_path_factory.mktemp("demo") / "ws", progress=lambda d, t: calls.append((d, t)))
    assert calls and calls[-1][0] == calls[-1][1], "progress ends at its total"
    assert [d for d, _ in calls] == list(range(1, len(calls) + 1))
    ws = open_workspace(result.location.root)
    try:
        yield result, ws
    finally:
        ws.close()


@pytest.fixture
def result(built: tuple[DemoResult, Workspace]) -> DemoResult:
    return built[0]


@pytest.fixture
def ws(built: tuple[DemoResult, Workspace]) -> Workspace:
    return built[1]


def test_about_300_items_counted_as_in_the_database(result: DemoResult, ws: Workspace) -> None:
    assert 280 <= result.total_items <= 320
    with ws.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Item)) == result.total_items
    assert sum(result.by_type.values()) == sum(result.by_portal.values()) == result.total_items


def test_builds_fast_enough(result: DemoResult) -> None:
    assert result.seconds < 60  # ~11-15 s on the reference machine; the target is < 30 s


def test_every_content_type_and_both_portals(result: DemoResult) -> None:
    assert set(result.by_type) == set(CONTENT_TYPE_CODES)
    assert set(result.by_portal) == {"vi", "en"}
    assert result.by_portal["en"] >= 30


def test_every_state_but_published(result: DemoResult) -> None:
    expected = {s.value for s in State} - {State.PUBLISHED.value}
    assert set(result.by_state) == expected
    assert result.by_state[State.APPROVED.value] > result.by_state[State.REJECTED.value]


def test_leadership_stage_only_for_statistics_and_plans(ws: Workspace) -> None:
    with ws.db.read() as s:
        types = set(s.scalars(select(Item.content_type).where(Item.state == State.LEADERSHIP_REVIEW.value)))
        via = set(
            s.scalars(
                select(Item.content_type)
                .join(Decision, Decision.item_id == Item.id)
                .where(Decision.action == Action.APPROVE_LEADERSHIP.value)
            )
        )
    assert types and types <= LEADERSHIP_TYPES
    assert via and via <= LEADERSHIP_TYPES


def test_items_sit_in_categories_that_allow_their_type_and_come_from_many_units(ws: Workspace) -> None:
    with ws.db.read() as s:
        rows = s.execute(select(Item.content_type, Category.content_types, Category.key, Portal.code).join(
            Category, Category.id == Item.category_id).join(Portal, Portal.id == Item.portal_id)
            .where(Item.content_type != TREE_PROPOSAL)).all()  # fmt: skip
        units = s.scalar(select(func.count(func.distinct(Item.unit_id))))
    for ct, allowed, key, portal in rows:
        assert allowed and ct in allowed, (ct, key)
        assert key.startswith(f"{portal}.")
    assert units is not None and units >= 45  # central units and all 34 provinces


def test_every_role_has_a_user(ws: Workspace, result: DemoResult) -> None:
    admin = auth.login(ws, "huynq", DEMO_PASSWORD)
    held = {role for u in people.list_users(ws, admin) for _, role in u.memberships}
    assert held == {r.value for r in GRANTABLE_ROLES}
    assert {r for u in result.users for r in u.roles} == held
    assert len({u.username for u in result.users}) == len(result.users)


def test_demo_users_log_in_with_the_demo_password(ws: Workspace, result: DemoResult) -> None:
    for user in result.users:
        actor = auth.login(ws, user.username, DEMO_PASSWORD)
        assert actor.full_name == user.full_name
        assert {r.value for r in actor.roles} == set(user.roles)


def test_returns_rejections_and_withdrawals_all_have_reasons(ws: Workspace) -> None:
    needs_reason = (Action.RETURN.value, Action.REJECT.value, Action.WITHDRAW.value)
    with ws.db.read() as s:
        decisions = s.execute(select(Decision.action, Decision.reason).where(Decision.action.in_(needs_reason))).all()
        resubmitted = s.scalar(select(func.count()).select_from(Decision).where(Decision.action == "resubmit"))
    assert {a for a, _ in decisions} == set(needs_reason)
    assert all(reason.strip() for _, reason in decisions)
    assert resubmitted, "some items went back to their unit and were sent again"


def test_history_is_real_workflow(ws: Workspace) -> None:
    """Desk edits made new revisions; the Board never approves its own work; nothing is published."""
    with ws.db.read() as s:
        multi = s.scalar(select(func.count(func.distinct(Revision.item_id))).where(Revision.number > 1))
        published = s.scalar(select(func.count()).select_from(Item).where(Item.published_revision_id.is_not(None)))
        approvals = s.execute(
            select(Decision.actor_id, Item.created_by_id, Revision.created_by_id)
            .join(Item, Item.id == Decision.item_id)
            .join(Revision, Revision.id == Decision.revision_id)
            .where(Decision.action.in_((Action.APPROVE.value, Action.APPROVE_LEADERSHIP.value)))
        ).all()
        corrected = s.scalar(select(func.count()).select_from(Decision).where(Decision.action == "correct"))
    assert multi and multi > 50
    assert published == 0
    assert approvals and all(actor not in (creator, writer) for actor, creator, writer in approvals)
    assert corrected


def test_comments_assignments_and_locks(ws: Workspace) -> None:
    with ws.db.read() as s:
        comments = s.scalar(select(func.count()).select_from(Comment))
        replies = s.scalar(select(func.count()).select_from(Comment).where(Comment.parent_id.is_not(None)))
        assigned = s.scalar(select(func.count()).select_from(Item).where(Item.assignee_id.is_not(None)))
        locks = s.scalar(select(func.count()).select_from(Lock))
    assert comments and comments >= 15
    assert replies
    assert assigned and assigned >= 20
    assert locks in (1, 2)


def test_audit_chain_verifies(ws: Workspace) -> None:
    with ws.db.read() as s:
        check = audit.verify(s)
    assert check.ok, check
    assert check.count > 1000


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _texts(k)
            yield from _texts(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _texts(v)


def test_all_stored_text_is_nfc(ws: Workspace) -> None:
    checked = 0
    with ws.db.read() as s:
        for table in Base.metadata.sorted_tables:
            for row in s.execute(select(table)):
                for value in row:
                    for text in _texts(value):
                        assert unicodedata.is_normalized("NFC", text), (table.name, text[:80])
                        checked += 1
    assert checked > 5000


def test_vietnamese_reads_vietnamese_and_english_reads_english(ws: Workspace) -> None:
    vietnamese = set("ăâđêôơưĂÂĐÊÔƠƯ") | {"à", "á", "ạ", "ả", "ã", "ế", "ề", "ộ", "ữ", "ự"}
    with ws.db.read() as s:
        rows = s.execute(select(Portal.code, Revision.title, Revision.body_md).join(Item, Item.id == Revision.item_id)
                         .join(Portal, Portal.id == Item.portal_id)).all()  # fmt: skip
    for portal, title, body in rows:
        if portal == "en":
            assert not vietnamese & set(title + body), title
        else:
            assert vietnamese & set(title + body), title
    titles = [t for _, t, _ in rows]
    assert any("|" in b and "---" in b for _, _, b in rows), "some bodies carry a Markdown table"
    assert any("\n- " in b or "\n1. " in b for _, _, b in rows), "and lists"
    assert len({t for t in titles}) > 290


def test_board_member_has_work_in_the_board_queue(ws: Workspace) -> None:
    member = auth.login(ws, "lanht", DEMO_PASSWORD)
    board = next(q for q in queries.dashboard(ws, member).queues if q.key == "board")
    assert board.total > 0 and board.actionable > 0
    leader = auth.login(ws, "baotq", DEMO_PASSWORD)
    lead_q = next(q for q in queries.dashboard(ws, leader).queues if q.key == "leadership")
    assert lead_q.actionable > 0
    editor = auth.login(ws, "tuanlm", DEMO_PASSWORD)
    inbox = next(q for q in queries.dashboard(ws, editor).queues if q.key == "inbox")
    assert inbox.actionable > 0


def test_the_plan_is_reproducible(ws: Workspace) -> None:
    """The same seed plans the same items (titles, units, dates, final states)."""

    def plan() -> list[tuple[str, str, str, str]]:
        plans = demo.plan(people.list_units(ws))
        return [(p.piece.title, p.ctx.unit, p.ctx.day.isoformat(), p.target.value) for p in plans]

    first = plan()
    assert first == plan()
    with ws.db.read() as s:
        stored = set(s.scalars(select(Revision.title).join(Item, Item.id == Revision.item_id)
                               .where(Revision.number == 1, Item.content_type != TREE_PROPOSAL)))
    assert {t for t, _, _, _ in first} == stored


def test_the_tree_has_an_applied_a_pending_and_a_returned_proposal(ws: Workspace) -> None:
    from console.services import tree

    board = auth.login(ws, "longbd", DEMO_PASSWORD)
    by_state = {p.state: p for p in tree.proposals(ws, board, states=["approved", "board_review", "returned"])}
    assert set(by_state) == {"approved", "board_review", "returned"}
    assert [r[1] for r in tree.redirects(ws)] == ["/pbgdpl"]
    assert tree.node_detail(ws, board, "vi.5").history[0].proposal_id == by_state["approved"].id
    pending = tree.proposal(ws, board, by_state["board_review"].id)
    assert not pending.problems and not pending.stale  # the Board can approve it as it stands
    board_queue = next(q for q in queries.dashboard(ws, board).queues if q.key == "board")
    assert board_queue.actionable > 0


def test_the_head_has_delegated_next_week_and_twenty_items_await_a_board_session(ws: Workspace) -> None:
    from console.services import delegation

    (d,) = delegation.listing(ws)
    assert d.deputy_username == "longbd" and d.starts_on.weekday() == 0 and (d.ends_on - d.starts_on).days == 4
    assert d.starts_on > delegation.today() and not d.categories and not d.content_types  # all of it: he may chair
    with ws.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Item).where(Item.state == "board_review")) >= 20
