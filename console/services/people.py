"""Accounts, units and memberships. Administrators manage them (Đ7.2c: the IT Centre issues
administrator accounts; Đ7.2a-b: the centres manage posting accounts)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console import audit
from console.errors import Conflict, InvalidInput, PermissionDenied
from console.i18n import t
from console.permissions import Actor, check_admin
from console.security import MIN_PASSWORD_LENGTH, hash_password
from console.text import clean
from console.workspace import Workspace
from models import Membership, Unit, User
from models.workflow import GRANTABLE_ROLES, Role

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


@dataclass(frozen=True, slots=True)
class UserRow:
    id: int
    username: str
    full_name: str
    email: str
    active: bool
    language: str
    memberships: tuple[tuple[str, str], ...]  # (unit code, role)
    locked_until: str | None


@dataclass(frozen=True, slots=True)
class UnitRow:
    id: int
    code: str
    name: str
    name_en: str
    kind: str
    active: bool
    members: int


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput("auth.password_short", min=MIN_PASSWORD_LENGTH)


def _parse_grants(s: Session, grants: list[tuple[str, str]]) -> list[tuple[Unit, Role]]:
    out: list[tuple[Unit, Role]] = []
    for unit_code, role_code in grants:
        unit = s.execute(select(Unit).where(Unit.code == unit_code.strip().upper())).scalar_one_or_none()
        if unit is None:
            raise InvalidInput("input.unknown_unit", value=unit_code)
        role = next((r for r in GRANTABLE_ROLES if r.value == role_code.strip().lower()), None)
        if role is None:
            raise InvalidInput(
                "input.unknown_role", value=role_code, choices=", ".join(r.value for r in GRANTABLE_ROLES)
            )
        out.append((unit, role))
    return out


def add_user(
    ws: Workspace,
    actor: Actor | None,
    username: str,
    full_name: str,
    password: str,
    grants: list[tuple[str, str]],
    email: str = "",
    language: str = "vi",
) -> int:
    """Create an account. ``actor=None`` is allowed only while the workspace has no users (bootstrap)."""
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise InvalidInput("input.username", value=username)
    full_name = clean(full_name)
    if not full_name:
        raise InvalidInput("input.required", field="full_name")
    if language not in ("vi", "en"):
        raise InvalidInput("input.required", field="language (vi|en)")
    _check_password(password)
    password_hash = hash_password(password)  # ~0.1 s of argon2: outside the write transaction
    with ws.db.write() as s:
        if actor is None:
            if s.scalar(select(func.count()).select_from(User)):
                raise PermissionDenied("perm.admin", user="(system)")
        else:
            check_admin(actor)
        if s.execute(select(User.id).where(User.username == username)).first():
            raise Conflict("conflict.exists", what=t("word.user"), name=username)
        parsed = _parse_grants(s, grants)
        user = User(
            username=username,
            full_name=full_name,
            email=clean(email),
            password_hash=password_hash,
            language=language,
        )
        s.add(user)
        s.flush()
        for unit, role in parsed:
            s.add(Membership(user_id=user.id, unit_id=unit.id, role_code=role.value))
        s.flush()
        audit.record(
            s,
            actor.user_id if actor else None,
            actor.username if actor else "system",
            "user.add",
            "user",
            user.id,
            username=username,
            grants=[[u.code, r.value] for u, r in parsed],
        )
        return user.id


def list_users(ws: Workspace, actor: Actor) -> list[UserRow]:
    with ws.db.read() as s:
        users = s.execute(select(User).order_by(User.username)).scalars().all()
        return [
            UserRow(
                u.id,
                u.username,
                u.full_name,
                u.email,
                u.active,
                u.language,
                tuple(sorted((m.unit.code, m.role_code) for m in u.memberships)),
                u.locked_until.isoformat() if u.locked_until else None,
            )
            for u in users
        ]


def get_user(s: Session, username: str) -> User:
    user = s.execute(select(User).where(User.username == username.strip().lower())).scalar_one_or_none()
    if user is None:
        raise InvalidInput("input.unknown_user", value=username)
    return user


def set_password(ws: Workspace, actor: Actor, username: str, password: str) -> None:
    """Change a password: one's own, or anyone's as an administrator. Unlocks the account."""
    _check_password(password)
    password_hash = hash_password(password)
    with ws.db.write() as s:
        user = get_user(s, username)
        if user.id != actor.user_id:
            check_admin(actor)
        user.password_hash = password_hash
        user.failed_logins = 0
        user.locked_until = None
        s.flush()
        audit.record(s, actor.user_id, actor.username, "user.password", "user", user.id, username=user.username)


def set_active(ws: Workspace, actor: Actor, username: str, active: bool) -> None:
    with ws.db.write() as s:
        check_admin(actor)
        user = get_user(s, username)
        user.active = active
        s.flush()
        audit.record(
            s,
            actor.user_id,
            actor.username,
            "user.enable" if active else "user.disable",
            "user",
            user.id,
            username=user.username,
        )


def grant(ws: Workspace, actor: Actor, username: str, grants: list[tuple[str, str]]) -> None:
    with ws.db.write() as s:
        check_admin(actor)
        user = get_user(s, username)
        have = {(m.unit_id, m.role_code) for m in user.memberships}
        added = []
        for unit, role in _parse_grants(s, grants):
            if (unit.id, role.value) not in have:
                s.add(Membership(user_id=user.id, unit_id=unit.id, role_code=role.value))
                added.append([unit.code, role.value])
        s.flush()
        audit.record(s, actor.user_id, actor.username, "user.grant", "user", user.id, grants=added)


def assignees(ws: Workspace) -> list[tuple[str, str]]:
    """(username, full name) of the active people an item can be assigned to: the desks and the Board,
    in Vietnamese order of their names."""
    from console.collation import sort_key
    from models.workflow import BOARD, DESK

    roles = [r.value for r in (*DESK, *BOARD)]
    with ws.db.read() as s:
        rows = s.execute(
            select(User.username, User.full_name)
            .join(Membership, Membership.user_id == User.id)
            .where(User.active.is_(True), Membership.role_code.in_(roles))
            .distinct()
        ).all()
    return sorted(((u, n) for u, n in rows), key=lambda r: (sort_key(r[1]), r[0]))


def list_units(ws: Workspace, include_inactive: bool = False) -> list[UnitRow]:
    from console.collation import sort_key

    with ws.db.read() as s:
        counts = dict(
            s.execute(
                select(Membership.unit_id, func.count(func.distinct(Membership.user_id))).group_by(Membership.unit_id)
            ).all()
        )
        units = s.execute(select(Unit)).scalars().all()
        rows = [
            UnitRow(u.id, u.code, u.name, u.name_en, u.kind, u.active, counts.get(u.id, 0))
            for u in units
            if include_inactive or u.active
        ]
        return sorted(rows, key=lambda r: (r.kind == "provincial", sort_key(r.name)))


def add_unit(ws: Workspace, actor: Actor, code: str, name: str, kind: str = "provincial", name_en: str = "") -> int:
    code = code.strip().upper()
    name = clean(name)
    if not code or not name:
        raise InvalidInput("input.required", field="code, name")
    with ws.db.write() as s:
        check_admin(actor)
        if s.execute(select(Unit.id).where(Unit.code == code)).first():
            raise Conflict("conflict.exists", what=t("word.unit"), name=code)
        unit = Unit(code=code, name=name, name_en=clean(name_en), kind=kind)
        s.add(unit)
        s.flush()
        audit.record(s, actor.user_id, actor.username, "unit.add", "unit", unit.id, code=code, name=name, kind=kind)
        return unit.id


def set_unit_active(ws: Workspace, actor: Actor, code: str, active: bool) -> None:
    with ws.db.write() as s:
        check_admin(actor)
        unit = s.execute(select(Unit).where(Unit.code == code.strip().upper())).scalar_one_or_none()
        if unit is None:
            raise InvalidInput("input.unknown_unit", value=code)
        unit.active = active
        s.flush()
        audit.record(
            s,
            actor.user_id,
            actor.username,
            "unit.enable" if active else "unit.disable",
            "unit",
            unit.id,
            code=unit.code,
        )
