"""The review queues, defined from the workflow table's states. Issue-5 screens build on these."""

from __future__ import annotations

from dataclasses import dataclass

from models.workflow import STATE_LABELS, State


@dataclass(frozen=True, slots=True)
class Queue:
    key: str
    name_vi: str
    name_en: str
    states: frozenset[State]
    scope: str = "state"  # state | mine | submitted_by_me | overdue

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi


def _q(key: str, state: State) -> Queue:
    vi, en = STATE_LABELS[state]
    return Queue(key, vi, en, frozenset({state}))


OPEN_STATES = frozenset(
    {State.SUBMITTED, State.EDITING, State.BOARD_REVIEW, State.LEADERSHIP_REVIEW, State.RETURNED, State.APPROVED}
)

QUEUES: tuple[Queue, ...] = (
    _q("inbox", State.SUBMITTED),
    _q("editing", State.EDITING),
    _q("board", State.BOARD_REVIEW),
    _q("leadership", State.LEADERSHIP_REVIEW),
    _q("returned", State.RETURNED),
    _q("approved", State.APPROVED),
    Queue("overdue", "Quá hạn", "Overdue", OPEN_STATES - {State.APPROVED}, "overdue"),
    Queue("mine", "Của tôi", "Mine", OPEN_STATES | {State.DRAFT}, "mine"),
    Queue("submitted", "Tôi đã gửi", "Submitted by me", frozenset(State), "submitted_by_me"),
)
QUEUE_KEYS = tuple(q.key for q in QUEUES)


def queue(key: str) -> Queue:
    for q in QUEUES:
        if q.key == key:
            return q
    raise KeyError(key)
