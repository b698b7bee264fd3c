"""The transition table as data (no database): reachability, final states, reasons, separation of
duties, the leadership stage, the export's monopoly on publishing, and the labels."""

from __future__ import annotations

from collections import Counter

import pytest

from models.content_types import CONTENT_TYPE_CODES, CONTENT_TYPES
from models.workflow import (
    ACTION_LABELS,
    FINAL_STATES,
    GRANTABLE_ROLES,
    LEADERSHIP_TYPES,
    ROLE_LABELS,
    STATE_LABELS,
    TRANSITIONS,
    TREE_TYPES,
    Action,
    Role,
    State,
    Transition,
    find_transition,
    states_reachable,
    transitions_from,
)


def _row_id(t: Transition) -> str:
    return f"{t.action.value}-{t.source.value}->{t.target.value}"


def _reachable_from_draft() -> set[State]:
    seen = {State.DRAFT}
    todo = [State.DRAFT]
    while todo:
        s = todo.pop()
        for t in TRANSITIONS:
            if t.source is s and t.target not in seen:
                seen.add(t.target)
                todo.append(t.target)
    return seen


def test_every_state_is_reachable_from_draft():
    assert _reachable_from_draft() == set(State)
    assert states_reachable() == frozenset(State)


def test_every_state_is_reachable_for_a_leadership_type_and_all_but_leadership_review_for_others():
    def reachable(ct: str) -> set[State]:
        seen, todo = {State.DRAFT}, [State.DRAFT]
        while todo:
            for t in transitions_from(todo.pop(), ct):
                if t.target not in seen:
                    seen.add(t.target)
                    todo.append(t.target)
        return seen

    for ct in CONTENT_TYPE_CODES - TREE_TYPES:
        expected = set(State) if ct in LEADERSHIP_TYPES else set(State) - {State.LEADERSHIP_REVIEW}
        assert reachable(ct) == expected, ct
    # A tree proposal goes straight to the Board and, once approved, is applied: no desk, no withdrawal.
    tree_path = {State.DRAFT, State.BOARD_REVIEW, State.RETURNED, State.REJECTED, State.APPROVED, State.PUBLISHED}
    for ct in TREE_TYPES:
        assert reachable(ct) == tree_path


def test_final_states_are_rejected_and_withdrawn_with_no_way_out():
    assert frozenset({State.REJECTED, State.WITHDRAWN}) == FINAL_STATES
    for final in (State.REJECTED, State.WITHDRAWN):
        assert [t for t in TRANSITIONS if t.source is final] == []
        for ct in CONTENT_TYPE_CODES:
            assert transitions_from(final, ct) == []
            for action in Action:
                assert find_transition(final, action, ct) is None


def test_every_non_final_state_has_a_way_out():
    for state in set(State) - FINAL_STATES:
        assert any(t.source is state for t in TRANSITIONS), state


@pytest.mark.parametrize("t", [t for t in TRANSITIONS if t.action in (Action.RETURN, Action.REJECT)], ids=_row_id)
def test_return_and_reject_require_a_reason(t):
    assert t.reason_required


@pytest.mark.parametrize("t", [t for t in TRANSITIONS if t.action is Action.WITHDRAW], ids=_row_id)
def test_withdrawal_requires_a_reason(t):
    assert t.reason_required


@pytest.mark.parametrize(
    "t", [t for t in TRANSITIONS if t.action in (Action.APPROVE, Action.APPROVE_LEADERSHIP)], ids=_row_id
)
def test_every_approval_is_separated_from_the_author(t):
    assert t.not_by_author


def test_there_are_approval_rows_at_all():
    # Guards the parametrised tests above against an empty selection.
    assert Counter(t.action for t in TRANSITIONS)[Action.APPROVE] == 2
    assert Counter(t.action for t in TRANSITIONS)[Action.APPROVE_LEADERSHIP] == 1
    assert Counter(t.action for t in TRANSITIONS)[Action.RETURN] == 5
    assert Counter(t.action for t in TRANSITIONS)[Action.REJECT] == 4


def test_leadership_types_are_the_content_types_that_need_leadership():
    assert {ct.code for ct in CONTENT_TYPES if ct.needs_leadership} == LEADERSHIP_TYPES
    assert LEADERSHIP_TYPES <= CONTENT_TYPE_CODES


@pytest.mark.parametrize("t", [t for t in TRANSITIONS if t.target is State.LEADERSHIP_REVIEW], ids=_row_id)
def test_rows_into_leadership_review_apply_only_to_leadership_types(t):
    assert {ct for ct in CONTENT_TYPE_CODES if t.applies_to(ct)} == LEADERSHIP_TYPES


@pytest.mark.parametrize(
    "t",
    [
        pytest.param(
            t,
            id=_row_id(t),
        )
        for t in TRANSITIONS
        if t.source is State.LEADERSHIP_REVIEW
    ],
)
def test_rows_out_of_leadership_review_apply_only_to_leadership_types(t):
    assert {ct for ct in CONTENT_TYPE_CODES if t.applies_to(ct)} == LEADERSHIP_TYPES


def test_only_the_leadership_acts_in_leadership_review():
    """A leader decides; a secretary may only record a leader's approval (on their behalf, with the document)."""
    rows = [t for t in TRANSITIONS if t.source is State.LEADERSHIP_REVIEW]
    assert {t.action for t in rows} == {Action.APPROVE_LEADERSHIP, Action.RETURN, Action.REJECT}
    assert all(t.roles == ({Role.LEADERSHIP, Role.LEADERSHIP_SECRETARY} if t.action is Action.APPROVE_LEADERSHIP
                           else {Role.LEADERSHIP}) for t in rows)  # fmt: skip
    assert {t.source for t in TRANSITIONS if t.action is Action.APPROVE_LEADERSHIP} == {State.LEADERSHIP_REVIEW}


def test_publish_only_by_the_exporter_and_only_from_approved():
    publish = [t for t in TRANSITIONS if t.action is Action.PUBLISH]
    assert len(publish) == 1
    assert publish[0].roles == {Role.EXPORTER}
    assert (publish[0].source, publish[0].target) == (State.APPROVED, State.PUBLISHED)
    assert [t for t in TRANSITIONS if t.target is State.PUBLISHED] == publish
    assert [t for t in TRANSITIONS if Role.EXPORTER in t.roles] == publish
    assert Role.EXPORTER not in GRANTABLE_ROLES
    assert set(GRANTABLE_ROLES) == set(Role) - {Role.EXPORTER}


def test_no_two_rows_share_source_and_action_for_a_content_type():
    clashes = []
    for ct in sorted(CONTENT_TYPE_CODES):
        seen = Counter((t.source, t.action) for t in TRANSITIONS if t.applies_to(ct))
        clashes += [(ct, s.value, a.value) for (s, a), n in seen.items() if n > 1]
    assert clashes == []


def test_every_row_has_roles_and_a_real_move():
    for t in TRANSITIONS:
        assert t.roles, t
        assert t.source is not t.target, t
        assert t.only_types is None or t.only_types <= CONTENT_TYPE_CODES, t
        assert t.except_types is None or t.except_types <= CONTENT_TYPE_CODES, t


@pytest.mark.parametrize(
    ("labels", "enum"),
    [(STATE_LABELS, State), (ACTION_LABELS, Action), (ROLE_LABELS, Role)],
    ids=["state", "action", "role"],
)
def test_every_state_action_and_role_has_vietnamese_and_english_labels(labels, enum):
    assert set(labels) == set(enum)
    for member in enum:
        vi, en = labels[member]
        assert vi.strip() and en.strip(), member
        assert vi != member.value and en != member.value, member
    assert len({v[0] for v in labels.values()}) == len(labels)  # no two share a Vietnamese label
    assert len({v[1] for v in labels.values()}) == len(labels)


def test_find_transition_honours_only_and_except_types():
    for ct in sorted(LEADERSHIP_TYPES):
        t = find_transition(State.BOARD_REVIEW, Action.APPROVE, ct)
        assert t is not None and t.target is State.LEADERSHIP_REVIEW
        t = find_transition(State.LEADERSHIP_REVIEW, Action.APPROVE_LEADERSHIP, ct)
        assert t is not None and t.target is State.APPROVED
    for ct in sorted(CONTENT_TYPE_CODES - LEADERSHIP_TYPES):
        t = find_transition(State.BOARD_REVIEW, Action.APPROVE, ct)
        assert t is not None and t.target is State.APPROVED, ct
        assert find_transition(State.LEADERSHIP_REVIEW, Action.APPROVE_LEADERSHIP, ct) is None
        assert Action.APPROVE_LEADERSHIP not in {t.action for t in transitions_from(State.BOARD_REVIEW, ct)}
    # Actions may be given as strings, as the CLI does.
    assert find_transition("board_review", "approve", "statistics") is find_transition(
        State.BOARD_REVIEW, Action.APPROVE, "statistics"
    )
    assert find_transition(State.SUBMITTED, Action.APPROVE, "news_event") is None
    with pytest.raises(ValueError):
        find_transition(State.SUBMITTED, "approve_everything", "news_event")


def test_applies_to_with_only_and_except():
    only = next(t for t in TRANSITIONS if t.only_types is not None and t.action is Action.APPROVE)
    exc = next(t for t in TRANSITIONS if t.except_types == LEADERSHIP_TYPES)
    assert only.applies_to("statistics") and not only.applies_to("news_event")
    assert exc.applies_to("news_event") and not exc.applies_to("statistics")


def test_each_open_state_has_one_forward_step_and_final_states_none():
    from models.workflow import FORWARD_ACTIONS, TRANSITIONS, forward_transition

    for state in State:
        ahead = [t for t in TRANSITIONS if t.source is state and t.action in FORWARD_ACTIONS]
        assert len({t.action for t in ahead}) <= 1, state  # "a" never has to choose
    assert forward_transition(State.SUBMITTED).action is Action.ACCEPT
    assert forward_transition(State.EDITING).action is Action.SEND_TO_BOARD
    assert forward_transition(State.BOARD_REVIEW, "statistics").target is State.LEADERSHIP_REVIEW
    assert forward_transition(State.BOARD_REVIEW, "news_event").target is State.APPROVED
    assert forward_transition(State.LEADERSHIP_REVIEW).action is Action.APPROVE_LEADERSHIP
    assert forward_transition(State.LEADERSHIP_REVIEW, "news_event") is None
    assert forward_transition(State.RETURNED).action is Action.RESUBMIT
    for final in (State.APPROVED, State.PUBLISHED, State.REJECTED, State.WITHDRAWN):
        assert forward_transition(final) is None
