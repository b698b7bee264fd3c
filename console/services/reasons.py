"""The workspace's reason templates: ready-made reasons for returning or rejecting an item.

The reason dialog offers the active templates of its action (and those for ``any`` action) in the
person's language; the chosen text, plus whatever they type, becomes the decision's reason. Administrators
add and retire templates; a retired template stays in the table, so the record of what was offered is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from console import audit
from console.errors import InvalidInput, NotFound
from console.permissions import Actor, check_admin
from console.text import clean
from console.workspace import Workspace
from models import ReasonTemplate

ACTIONS = ("return", "reject", "any")
TEXT_MAX = 500


@dataclass(frozen=True, slots=True)
class Template:
    id: int
    action: str
    text: str  # in the language asked for
    text_vi: str
    text_en: str
    active: bool


def _check_action(action: str) -> str:
    action = action.strip().lower()
    if action not in ACTIONS:
        raise InvalidInput("input.reason_action", value=action, choices=", ".join(ACTIONS))
    return action


def templates(ws: Workspace, action: str | None = None, lang: str = "vi", *, retired: bool = False) -> list[Template]:
    """The templates offered for ``action`` (``return`` or ``reject``; None: all), in their order."""
    stmt = select(ReasonTemplate).order_by(ReasonTemplate.position, ReasonTemplate.id)
    if action is not None:
        stmt = stmt.where(ReasonTemplate.action.in_((_check_action(action), "any")))
    if not retired:
        stmt = stmt.where(ReasonTemplate.active.is_(True))
    with ws.db.read() as s:
        return [
            Template(r.id, r.action, r.text(lang), r.text_vi, r.text_en, r.active) for r in s.scalars(stmt)
        ]


def add(ws: Workspace, actor: Actor, action: str, text_vi: str, text_en: str = "") -> int:
    action = _check_action(action)
    text_vi, text_en = clean(text_vi), clean(text_en)
    if not text_vi:
        raise InvalidInput("input.required", field="text_vi")
    for name, value in (("text_vi", text_vi), ("text_en", text_en)):
        if len(value) > TEXT_MAX:
            raise InvalidInput("input.too_long", field=name, max=TEXT_MAX)
    with ws.db.write() as s:
        check_admin(actor)
        last = s.scalar(select(func.max(ReasonTemplate.position))) or 0
        row = ReasonTemplate(action=action, text_vi=text_vi, text_en=text_en, position=last + 1, active=True)
        s.add(row)
        s.flush()
        audit.record(s, actor.user_id, actor.username, "reason.add", "reason_template", row.id,
                     for_action=action, text_vi=text_vi, text_en=text_en)
        return row.id


def retire(ws: Workspace, actor: Actor, template_id: int) -> None:
    """Stop offering a template (it stays on record)."""
    with ws.db.write() as s:
        check_admin(actor)
        row = s.get(ReasonTemplate, template_id)
        if row is None:
            raise NotFound("notfound.reason", id=template_id)
        row.active = False
        s.flush()
        audit.record(s, actor.user_id, actor.username, "reason.retire", "reason_template", row.id)
