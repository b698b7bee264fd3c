"""A demo workspace: realistic people and about 300 items in every state of the workflow.

Everything is written through the services (accounts, logins, submissions, edits, decisions,
assignments, comments, locks), so the decisions, revisions and the audit chain are the real thing.
The content comes from :mod:`console.demo_content`; every choice is drawn from ``random.Random(2026)``
so two builds give the same workspace (only timestamps and password salts differ). Nothing is
published: only an export may publish.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from sqlalchemy import func, select

from console.config import Location
from console.demo_content import (
    APPROVED_RETURN,
    AUTHOR_REPLIES,
    BOARD_COMMENTS,
    BOARD_RETURN,
    DESK_COMMENTS,
    DESK_RETURN,
    LEADERSHIP_REJECT,
    LEADERSHIP_RETURN,
    LOCK_NOTES,
    LOOP,
    PRESS_SOURCES,
    PROVINCE,
    REJECT,
    REPLIES,
    TEMPLATES,
    WITHDRAW,
    Ctx,
    Piece,
    Template,
    family,
    fold,
    person,
)
from console.permissions import Actor
from console.services import auth, items, people
from console.services.items import Draft
from console.services.people import UnitRow
from console.workspace import Workspace, init_workspace
from models import Item, Portal
from models.workflow import LEADERSHIP_TYPES, Action, Role, State

DEMO_PASSWORD = "vss-demo-2026"
DEMO_SEED = 2026
DEMO_TODAY = date(2026, 11, 20)  # the day the demo's content is written as of (content dates only)

Progress = Callable[[int, int], None]


class DemoUser(NamedTuple):
    username: str
    full_name: str
    roles: tuple[str, ...]
    unit: str  # unit code


@dataclass(frozen=True, slots=True)
class DemoResult:
    location: Location
    users: tuple[DemoUser, ...]
    by_state: dict[str, int]
    by_type: dict[str, int]
    by_portal: dict[str, int]
    seconds: float
    password: str = DEMO_PASSWORD

    @property
    def total_items(self) -> int:
        return sum(self.by_state.values())


# ------------------------------------------------------------------------------------- people


@dataclass(frozen=True, slots=True)
class _Staff:
    username: str
    full_name: str
    unit: str  # a unit code, or "@<province>" for a provincial unit resolved from the seed
    role: Role
    language: str = "vi"
    also: tuple[tuple[str, Role], ...] = ()  # further (unit, role) grants

    @property
    def roles(self) -> tuple[str, ...]:
        return (self.role.value, *(r.value for _, r in self.also))


_C, _E, _Q, _B, _H, _L, _A = (
    Role.CONTRIBUTOR,
    Role.EDITOR,
    Role.QA_OFFICER,
    Role.BOARD_MEMBER,
    Role.BOARD_HEAD,
    Role.LEADERSHIP,
    Role.ADMIN,
)

STAFF: tuple[_Staff, ...] = (
    _Staff("huynq", "Nguyễn Quang Huy", "TTCNTT", _A),  # first: creates everyone else
    _Staff("hattt", "Trần Thị Thu Hà", "TTTT", _E),  # the desk's lead: hands out work
    _Staff("tuanlm", "Lê Minh Tuấn", "TTTT", _E),
    _Staff("anhpn", "Phạm Ngọc Ánh", "TTTT", _E),
    _Staff("nhungdth", "Đỗ Thị Hồng Nhung", "TTCSKH", _Q),
    _Staff("thangvv", "Vũ Văn Thắng", "BBT", _H),
    # The standing deputy head of the Board is a leader of the Communications Centre (Đ6.1), so she
    # also edits there: the separation of duties then stops her approving what she wrote.
    _Staff("lanht", "Hoàng Thị Lan", "BBT", _B, also=(("TTTT", _E),)),
    _Staff("longbd", "Bùi Đức Long", "BBT", _B),
    _Staff("huongnt", "Ngô Thanh Hương", "BBT", _B),
    _Staff("baotq", "Trịnh Quốc Bảo", "LD", _L),
    _Staff("thuyhd", "Hà Diệu Thúy", "LD", Role.LEADERSHIP_SECRETARY),  # records the leaders' approvals
    _Staff("maint", "Nguyễn Thị Mai", "VP", _C),
    _Staff("ducpv", "Phan Văn Đức", "VP", _C),
    _Staff("vylt", "Lương Thảo Vy", "VHTQT", _C, "en"),
    _Staff("khoatd", "Trần Đăng Khoa", "VHTQT", _C),
    _Staff("minhtq", "Tạ Quang Minh", "VTCCB", _C),
    _Staff("ngocdtb", "Đặng Thị Bích Ngọc", "VTDKT", _C),
    _Staff("namlh", "Lý Hoàng Nam", "VKH", _C),
    _Staff("khaicv", "Cao Văn Khải", "BQLDA-DTXD", _C),
    _Staff("dungka", "Kiều Anh Dũng", "BQLDA-CNTT", _C),
    _Staff("tammtt", "Mai Thị Thanh Tâm", "VTCKT", _C),
    _Staff("phuchs", "Hồ Sĩ Phúc", "TTCNTT", _C),
    _Staff("hungtv", "Thái Văn Hùng", "BQP", _C),
    _Staff("triqm", "Quách Minh Trí", "CAND", _C),
    _Staff("thuyntt", "Nguyễn Thị Thanh Thủy", "@thành phố Hà Nội", _C),
    _Staff("phuongvt", "Võ Thị Phương", "@Thành phố Hồ Chí Minh", _C),
    _Staff("sonlh", "Lê Hồng Sơn", "@thành phố Đà Nẵng", _C),
    _Staff("hoangdv", "Đinh Văn Hoàng", "@tỉnh Nghệ An", _C),
    _Staff("trangnth", "Nguyễn Thị Huyền Trang", "@thành phố Cần Thơ", _C),
)

# ---------------------------------------------------------------------------------- the plan

# Share of each final state, for ordinary types and for those that need the leadership (Đ11.1c-d).
_SHARES: dict[State, float] = {
    State.DRAFT: 0.055,
    State.SUBMITTED: 0.185,
    State.EDITING: 0.14,
    State.BOARD_REVIEW: 0.17,
    State.APPROVED: 0.28,
    State.RETURNED: 0.095,
    State.REJECTED: 0.05,
    State.WITHDRAWN: 0.025,
}
_LEADERSHIP_SHARES: dict[State, float] = {
    State.DRAFT: 0.05,
    State.SUBMITTED: 0.05,
    State.EDITING: 0.05,
    State.BOARD_REVIEW: 0.15,
    State.LEADERSHIP_REVIEW: 0.3,
    State.APPROVED: 0.25,
    State.RETURNED: 0.1,
    State.REJECTED: 0.05,
}
# How many days before DEMO_TODAY an item's story happens, by where it ends up.
_AGE: dict[State, tuple[int, int]] = {
    State.DRAFT: (0, 6),
    State.SUBMITTED: (0, 10),
    State.EDITING: (1, 18),
    State.BOARD_REVIEW: (2, 25),
    State.LEADERSHIP_REVIEW: (4, 30),
    State.APPROVED: (5, 150),
    State.RETURNED: (2, 40),
    State.REJECTED: (5, 120),
    State.WITHDRAWN: (40, 240),
}
_PATH = (State.SUBMITTED, State.EDITING, State.BOARD_REVIEW, State.LEADERSHIP_REVIEW, State.APPROVED)


@dataclass
class PlannedItem:
    template: Template
    ctx: Ctx
    piece: Piece
    target: State
    stage: State | None = None  # where a return or rejection happens
    loop: bool = False  # returned once at reception, fixed by its unit and resubmitted first
    correction: bool = False  # approved, then corrected by the desk (back in editing)
    author: str = ""
    desk: str = ""
    story_author: str = ""  # the writer credited on the item (Đ8.3), when not the account holder
    source: str = ""
    reused: bool = False
    unit: str = ""  # the unit the item is filed for (the story's, or TTTT for a reused press article)
    with_summary: bool = True  # the unit wrote the sapo; otherwise the desk adds it while editing
    notes: dict[str, bool] = field(default_factory=dict)


def _quota(shares: dict[State, float], n: int, rng: random.Random) -> list[State]:
    """Exactly ``n`` states in the given proportions (largest remainders), shuffled."""
    exact = {s: p * n / sum(shares.values()) for s, p in shares.items()}
    counts = {s: int(x) for s, x in exact.items()}
    for s in sorted(exact, key=lambda s: exact[s] - counts[s], reverse=True)[: n - sum(counts.values())]:
        counts[s] += 1
    out = [s for s, k in counts.items() for _ in range(k)]
    rng.shuffle(out)
    return out


def _make_plans(
    rng: random.Random, unit_names: dict[str, str], provinces: dict[str, str], authors: dict[str, list[str]]
) -> list[PlannedItem]:
    """Decide every item: its template, place, date, content, final state and the path there.

    ``unit_names`` maps unit codes to names, ``provinces`` provincial unit codes to their province
    ("tỉnh Nghệ An"), ``authors`` unit codes to the usernames that file for them."""
    codes = sorted(provinces)
    province_cycle = codes[:]
    rng.shuffle(province_cycle)
    next_province = 0
    slots: list[tuple[Template, int]] = [(t, n) for t in TEMPLATES for n in range(t.count)]
    ordinary = [s for s in slots if s[0].content_type not in LEADERSHIP_TYPES]
    special = [s for s in slots if s[0].content_type in LEADERSHIP_TYPES]
    targets = dict(zip(ordinary, _quota(_SHARES, len(ordinary), rng), strict=True))
    targets.update(zip(special, _quota(_LEADERSHIP_SHARES, len(special), rng), strict=True))
    used_titles: set[str] = set()
    plans: list[PlannedItem] = []
    for tpl, n in slots:
        target = targets[(tpl, n)]
        if PROVINCE in tpl.units:
            unit = province_cycle[next_province % len(province_cycle)]
            next_province += 1
        else:
            unit = tpl.units[n % len(tpl.units)]
        category = tpl.categories[n % len(tpl.categories)]
        piece = None
        for _attempt in range(40):
            lo, hi = _AGE[target]
            day = DEMO_TODAY - timedelta(days=rng.randint(lo, hi))
            province = provinces[unit] if unit in provinces else provinces[rng.choice(codes)]
            ctx = Ctx(rng, day, unit, unit_names[unit], province, category, n)
            candidate = tpl.make(ctx)
            if candidate.title not in used_titles:
                piece = candidate
                break
        if piece is None:
            raise RuntimeError(f"demo corpus: template {tpl.make.__name__} cannot make a new title for item {n}")
        used_titles.add(piece.title)
        plans.append(_plan_path(rng, PlannedItem(tpl, ctx, piece, target), authors))
    plans.sort(key=lambda p: p.ctx.day)
    return plans


def _plan_path(rng: random.Random, p: PlannedItem, authors: dict[str, list[str]]) -> PlannedItem:
    """Who files the item, who handles it at the desk, and the detours on its way to its final state."""
    ct = p.template.content_type
    lead = ct in LEADERSHIP_TYPES
    if p.target is State.RETURNED:
        stages = [State.SUBMITTED, State.EDITING, State.BOARD_REVIEW, State.APPROVED]
        weights = [35, 25, 30, 5]
        if lead:
            stages.append(State.LEADERSHIP_REVIEW)
            weights.append(60)
        p.stage = rng.choices(stages, weights)[0]
    elif p.target is State.REJECTED:
        stages = [State.SUBMITTED, State.EDITING, State.BOARD_REVIEW]
        weights = [40, 20, 40]
        if lead:
            stages.append(State.LEADERSHIP_REVIEW)
            weights.append(60)
        p.stage = rng.choices(stages, weights)[0]
    if p.target is not State.DRAFT:
        p.loop = rng.random() < (0.15 if p.target is not State.SUBMITTED else 0.1)
    p.correction = p.target is State.EDITING and rng.random() < 0.12
    p.unit = p.ctx.unit
    if ct == "news_event" and p.template.portal == "vi" and rng.random() < 0.08:
        # A press article about the story, taken over by the Communications Centre with its source (Đ8.3).
        p.reused, p.loop, p.unit = True, False, "TTTT"
        p.source = rng.choice(PRESS_SOURCES)
    desks = authors["@qa"] if ct == "qa_answer" else authors["@desk"]
    candidates = authors.get(p.unit) or (authors["@qa"] if p.unit == "TTCSKH" else authors["@desk"])
    p.author = rng.choice(candidates)
    others = [d for d in desks if d != p.author]
    p.desk = rng.choice(others or desks)
    if p.author in authors["@desk"]:  # the desk files a text a unit sent in, or a press article
        p.story_author = person(rng)[0]
    if p.author == p.desk:  # the Q&A desk answers itself: it never sends its own answer back to itself
        p.loop = False
        if p.stage in (State.SUBMITTED, State.EDITING):
            p.stage = State.BOARD_REVIEW
    p.with_summary = rng.random() < 0.55
    p.notes = {
        "assign": rng.random() < 0.45,
        "comment": rng.random() < 0.2,
        "reply": rng.random() < 0.5,
        "desk_edit": rng.random() < 0.8,
    }
    return p


# ---------------------------------------------------------------------------------- the run


class _Runner:
    """Files the planned items through the services, as the people in them would."""

    def __init__(self, ws: Workspace, actors: dict[str, Actor], rng: random.Random) -> None:
        self.ws = ws
        self.actors = actors
        self.rng = rng
        self.board = [s.username for s in STAFF if s.role in (Role.BOARD_MEMBER, Role.BOARD_HEAD)]
        self.members = [s.username for s in STAFF if s.role is Role.BOARD_MEMBER]
        self.head = next(s.username for s in STAFF if s.role is Role.BOARD_HEAD)
        self.lead_editor = next(s.username for s in STAFF if s.role is Role.EDITOR)
        self.leader = next(s.username for s in STAFF if s.role is Role.LEADERSHIP)
        self.editing_items: list[tuple[int, str]] = []
        self.assigned: set[int] = set()
        self.summary = ""
        self.body = ""

    def actor(self, username: str) -> Actor:
        return self.actors[username]

    def decide(self, username: str, item_id: int, action: Action, reason: str = "") -> None:
        items.decide(self.ws, self.actor(username), item_id, action, reason=reason)

    def run(self, p: PlannedItem) -> None:
        piece, ctx = p.piece, p.ctx
        draft = Draft(
            portal=p.template.portal,
            category=ctx.category,
            content_type=p.template.content_type,
            unit=p.unit,
            title=piece.title,
            body_md=piece.body + (f"\n\n*Theo {p.source.split(' (')[0]}*" if p.reused else ""),
            summary=piece.summary if p.with_summary else "",
            author=p.story_author,
            source=p.source,
            reused=p.reused,
            meta=dict(piece.meta),
        )
        ref = items.create(self.ws, self.actor(p.author), draft, submit=p.target is not State.DRAFT)
        item = ref.id
        self.summary = draft.summary
        self.body = draft.body_md
        if p.target is State.DRAFT:
            return
        if p.loop:
            self.advance(p, item, State.SUBMITTED, State.EDITING if self.rng.random() < 0.5 else State.SUBMITTED)
            reason, fix = LOOP[family(p.template.content_type, p.template.portal)]
            self.decide(p.desk, item, Action.RETURN, reason)
            self.body += "\n\n" + fix.format(credit=self.credit(p), unit=ctx.unit_name)
            items.edit(self.ws, self.actor(p.author), item, body_md=self.body)
            self.decide(p.author, item, Action.RESUBMIT)
        target = p.target
        if target in (State.RETURNED, State.REJECTED):
            assert p.stage is not None
            self.advance(p, item, State.SUBMITTED, p.stage)
            reject = target is State.REJECTED
            who, reason = self.reviewer(p, p.stage, reject)
            self.decide(who, item, Action.REJECT if reject else Action.RETURN, reason)
            if target is State.RETURNED and p.notes["reply"]:
                items.comment(self.ws, self.actor(p.author), item, self.rng.choice(AUTHOR_REPLIES))
            return
        if target is State.WITHDRAWN:
            self.advance(p, item, State.SUBMITTED, State.APPROVED)
            who = self.rng.choice([*self.board, p.desk])
            self.decide(who, item, Action.WITHDRAW, self.rng.choice(WITHDRAW))
            return
        if p.correction:
            self.advance(p, item, State.SUBMITTED, State.APPROVED)
            self.body += (
                "\n\n*Correction: figures updated to the unit's official report.*"
                if p.template.portal == "en"
                else "\n\n*Đính chính: cập nhật số liệu theo báo cáo chính thức của đơn vị.*"
            )
            items.edit(self.ws, self.actor(p.desk), item, body_md=self.body)  # a correction: back to editing
        else:
            self.advance(p, item, State.SUBMITTED, target)
        self.extras(p, item, target)

    def credit(self, p: PlannedItem) -> str:
        """The writer's name as the item prints it (the English portal spells names without diacritics)."""
        name = p.story_author or self.actor(p.author).full_name
        return fold(name) if p.template.portal == "en" else name

    def reviewer(self, p: PlannedItem, stage: State, reject: bool) -> tuple[str, str]:
        """Who sends the item back (or rejects it) at ``stage``, and the reason they give."""
        kind = family(p.template.content_type, p.template.portal)
        rng = self.rng
        if stage in (State.SUBMITTED, State.EDITING):
            return p.desk, rng.choice(REJECT[kind] if reject else DESK_RETURN[kind])
        if stage is State.LEADERSHIP_REVIEW:
            return self.leader, rng.choice(LEADERSHIP_REJECT if reject else LEADERSHIP_RETURN)
        if stage is State.APPROVED:
            return rng.choice(self.board), rng.choice(APPROVED_RETURN)
        return rng.choice(self.board), rng.choice(REJECT[kind] if reject else BOARD_RETURN[kind])

    def advance(self, p: PlannedItem, item: int, state: State, to: State) -> None:
        """Walk the editorial path from ``state`` to ``to``, taking each step as its people would."""
        lead = p.template.content_type in LEADERSHIP_TYPES
        path = [s for s in _PATH if lead or s is not State.LEADERSHIP_REVIEW]
        i = path.index(state)
        while path[i] is not to:
            here = path[i]
            if here is State.SUBMITTED:
                if p.notes["assign"] and p.desk != self.lead_editor and item not in self.assigned:
                    items.assign(self.ws, self.actor(self.lead_editor), item, p.desk)
                    self.assigned.add(item)
                self.decide(p.desk, item, Action.ACCEPT)
            elif here is State.EDITING:
                self.desk_edit(p, item)
                self.decide(p.desk, item, Action.SEND_TO_BOARD)
            elif here is State.BOARD_REVIEW:
                self.decide(self.rng.choice(self.board), item, Action.APPROVE)
            elif here is State.LEADERSHIP_REVIEW:
                self.decide(self.leader, item, Action.APPROVE_LEADERSHIP)
            i += 1

    def desk_edit(self, p: PlannedItem, item: int) -> None:
        """The desk's edit: write the missing sapo, or sign the piece with its author's byline."""
        if not p.notes["desk_edit"] and self.summary:
            return
        if not self.summary:
            self.summary = p.piece.summary
            items.edit(self.ws, self.actor(p.desk), item, summary=self.summary)
            return
        byline = self.credit(p)
        if f"**{byline}**" in self.body:
            return
        self.body += f"\n\n**{byline}**"
        items.edit(self.ws, self.actor(p.desk), item, body_md=self.body)

    def extras(self, p: PlannedItem, item: int, state: State) -> None:
        """Assignments and comments on items that stay open, the way a working desk leaves them."""
        rng = self.rng
        if state is State.SUBMITTED and p.notes["assign"] and item not in self.assigned:
            assigner = self.lead_editor if p.desk != self.lead_editor else self.head
            items.assign(self.ws, self.actor(assigner), item, p.desk)
        elif state is State.EDITING:
            if p.template.content_type != "qa_answer":
                self.editing_items.append((item, p.desk))
            if p.notes["desk_edit"] and rng.random() < 0.5:
                self.desk_edit(p, item)
            if p.notes["comment"]:
                items.comment(self.ws, self.actor(p.desk), item, rng.choice(DESK_COMMENTS))
        elif state is State.BOARD_REVIEW:
            if p.notes["assign"]:
                items.assign(self.ws, self.actor(self.head), item, rng.choice(self.members))
            if p.notes["comment"] or rng.random() < 0.1:
                member = rng.choice(self.board)
                cid = items.comment(self.ws, self.actor(member), item, rng.choice(BOARD_COMMENTS))
                if p.notes["reply"]:
                    items.comment(self.ws, self.actor(p.desk), item, rng.choice(REPLIES), parent_id=cid)
        elif state is State.APPROVED and p.notes["comment"] and rng.random() < 0.3:
            items.comment(self.ws, self.actor(rng.choice(self.board)), item, "Đồng ý, chuyển xuất bản theo lịch.")

    def lock_some(self) -> None:
        """Two editors are in the middle of editing something (30-minute locks)."""
        taken: set[str] = set()
        for item, desk in self.editing_items:
            if desk in taken:
                continue
            items.claim(self.ws, self.actor(desk), item, note=LOCK_NOTES[len(taken) % len(LOCK_NOTES)])
            taken.add(desk)
            if len(taken) == 2:
                break


# ------------------------------------------------------------------------------------ public


def demo_accounts() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(username, full name, roles) of every demo account, for printing beside DEMO_PASSWORD."""
    return tuple((s.username, s.full_name, s.roles) for s in STAFF)


def build_demo(target: str | os.PathLike[str] | None, *, progress: Progress | None = None) -> DemoResult:
    """Create a new workspace at ``target`` and fill it with the demo. Prints nothing.

    ``progress(done, total)`` is called after each account and each item. The workspace is closed
    on return; open it again with :func:`console.workspace.open_workspace`."""
    started = time.perf_counter()
    ws = init_workspace(target)
    try:
        return _fill(ws, progress, started)
    finally:
        ws.close()


def _staff_units(units: Sequence[UnitRow]) -> dict[str, str]:
    """Each demo account's unit code (provincial ones looked up by province name in the seed)."""
    by_province = {u.name.removeprefix("Bảo hiểm xã hội "): u.code for u in units if u.kind == "provincial"}
    return {s.username: (by_province[s.unit[1:]] if s.unit.startswith("@") else s.unit) for s in STAFF}


def plan(units: Sequence[UnitRow]) -> list[PlannedItem]:
    """The items the demo files, in filing order: pure and reproducible (``random.Random(DEMO_SEED)``).

    ``units`` is the workspace's unit list (:func:`console.services.people.list_units`)."""
    staff_units = _staff_units(units)
    unit_names = {u.code: u.name for u in units}
    provinces = {u.code: u.name.removeprefix("Bảo hiểm xã hội ") for u in units if u.kind == "provincial"}
    authors: dict[str, list[str]] = {
        "@desk": [s.username for s in STAFF if s.role is Role.EDITOR],
        "@qa": [s.username for s in STAFF if s.role is Role.QA_OFFICER],
    }
    for s in STAFF:
        if s.role is Role.CONTRIBUTOR:
            authors.setdefault(staff_units[s.username], []).append(s.username)
    return _make_plans(random.Random(DEMO_SEED), unit_names, provinces, authors)


def _delegation(actors: dict[str, Actor], ws: Workspace) -> None:
    """The head of the Board hands his authority to Bùi Đức Long for next week, Monday to Friday (Đ6.3b): Long's
    Board decisions then are recorded on the head's behalf, and he may chair approval sessions."""
    from datetime import timedelta

    from console.services import delegation

    today = delegation.today()
    monday = today + timedelta(days=7 - today.weekday())
    delegation.add(ws, actors["thangvv"], "longbd", monday, monday + timedelta(days=4),
                   reason="Trưởng Ban đi công tác tại Bảo hiểm xã hội thành phố Hồ Chí Minh")  # fmt: skip


def _tree_proposals(ws: Workspace, actors: dict[str, Actor]) -> None:
    """The category tree as a working Board leaves it (Đ6.2a): one change applied (so there is history and a
    redirect), one waiting for the Board, one returned to its proposer."""
    from console.services import tree

    applied = tree.propose(ws, actors["hattt"], "Viết đầy đủ tên chuyên mục PBGDPL", [
        {"kind": "rename", "node": "vi.5", "name": "Phổ biến, giáo dục pháp luật"},
        {"kind": "edit", "node": "vi.5", "description": "Tuyên truyền, phổ biến, giáo dục pháp luật về bảo hiểm "
                                                        "xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp."},
    ], rationale="Người đọc không hiểu chữ viết tắt «PBGDPL»; tên đầy đủ giúp tìm kiếm tốt hơn.")
    items.decide(ws, actors["longbd"], applied.id, Action.APPROVE)
    tree.propose(ws, actors["tuanlm"], "Bổ sung các mục của chuyên mục Tin tức", [
        {"kind": "add", "parent": "vi.2", "name": "Hoạt động của Ngành", "ref": "nganh"},
        {"kind": "add", "parent": "vi.2", "name": "Tin địa phương", "unit": "TTTT"},
        {"kind": "move", "node": "vi.10", "parent": "vi.2", "position": 3},
        {"kind": "rename", "node": "vi.10", "name": "Hợp tác quốc tế"},
    ], rationale="Chuyên mục Tin tức đăng hơn 40 tin mỗi tuần; chia mục giúp người đọc theo dõi tin của Ngành "
                 "và của địa phương. Hội nhập và hợp tác chủ yếu là tin, nên chuyển vào Tin tức.")
    returned = tree.propose(ws, actors["anhpn"], "Lưu trữ chuyên mục Diễn đàn nghiệp vụ", [
        {"kind": "edit", "node": "vi.5", "content_types": ["policy_guidance", "unit_activity", "news_event"]},
        {"kind": "archive", "node": "vi.7", "items_to": "vi.5"},
    ], rationale="Diễn đàn ít bài mới; các bài của Diễn đàn chuyển sang Phổ biến, giáo dục pháp luật.")
    items.decide(ws, actors["huongnt"], returned.id, Action.RETURN,
                 reason="Chưa có ý kiến của các đơn vị nghiệp vụ về việc lưu trữ Diễn đàn.")


def _fill(ws: Workspace, progress: Progress | None, started: float) -> DemoResult:
    units = people.list_units(ws)
    staff_units = _staff_units(units)
    plans = plan(units)
    total = 2 * len(STAFF) + len(plans) + 1
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    admin: Actor | None = None
    for s in STAFF:
        email = f"{s.username}@vss.gov.vn"
        grants = [(staff_units[s.username], s.role.value), *((u, r.value) for u, r in s.also)]
        people.add_user(ws, admin, s.username, s.full_name, DEMO_PASSWORD, grants, email=email, language=s.language)
        if admin is None:
            admin = auth.login(ws, s.username, DEMO_PASSWORD)
        tick()
    actors: dict[str, Actor] = {}
    for s in STAFF:
        actors[s.username] = auth.login(ws, s.username, DEMO_PASSWORD)
        tick()
    runner = _Runner(ws, actors, random.Random(f"{DEMO_SEED}-run"))
    for p in plans:
        runner.run(p)
        tick()
    runner.lock_some()
    _tree_proposals(ws, actors)
    _delegation(actors, ws)
    tick()

    with ws.db.read() as session:
        by_state = dict(session.execute(select(Item.state, func.count()).group_by(Item.state)).all())
        by_type = dict(session.execute(select(Item.content_type, func.count()).group_by(Item.content_type)).all())
        by_portal = dict(
            session.execute(
                select(Portal.code, func.count()).join(Item, Item.portal_id == Portal.id).group_by(Portal.code)
            ).all()
        )
    users = tuple(DemoUser(m.username, m.full_name, m.roles, staff_units[m.username]) for m in STAFF)
    return DemoResult(
        location=ws.location,
        users=users,
        by_state={k: int(v) for k, v in sorted(by_state.items())},
        by_type={k: int(v) for k, v in sorted(by_type.items())},
        by_portal={k: int(v) for k, v in sorted(by_portal.items())},
        seconds=time.perf_counter() - started,
    )
