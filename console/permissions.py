"""The authority: who may do what. Every service asks here; the UI only mirrors the answers.

A user's roles are held per unit (``Membership``). Workflow permissions come from the transition
table in :mod:`models.workflow`; this module adds the unit rule (Đ7.1b) and the separation of
duties (nobody approves what they wrote or submitted).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from console.errors import PermissionDenied
from models import Item, User
from models.workflow import (
    ACTION_LABELS,
    BOARD,
    DESK,
    EDITABLE_STATES,
    LEADERSHIP_DESK,
    ROLE_LABELS,
    STATE_LABELS,
    Role,
    State,
    Transition,
    transitions_from,
)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting: the logged-in user, their memberships, and their language."""

    user_id: int
    username: str
    full_name: str
    language: str = "vi"
    memberships: frozenset[tuple[int, Role]] = field(default_factory=frozenset)  # (unit_id, role)

    @classmethod
    def of(cls, user: User) -> Actor:
        return cls(
            user_id=user.id,
            username=user.username,
            full_name=user.full_name,
            language=user.language,
            memberships=frozenset((m.unit_id, Role(m.role_code)) for m in user.memberships),
        )

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(r for _, r in self.memberships)

    @property
    def unit_ids(self) -> frozenset[int]:
        return frozenset(u for u, _ in self.memberships)

    def has(self, *roles: Role) -> bool:
        return bool(self.roles & set(roles))

    def has_in_unit(self, role: Role, unit_id: int) -> bool:
        return (unit_id, role) in self.memberships

    @property
    def display(self) -> str:
        return f"{self.full_name} ({self.username})"


def _role_names(roles: frozenset[Role], lang: str) -> str:
    i = 1 if lang == "en" else 0
    return ", ".join(sorted(ROLE_LABELS[r][i] for r in roles))


def _label(labels: dict, key: object, lang: str) -> str:
    return labels[key][1 if lang == "en" else 0]


def role_allows(actor: Actor, t: Transition, unit_id: int) -> bool:
    """The actor holds one of the transition's roles, in the item's unit when the rule asks it."""
    for held_unit, role in actor.memberships:
        if role not in t.roles:
            continue
        if not t.own_unit_only or role in DESK or held_unit == unit_id:
            return True
    return False


def check_transition(actor: Actor, t: Transition, item: Item, revision_author_id: int | None) -> None:
    lang = actor.language
    if t.roles == {Role.EXPORTER}:
        raise PermissionDenied("perm.system_only", action=_label(ACTION_LABELS, t.action, lang))
    if not role_allows(actor, t, item.unit_id):
        if t.own_unit_only and actor.roles & t.roles:
            raise PermissionDenied("perm.own_unit", user=actor.display, unit=str(item.unit_id))
        raise PermissionDenied(
            "perm.transition",
            user=actor.display,
            action=_label(ACTION_LABELS, t.action, lang),
            state=_label(STATE_LABELS, State(t.source), lang),
            roles=_role_names(t.roles, lang),
        )
    if t.not_by_author and actor.user_id in {item.created_by_id, revision_author_id}:
        raise PermissionDenied("perm.separation", user=actor.display)


def may_take(actor: Actor, t: Transition, item: Item, revision_author_id: int | None) -> bool:
    try:
        check_transition(actor, t, item, revision_author_id)
    except PermissionDenied:
        return False
    return True


def available_transitions(actor: Actor, item: Item, revision_author_id: int | None) -> list[Transition]:
    return [t for t in transitions_from(item.state, item.content_type) if may_take(actor, t, item, revision_author_id)]


def check_edit(actor: Actor, item: Item) -> None:
    state = State(item.state)
    roles = EDITABLE_STATES.get(state)
    allowed = roles is not None and any(r in roles and (r in DESK or u == item.unit_id) for u, r in actor.memberships)
    if not allowed:
        raise PermissionDenied("perm.edit", user=actor.display, state=_label(STATE_LABELS, state, actor.language))


# Who sees every item: the desks, the Board, the leadership (and its secretaries) and administrators. The SQL
# form of the same rule is services/queries.visible_clause.
SEES_ALL = frozenset({*DESK, *BOARD, *LEADERSHIP_DESK, Role.ADMIN})


def can_view(actor: Actor, item: Item) -> bool:
    """Desks, the Board, leadership and admins see everything; a contributor sees their units' items."""
    if actor.has(*SEES_ALL):
        return True
    return item.unit_id in actor.unit_ids or item.created_by_id == actor.user_id


def check_view(actor: Actor, item: Item) -> None:
    if not can_view(actor, item):
        raise PermissionDenied("perm.view", user=actor.display, item=item.id)


def check_assign(actor: Actor) -> None:
    if not actor.has(*DESK, *BOARD):
        raise PermissionDenied("perm.assign", user=actor.display)


def check_break_lock(actor: Actor) -> None:
    if not actor.has(Role.ADMIN, Role.BOARD_HEAD):
        raise PermissionDenied("perm.break_lock", user=actor.display)


def allowed(check: Callable[..., None], *args: object) -> bool:
    """What a ``check_*`` function would say, as a boolean: for offering an action, never for taking it."""
    try:
        check(*args)
    except PermissionDenied:
        return False
    return True


def check_admin(actor: Actor) -> None:
    if not actor.has(Role.ADMIN):
        raise PermissionDenied("perm.admin", user=actor.display)
