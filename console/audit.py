"""Append to and verify the hash-chained audit log. Services call :func:`record` inside their own
transaction, so an action and its audit event are committed together or not at all."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from models import GENESIS_HASH, AuditEvent, AuditHead, Base, utcnow

HEAD_ROW_ID = 1
# Plain tables: Core statements skip the ORM's per-statement work on this hot path.
_EVENTS = Base.metadata.tables[AuditEvent.__tablename__]
_HEAD = Base.metadata.tables[AuditHead.__tablename__]


def canonical(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def event_hash(
    prev_hash: str,
    event_id: int,
    at: datetime,
    actor_id: int | None,
    actor_name: str,
    action: str,
    entity: str,
    entity_id: str,
    data: str,
) -> str:
    at_utc = at.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")
    payload = canonical(
        {
            "prev": prev_hash,
            "id": event_id,
            "at": at_utc,
            "actor_id": actor_id,
            "actor": actor_name,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "data": data,
        }
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _row_hash(ev: AuditEvent) -> str:
    return event_hash(
        ev.prev_hash, ev.id, ev.at, ev.actor_id, ev.actor_name, ev.action, ev.entity, ev.entity_id, ev.data
    )


def record(session: Session, actor_id: int | None, actor_name: str, action: str, entity: str,
           entity_id: object = "", **data: Any) -> tuple[int, str]:
    """Append one event; returns its (id, hash). Locks the chain's head row so concurrent writers
    queue, never fork. Core statements, not the ORM: this runs in every write transaction."""
    head = session.execute(
        select(_HEAD.c.last_id, _HEAD.c.last_hash).where(_HEAD.c.id == HEAD_ROW_ID).with_for_update()
    ).first()
    last_id, last_hash = (head.last_id, head.last_hash) if head is not None else (0, GENESIS_HASH)
    event_id, at, payload = last_id + 1, utcnow(), canonical(data)
    entity_id = str(entity_id)
    digest = event_hash(last_hash, event_id, at, actor_id, actor_name, action, entity, entity_id, payload)
    session.execute(
        insert(_EVENTS).values(id=event_id, at=at, actor_id=actor_id, actor_name=actor_name, action=action,
                                  entity=entity, entity_id=entity_id, data=payload, prev_hash=last_hash, hash=digest)
    )
    if head is None:
        session.execute(insert(_HEAD).values(id=HEAD_ROW_ID, last_id=event_id, last_hash=digest))
    else:
        session.execute(
            update(_HEAD).where(_HEAD.c.id == HEAD_ROW_ID).values(last_id=event_id, last_hash=digest)
        )
    return event_id, digest


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    count: int
    bad_id: int | None = None
    problem: str | None = None  # audit.problem.* key


def verify(session: Session, batch: int = 5000) -> VerifyResult:
    """Walk the chain in order and report the first event that does not hold."""
    prev_hash = GENESIS_HASH
    expected_id = 1
    count = 0
    last_id = 0
    while True:
        rows = (
            session.execute(select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch))
            .scalars()
            .all()
        )
        if not rows:
            break
        for ev in rows:
            if ev.id != expected_id:
                return VerifyResult(False, count, ev.id, "audit.problem.gap")
            if ev.prev_hash != prev_hash:
                return VerifyResult(False, count, ev.id, "audit.problem.prev")
            if _row_hash(ev) != ev.hash:
                return VerifyResult(False, count, ev.id, "audit.problem.hash")
            prev_hash = ev.hash
            expected_id += 1
            count += 1
            last_id = ev.id
        session.expunge_all()
    head = session.get(AuditHead, HEAD_ROW_ID)
    if head is not None and (head.last_id != count or head.last_hash != prev_hash):
        return VerifyResult(False, count, count + 1 if head.last_id > count else head.last_id, "audit.problem.head")
    return VerifyResult(True, count)
