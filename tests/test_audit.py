"""The hash-chained audit log on every database: it verifies after real work, and any hand edit of
the table (a changed field, a deleted, reordered or truncated row) is found at the right event.
Also: failed logins are audited and five of them lock the account until an admin resets it.

Each tampering is made with raw SQL, checked, then undone (and the chain checked whole again), so
one workspace per database serves every case of a kind."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import DateTime, bindparam, func, select, text

from console import audit
from console.errors import AuthFailed
from console.security import MAX_FAILED_LOGINS
from console.services import auth, items, people
from models import AuditEvent, User
from models.workflow import State
from tests.conftest import PASSWORD
from tests.helpers import STATS, item_in

COLUMNS = ("at", "actor_id", "actor_name", "action", "entity", "entity_id", "data", "prev_hash", "hash")


def _work(env: Any) -> None:
    """A series of actions of several kinds, by several people."""
    i = item_in(env, State.PUBLISHED)
    items.comment(env.ws, env.actor("mai"), i, "Đã kiểm tra, đạt yêu cầu.")
    items.decide(env.ws, env.actor("mai"), i, "withdraw", reason="Thông tin đã hết hiệu lực")
    j = item_in(env, State.LEADERSHIP_REVIEW, kind=STATS)
    items.decide(env.ws, env.actor("ld"), j, "return", reason="Số liệu quý chưa được đối chiếu")
    items.claim(env.ws, env.actor("minh"), j)
    people.add_unit(env.ws, env.actor("admin"), "T-THU", "Bảo hiểm xã hội tỉnh Thử")


def _verify(env: Any) -> audit.VerifyResult:
    with env.ws.db.read() as s:
        return audit.verify(s)


def _ids(env: Any) -> list[int]:
    with env.ws.db.read() as s:
        return list(s.scalars(select(AuditEvent.id).order_by(AuditEvent.id)))


def _q(env: Any, name: str) -> str:
    return env.ws.db.engine.dialect.identifier_preparer.quote(name)


def _aware(value: Any) -> datetime:
    if isinstance(value, str):  # SQLite hands raw text back to a textual SELECT
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _row(env: Any, event_id: int) -> dict[str, Any]:
    cols = ", ".join(_q(env, c) for c in COLUMNS)
    with env.ws.db.engine.connect() as c:
        row = dict(c.execute(text(f"SELECT {cols} FROM audit_event WHERE id = :id"), {"id": event_id}).one()._mapping)
    row["at"] = _aware(row["at"]).replace(tzinfo=None)  # naive UTC, as stored
    return row


def _typed(stmt: Any, values: dict[str, Any]) -> Any:
    return stmt.bindparams(bindparam("at", type_=DateTime())) if "at" in values else stmt


def _update(env: Any, event_id: int, **values: Any) -> None:
    sets = ", ".join(f"{_q(env, k)} = :{k}" for k in values)
    with env.ws.db.engine.begin() as c:
        stmt = _typed(text(f"UPDATE audit_event SET {sets} WHERE id = :id"), values)
        assert c.execute(stmt, {**values, "id": event_id}).rowcount == 1


def _insert(env: Any, event_id: int, row: dict[str, Any]) -> None:
    cols = ", ".join(_q(env, c) for c in ("id", *row))
    marks = ", ".join(f":{c}" for c in ("id", *row))
    with env.ws.db.engine.begin() as c:
        c.execute(_typed(text(f"INSERT INTO audit_event ({cols}) VALUES ({marks})"), row), {**row, "id": event_id})


def _delete(env: Any, event_id: int) -> None:
    with env.ws.db.engine.begin() as c:
        assert c.execute(text("DELETE FROM audit_event WHERE id = :id"), {"id": event_id}).rowcount == 1


def _user_id(env: Any, username: str) -> int:
    with env.ws.db.read() as s:
        return s.scalar(select(User.id).where(User.username == username))


@pytest.fixture
def worked(env) -> tuple[Any, list[int]]:
    _work(env)
    ids = _ids(env)
    assert ids == list(range(1, len(ids) + 1))
    assert len(ids) > 25
    assert _verify(env) == audit.VerifyResult(True, len(ids))
    return env, ids


@contextmanager
def _undone(env: Any, ids: list[int], first: int) -> Iterator[None]:
    """Save the rows from ``first`` on; afterwards put them back exactly as they were."""
    saved = [(k, _row(env, k)) for k in ids[ids.index(first):]]
    try:
        yield
    finally:
        with env.ws.db.engine.begin() as c:
            c.execute(text("DELETE FROM audit_event WHERE id >= :k"), {"k": first})
        for k, row in saved:
            _insert(env, k, row)
    assert _verify(env) == audit.VerifyResult(True, len(ids)), "the undo left the chain broken"


def test_chain_verifies_after_a_series_of_actions(worked):
    env, ids = worked
    with env.ws.db.read() as s:
        actions = list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
        first = s.get(AuditEvent, 1)
        assert first is not None and first.prev_hash == "0" * 64
        for a, b in itertools.pairwise(ids):
            ea, eb = s.get(AuditEvent, a), s.get(AuditEvent, b)
            assert ea is not None and eb is not None and eb.prev_hash == ea.hash
    assert actions[0] == "workspace.init"
    for expected in ("item.create", "item.submit", "item.publish", "item.withdraw", "item.comment", "item.return",
                     "item.lock", "unit.add"):
        assert expected in actions


EDITS: dict[str, Callable[[Any, dict[str, Any]], dict[str, Any]]] = {
    "data": lambda env, r: {"data": '{"reason":"đã sửa lén"}'},
    "at": lambda env, r: {"at": r["at"] + timedelta(seconds=1)},
    "at_by_a_microsecond": lambda env, r: {"at": r["at"] + timedelta(microseconds=1)},
    "actor_name": lambda env, r: {"actor_name": r["actor_name"] + "-gia-mao"},
    "actor_id": lambda env, r: {"actor_id": None if r["actor_id"] is not None else _user_id(env, "admin")},
    "action": lambda env, r: {"action": "item.edit" if r["action"] != "item.edit" else "item.comment"},
    "entity": lambda env, r: {"entity": r["entity"] + "x"},
    "entity_id": lambda env, r: {"entity_id": r["entity_id"] + "0"},
}


def test_an_edited_field_is_found_at_that_row(worked):
    env, ids = worked
    k = ids[len(ids) // 2]
    for name, change in EDITS.items():
        with _undone(env, ids, k):
            new = change(env, _row(env, k))
            assert all(_row(env, k)[f] != v for f, v in new.items()), name
            _update(env, k, **new)
            assert _verify(env) == audit.VerifyResult(False, k - 1, k, "audit.problem.hash"), name


def test_a_changed_link_is_found_at_that_row(worked):
    env, ids = worked
    k = ids[len(ids) // 2]
    with _undone(env, ids, k):
        _update(env, k, prev_hash="f" * 64)
        assert _verify(env) == audit.VerifyResult(False, k - 1, k, "audit.problem.prev")


def test_a_recomputed_hash_breaks_the_next_link(worked):
    # Whoever edits a row and recomputes its hash still breaks the row after it.
    env, ids = worked
    k = ids[len(ids) // 2]
    with _undone(env, ids, k):
        r = _row(env, k)
        forged = audit.event_hash(r["prev_hash"], k, _aware(r["at"]), r["actor_id"], r["actor_name"], r["action"],
                                  r["entity"], r["entity_id"], '{"forged":true}')
        _update(env, k, data='{"forged":true}', hash=forged)
        assert _verify(env) == audit.VerifyResult(False, k, k + 1, "audit.problem.prev")


@pytest.mark.parametrize("distance", [1, 5], ids=["adjacent", "apart"])
def test_swapped_rows_are_found_at_the_first(worked, distance):
    env, ids = worked
    a = ids[len(ids) // 3]
    b = a + distance
    with _undone(env, ids, a):
        row_a, row_b = _row(env, a), _row(env, b)
        _update(env, a, **row_b)
        _update(env, b, **row_a)
        result = _verify(env)
        assert (result.ok, result.count, result.bad_id) == (False, a - 1, a)
        assert result.problem in ("audit.problem.prev", "audit.problem.hash")


def test_deleted_rows_are_found(worked):
    env, ids = worked
    k = ids[len(ids) // 2]
    tail = ids[ids.index(k):]

    with _undone(env, ids, k):  # a middle row: found at the one after it
        _delete(env, k)
        result = _verify(env)
        assert (result.ok, result.count, result.bad_id) == (False, k - 1, k + 1)
        assert result.problem in ("audit.problem.gap", "audit.problem.prev")

    with _undone(env, ids, k):  # a middle row, the gap hidden by renumbering: still a broken link
        _delete(env, k)
        with env.ws.db.engine.begin() as c:
            for later in tail[1:]:
                c.execute(text("UPDATE audit_event SET id = :new WHERE id = :old"), {"new": later - 1, "old": later})
        result = _verify(env)
        assert (result.ok, result.count, result.bad_id) == (False, k - 1, k)
        assert result.problem in ("audit.problem.prev", "audit.problem.hash")

    with _undone(env, ids, k):  # the last row: only the head knows it existed
        _delete(env, ids[-1])
        assert _verify(env) == audit.VerifyResult(False, len(ids) - 1, ids[-1], "audit.problem.head")

    with _undone(env, ids, k):  # the last three rows
        for gone in ids[-3:]:
            _delete(env, gone)
        assert _verify(env) == audit.VerifyResult(False, len(ids) - 3, ids[-3], "audit.problem.head")


# ------------------------------------------------------------------------------ logins


def _last_events(env: Any, n: int) -> list[AuditEvent]:
    with env.ws.db.read() as s:
        return list(reversed(s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(n)).all()))


def _count(env: Any) -> int:
    with env.ws.db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent)) or 0


def test_failed_logins_are_audited_and_five_lock_the_account(env):
    ws = env.ws
    start = _count(env)
    for n in range(1, MAX_FAILED_LOGINS):
        with pytest.raises(AuthFailed) as err:
            auth.login(ws, "lan", f"sai-{n}")
        assert err.value.key == "auth.bad_credentials"
        (ev,) = _last_events(env, 1)
        assert (ev.action, ev.actor_name, ev.entity_id) == ("auth.login_failed", "lan", str(_user_id(env, "lan")))
        assert f'"failed_logins":{n}' in ev.data
    with pytest.raises(AuthFailed) as err:
        auth.login(ws, "lan", "sai-lan-cuoi")
    assert err.value.key == "auth.locked"
    (ev,) = _last_events(env, 1)
    assert ev.action == "auth.account_locked"
    assert _count(env) == start + MAX_FAILED_LOGINS

    # Even the right password is refused while locked, and that attempt is audited too.
    with pytest.raises(AuthFailed) as err:
        auth.login(ws, "lan", PASSWORD)
    assert err.value.key == "auth.locked"
    (ev,) = _last_events(env, 1)
    assert ev.action == "auth.login_failed" and '"reason":"locked"' in ev.data

    # An unknown user is audited under the name given.
    with pytest.raises(AuthFailed) as err:
        auth.login(ws, "khong-ton-tai", "bat-ky")
    assert err.value.key == "auth.bad_credentials"
    (ev,) = _last_events(env, 1)
    assert (ev.action, ev.actor_id, ev.actor_name) == ("auth.login_failed", None, "khong-ton-tai")

    # The administrator's reset unlocks the account.
    people.set_password(ws, env.actor("admin"), "lan", "mat-khau-moi-cua-lan")
    with env.ws.db.read() as s:
        lan = s.execute(select(User).where(User.username == "lan")).scalar_one()
        assert (lan.failed_logins, lan.locked_until) == (0, None)
    assert auth.login(ws, "lan", "mat-khau-moi-cua-lan").username == "lan"
    assert [e.action for e in _last_events(env, 2)] == ["user.password", "auth.login"]
    assert _verify(env).ok


def test_a_successful_login_resets_the_failure_count(env):
    for _ in range(MAX_FAILED_LOGINS - 1):
        with pytest.raises(AuthFailed):
            auth.login(env.ws, "son", "sai")
    assert auth.login(env.ws, "son", PASSWORD).username == "son"
    with pytest.raises(AuthFailed) as err:
        auth.login(env.ws, "son", "sai")
    assert err.value.key == "auth.bad_credentials"  # counting starts again, no lock
