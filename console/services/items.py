"""Content use cases: submit, edit (a new revision), move through the workflow, assign, lock,
comment, attach. Each call is one transaction with its audit event."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from console import audit, i18n
from console.errors import Conflict, ConsoleError, InvalidInput, NotFound, PermissionDenied, ReasonRequired
from console.permissions import (
    Actor,
    available_transitions,
    check_assign,
    check_break_lock,
    check_edit,
    check_transition,
    check_view,
    role_allows,
)
from console.text import clean, fold, nfc
from console.timefmt import local_text
from console.workspace import Workspace
from models import (
    Attachment,
    Base,
    Category,
    Comment,
    ContentType,
    Decision,
    Item,
    Lock,
    Membership,
    Portal,
    Revision,
    Unit,
    User,
    utcnow,
)
from models.content_types import CONTENT_TYPE_CODES
from models.workflow import (
    ACTION_LABELS,
    BOARD,
    CORRECTION_ACTIONS,
    FORWARD,
    STATE_LABELS,
    TREE_TYPES,
    Action,
    Role,
    State,
    Transition,
    find_transition,
    forward_transition,
    transitions_from,
)

SUBMIT_ACTIONS = frozenset({Action.SUBMIT, Action.RESUBMIT, Action.PROPOSE_CORRECTION})
LOCK_DURATION = timedelta(minutes=30)  # an editing lock, not a deadline
TITLE_MAX = 500
AUTHOR_MAX = 255
SOURCE_MAX = 500


@dataclass(frozen=True, slots=True)
class ItemRef:
    id: int
    state: str
    version: int
    revision: int | None = None


@dataclass
class Draft:
    """What a unit submits. ``category`` is a category key (``vi.6.2``), or a name or slug on ``portal``."""

    portal: str
    category: str
    content_type: str
    unit: str
    title: str
    body_md: str = ""
    summary: str = ""
    author: str = ""
    source: str = ""
    reused: bool = False
    meta: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------- helpers


def _label(labels: dict, key: object, lang: str) -> str:
    return labels[key][1 if lang == "en" else 0]


def _status(status: str) -> i18n.Localized:
    from models.portal import CATEGORY_STATUS_LABELS

    return i18n.Localized(*CATEGORY_STATUS_LABELS.get(status, (status, status)))


def _load_item(s: Session, actor: Actor, item_id: int, *, for_update: bool = True) -> Item:
    stmt = select(Item).where(Item.id == item_id)
    if for_update:
        stmt = stmt.with_for_update()
    item = s.execute(stmt).scalar_one_or_none()
    if item is None:
        raise NotFound("notfound.item", item=item_id)
    check_view(actor, item)
    return item


def _load_for_decision(s: Session, actor: Actor, item_id: int) -> tuple[Item, int | None]:
    """The item, locked, with the author of its current revision (for the separation of duties)."""
    row = s.execute(
        select(Item, Revision.created_by_id)
        .outerjoin(Revision, Revision.id == Item.current_revision_id)
        .where(Item.id == item_id)
        .with_for_update(of=Item)
    ).first()
    if row is None:
        raise NotFound("notfound.item", item=item_id)
    check_view(actor, row[0])
    return row[0], row[1]


def _last_change(s: Session, item_id: int) -> tuple[str, i18n.Localized | str, str]:
    """Who last changed the item, what they did (in both languages) and when: a conflict names all three."""
    from models import AuditEvent

    ev = s.execute(
        select(AuditEvent)
        .where(AuditEvent.entity == "item", AuditEvent.entity_id == str(item_id))
        .order_by(AuditEvent.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if ev is None:
        return "?", "?", "?"
    return ev.actor_name, _change_label(ev.action), local_text(ev.at)


def _change_label(audit_action: str) -> i18n.Localized | str:
    """``item.approve`` -> Duyệt / Approve; the other item events by their catalogue name."""
    name = audit_action.removeprefix("item.")
    if name in Action.__members__.values():
        return i18n.Localized(*ACTION_LABELS[Action(name)])
    key = f"change.{name}"
    return i18n.Localized(i18n.t(key, "vi"), i18n.t(key, "en")) if i18n.has(key) else name


def _check_version(s: Session, item: Item, expected: int | None) -> None:
    if expected is not None and item.version != expected:
        who, what, when = _last_change(s, item.id)
        raise Conflict(
            "conflict.version", item=item.id, who=who, what=what, when=when, current=item.version, expected=expected
        )


def _active_lock(s: Session, item_id: int) -> Lock | None:
    lock = s.execute(select(Lock).where(Lock.item_id == item_id)).scalar_one_or_none()
    if lock is not None and lock.expires_at <= utcnow():
        return None
    return lock


def _check_lock(s: Session, actor: Actor, item: Item) -> None:
    """Refuse when someone else holds a live lock."""
    lock = _active_lock(s, item.id)
    if lock is not None and lock.user_id != actor.user_id:
        holder = s.get(User, lock.user_id)
        raise Conflict(
            "conflict.locked",
            item=item.id,
            who=holder.full_name if holder else lock.user_id,
            until=local_text(lock.expires_at),
        )


def _item_audit(s: Session, actor: Actor, action: str, item: Item, **data: Any) -> None:
    audit.record(s, actor.user_id, actor.username, action, "item", item.id, **data)


def _flush(s: Session, item: Item) -> None:
    try:
        s.flush()
    except StaleDataError as exc:
        s.rollback()
        raise Conflict(
            "conflict.version", item=item.id, who="?", what="?", when="?", current="?", expected=item.version
        ) from exc


def _text(value: str, field_name: str, limit: int, required: bool = False) -> str:
    value = clean(value or "")
    if required and not value:
        raise InvalidInput("input.required", field=field_name)
    if len(value) > limit:
        raise InvalidInput("input.too_long", field=field_name, max=limit)
    return value


def validate_meta(ct: ContentType, meta: dict[str, Any]) -> dict[str, Any]:
    """Check metadata against the type's fields: no unknown keys, required ones present, choices and
    dates well-formed. Returns the NFC-normalised metadata."""
    fields = {f["key"]: f for f in ct.fields}
    out: dict[str, Any] = {}
    for key, raw in meta.items():
        if key not in fields:
            raise InvalidInput("input.meta_field", field=key, type=ct.code, fields=", ".join(fields) or "—")
        f = fields[key]
        value: Any = nfc(raw).strip() if isinstance(raw, str) else raw
        if isinstance(value, (date, datetime)):
            value = value.isoformat()[:10]
        if value in ("", None):
            continue
        if f["kind"] == "date":
            try:
                date.fromisoformat(str(value))
            except ValueError:
                raise InvalidInput("input.meta_date", field=key, value=value) from None
        if f["kind"] == "docnumber":
            value = _docnumber(key, str(value))
        if f["kind"] == "choice" and f["choices"] and value not in f["choices"]:
            raise InvalidInput("input.meta_choice", field=key, choices=", ".join(f["choices"]))
        out[key] = value
    for key, f in fields.items():
        if f["required"] and key not in out:
            raise InvalidInput("input.required", field=f"{key} ({f['name_vi']})")
    return out


def _docnumber(field_key: str, value: str) -> str:
    """A document number and symbol in the form NĐ 30/2020 sets out, written back canonically."""
    from console import docnumber
    from console.i18n import Localized

    try:
        return docnumber.format(docnumber.parse(value))
    except docnumber.DocNumberError as exc:
        raise InvalidInput("input.meta_docnumber", field=field_key,
                           detail=Localized(exc.message_vi, exc.message_en)) from None


def content_hash(title: str, summary: str, body_md: str, meta: dict[str, Any], author: str, source: str) -> str:
    payload = json.dumps([title, summary, body_md, meta, author, source], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def resolve_category(s: Session, portal_code: str, ref: str) -> tuple[Portal, Category]:
    portal = s.execute(select(Portal).where(Portal.code == portal_code)).scalar_one_or_none()
    if portal is None:
        raise InvalidInput("input.unknown_portal", value=portal_code)
    ref = clean(ref)
    by_key = s.execute(select(Category).where(Category.key == ref)).scalar_one_or_none()
    if by_key is not None and by_key.portal_id == portal.id:
        return portal, by_key
    matches = (
        s.execute(
            select(Category)
            .where(Category.portal_id == portal.id)
            .where((func.lower(Category.name) == ref.lower()) | (Category.slug == ref))
        )
        .scalars()
        .all()
    )
    if not matches:
        raise InvalidInput("input.unknown_category", value=ref, portal=portal.code)
    if len(matches) > 1:
        raise InvalidInput("input.ambiguous_category", value=ref, choices=", ".join(c.key for c in matches))
    return portal, matches[0]


def _revision(
    s: Session,
    actor: Actor,
    item: Item,
    number: int,
    title: str,
    summary: str,
    body: str,
    meta: dict[str, Any],
    author: str,
    source: str,
    language: str,
) -> Revision:
    rev = Revision(
        item_id=item.id,
        number=number,
        title=title,
        summary=summary,
        body_md=body,
        meta=meta,
        author=author,
        source=source,
        language=language,
        created_by_id=actor.user_id,
        content_hash=content_hash(title, summary, body, meta, author, source),
    )
    s.add(rev)
    s.flush()
    item.current_revision_id = rev.id
    item.title = title
    item.search_text = fold(f"{title}\n{summary}")
    from console.collation import title_key  # the one place a title changes, so the one place its key is set

    item.title_key = title_key(title)
    return rev


def _decide(
    s: Session, actor: Actor, item: Item, action: Action, reason: str = "", on_behalf_of: int | None = None,
    document: Document = (None, None),
) -> Decision:
    """Apply one transition from the table (permission and reason checked by the caller)."""
    t = find_transition(item.state, action, item.content_type)
    assert t is not None
    # Moving on from a stage frees the actor's own lock on it (before any change is pending, so
    # this statement does not trigger an early flush).
    locks = Base.metadata.tables[Lock.__tablename__]
    s.execute(delete(locks).where(locks.c.item_id == item.id, locks.c.user_id == actor.user_id))
    source = item.state
    item.state = t.target.value
    now = utcnow()
    if t.target is State.APPROVED:
        item.approved_revision_id = item.current_revision_id
    if t.action is Action.PUBLISH:
        item.published_revision_id = item.approved_revision_id
    if t.action in SUBMIT_ACTIONS:  # sent (again) to whoever receives it: the desk, or the Board for a proposal
        item.submitted_at = now
    d = Decision(
        item_id=item.id,
        revision_id=item.current_revision_id,
        actor_id=actor.user_id,
        on_behalf_of_id=on_behalf_of,
        action=t.action.value,
        from_state=source,
        to_state=t.target.value,
        reason=reason,
        document_number=document[0],
        document_attachment_id=document[1],
        created_at=now,
    )
    s.add(d)
    _flush(s, item)
    _item_audit(
        s,
        actor,
        f"item.{t.action.value}",
        item,
        from_state=source,
        to_state=t.target.value,
        reason=reason,
        revision=item.current_revision_id,
        on_behalf_of=on_behalf_of,
        **({"document_number": document[0], "document_attachment": document[1]} if any(document) else {}),
    )
    if t.target is State.APPROVED and item.content_type not in TREE_TYPES and item.approved_revision_id is not None:
        from console.services import renditions  # loads the renderer (Markdown, nh3) on the first approval only

        renditions.render_revision(s, item.approved_revision_id)  # stored once, in the approving transaction
    return d


Document = tuple[str | None, int | None]  # a leadership approval's document: (number, attachment id)


def _leadership_record(s: Session, actor: Actor, t: Transition, number: str | None, for_leader: str | None,
                       has_file: bool) -> tuple[str | None, int | None]:  # fmt: skip
    """(document number, leader on whose behalf) of a leadership approval, checked: a leader records their own,
    with or without a document; a secretary names the leader and attaches the document. Other decisions carry
    none of it."""
    number = clean(number or "") or None
    if t.action is not Action.APPROVE_LEADERSHIP:
        if number or for_leader or has_file:
            raise InvalidInput("leadership.only_approval")
        return None, None
    if number is not None:
        number = _docnumber("document_number", number)
    if actor.has(Role.LEADERSHIP) and for_leader in (None, actor.username):
        return number, None
    if not for_leader:
        raise InvalidInput("leadership.for_required")
    from console.services.people import get_user

    leader = get_user(s, for_leader)
    roles = set(s.scalars(select(Membership.role_code).where(Membership.user_id == leader.id)))
    if Role.LEADERSHIP.value not in roles:
        raise InvalidInput("leadership.not_leader", user=f"{leader.full_name} ({leader.username})")
    if not has_file:
        raise InvalidInput("leadership.document_required")
    return number, leader.id


def _on_behalf(s: Session, actor: Actor, t: Transition, item: Item) -> int | None:
    """The head a Board decision is taken for, under a delegation in force (services/delegation.py)."""
    if not t.roles <= BOARD or actor.has(Role.BOARD_HEAD):
        return None
    from console.services import delegation

    return delegation.acting_for(s, actor, item)


def _refresh_due(ws: Workspace, s: Session, item: Item, meta: dict[str, Any]) -> None:
    """Keep the stored due date in step with the rule, the metadata and when the desk received it."""
    from console.services import due

    old = item.due_at
    due.refresh_item_due(ws, s, item, meta)
    if item.due_at != old:
        _flush(s, item)


def _revision_author(s: Session, item: Item) -> int | None:
    if item.current_revision_id is None:
        return None
    return s.scalar(select(Revision.created_by_id).where(Revision.id == item.current_revision_id))


def _ref(item: Item, rev: int | None = None) -> ItemRef:
    return ItemRef(item.id, item.state, item.version, rev)


# ------------------------------------------------------------------------------------- use cases


def create(ws: Workspace, actor: Actor, draft: Draft, *, submit: bool = True) -> ItemRef:
    """Create an item with its first revision; submit it at once unless ``submit=False``."""
    with ws.db.write() as s:
        if draft.content_type not in CONTENT_TYPE_CODES:
            raise InvalidInput(
                "input.unknown_type", value=draft.content_type, choices=", ".join(sorted(CONTENT_TYPE_CODES))
            )
        ct = s.get(ContentType, draft.content_type)
        assert ct is not None
        portal, category = resolve_category(s, draft.portal, draft.category)
        name = category.name
        if category.status != "active":
            raise InvalidInput("input.category_inactive", category=name, status=_status(category.status))
        if ct.code not in category.content_types:  # an empty list (e.g. "Member login") takes no content
            raise InvalidInput(
                "input.type_not_allowed", category=name, type=ct.code, allowed=", ".join(category.content_types) or "—"
            )
        unit = s.execute(select(Unit).where(Unit.code == clean(draft.unit).upper())).scalar_one_or_none()
        if unit is None or not unit.active:
            raise InvalidInput("input.unknown_unit", value=draft.unit)
        title = _text(draft.title, "title", TITLE_MAX, required=True)
        author = _text(draft.author or actor.full_name, "author", AUTHOR_MAX, required=True)
        source = _text(draft.source, "source", SOURCE_MAX)
        if draft.reused and not source:
            raise InvalidInput("input.source_required")
        source = source or unit.name
        meta = validate_meta(ct, draft.meta)
        item = Item(
            portal_id=portal.id,
            category_id=category.id,
            content_type=ct.code,
            unit_id=unit.id,
            state=State.DRAFT.value,
            title=title,
            created_by_id=actor.user_id,
        )
        # Creating a draft needs the right to submit for that unit (Đ7.1b: a unit's own field).
        submit_rule = find_transition(State.DRAFT, Action.SUBMIT, ct.code)
        assert submit_rule is not None
        if not role_allows(actor, submit_rule, unit.id):
            raise InvalidInput("input.unit_not_member", user=actor.display, unit=unit.name)
        s.add(item)
        s.flush()
        rev = _revision(
            s,
            actor,
            item,
            1,
            title,
            _text(draft.summary, "summary", 5000),
            nfc(draft.body_md),
            meta,
            author,
            source,
            portal.language,
        )
        _flush(s, item)
        _item_audit(
            s,
            actor,
            "item.create",
            item,
            title=title,
            type=ct.code,
            unit=unit.code,
            category=category.key,
            revision=rev.id,
            hash=rev.content_hash,
        )
        if submit:
            check_transition(actor, submit_rule, item, actor.user_id)
            _decide(s, actor, item, Action.SUBMIT)
        _refresh_due(ws, s, item, meta)
        return _ref(item, rev.number)


def edit(
    ws: Workspace,
    actor: Actor,
    item_id: int,
    *,
    expected_version: int | None = None,
    title: str | None = None,
    summary: str | None = None,
    body_md: str | None = None,
    meta: dict[str, Any] | None = None,
    author: str | None = None,
    source: str | None = None,
    category: str | None = None,
) -> ItemRef:
    """Write a new revision. On approved or published content this is a correction: the item goes
    back through review (the table's ``correct`` transition) while the live version stays."""
    with ws.db.write() as s:
        item = _load_item(s, actor, item_id)
        if item.content_type in TREE_TYPES:
            raise InvalidInput("input.proposal_edit", item=item.id)
        _check_version(s, item, expected_version)
        _check_lock(s, actor, item)
        correction = None
        if State(item.state) not in (State.DRAFT, State.RETURNED, State.EDITING):
            rules = [t for t in transitions_from(item.state, item.content_type) if t.action in CORRECTION_ACTIONS]
            allowed = [t for t in rules if role_allows(actor, t, item.unit_id)]
            if not allowed:
                check_edit(actor, item)  # raises the clear "may not edit in this state"
            correction = allowed[0]
        else:
            check_edit(actor, item)
        cur = s.get(Revision, item.current_revision_id)
        assert cur is not None
        if category is not None:
            portal = s.get(Portal, item.portal_id)
            assert portal is not None
            _, cat = resolve_category(s, portal.code, category)
            if cat.status != "active":  # an archived (or merely proposed) category takes no content
                raise InvalidInput("input.category_inactive", category=cat.name, status=_status(cat.status))
            if item.content_type not in cat.content_types:
                raise InvalidInput(
                    "input.type_not_allowed",
                    category=cat.name,
                    type=item.content_type,
                    allowed=", ".join(cat.content_types) or "—",
                )
            item.category_id = cat.id
        ct = s.get(ContentType, item.content_type)
        assert ct is not None
        new: dict[str, Any] = {
            "title": _text(title, "title", TITLE_MAX, required=True) if title is not None else cur.title,
            "summary": _text(summary, "summary", 5000) if summary is not None else cur.summary,
            "body": nfc(body_md) if body_md is not None else cur.body_md,
            "meta": validate_meta(ct, meta) if meta is not None else cur.meta,
            "author": _text(author, "author", AUTHOR_MAX, required=True) if author is not None else cur.author,
            "source": _text(source, "source", SOURCE_MAX) if source is not None else cur.source,
        }
        h = content_hash(new["title"], new["summary"], new["body"], new["meta"], new["author"], new["source"])
        if h == cur.content_hash and category is None:
            raise InvalidInput("input.no_change")
        number = (s.scalar(select(func.max(Revision.number)).where(Revision.item_id == item.id)) or 0) + 1
        rev = _revision(
            s,
            actor,
            item,
            number,
            new["title"],
            new["summary"],
            new["body"],
            new["meta"],
            new["author"],
            new["source"],
            cur.language,
        )
        _flush(s, item)
        _item_audit(s, actor, "item.edit", item, revision=rev.id, number=number, hash=rev.content_hash)
        if correction is not None:
            _decide(s, actor, item, correction.action)
        _refresh_due(ws, s, item, new["meta"])
        return _ref(item, number)


def decide(
    ws: Workspace,
    actor: Actor,
    item_id: int,
    action: Action | str,
    *,
    reason: str = "",
    expected_version: int | None = None,
    document_number: str | None = None,
    for_leader: str | None = None,
    document_file: Any = None,
    session_id: int | None = None,
) -> ItemRef:
    """Take one workflow action (approve, return, reject, send to Board, ...) as the table allows.
    ``action="forward"`` is the step that moves the item on from its state (accept, send to the Board,
    approve...), resolved here, under the item's lock.

    The leadership's approval may carry the number of its approval document (``document_number``, checked and
    written back as NĐ 30/2020 writes it) and the document itself (``document_file``, a path; kept with the
    decision, never exported); a secretary records it on behalf of a leader (``for_leader``, a username) and
    must attach the document. ``session_id``: taken in that Board session, on its agenda (services/sessions.py)."""
    reason = clean(reason)
    document = None if document_file is None else _read_file(document_file)
    with ws.db.write() as s:
        item, revision_author = _load_for_decision(s, actor, item_id)
        if item.content_type in TREE_TYPES:  # before anything else is read: see tree.lock_tree
            from console.services import tree

            tree.lock_tree(s)
        _check_version(s, item, expected_version)
        lang = actor.language
        if action == FORWARD:
            ahead = forward_transition(item.state, item.content_type)
            if ahead is None:
                raise Conflict("conflict.no_forward", item=item.id, state=_label(STATE_LABELS, State(item.state), lang))
            action = ahead.action
        action = Action(action)
        t = find_transition(item.state, action, item.content_type)
        if t is None:
            allowed = [_label(ACTION_LABELS, x.action, lang) for x in transitions_from(item.state, item.content_type)]
            raise Conflict(
                "conflict.state",
                action=_label(ACTION_LABELS, action, lang),
                item=item.id,
                state=_label(STATE_LABELS, State(item.state), lang),
                allowed=", ".join(allowed) or "—",
            )
        check_transition(actor, t, item, revision_author)
        _check_lock(s, actor, item)
        if t.reason_required and not reason:
            raise ReasonRequired("input.reason", action=_label(ACTION_LABELS, action, lang))
        if item.content_type in TREE_TYPES and t.target is State.BOARD_REVIEW:
            from console.services import tree

            tree.check_submittable(s, item)  # a proposal goes to the Board only if it still fits the tree
        number, leader = _leadership_record(s, actor, t, document_number, for_leader, document is not None)
        kept = None if document is None else _store_file(ws, s, actor, item, document)
        taken = _decide(s, actor, item, action, reason, on_behalf_of=leader or _on_behalf(s, actor, t, item),
                        document=(number, kept))  # fmt: skip
        if session_id is not None:
            from console.services import sessions

            sessions.stamp(s, session_id, actor, item.id, taken)
        if item.content_type in TREE_TYPES and t.target is State.APPROVED:
            from console.services import tree

            tree.apply_approved(s, actor, item)  # the same transaction: applied whole, or not approved
        if t.target is State.SUBMITTED:  # received (again): the clock restarts from now
            meta = s.scalar(select(Revision.meta).where(Revision.id == item.current_revision_id)) or {}
            _refresh_due(ws, s, item, meta)
        return _ref(item)


@dataclass(frozen=True, slots=True)
class BulkResult:
    """One item of a bulk decision: done (``ref``) or refused (``error``, in the person's words)."""

    item_id: int
    ref: ItemRef | None = None
    error: ConsoleError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def decide_many(
    ws: Workspace,
    actor: Actor,
    item_ids: list[int],
    action: Action | str,
    *,
    reason: str = "",
    expected_versions: dict[int, int] | None = None,
) -> list[BulkResult]:
    """The same decision on several items, each checked and applied on its own, in its own transaction:
    one refused item (permission, state, lock, a newer version) refuses only itself."""
    results: list[BulkResult] = []
    for item_id in dict.fromkeys(item_ids):
        expected = (expected_versions or {}).get(item_id)
        try:
            results.append(BulkResult(item_id, ref=decide(ws, actor, item_id, action, reason=reason,
                                                          expected_version=expected)))
        except ConsoleError as error:
            results.append(BulkResult(item_id, error=error))
    return results


def allowed_actions(ws: Workspace, actor: Actor, item_id: int) -> list[Action]:
    with ws.db.read() as s:
        item = _load_item(s, actor, item_id, for_update=False)
        return [t.action for t in available_transitions(actor, item, _revision_author(s, item))]


def assign(
    ws: Workspace, actor: Actor, item_id: int, username: str | None, expected_version: int | None = None
) -> ItemRef:
    with ws.db.write() as s:
        check_assign(actor)
        item = _load_item(s, actor, item_id)
        _check_version(s, item, expected_version)
        user_id = None
        if username:
            user = s.execute(select(User).where(User.username == username.strip().lower())).scalar_one_or_none()
            if user is None or not user.active:
                raise InvalidInput("input.unknown_user", value=username)
            user_id = user.id
        item.assignee_id = user_id
        _flush(s, item)
        _item_audit(s, actor, "item.assign", item, assignee=username or None)
        return _ref(item)


def claim(ws: Workspace, actor: Actor, item_id: int, note: str = "") -> datetime:
    """Take (or renew) the editing lock. Returns when it expires."""
    with ws.db.write() as s:
        item = _load_item(s, actor, item_id)
        _check_lock(s, actor, item)
        now = utcnow()
        lock = s.execute(select(Lock).where(Lock.item_id == item.id)).scalar_one_or_none()
        if lock is None:
            lock = Lock(
                item_id=item.id,
                user_id=actor.user_id,
                acquired_at=now,
                expires_at=now + LOCK_DURATION,
                note=clean(note),
            )
            s.add(lock)
        else:  # ours, or someone's expired lock
            lock.user_id = actor.user_id
            lock.acquired_at = now
            lock.expires_at = now + LOCK_DURATION
            lock.note = clean(note)
        s.flush()
        _item_audit(s, actor, "item.lock", item, until=lock.expires_at.isoformat())
        return lock.expires_at


def release(ws: Workspace, actor: Actor, item_id: int) -> None:
    with ws.db.write() as s:
        item = _load_item(s, actor, item_id)
        lock = _active_lock(s, item.id)
        if lock is None or lock.user_id != actor.user_id:
            raise Conflict("conflict.not_locked", item=item.id)
        s.delete(lock)
        _item_audit(s, actor, "item.unlock", item)


def break_lock(ws: Workspace, actor: Actor, item_id: int, reason: str) -> None:
    """Remove another editor's lock: a permission of its own, with a reason, audited."""
    reason = clean(reason)
    with ws.db.write() as s:
        check_break_lock(actor)
        item = _load_item(s, actor, item_id)
        if not reason:
            raise ReasonRequired("input.reason", action="break lock")
        lock = s.execute(select(Lock).where(Lock.item_id == item.id)).scalar_one_or_none()
        if lock is None:
            raise Conflict("conflict.not_locked", item=item.id)
        holder = lock.user_id
        s.delete(lock)
        _item_audit(s, actor, "item.lock_broken", item, holder=holder, reason=reason)


def comment(ws: Workspace, actor: Actor, item_id: int, body: str, parent_id: int | None = None) -> int:
    body = clean(body)
    if not body:
        raise InvalidInput("input.comment_empty")
    with ws.db.write() as s:
        item = _load_item(s, actor, item_id, for_update=False)
        if parent_id is not None:
            parent = s.get(Comment, parent_id)
            if parent is None or parent.item_id != item.id:
                raise NotFound("notfound.comment", comment=parent_id)
        c = Comment(
            item_id=item.id,
            revision_id=item.current_revision_id,
            parent_id=parent_id,
            author_id=actor.user_id,
            body=body,
        )
        s.add(c)
        s.flush()
        _item_audit(s, actor, "item.comment", item, comment=c.id, parent=parent_id)
        return c.id


# Attachments in open formats (Đ10; Circular 39/2017/TT-BTTTT): extension -> (media type, magic check).
_ZIP = b"PK\x03\x04"
ATTACHMENT_FORMATS: dict[str, tuple[str, bytes | None]] = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".odt": ("application/vnd.oasis.opendocument.text", _ZIP),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", _ZIP),
    ".odp": ("application/vnd.oasis.opendocument.presentation", _ZIP),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", _ZIP),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".txt": ("text/plain; charset=utf-8", None),
    ".csv": ("text/csv; charset=utf-8", None),
}
_SAFE_NAME = re.compile(r"[^\w.\- ]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class _File:
    name: str
    media_type: str
    data: bytes
    digest: str


def _read_file(path: Any) -> _File:
    """A file to attach, checked (it exists, an allowed format whose bytes match it, text in UTF-8)."""
    from pathlib import Path

    p = Path(path)
    if not p.is_file():
        raise InvalidInput("input.file_missing", path=str(p))
    ext = p.suffix.lower()
    if ext not in ATTACHMENT_FORMATS:
        raise InvalidInput("input.attachment_format", name=p.name, allowed=" ".join(sorted(ATTACHMENT_FORMATS)))
    data = p.read_bytes()
    media_type, magic = ATTACHMENT_FORMATS[ext]
    if magic is not None and not data.startswith(magic):
        raise InvalidInput("input.attachment_mismatch", name=p.name, ext=ext)
    if magic is None:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidInput("input.encoding", path=p.name, pos=exc.start) from None
    return _File(_SAFE_NAME.sub("_", nfc(p.name))[:255], media_type, data, hashlib.sha256(data).hexdigest())


def _store_file(ws: Workspace, s: Session, actor: Actor, item: Item, f: _File) -> int:
    """Keep the bytes by hash in the workspace folder and record the attachment (in the caller's transaction)."""
    target = ws.attachments_dir / f.digest[:2] / f.digest
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".part")
        tmp.write_bytes(f.data)
        tmp.replace(target)
    a = Attachment(item_id=item.id, revision_id=item.current_revision_id, filename=f.name, media_type=f.media_type,
                   size=len(f.data), sha256=f.digest, created_by_id=actor.user_id)  # fmt: skip
    s.add(a)
    s.flush()
    _item_audit(s, actor, "item.attach", item, attachment=a.id, filename=f.name, sha256=f.digest, size=len(f.data))
    return a.id


def attach(ws: Workspace, actor: Actor, item_id: int, path: Any) -> int:
    """Store a file in the workspace by content hash and record it on the item's current revision."""
    f = _read_file(path)
    with ws.db.write() as s:
        item = _load_item(s, actor, item_id)
        _check_lock(s, actor, item)
        if State(item.state) in (State.DRAFT, State.RETURNED, State.EDITING):
            check_edit(actor, item)
        else:
            raise PermissionDenied(
                "perm.edit", user=actor.display, state=_label(STATE_LABELS, State(item.state), actor.language)
            )
        return _store_file(ws, s, actor, item, f)


def record_published(s: Session, actor: Actor, item_id: int) -> ItemRef:
    """Mark an approved item published, inside the export's own transaction.

    Only the export service calls this, after the live portal has accepted the content; that is
    why the ``publish`` transition is reserved to the export process in the table. The export is
    run by an administrator, who is recorded as the actor."""
    from console.permissions import check_admin

    check_admin(actor)
    item = _load_item(s, actor, item_id)
    if find_transition(item.state, Action.PUBLISH, item.content_type) is None:
        raise Conflict("conflict.state", action=_label(ACTION_LABELS, Action.PUBLISH, actor.language), item=item.id,
                       state=_label(STATE_LABELS, State(item.state), actor.language), allowed="—")
    _decide(s, actor, item, Action.PUBLISH)
    return _ref(item)
