"""Drive items through the workflow with the services, for tests."""

from __future__ import annotations

from typing import Any

from console.services import items
from models.workflow import State

NEWS = {"portal": "vi", "category": "vi.2", "content_type": "news_event", "unit": "VP"}
STATS = {"portal": "vi", "category": "vi.17", "content_type": "statistics", "unit": "VP",
         "meta": {"periodic": "định kỳ", "period": "Quý III/2026"}}


def draft(**kw: Any) -> items.Draft:
    base: dict[str, Any] = {**NEWS, "title": "Hội nghị tổng kết công tác năm 2026", "body_md": "Nội dung **tin**."}
    base.update(kw)
    return items.Draft(**base)


def item_in(env: Any, state: State, *, kind: dict[str, Any] | None = None, by: str = "lan") -> int:
    """Create an item (by ``by``) and walk it to ``state`` through the services."""
    ws = env.ws
    d = draft(**(kind or {}))
    if state is State.DRAFT:
        return items.create(ws, env.actor(by), d, submit=False).id
    ref = items.create(ws, env.actor(by), d)
    i = ref.id
    editor = env.actor("minh")
    if state is State.SUBMITTED:
        return i
    if state in (State.RETURNED, State.REJECTED):
        action = "return" if state is State.RETURNED else "reject"
        items.decide(ws, editor, i, action, reason="Thiếu nguồn tin chính thức")
        return i
    items.decide(ws, editor, i, "accept")
    if state is State.EDITING:
        return i
    items.decide(ws, editor, i, "send_to_board")
    if state is State.BOARD_REVIEW:
        return i
    items.decide(ws, env.actor("mai"), i, "approve")
    if state is State.LEADERSHIP_REVIEW:
        assert (kind or {}).get("content_type") == "statistics"
        return i
    if (kind or {}).get("content_type") == "statistics":
        items.decide(ws, env.actor("ld"), i, "approve_leadership")
    if state is State.APPROVED:
        return i
    with ws.db.write() as s:
        items.record_published(s, env.actor("admin"), i)
    if state is State.PUBLISHED:
        return i
    if state is State.WITHDRAWN:
        items.decide(ws, env.actor("mai"), i, "withdraw", reason="Thông tin đã hết hiệu lực")
        return i
    raise AssertionError(state)
