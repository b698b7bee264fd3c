"""Logging in: argon2id verification, audited failures, and a temporary lock after repeats.

The password is checked outside the write transaction (argon2 takes about 0.1 s), then the outcome
is recorded in one short transaction that re-reads the account, so a busy morning of logins does
not hold SQLite's write lock while hashing.
"""

from __future__ import annotations

from sqlalchemy import select

from console import audit
from console.errors import AuthFailed
from console.i18n import t
from console.permissions import Actor
from console.security import LOCKOUT, MAX_FAILED_LOGINS, hash_password, needs_rehash, verify_password
from console.timefmt import local_text
from console.workspace import Workspace
from models import User, utcnow


def login(ws: Workspace, username: str, password: str) -> Actor:
    """Return the actor for valid credentials. Every failure is audited and committed."""
    username = username.strip().lower()
    with ws.db.read() as s:
        stored = s.execute(select(User.password_hash).where(User.username == username)).scalar_one_or_none()
    password_ok = stored is not None and verify_password(stored, password)
    rehash = hash_password(password) if password_ok and stored is not None and needs_rehash(stored) else None

    failure: AuthFailed | None = None
    with ws.db.write() as s:
        user = s.execute(select(User).where(User.username == username).with_for_update()).scalar_one_or_none()
        now = utcnow()
        if user is None:
            audit.record(s, None, username[:64], "auth.login_failed", "user", username, reason="unknown user")
            failure = AuthFailed("auth.bad_credentials")
        elif not user.active:
            audit.record(s, user.id, user.username, "auth.login_failed", "user", user.id, reason="disabled")
            failure = AuthFailed("auth.disabled", username=user.username)
        elif user.locked_until is not None and user.locked_until > now:
            audit.record(s, user.id, user.username, "auth.login_failed", "user", user.id, reason="locked")
            failure = AuthFailed("auth.locked", username=user.username, until=local_text(user.locked_until))
        elif not password_ok or user.password_hash != stored:  # wrong, or changed since we read it
            user.failed_logins += 1
            data: dict[str, object] = {"reason": "bad password", "failed_logins": user.failed_logins}
            if user.failed_logins >= MAX_FAILED_LOGINS:
                until = now + LOCKOUT
                user.locked_until = until
                user.failed_logins = 0
                data["locked_until"] = until.isoformat()
                audit.record(s, user.id, user.username, "auth.account_locked", "user", user.id, **data)
                failure = AuthFailed("auth.locked", username=user.username, until=local_text(until))
            else:
                audit.record(s, user.id, user.username, "auth.login_failed", "user", user.id, **data)
                failure = AuthFailed("auth.bad_credentials")
        else:
            user.failed_logins = 0
            user.locked_until = None
            user.last_login_at = now
            if rehash is not None:
                user.password_hash = rehash
            audit.record(s, user.id, user.username, "auth.login", "user", user.id)
            return Actor.of(user)
    assert failure is not None
    raise failure


def describe_failure(exc: AuthFailed, lang: str | None = None) -> str:
    return f"{t(exc.title_key, lang)}: {exc.message(lang)}"
