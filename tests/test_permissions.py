"""The authority (console.permissions) as a pure matrix over roles and transition rows, then the same
rules enforced by the services on every database, and the administrators' people operations."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from console.errors import PermissionDenied
from console.permissions import (
    Actor,
    available_transitions,
    can_view,
    check_edit,
    check_transition,
    may_take,
    role_allows,
)
from console.services import auth, items, people
from models import AuditEvent, Decision, Item, Membership, Unit, User
from models.workflow import DESK, GRANTABLE_ROLES, TRANSITIONS, Action, Role, State, Transition
from tests.conftest import PASSWORD
from tests.helpers import STATS, item_in

ITEM_UNIT = 10
OTHER_UNIT = 20
ACTOR_ID = 1
CREATOR_ID = 100
REVISION_AUTHOR_ID = 101


def _actor(role: Role, unit_id: int = ITEM_UNIT, user_id: int = ACTOR_ID, lang: str = "vi") -> Actor:
    return Actor(user_id, f"u{user_id}", f"Người dùng {user_id}", lang, frozenset({(unit_id, role)}))


def _type_for(t: Transition) -> str:
    if t.only_types is not None:
        return sorted(t.only_types)[0]
    assert t.applies_to("news_event")
    return "news_event"


def _item(t: Transition, created_by: int = CREATOR_ID) -> Item:
    return Item(unit_id=ITEM_UNIT, created_by_id=created_by, state=t.source.value, content_type=_type_for(t))


def _row_id(t: Transition) -> str:
    return f"{t.action.value}-{t.source.value}->{t.target.value}"


def _denial(actor: Actor, t: Transition, item: Item, revision_author: int | None) -> str | None:
    try:
        check_transition(actor, t, item, revision_author)
    except PermissionDenied as exc:
        return exc.key
    return None


# ------------------------------------------------------------------------------ the pure matrix

MATRIX = [
    pytest.param(role, t, where, id=f"{role.value}-{_row_id(t)}-{where}")
    for t in TRANSITIONS
    for role in GRANTABLE_ROLES
    for where in ("own_unit", "other_unit")
]


def test_matrix_covers_every_grantable_role_and_row():
    assert len(MATRIX) == len(GRANTABLE_ROLES) * len(TRANSITIONS) * 2 == 8 * 24 * 2  # the leadership secretary: 8th


@pytest.mark.parametrize(("role", "t", "where"), MATRIX)
def test_role_matrix(role: Role, t: Transition, where: str):
    actor = _actor(role, ITEM_UNIT if where == "own_unit" else OTHER_UNIT)
    item = _item(t)
    if t.roles == {Role.EXPORTER}:
        expected = "perm.system_only"
    elif role in t.roles and (not t.own_unit_only or role in DESK or where == "own_unit"):
        expected = None
    elif t.own_unit_only and role in t.roles:
        expected = "perm.own_unit"  # holds the role, but for another unit (Đ7.1b)
    else:
        expected = "perm.transition"
    assert _denial(actor, t, item, REVISION_AUTHOR_ID) == expected
    assert may_take(actor, t, item, REVISION_AUTHOR_ID) is (expected is None)
    if t.roles != {Role.EXPORTER}:
        assert role_allows(actor, t, ITEM_UNIT) is (expected is None)


@pytest.mark.parametrize("t", [t for t in TRANSITIONS if Role.EXPORTER in t.roles], ids=_row_id)
def test_exporter_rows_are_refused_even_to_an_actor_holding_every_role(t: Transition):
    everything = frozenset((u, r) for u in (ITEM_UNIT, OTHER_UNIT) for r in Role)
    actor = Actor(ACTOR_ID, "all", "Mọi quyền", "en", everything)
    with pytest.raises(PermissionDenied) as err:
        check_transition(actor, t, _item(t), REVISION_AUTHOR_ID)
    assert err.value.key == "perm.system_only"
    assert "Publish" in err.value.message("en")


SEPARATED = [
    pytest.param(t, role, id=f"{role.value}-{_row_id(t)}")
    for t in TRANSITIONS
    if t.not_by_author
    for role in sorted(t.roles)
]


def test_separated_rows_exist():
    assert {t.action for t, _ in (p.values for p in SEPARATED)} == {Action.APPROVE, Action.APPROVE_LEADERSHIP}


@pytest.mark.parametrize(("t", "role"), SEPARATED)
def test_separation_of_duties_refuses_the_creator_and_the_revision_author(t: Transition, role: Role):
    creator = _actor(role, user_id=CREATOR_ID)
    writer = _actor(role, user_id=REVISION_AUTHOR_ID)
    other = _actor(role, user_id=ACTOR_ID)
    item = _item(t)
    assert _denial(creator, t, item, REVISION_AUTHOR_ID) == "perm.separation"
    assert _denial(writer, t, item, REVISION_AUTHOR_ID) == "perm.separation"
    assert _denial(other, t, item, REVISION_AUTHOR_ID) is None
    assert _denial(creator, t, item, None) == "perm.separation"  # no revision author known: still the creator
    assert t not in available_transitions(creator, item, REVISION_AUTHOR_ID)
    assert t in available_transitions(other, item, REVISION_AUTHOR_ID)


UNSEPARATED = [
    pytest.param(t, role, id=f"{role.value}-{_row_id(t)}")
    for t in TRANSITIONS
    if not t.not_by_author and t.roles != {Role.EXPORTER}
    for role in sorted(t.roles)
]


@pytest.mark.parametrize(("t", "role"), UNSEPARATED)
def test_rows_without_separation_are_open_to_the_author(t: Transition, role: Role):
    author = _actor(role, user_id=CREATOR_ID)
    assert _denial(author, t, _item(t), CREATOR_ID) is None


def test_a_second_membership_in_the_right_unit_is_enough():
    submit = next(t for t in TRANSITIONS if t.action is Action.SUBMIT)
    both = Actor(ACTOR_ID, "hung", "Lê Quốc Hùng", "vi",
                 frozenset({(OTHER_UNIT, Role.CONTRIBUTOR), (ITEM_UNIT, Role.CONTRIBUTOR)}))
    assert _denial(both, submit, _item(submit), None) is None
    board_elsewhere = Actor(ACTOR_ID, "x", "X", "vi",
                            frozenset({(ITEM_UNIT, Role.BOARD_MEMBER), (OTHER_UNIT, Role.CONTRIBUTOR)}))
    assert _denial(board_elsewhere, submit, _item(submit), None) == "perm.own_unit"


def test_denial_messages_name_the_action_state_and_roles():
    accept = next(t for t in TRANSITIONS if t.action is Action.ACCEPT)
    actor = _actor(Role.BOARD_MEMBER, lang="en")
    with pytest.raises(PermissionDenied) as err:
        check_transition(actor, accept, _item(accept), None)
    msg = err.value.message("en")
    assert err.value.key == "perm.transition"
    assert "Accept for editing" in msg and "Submitted" in msg and "Editor" in msg


# ------------------------------------------------------------------------------ editing and viewing

EDITABLE_BY: dict[State, set[Role]] = {
    State.DRAFT: {Role.CONTRIBUTOR, Role.EDITOR, Role.QA_OFFICER},
    State.RETURNED: {Role.CONTRIBUTOR, Role.EDITOR, Role.QA_OFFICER},
    State.EDITING: {Role.EDITOR, Role.QA_OFFICER},
}


@pytest.mark.parametrize(
    ("state", "role", "where"),
    [
        pytest.param(s, r, w, id=f"{r.value}-{s.value}-{w}")
        for s in State
        for r in GRANTABLE_ROLES
        for w in ("own_unit", "other_unit")
    ],
)
def test_check_edit(state: State, role: Role, where: str):
    actor = _actor(role, ITEM_UNIT if where == "own_unit" else OTHER_UNIT)
    item = Item(unit_id=ITEM_UNIT, created_by_id=ACTOR_ID, state=state.value, content_type="news_event")
    allowed = role in EDITABLE_BY.get(state, set()) and (role is not Role.CONTRIBUTOR or where == "own_unit")
    if allowed:
        check_edit(actor, item)
    else:
        with pytest.raises(PermissionDenied) as err:
            check_edit(actor, item)
        assert err.value.key == "perm.edit"


@pytest.mark.parametrize("role", GRANTABLE_ROLES, ids=lambda r: r.value)
def test_can_view(role: Role):
    item = Item(unit_id=ITEM_UNIT, created_by_id=CREATOR_ID, state="submitted", content_type="news_event")
    assert can_view(_actor(role, ITEM_UNIT), item)
    # Of another unit, only a contributor is kept out.
    assert can_view(_actor(role, OTHER_UNIT), item) is (role is not Role.CONTRIBUTOR)
    # The creator always sees what they wrote, even after moving to another unit.
    assert can_view(_actor(role, OTHER_UNIT, user_id=CREATOR_ID), item)


def test_nobody_without_memberships_sees_anything_but_their_own():
    nobody = Actor(ACTOR_ID, "x", "X", "vi", frozenset())
    assert not can_view(nobody, Item(unit_id=ITEM_UNIT, created_by_id=CREATOR_ID, state="draft", content_type="award"))
    assert can_view(nobody, Item(unit_id=ITEM_UNIT, created_by_id=ACTOR_ID, state="draft", content_type="award"))


# ------------------------------------------------------------------------------ through the services

_R = "Lý do kiểm tra quyền"
_VKH = {"unit": "VKH"}  # an item of son's unit: hung (Board + VP contributor) sees it but may not submit it
# (action, source, target) -> how to reach the source, who may and who may not take the row.
CASES: dict[tuple[str, str, str], dict[str, Any]] = {
    ("submit", "draft", "submitted"): {
        "by": "son", "kind": _VKH, "ok": "son", "no": [("hung", "perm.own_unit"), ("mai", "perm.transition")]},
    ("accept", "submitted", "editing"): {"ok": "minh", "no": [("mai", "perm.transition")]},
    ("return", "submitted", "returned"): {"ok": "thu", "no": [("lan", "perm.transition")]},
    ("reject", "submitted", "rejected"): {"ok": "minh", "no": [("head", "perm.transition")]},
    ("send_to_board", "editing", "board_review"): {"ok": "thu", "no": [("ld", "perm.transition")]},
    ("return", "editing", "returned"): {"ok": "minh", "no": [("admin", "perm.transition")]},
    ("reject", "editing", "rejected"): {"ok": "thu", "no": [("mai", "perm.transition")]},
    ("approve", "board_review", "approved"): {"ok": "mai", "no": [("minh", "perm.transition")]},
    ("approve", "board_review", "leadership_review"): {
        "kind": STATS, "ok": "head", "no": [("ld", "perm.transition")]},
    ("return", "board_review", "returned"): {"ok": "hung", "no": [("thu", "perm.transition")]},
    ("reject", "board_review", "rejected"): {"ok": "head", "no": [("lan", "perm.transition")]},
    ("approve_leadership", "leadership_review", "approved"): {
        "kind": STATS, "ok": "ld", "no": [("mai", "perm.transition")]},
    ("return", "leadership_review", "returned"): {"kind": STATS, "ok": "ld", "no": [("head", "perm.transition")]},
    ("reject", "leadership_review", "rejected"): {"kind": STATS, "ok": "ld", "no": [("admin", "perm.transition")]},
    ("return", "approved", "returned"): {"ok": "mai", "no": [("minh", "perm.transition")]},
    ("resubmit", "returned", "submitted"): {
        "by": "son", "kind": _VKH, "ok": "son", "no": [("hung", "perm.own_unit"), ("ld", "perm.transition")]},
    ("correct", "approved", "editing"): {"ok": "minh", "no": [("mai", "perm.transition")]},
    ("correct", "published", "editing"): {"ok": "thu", "no": [("ld", "perm.transition")]},
    ("propose_correction", "published", "submitted"): {
        "by": "son", "kind": _VKH, "ok": "son", "no": [("hung", "perm.own_unit"), ("minh", "perm.transition")]},
    ("withdraw", "approved", "withdrawn"): {"ok": "head", "no": [("lan", "perm.transition")]},
    ("withdraw", "published", "withdrawn"): {"ok": "minh", "no": [("admin", "perm.transition")]},
}
# Reached by item_in but not through items.decide: publish belongs to the export (record_published).
NOT_BY_DECIDE = {("publish", "approved", "published")}
# A category tree proposal's own rows: tested with proposals, in tests/test_tree.py.
TREE_ROWS = {("submit", "draft", "board_review"), ("resubmit", "returned", "board_review")}


def _key(t: Transition) -> tuple[str, str, str]:
    return (t.action.value, t.source.value, t.target.value)


def test_service_cases_cover_every_row():
    assert set(CASES) | NOT_BY_DECIDE | TREE_ROWS == {_key(t) for t in TRANSITIONS}
    assert not set(CASES) & (NOT_BY_DECIDE | TREE_ROWS)


def _counts(env: Any) -> tuple[int, int]:
    with env.ws.db.read() as s:
        return (s.scalar(select(func.count()).select_from(AuditEvent)) or 0,
                s.scalar(select(func.count()).select_from(Decision)) or 0)


def _state_version(env: Any, item_id: int) -> tuple[str, int]:
    with env.ws.db.read() as s:
        item = s.get(Item, item_id)
        assert item is not None
        return item.state, item.version


SOURCES = sorted({k[1] for k in CASES}, key=lambda s: list(State).index(State(s)))


def test_every_source_state_but_the_final_ones_is_tested():
    assert set(SOURCES) == {s.value for s in State} - {"rejected", "withdrawn"}


@pytest.mark.parametrize("source", SOURCES)
def test_services_enforce_the_table(env, source: str):
    for (action, src, target), case in CASES.items():
        if src != source:
            continue
        label = f"{action} {src}->{target}"
        i = item_in(env, State(src), kind=case.get("kind"), by=case.get("by", "lan"))
        before_item = _state_version(env, i)
        assert before_item[0] == src, label
        before = _counts(env)
        t = next(t for t in TRANSITIONS if _key(t) == (action, src, target))
        for username, key in case["no"]:
            actor = env.actor(username)
            assert not role_allows(actor, t, _unit_of(env, i)), (label, username)
            with pytest.raises(PermissionDenied) as err:
                items.decide(env.ws, actor, i, action, reason=_R)
            assert err.value.key == key, (label, username)
            assert _state_version(env, i) == before_item, (label, username)
            assert _counts(env) == before, (label, username)  # nothing written, not even an audit event
        ok = env.actor(case["ok"])
        assert action in items.allowed_actions(env.ws, ok, i), label
        ref = items.decide(env.ws, ok, i, action, reason=_R)
        assert ref.state == target, label
        assert ref.version > before_item[1], label
        assert _counts(env) == (before[0] + 1, before[1] + 1), label


def _unit_of(env: Any, item_id: int) -> int:
    with env.ws.db.read() as s:
        return s.scalar(select(Item.unit_id).where(Item.id == item_id))


def test_publish_through_decide_is_refused_to_everyone(env):
    i = item_in(env, State.APPROVED)
    before = (_state_version(env, i), _counts(env))
    for username in ("admin", "head", "mai", "minh"):
        with pytest.raises(PermissionDenied) as err:
            items.decide(env.ws, env.actor(username), i, "publish")
        assert err.value.key == "perm.system_only"
    assert (_state_version(env, i), _counts(env)) == before


def test_a_unit_corrects_its_published_item_back_to_submitted(sqlite_env):
    env = sqlite_env
    i = item_in(env, State.PUBLISHED)
    ref = items.edit(env.ws, env.actor("lan"), i, body_md="Đính chính: số liệu đúng là 17,2 triệu người.")
    assert ref.state == "submitted"


def test_contributor_of_another_unit_cannot_see_or_act(env):
    i = item_in(env, State.DRAFT)
    before = (_state_version(env, i), _counts(env))
    with pytest.raises(PermissionDenied) as err:
        items.decide(env.ws, env.actor("son"), i, "submit")
    assert err.value.key == "perm.view"
    with pytest.raises(PermissionDenied) as err:
        items.edit(env.ws, env.actor("son"), i, title="Không phải của tôi")
    assert err.value.key == "perm.view"
    assert (_state_version(env, i), _counts(env)) == before


def test_board_cannot_edit_in_review(env):
    i = item_in(env, State.BOARD_REVIEW)
    before = (_state_version(env, i), _counts(env))
    with pytest.raises(PermissionDenied) as err:
        items.edit(env.ws, env.actor("mai"), i, title="Ban Biên tập sửa")
    assert err.value.key == "perm.edit"
    assert (_state_version(env, i), _counts(env)) == before


# ------------------------------------------------------------------------------ people (admins only)


def _people_state(env: Any) -> tuple[int, ...]:
    with env.ws.db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(AuditEvent)) or 0,
            s.scalar(select(func.count()).select_from(User)) or 0,
            s.scalar(select(func.count()).select_from(Unit)) or 0,
            s.scalar(select(func.count()).select_from(Membership)) or 0,
            s.scalar(select(func.count()).select_from(User).where(User.active.is_(True))) or 0,
        )


def test_people_operations_are_for_admins_only(env):
    ws = env.ws
    before = _people_state(env)
    refused = [
        lambda a: people.add_user(ws, a, "newbie", "Người Mới", PASSWORD, [("VP", "contributor")]),
        lambda a: people.set_active(ws, a, "son", False),
        lambda a: people.grant(ws, a, "son", [("VP", "editor")]),
        lambda a: people.add_unit(ws, a, "T-TEST", "Bảo hiểm xã hội tỉnh Thử"),
        lambda a: people.set_unit_active(ws, a, "VKH", False),
        lambda a: people.set_password(ws, a, "son", "mat-khau-moi-1"),
    ]
    for username in ("lan", "minh", "thu", "mai", "head", "ld"):
        for op in refused:
            with pytest.raises(PermissionDenied) as err:
                op(env.actor(username))
            assert err.value.key == "perm.admin", username
    with pytest.raises(PermissionDenied):  # the bootstrap path is closed once anyone exists
        people.add_user(ws, None, "sneaky", "Kẻ Lẻn", PASSWORD, [("TTCNTT", "admin")])
    assert _people_state(env) == before

    admin = env.actor("admin")
    for op in refused:
        op(admin)
    users = {u.username: u for u in people.list_users(ws, admin)}
    assert users["newbie"].memberships == (("VP", "contributor"),)
    assert not users["son"].active
    assert ("VP", "editor") in users["son"].memberships
    assert "T-TEST" in {u.code for u in people.list_units(ws)}
    assert "VKH" not in {u.code for u in people.list_units(ws)}
    after = _people_state(env)
    assert after[0] == before[0] + len(refused)  # each admin operation audited once
    assert after[1:4] == (before[1] + 1, before[2] + 1, before[3] + 2)


def test_set_password_for_oneself_only_unless_admin(env):
    ws = env.ws
    people.set_password(ws, env.actor("lan"), "lan", "mat-khau-cua-lan")
    assert auth.login(ws, "lan", "mat-khau-cua-lan").username == "lan"
    with pytest.raises(PermissionDenied) as err:
        people.set_password(ws, env.actor("lan"), "son", "mat-khau-cua-son")
    assert err.value.key == "perm.admin"
    people.set_password(ws, env.actor("admin"), "son", "mat-khau-cua-son")
    assert auth.login(ws, "son", "mat-khau-cua-son").username == "son"
