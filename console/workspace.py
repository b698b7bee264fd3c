"""Open, create and migrate a workspace (a database plus a folder for attachments and backups)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from console import audit, migrate
from console.config import Location, locate
from console.db import Database, make_engine
from console.errors import WorkspaceError
from console.text import slug, unique_slug
from models import Category, ContentType, Portal, RoleRow, Unit
from models.content_types import CONTENT_TYPES
from models.seed import CATEGORIES, PORTALS, PROVINCES, UNITS, CategorySeed
from models.workflow import ROLE_LABELS


@dataclass
class Workspace:
    location: Location
    db: Database
    migrated: tuple[str, str, Path | None] | None = None
    # Per-workspace caches of services (e.g. the calendar built from its settings).
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def attachments_dir(self) -> Path:
        return self.location.root / "attachments"

    def close(self) -> None:
        self.db.dispose()


def _engine_for(location: Location) -> Database:
    return Database(make_engine(location.url))


def open_workspace(target: str | os.PathLike[str] | None = None) -> Workspace:
    """Open an existing workspace, migrating it if it is older than the code (after a backup)."""
    location = locate(target)
    if location.is_sqlite and not (location.sqlite_path and location.sqlite_path.exists()):
        raise WorkspaceError("ws.missing", where=location.display())
    db = _engine_for(location)
    try:
        migrated = migrate.ensure_current(db.engine, location)
    except OperationalError as exc:
        db.dispose()
        raise WorkspaceError("ws.connect", where=location.display(), detail=str(exc.orig)) from exc
    except WorkspaceError:
        db.dispose()
        raise
    return Workspace(location, db, migrated)


def init_workspace(target: str | os.PathLike[str] | None = None) -> Workspace:
    """Create a workspace: schema by migration, then the regulation's seed data."""
    location = locate(target)
    if location.is_sqlite:
        path = location.sqlite_path
        assert path is not None
        if path.exists():
            raise WorkspaceError("ws.exists", where=location.display())
        location.root.mkdir(parents=True, exist_ok=True)
    db = _engine_for(location)
    try:
        state = migrate.status(db.engine)
    except OperationalError as exc:
        db.dispose()
        raise WorkspaceError("ws.connect", where=location.display(), detail=str(exc.orig)) from exc
    if state != "empty":
        db.dispose()
        raise WorkspaceError("ws.exists", where=location.display())
    migrate.upgrade(db.engine)
    (location.root / "attachments").mkdir(parents=True, exist_ok=True)
    with db.write() as session:
        load_seed(session)
    return Workspace(location, db)


def load_seed(session: Session) -> None:
    """Portals, roles, content types, units and both category trees (regulation appendix)."""
    portals = {}
    for p in PORTALS:
        portal = Portal(code=p.code, language=p.language, domain=p.domain, name_vi=p.name_vi, name_en=p.name_en)
        session.add(portal)
        portals[p.code] = portal
    for role, (vi, en) in ROLE_LABELS.items():
        session.add(RoleRow(code=role.value, name_vi=vi, name_en=en))
    for ct in CONTENT_TYPES:
        session.add(
            ContentType(
                code=ct.code,
                name_vi=ct.name_vi,
                name_en=ct.name_en,
                fields=[f.as_dict() for f in ct.fields],
                deadline_rule=ct.deadline_rule,
                article=ct.article,
                needs_leadership=ct.needs_leadership,
            )
        )
    units: dict[str, Unit] = {}
    for u in UNITS:
        units[u.code] = Unit(code=u.code, name=u.name, name_en=u.name_en, kind=u.kind)
    for province in PROVINCES:
        place = re.sub(r"^(tỉnh|thành phố)\s+", "", province, flags=re.IGNORECASE)
        code = "T-" + slug(place).upper()
        units[code] = Unit(
            code=code, name=f"Bảo hiểm xã hội {province}", kind="provincial", name_en=f"Social Security of {place}"
        )
    session.add_all(units.values())
    session.flush()

    by_key: dict[str, Category] = {}
    links: list[tuple[str, str]] = []
    taken: dict[str, set[str]] = {code: set() for code in CATEGORIES}  # slugs are unique within a portal

    def add(seed: CategorySeed, portal: Portal, parent: Category | None, position: int) -> None:
        unit = units[seed.unit] if seed.unit else None
        node = Category(
            key=seed.key,
            portal_id=portal.id,
            parent_id=parent.id if parent else None,
            position=position,
            slug=unique_slug(seed.name, taken[portal.code]),
            name=seed.name,
            name_vi=seed.name_vi,
            responsible_unit_id=(unit.id if unit else parent.responsible_unit_id if parent else None),
            content_types=list(seed.content_types) if seed.content_types or not parent else list(parent.content_types),
            description="",
        )
        taken[portal.code].add(node.slug)
        session.add(node)
        session.flush()
        by_key[seed.key] = node
        if seed.counterpart:
            links.append((seed.key, seed.counterpart))
        for i, child in enumerate(seed.sections, start=1):
            add(child, portal, node, i)

    for code, tree in CATEGORIES.items():
        for i, seed in enumerate(tree, start=1):
            add(seed, portals[code], None, i)
    for a, b in links:
        by_key[a].counterpart_id = by_key[b].id
        by_key[b].counterpart_id = by_key[a].id
    session.flush()
    n_categories = session.scalar(select(func.count()).select_from(Category))
    audit.record(
        session,
        None,
        "system",
        "workspace.init",
        "workspace",
        "",
        categories=n_categories,
        units=len(units),
        content_types=len(CONTENT_TYPES),
    )
