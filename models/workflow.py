"""The editorial workflow as data: states, roles, and the one transition table.

Code never hard-codes a path: services and screens ask :func:`transitions_from` and
:func:`find_transition`. Articles cited are those of the portal regulation (Quy chế hoạt động
Cổng Thông tin điện tử BHXH Việt Nam, 2021).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from models.content_types import TREE_PROPOSAL


class State(StrEnum):
    DRAFT = "draft"  # nháp
    SUBMITTED = "submitted"  # chờ tiếp nhận
    EDITING = "editing"  # đang biên tập (Trung tâm Truyền thông, Đ7.2a)
    BOARD_REVIEW = "board_review"  # chờ Ban Biên tập duyệt (Đ7.1c)
    LEADERSHIP_REVIEW = "leadership_review"  # chờ Lãnh đạo duyệt (Đ11.1c-d)
    APPROVED = "approved"  # đã duyệt, chờ xuất bản
    PUBLISHED = "published"  # đã xuất bản: set only by a successful export
    RETURNED = "returned"  # bị trả lại
    REJECTED = "rejected"  # bị từ chối (final)
    WITHDRAWN = "withdrawn"  # đã gỡ


# Vietnamese and English labels live here (not in the UI catalogue) because exports, reports and
# the CLI all print them, and they are the regulation's own words.
STATE_LABELS: dict[State, tuple[str, str]] = {
    State.DRAFT: ("Nháp", "Draft"),
    State.SUBMITTED: ("Chờ tiếp nhận", "Submitted"),
    State.EDITING: ("Đang biên tập", "In editing"),
    State.BOARD_REVIEW: ("Chờ Ban Biên tập duyệt", "Awaiting the Editorial Board"),
    State.LEADERSHIP_REVIEW: ("Chờ Lãnh đạo duyệt", "Awaiting leadership approval"),
    State.APPROVED: ("Đã duyệt, chờ xuất bản", "Approved, awaiting export"),
    State.PUBLISHED: ("Đã xuất bản", "Published"),
    State.RETURNED: ("Bị trả lại", "Returned for changes"),
    State.REJECTED: ("Bị từ chối", "Rejected"),
    State.WITHDRAWN: ("Đã gỡ", "Withdrawn"),
}

FINAL_STATES = frozenset({State.REJECTED, State.WITHDRAWN})


class Role(StrEnum):
    CONTRIBUTOR = "contributor"  # cán bộ cung cấp thông tin của đơn vị (Đ7.1b, Đ11)
    EDITOR = "editor"  # biên tập viên, Trung tâm Truyền thông (Đ7.2a)
    QA_OFFICER = "qa_officer"  # Trung tâm Dịch vụ hỗ trợ, chăm sóc khách hàng (Đ7.2b)
    BOARD_MEMBER = "board_member"  # Thành viên / Phó Trưởng Ban Biên tập (Đ6.1)
    BOARD_HEAD = "board_head"  # Trưởng Ban Biên tập (Đ6.3)
    LEADERSHIP = "leadership"  # Lãnh đạo BHXH Việt Nam (Đ11.1c-d)
    LEADERSHIP_SECRETARY = "leadership_secretary"  # thư ký: records a leader's approval, with the document
    ADMIN = "admin"  # quản trị, Trung tâm Công nghệ thông tin (Đ7.2c)
    EXPORTER = "exporter"  # the export service acting for an admin; never granted to a person


ROLE_LABELS: dict[Role, tuple[str, str]] = {
    Role.CONTRIBUTOR: ("Cán bộ cung cấp thông tin", "Contributor"),
    Role.EDITOR: ("Biên tập viên", "Editor"),
    Role.QA_OFFICER: ("Cán bộ hỏi - đáp", "Q&A officer"),
    Role.BOARD_MEMBER: ("Thành viên Ban Biên tập", "Editorial Board member"),
    Role.BOARD_HEAD: ("Trưởng Ban Biên tập", "Head of the Editorial Board"),
    Role.LEADERSHIP: ("Lãnh đạo BHXH Việt Nam", "VSS leadership"),
    Role.LEADERSHIP_SECRETARY: ("Thư ký Lãnh đạo", "Leadership secretary"),
    Role.ADMIN: ("Quản trị hệ thống", "Administrator"),
    Role.EXPORTER: ("Tiến trình xuất bản", "Export process"),
}

GRANTABLE_ROLES = tuple(r for r in Role if r is not Role.EXPORTER)

BOARD = frozenset({Role.BOARD_MEMBER, Role.BOARD_HEAD})
# Who records the leadership's approval (Đ11.1c-d): a leader, or a secretary on a named leader's behalf with the
# approval document attached (services/items.py checks the "on behalf" and the document).
LEADERSHIP_DESK = frozenset({Role.LEADERSHIP, Role.LEADERSHIP_SECRETARY})
AUTHORS = frozenset({Role.CONTRIBUTOR, Role.EDITOR, Role.QA_OFFICER})
DESK = frozenset({Role.EDITOR, Role.QA_OFFICER})  # the desks that receive and edit

# Content types that need the leadership's approval before publication (Đ11.1c, Đ11.1d).
LEADERSHIP_TYPES = frozenset({"statistics", "strategy_plan"})

# A proposed change to the category tree (Đ6.2a, Đ7.1a): proposed by the Communications Centre or a Board
# member, it goes straight to the Board; approval applies it to the tree at once, so it has no correction,
# withdrawal or pulling back afterwards (a new proposal changes the tree again). It is sent (again) by its
# proposer's unit: the desk for the Communications Centre's proposals, the Board for its members' own.
TREE_TYPES = frozenset({TREE_PROPOSAL})
PROPOSERS = frozenset({Role.EDITOR, Role.BOARD_MEMBER, Role.BOARD_HEAD})


class Action(StrEnum):
    SUBMIT = "submit"
    ACCEPT = "accept"
    SEND_TO_BOARD = "send_to_board"
    APPROVE = "approve"
    APPROVE_LEADERSHIP = "approve_leadership"
    RETURN = "return"
    REJECT = "reject"
    RESUBMIT = "resubmit"
    CORRECT = "correct"
    PROPOSE_CORRECTION = "propose_correction"
    PUBLISH = "publish"
    WITHDRAW = "withdraw"


ACTION_LABELS: dict[Action, tuple[str, str]] = {
    Action.SUBMIT: ("Gửi", "Submit"),
    Action.ACCEPT: ("Tiếp nhận biên tập", "Accept for editing"),
    Action.SEND_TO_BOARD: ("Trình Ban Biên tập", "Send to the Board"),
    Action.APPROVE: ("Duyệt", "Approve"),
    Action.APPROVE_LEADERSHIP: ("Lãnh đạo duyệt", "Approve as leadership"),
    Action.RETURN: ("Trả lại", "Return for changes"),
    Action.REJECT: ("Từ chối", "Reject"),
    Action.RESUBMIT: ("Gửi lại", "Resubmit"),
    Action.CORRECT: ("Đính chính", "Correct"),
    Action.PROPOSE_CORRECTION: ("Đề nghị đính chính", "Propose a correction"),
    Action.PUBLISH: ("Xuất bản", "Publish"),
    Action.WITHDRAW: ("Gỡ bỏ", "Withdraw"),
}


@dataclass(frozen=True, slots=True)
class Transition:
    action: Action
    source: State
    target: State
    roles: frozenset[Role]
    reason_required: bool = False
    # None: every content type. Otherwise the rule applies only to (or never to) these types.
    only_types: frozenset[str] | None = None
    except_types: frozenset[str] | None = None
    # Separation of duties: the actor may not have written the current revision or the item.
    not_by_author: bool = False
    # Only the item's own unit may take it (Đ7.1b: a unit provides content of its own field).
    own_unit_only: bool = False

    def applies_to(self, content_type: str) -> bool:
        if self.only_types is not None and content_type not in self.only_types:
            return False
        return not (self.except_types is not None and content_type in self.except_types)


def _t(action: Action, source: State, target: State, roles: frozenset[Role] | set[Role], **kw: object) -> Transition:
    return Transition(action, source, target, frozenset(roles), **kw)  # type: ignore[arg-type]


_R = True  # reason required
TRANSITIONS: tuple[Transition, ...] = (
    # A unit submits; the Communications Centre (or Customer Service for Q&A) receives and screens.
    _t(Action.SUBMIT, State.DRAFT, State.SUBMITTED, AUTHORS, own_unit_only=True, except_types=TREE_TYPES),
    _t(Action.SUBMIT, State.DRAFT, State.BOARD_REVIEW, PROPOSERS, only_types=TREE_TYPES, own_unit_only=True),
    _t(Action.ACCEPT, State.SUBMITTED, State.EDITING, DESK),
    _t(Action.RETURN, State.SUBMITTED, State.RETURNED, DESK, reason_required=_R),
    _t(Action.REJECT, State.SUBMITTED, State.REJECTED, DESK, reason_required=_R),
    # Edited content goes to the Board (Đ7.1c: the Board checks before anything is published).
    _t(Action.SEND_TO_BOARD, State.EDITING, State.BOARD_REVIEW, DESK),
    _t(Action.RETURN, State.EDITING, State.RETURNED, DESK, reason_required=_R),
    _t(Action.REJECT, State.EDITING, State.REJECTED, DESK, reason_required=_R),
    # The Board approves; statistics, strategies and plans then go to the leadership.
    _t(Action.APPROVE, State.BOARD_REVIEW, State.APPROVED, BOARD, except_types=LEADERSHIP_TYPES, not_by_author=True),
    _t(
        Action.APPROVE,
        State.BOARD_REVIEW,
        State.LEADERSHIP_REVIEW,
        BOARD,
        only_types=LEADERSHIP_TYPES,
        not_by_author=True,
    ),
    _t(Action.RETURN, State.BOARD_REVIEW, State.RETURNED, BOARD, reason_required=_R),
    _t(Action.REJECT, State.BOARD_REVIEW, State.REJECTED, BOARD, reason_required=_R),
    _t(
        Action.APPROVE_LEADERSHIP,
        State.LEADERSHIP_REVIEW,
        State.APPROVED,
        LEADERSHIP_DESK,
        only_types=LEADERSHIP_TYPES,
        not_by_author=True,
    ),
    _t(Action.RETURN, State.LEADERSHIP_REVIEW, State.RETURNED, {Role.LEADERSHIP}, reason_required=_R,
       only_types=LEADERSHIP_TYPES),
    _t(Action.REJECT, State.LEADERSHIP_REVIEW, State.REJECTED, {Role.LEADERSHIP}, reason_required=_R,
       only_types=LEADERSHIP_TYPES),
    # The Board may still pull an approved item back before it is exported.
    _t(Action.RETURN, State.APPROVED, State.RETURNED, BOARD, reason_required=_R, except_types=TREE_TYPES),
    # A returned item is resubmitted by its unit (or the desk that edits it).
    _t(Action.RESUBMIT, State.RETURNED, State.SUBMITTED, AUTHORS, own_unit_only=True, except_types=TREE_TYPES),
    _t(Action.RESUBMIT, State.RETURNED, State.BOARD_REVIEW, PROPOSERS, only_types=TREE_TYPES, own_unit_only=True),
    # Only a successful export publishes.
    _t(Action.PUBLISH, State.APPROVED, State.PUBLISHED, {Role.EXPORTER}),
    # A correction of approved or published content is a new revision reviewed again; the live
    # version stays published meanwhile (Item.published_revision_id is untouched).
    _t(Action.CORRECT, State.APPROVED, State.EDITING, DESK, except_types=TREE_TYPES),
    _t(Action.CORRECT, State.PUBLISHED, State.EDITING, DESK, except_types=TREE_TYPES),
    _t(Action.PROPOSE_CORRECTION, State.PUBLISHED, State.SUBMITTED, {Role.CONTRIBUTOR}, own_unit_only=True,
       except_types=TREE_TYPES),
    # Withdrawal takes content off the portal; the Board answers for what is published (Đ6.2a).
    _t(Action.WITHDRAW, State.APPROVED, State.WITHDRAWN, BOARD | DESK, reason_required=_R, except_types=TREE_TYPES),
    _t(Action.WITHDRAW, State.PUBLISHED, State.WITHDRAWN, BOARD | DESK, reason_required=_R,
       except_types=TREE_TYPES),
)

# Actions that come with a new revision of approved or published content (see services.items.edit).
CORRECTION_ACTIONS = frozenset({Action.CORRECT, Action.PROPOSE_CORRECTION})

# The step that moves an item on from its state, whatever the state: the one key ("a") of the queues
# and the review screen. Each state has at most one of these in the table.
FORWARD_ACTIONS = (
    Action.SUBMIT, Action.ACCEPT, Action.SEND_TO_BOARD, Action.APPROVE, Action.APPROVE_LEADERSHIP, Action.RESUBMIT,
)
FORWARD = "forward"  # what a caller passes to mean "the forward action of the item's state"

# States in which the content of an item may be edited in place (a new revision, same state).
EDITABLE_STATES: dict[State, frozenset[Role]] = {
    State.DRAFT: AUTHORS,
    State.RETURNED: AUTHORS,
    State.EDITING: DESK,
}


def transitions_from(state: State | str, content_type: str) -> list[Transition]:
    s = State(state)
    return [t for t in TRANSITIONS if t.source is s and t.applies_to(content_type)]


def find_transition(state: State | str, action: Action | str, content_type: str) -> Transition | None:
    a = Action(action)
    for t in transitions_from(state, content_type):
        if t.action is a:
            return t
    return None


def states_reachable() -> frozenset[State]:
    return frozenset({State.DRAFT} | {t.target for t in TRANSITIONS})


def forward_transition(state: State | str, content_type: str | None = None) -> Transition | None:
    """The transition that moves an item of ``content_type`` (any type: None) on from ``state``; None in a final
    or waiting state."""
    source = State(state)
    found = transitions_from(source, content_type) if content_type else [t for t in TRANSITIONS if t.source is source]
    return next((t for t in found if t.action in FORWARD_ACTIONS), None)
