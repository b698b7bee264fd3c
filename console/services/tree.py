"""The category tree of both portals, changed only through proposals the Board approves (Đ6.2a, Đ7.1a).

A **proposal** is an item of type ``category_change``, so it is reviewed like any submission: it waits in the
Board's queue, takes comments, is approved, returned or rejected with a reason, and its proposer may not
approve it. Its revision's ``meta`` holds ``changes`` (a list of changes, each a dict with a ``kind``) and
``base`` (the version of every existing node the changes read, when they were last checked).

One simulation, :func:`plan`, checks a list of changes against a tree and gives the tree after them. The
proposal form's check, :func:`propose`, :func:`rebase` and :func:`apply_approved` all run it, so each rule of
the tree lives here once. Approval applies the whole proposal in the approving transaction, or refuses it
whole: when a node it read has changed since (another proposal touched it), the refusal names that change
and the proposer rebases.

Changes (nodes are named by key, ``vi.6.2``; a node added earlier in the same proposal by ``+ref``)::

    add      portal, parent, position, name, name_vi, slug, unit, description, content_types, deadline_rule,
             counterpart, ref
    rename   node, name, name_vi, slug          (a new name makes a new slug unless one is given)
    edit     node, unit, description, content_types, deadline_rule, counterpart   (the management record)
    move     node, parent ("" for the top level), position
    reorder  portal, parent, order (every active child of the parent, in the new order)
    merge    node, into                         (children and items go to ``into``; the node is archived)
    archive  node, items_to                     (with its sections; items go to ``items_to``)

Every node whose URL path changes keeps its old path as a :class:`~models.Redirect`: a renamed or moved node
(and everything under it) to itself, an archived or merged one to where its items went.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from console import audit
from console.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from console.i18n import Localized, register, t
from console.permissions import Actor, check_view, role_allows
from console.text import clean, fold, nfc, slug
from console.timefmt import local_text
from console.workspace import Workspace
from models import Base, Category, CategoryChange, Item, Portal, Redirect, Revision, Unit, User, utcnow
from models.content_types import CONTENT_TYPE_CODES, TREE_PROPOSAL
from models.portal import CATEGORY_STATUS_LABELS
from models.workflow import PROPOSERS, STATE_LABELS, TREE_TYPES, Action, State, find_transition

KINDS = ("add", "rename", "edit", "move", "reorder", "merge", "archive")
NAME_MAX = 255
SLUG_MAX = 128
DESCRIPTION_MAX = 4000
TITLE_MAX = 500
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PENDING_STATES = (State.DRAFT, State.BOARD_REVIEW, State.RETURNED)
CONTENT_TYPES_TAKEN = CONTENT_TYPE_CODES - TREE_TYPES  # what a category may hold

# Fields of each kind of change: required, then optional.
FIELDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "add": (
        frozenset({"name"}),
        frozenset(
            {
                "ref",
                "portal",
                "parent",
                "position",
                "name_vi",
                "slug",
                "unit",
                "description",
                "content_types",
                "deadline_rule",
                "counterpart",
            }
        ),
    ),
    "rename": (frozenset({"node"}), frozenset({"name", "name_vi", "slug"})),
    "edit": (frozenset({"node"}), frozenset({"unit", "description", "content_types", "deadline_rule", "counterpart"})),
    "move": (frozenset({"node", "parent"}), frozenset({"position"})),
    "reorder": (frozenset({"order"}), frozenset({"portal", "parent"})),
    "merge": (frozenset({"node", "into"}), frozenset()),
    "archive": (frozenset({"node"}), frozenset({"items_to"})),
}
RECORD_FIELDS = ("unit", "description", "content_types", "deadline_rule", "counterpart")

KIND_LABELS: dict[str, tuple[str, str]] = {
    "add": ("Thêm", "Add"),
    "rename": ("Đổi tên", "Rename"),
    "edit": ("Sửa hồ sơ quản lý", "Edit the management record"),
    "move": ("Chuyển", "Move"),
    "reorder": ("Sắp xếp lại", "Reorder"),
    "merge": ("Gộp", "Merge"),
    "archive": ("Lưu trữ", "Archive"),
}
# What happened to a node, as the tree diff and the history mark it.
MARK_LABELS: dict[str, tuple[str, str]] = {
    "added": ("thêm mới", "added"),
    "renamed": ("đổi tên", "renamed"),
    "edited": ("sửa hồ sơ", "record edited"),
    "moved": ("chuyển chỗ", "moved"),
    "reordered": ("đổi thứ tự", "reordered"),
    "merged": ("gộp vào nơi khác", "merged away"),
    "merged_in": ("nhận nội dung gộp", "merged into this"),
    "archived": ("lưu trữ", "archived"),
}
STATUS_LABELS = CATEGORY_STATUS_LABELS

register(
    {
        "tree.change": ("Thay đổi {n} ({kind}): ", "Change {n} ({kind}): "),
        "tree.empty": ("Đề xuất chưa có thay đổi nào.", "The proposal has no changes."),
        "tree.title_required": ("Đề xuất cần có tiêu đề.", "The proposal needs a title."),
        "tree.title_too_long": ("Tiêu đề dài quá {max} ký tự.", "The title is longer than {max} characters."),
        "tree.not_a_change": ("mỗi thay đổi phải là một bảng có «kind».", "each change must be a table with a “kind”."),
        "tree.unknown_kind": (
            "không có loại thay đổi «{kind}»; các loại: {kinds}.",
            "there is no kind of change “{kind}”; the kinds are: {kinds}.",
        ),
        "tree.field_missing": ("thiếu «{field}».", "“{field}” is missing."),
        "tree.field_unknown": (
            "loại thay đổi này không có trường «{field}»; các trường: {fields}.",
            "this kind of change has no field “{field}”; its fields are: {fields}.",
        ),
        "tree.field_type": ("«{field}» phải là {expected}.", "“{field}” must be {expected}."),
        "tree.type.text": ("một chuỗi chữ", "text"),
        "tree.type.list": ("một danh sách chuỗi chữ", "a list of text"),
        "tree.type.position": ("một số nguyên từ 1", "a whole number from 1"),
        "tree.nothing": ("không có gì để thay đổi.", "nothing would change."),
        "tree.unknown_node": ("không có mục, chuyên mục «{node}».", "there is no category or section “{node}”."),
        "tree.unknown_ref": (
            "«{node}» chưa được thêm ở một thay đổi trước trong đề xuất.",
            "“{node}” is not added by an earlier change of the proposal.",
        ),
        "tree.duplicate_ref": (
            "tên tham chiếu «{ref}» đã dùng ở thay đổi trước.",
            "the reference “{ref}” is already used by an earlier change.",
        ),
        "tree.not_active": ("«{node}» đang ở trạng thái {status}.", "“{node}” is {status}."),
        "tree.unknown_portal": (
            "không có cổng «{portal}»; chọn vi hoặc en.",
            "there is no portal “{portal}”; choose vi or en.",
        ),
        "tree.portal_needed": (
            "một chuyên mục cấp đầu cần «portal» (vi hoặc en).",
            "a top-level category needs a “portal” (vi or en).",
        ),
        "tree.other_portal": (
            "«{node}» thuộc cổng {other}, không phải cổng {portal}.",
            "“{node}” is on the {other} portal, not the {portal} portal.",
        ),
        "tree.name_empty": ("tên không được để trống.", "the name may not be empty."),
        "tree.name_too_long": ("tên dài quá {max} ký tự.", "the name is longer than {max} characters."),
        "tree.name_duplicate": ("«{parent}» đã có mục «{name}».", "“{parent}” already has “{name}”."),
        "tree.description_too_long": ("mô tả dài quá {max} ký tự.", "the description is longer than {max} characters."),
        "tree.slug_empty": (
            "không tạo được slug từ «{name}»; hãy ghi «slug».",
            "no slug can be made from “{name}”; give a “slug”.",
        ),
        "tree.slug_invalid": (
            "slug «{slug}» chỉ được gồm chữ thường không dấu, chữ số và dấu gạch nối (tối đa {max}).",
            "the slug “{slug}” may hold only unaccented lower-case letters, digits and hyphens (at most {max}).",
        ),
        "tree.slug_duplicate": (
            "slug «{slug}» đã được «{other}» dùng trong «{parent}».",
            "the slug “{slug}” is already used by “{other}” in “{parent}”.",
        ),
        "tree.top_level": ("cấp đầu của cổng {portal}", "the top level of the {portal} portal"),
        "tree.cycle": (
            "không thể chuyển «{node}» vào «{parent}», vì «{parent}» nằm trong «{node}».",
            "“{node}” cannot move into “{parent}”: “{parent}” lies inside “{node}”.",
        ),
        "tree.into_itself": (
            "không thể gộp «{node}» vào chính nó hoặc vào mục con của nó.",
            "“{node}” cannot be merged into itself or into one of its own sections.",
        ),
        "tree.position_range": ("vị trí {position} nằm ngoài 1–{max}.", "position {position} is outside 1–{max}."),
        "tree.reorder_set": (
            "«order» phải liệt kê đúng các mục đang dùng của «{parent}»; thiếu: {missing}; thừa: {extra}.",
            "“order” must list exactly the active sections of “{parent}”; missing: {missing}; extra: {extra}.",
        ),
        "tree.items_to_needed": (
            "«{node}» đang có {count} tin, bài; hãy chọn nơi nhận chúng («items_to»).",
            "“{node}” holds {count} items; choose where they go (“items_to”).",
        ),
        "tree.items_to_inside": (
            "«{target}» nằm trong «{node}», không nhận được tin, bài của nó.",
            "“{target}” lies inside “{node}” and cannot take its items.",
        ),
        "tree.items_left": (
            "tin, bài chuyển tới «{target}», nhưng «{target}» bị lưu trữ ở thay đổi sau.",
            "items go to “{target}”, which a later change archives.",
        ),
        "tree.type_not_taken": (
            "«{target}» không nhận loại {types} mà «{node}» đang có.",
            "“{target}” does not take the type {types} that “{node}” holds.",
        ),
        "tree.unknown_unit": ("không có đơn vị «{unit}».", "there is no unit “{unit}”."),
        "tree.unknown_type": ("không có loại tin «{type}».", "there is no content type “{type}”."),
        "tree.unknown_rule": ("không có quy tắc thời hạn «{rule}».", "there is no deadline rule “{rule}”."),
        "tree.counterpart_portal": (
            "mục tương ứng «{node}» phải ở cổng kia.",
            "the counterpart “{node}” must be on the other portal.",
        ),
        "tree.invalid": ("Đề xuất chưa hợp lệ:\n{problems}", "The proposal is not valid:\n{problems}"),
        "tree.stale": (
            "Không áp dụng được đề xuất #{item}: «{node}» đã thay đổi sau khi đề xuất được lập, bởi đề xuất #{other} "
            "«{other_title}» ({who}, {when}). Người đề xuất cần cập nhật (rebase) đề xuất theo cây hiện tại.",
            "Proposal #{item} cannot be applied: “{node}” has changed since it was made, by proposal #{other} "
            "“{other_title}” ({who}, {when}). The proposer needs to rebase it on the current tree.",
        ),
        "tree.stale_unknown": (
            "Không áp dụng được đề xuất #{item}: «{node}» đã thay đổi sau khi đề xuất được lập. Người đề xuất cần "
            "cập nhật (rebase) đề xuất theo cây hiện tại.",
            "Proposal #{item} cannot be applied: “{node}” has changed since it was made. The proposer needs to "
            "rebase it on the current tree.",
        ),
        "tree.no_longer_valid": (
            "Không áp dụng được đề xuất #{item} trên cây hiện tại:\n{problems}",
            "Proposal #{item} no longer fits the current tree:\n{problems}",
        ),
        "tree.changed_meanwhile": (
            "Cây chuyên mục vừa được thay đổi trong lúc duyệt đề xuất #{item}; chưa có gì được ghi. Hãy duyệt lại.",
            "The category tree changed while proposal #{item} was being approved; nothing was written. "
            "Approve it again.",
        ),
        "tree.not_proposal": (
            "#{item} không phải một đề xuất điều chỉnh chuyên mục.",
            "#{item} is not a category tree proposal.",
        ),
        "tree.not_revisable": (
            "Đề xuất #{item} đang ở trạng thái {state}, không sửa được.",
            "Proposal #{item} is {state} and cannot be revised.",
        ),
        "tree.up_to_date": (
            "Đề xuất #{item} đã theo cây hiện tại, không cần cập nhật.",
            "Proposal #{item} already fits the current tree.",
        ),
        "perm.propose": (
            "{user} không có quyền đề xuất điều chỉnh chuyên mục (cần vai trò: {roles}).",
            "{user} may not propose changes to the category tree (it needs one of: {roles}).",
        ),
        "input.proposal_edit": (
            "Đề xuất #{item} được sửa bằng biểu mẫu đề xuất, không sửa như tin, bài.",
            "Proposal #{item} is changed through the proposal form, not edited like an item.",
        ),
        "change.rebase": ("Cập nhật đề xuất theo cây hiện tại", "Rebase the proposal"),
        "change.revise": ("Sửa đề xuất", "Revise the proposal"),
        **{f"tree.kind.{k}": v for k, v in KIND_LABELS.items()},
        **{f"tree.mark.{k}": v for k, v in MARK_LABELS.items()},
        **{f"tree.status.{k}": v for k, v in STATUS_LABELS.items()},
    }
)


# ------------------------------------------------------------------------------------------ the tree


@dataclass(slots=True)
class Node:
    """One category or section as the simulation sees it (keys instead of ids)."""

    key: str
    portal: str
    parent: str | None
    position: int
    name: str
    name_vi: str
    slug: str
    status: str = "active"
    unit: str | None = None
    description: str = ""
    content_types: tuple[str, ...] = ()
    deadline_rule: str | None = None
    counterpart: str | None = None
    id: int | None = None
    version: int | None = None

    def record(self, path: str) -> dict[str, Any]:
        """What a history row keeps of the node."""
        return {
            "key": self.key, "portal": self.portal, "parent": self.parent, "position": self.position,
            "name": self.name, "name_vi": self.name_vi, "slug": self.slug, "path": path, "status": self.status,
            "unit": self.unit, "description": self.description, "content_types": list(self.content_types),
            "deadline_rule": self.deadline_rule, "counterpart": self.counterpart,
        }  # fmt: skip

    def clone(self) -> Node:
        return Node(self.key, self.portal, self.parent, self.position, self.name, self.name_vi, self.slug, self.status,
                    self.unit, self.description, self.content_types, self.deadline_rule, self.counterpart, self.id,
                    self.version)  # fmt: skip

    def same_record(self, other: Node) -> bool:
        return all(getattr(self, f) == getattr(other, f) for f in _COMPARED)


_COMPARED = ("portal", "parent", "position", "name", "name_vi", "slug", "status", "unit", "description",
             "content_types", "deadline_rule", "counterpart")  # fmt: skip


class Tree:
    """Nodes by key with each parent's children in order: active ones by position, then archived ones."""

    def __init__(self, nodes: Iterable[Node]) -> None:
        self.nodes: dict[str, Node] = {n.key: n for n in nodes}
        self.kids: dict[tuple[str, str | None], list[str]] = {}
        for n in sorted(self.nodes.values(), key=lambda n: (n.status != "active", n.position, n.key)):
            self.kids.setdefault((n.portal, n.parent), []).append(n.key)

    def copy(self) -> Tree:
        out = Tree(())
        out.nodes = {k: n.clone() for k, n in self.nodes.items()}
        out.kids = {k: list(v) for k, v in self.kids.items()}
        return out

    def children(self, portal: str, parent: str | None, *, active: bool = True) -> list[str]:
        keys = self.kids.get((portal, parent), [])
        return [k for k in keys if self.nodes[k].status == "active"] if active else list(keys)

    def subtree(self, key: str) -> list[str]:
        """``key`` and everything under it, depth first."""
        node = self.nodes[key]
        out = [key]
        for child in self.kids.get((node.portal, key), []):
            out += self.subtree(child)
        return out

    def ancestors(self, key: str) -> list[str]:
        """From the top level down to the parent of ``key``."""
        out: list[str] = []
        parent = self.nodes[key].parent
        while parent is not None:
            out.append(parent)
            parent = self.nodes[parent].parent
        return out[::-1]

    def detach(self, key: str) -> None:
        n = self.nodes[key]
        group = self.kids[(n.portal, n.parent)]
        group.remove(key)
        self._renumber(n.portal, n.parent)

    def attach(self, key: str, parent: str | None, position: int | None) -> None:
        """Put ``key`` among ``parent``'s active children at ``position`` (1-based; None: last)."""
        n = self.nodes[key]
        n.parent = parent
        group = self.kids.setdefault((n.portal, parent), [])
        active = [k for k in group if self.nodes[k].status == "active"]
        at = len(active) if position is None else min(position - 1, len(active))
        active.insert(at, key)
        group[:] = active + [k for k in group if self.nodes[k].status != "active" and k != key]
        self._renumber(n.portal, parent)

    def set_order(self, portal: str, parent: str | None, order: list[str]) -> None:
        group = self.kids.setdefault((portal, parent), [])
        group[:] = order + [k for k in group if k not in order]
        self._renumber(portal, parent)

    def archive(self, key: str) -> list[str]:
        """Archive ``key`` and its subtree; returns the keys archived."""
        keys = self.subtree(key)
        for k in keys:
            self.nodes[k].status = "archived"
        n = self.nodes[key]
        group = self.kids[(n.portal, n.parent)]
        group[:] = [k for k in group if self.nodes[k].status == "active"] + [
            k for k in group if self.nodes[k].status != "active"
        ]
        self._renumber(n.portal, n.parent)
        return keys

    def _renumber(self, portal: str, parent: str | None) -> None:
        for i, k in enumerate(self.kids.get((portal, parent), []), start=1):
            self.nodes[k].position = i

    def paths(self) -> dict[str, str]:
        """Every node's URL path on its portal: ``/tin-tuc/hoat-dong``."""
        out: dict[str, str] = {}

        def path(key: str) -> str:
            if key not in out:
                n = self.nodes[key]
                out[key] = (path(n.parent) if n.parent else "") + "/" + n.slug
            return out[key]

        for key in self.nodes:
            path(key)
        return out

    def label(self, key: str | None, portal: str) -> str:
        if key is None:
            return t("tree.top_level", portal=portal)
        n = self.nodes.get(key)
        return n.name if n else key


def load_tree(s: Session) -> Tree:
    """The workspace's tree, both portals, read in one query."""
    portals = dict(s.execute(select(Portal.id, Portal.code)).all())
    units: dict[int | None, str] = dict(s.execute(select(Unit.id, Unit.code)).all())  # type: ignore[arg-type]
    rows = s.execute(
        select(
            Category.id, Category.key, Category.portal_id, Category.parent_id, Category.position, Category.name,
            Category.name_vi, Category.slug, Category.status, Category.responsible_unit_id, Category.description,
            Category.content_types, Category.deadline_rule, Category.counterpart_id, Category.version,
        )
    ).all()  # fmt: skip
    key_of: dict[int | None, str] = {r[0]: r[1] for r in rows}
    # Positional, from plain tuples: at 5,000 nodes, keyword arguments and Row attribute access took 80 ms.
    return Tree(
        Node(key, portals[portal_id], key_of.get(parent_id), position, name, name_vi, slug, status,
             units.get(unit_id), description or "", tuple(types or ()), rule, key_of.get(partner_id), id_, version)
        for (id_, key, portal_id, parent_id, position, name, name_vi, slug, status, unit_id, description, types, rule,
             partner_id, version) in rows
    )  # fmt: skip


# ------------------------------------------------------------------------------------------ the plan


@dataclass(frozen=True, slots=True)
class Problem:
    """Why one change (``index``, 0-based; -1 for the proposal as a whole) cannot be made."""

    index: int
    kind: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str | None = None, *, bare: bool = False) -> str:
        """The problem in ``lang``; with the number and kind of its change in front unless ``bare`` (a form that
        shows one change)."""
        text = t(self.key, lang, **self.params)
        if self.index < 0 or bare:
            return text
        return (
            t(
                "tree.change",
                lang,
                n=self.index + 1,
                kind=t(f"tree.kind.{self.kind}", lang) if self.kind in KINDS else self.kind,
            )
            + text
        )


@dataclass(slots=True)
class Plan:
    """A list of changes checked against a tree: the tree after them, what it takes, and what is wrong."""

    changes: list[dict[str, Any]]
    before: Tree
    after: Tree
    problems: list[Problem] = field(default_factory=list)
    base: dict[str, int] = field(default_factory=dict)  # versions of the existing nodes the changes read
    marks: dict[str, list[str]] = field(default_factory=dict)  # node key -> what happened to it, in order
    added: list[str] = field(default_factory=list)  # temporary keys ("+ref") of new nodes, in order
    item_moves: list[tuple[str, str]] = field(default_factory=list)  # (from, to), applied in order
    forwards: dict[str, str] = field(default_factory=dict)  # archived or merged node -> where its links go

    @property
    def ok(self) -> bool:
        return not self.problems

    def messages(self, lang: str | None = None) -> list[str]:
        return [p.message(lang) for p in self.problems]

    def redirects(
        self, old: dict[str, str] | None = None, new: dict[str, str] | None = None
    ) -> list[tuple[str, str, str]]:
        """(portal, old path, key of the node it leads to) for every existing node whose path changes (``old`` and
        ``new``: the trees' paths, when the caller has them already)."""
        old = old if old is not None else self.before.paths()
        new = new if new is not None else self.after.paths()
        out = []
        for key, path in old.items():
            node = self.after.nodes[key]
            if self.before.nodes[key].status != "active":
                continue
            target = self.final_target(key)
            if target is None or (target == key and new[key] == path):
                continue
            out.append((node.portal, path, target))
        return out

    def final_target(self, key: str) -> str | None:
        """Where links to ``key`` lead after the plan: itself while active, else where its content went."""
        seen = set()
        while self.after.nodes[key].status != "active":
            if key in seen:
                return None
            seen.add(key)
            nxt = self.forwards.get(key)
            if nxt is None:  # archived under an archived node: follow its nearest forwarded ancestor
                nxt = next((self.forwards[a] for a in reversed(self.after.ancestors(key)) if a in self.forwards), None)
            if nxt is None:
                return None
            key = nxt
        return key


def _expected(field_name: str) -> str:
    if field_name in ("content_types", "order"):
        return "list"
    return "position" if field_name == "position" else "text"


def normalise(raw: Any) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Changes as given (a form, a TOML or YAML file) made canonical: NFC text, known fields, right types."""
    problems: list[Problem] = []
    out: list[dict[str, Any]] = []
    if not isinstance(raw, list):
        return [], [Problem(-1, "", "tree.not_a_change")]
    for i, change in enumerate(raw):
        if not isinstance(change, dict) or not isinstance(change.get("kind"), str):
            problems.append(Problem(i, "?", "tree.not_a_change"))
            continue
        kind = clean(change["kind"]).lower()
        if kind not in FIELDS:
            problems.append(Problem(i, kind, "tree.unknown_kind", {"kind": kind, "kinds": ", ".join(KINDS)}))
            continue
        required, optional = FIELDS[kind]
        fields = required | optional
        c: dict[str, Any] = {"kind": kind}
        bad = False
        for name, value in change.items():
            if name == "kind":
                continue
            if name not in fields:
                problems.append(
                    Problem(i, kind, "tree.field_unknown", {"field": name, "fields": ", ".join(sorted(fields))})
                )
                bad = True
                continue
            expected = _expected(name)
            if value is None or (expected == "text" and isinstance(value, str)):
                c[name] = clean(value) if isinstance(value, str) else None
            elif expected == "position" and isinstance(value, int) and not isinstance(value, bool) and value >= 1:
                c[name] = value
            elif expected == "list" and isinstance(value, list) and all(isinstance(v, str) for v in value):
                c[name] = [clean(v) for v in value]
            else:
                problems.append(
                    Problem(
                        i,
                        kind,
                        "tree.field_type",
                        {"field": name, "expected": Localized(*_pair(f"tree.type.{expected}"))},
                    )
                )
                bad = True
        for name in sorted(required - set(c)):
            problems.append(Problem(i, kind, "tree.field_missing", {"field": name}))
            bad = True
        if kind in ("rename", "edit") and not bad and len(c) == 2:
            problems.append(Problem(i, kind, "tree.nothing"))
            bad = True
        if not bad:
            out.append(c | {"index": i})
    return out, problems


def _pair(key: str) -> tuple[str, str]:
    return t(key, "vi"), t(key, "en")


class _Planner:
    """Runs the changes one by one on a copy of the tree, collecting problems instead of stopping."""

    def __init__(self, tree: Tree, units: dict[str, bool], rules: set[str],
                 items_of: Callable[[list[int]], dict[int, Counter[str]]]) -> None:  # fmt: skip
        self.plan = Plan([], tree, tree.copy())
        self.t = self.plan.after
        self.units = units
        self.rules = rules
        self._items_of = items_of
        self.items: dict[str, Counter[str]] = {}  # node key -> its items' content types (loaded on demand)
        self.refs: dict[str, str] = {}
        self.i = -1
        self.kind = ""

    # helpers ---------------------------------------------------------------------------------------------
    def problem(self, key: str, **params: Any) -> None:
        self.plan.problems.append(Problem(self.i, self.kind, key, params))

    def read(self, key: str) -> None:
        n = self.plan.before.nodes.get(key)
        if n is not None and n.version is not None:
            self.plan.base.setdefault(key, n.version)

    def mark(self, key: str, mark: str) -> None:
        marks = self.plan.marks.setdefault(key, [])
        if mark not in marks:
            marks.append(mark)

    def node(self, ref: str | None, *, active: bool = True) -> str | None:
        """The key a change names (a key, or ``+ref`` of a node added earlier); None with a problem if unknown."""
        if not ref:
            self.problem("tree.unknown_node", node=ref or "—")
            return None
        if ref.startswith("+"):
            key = self.refs.get(ref[1:])
            if key is None:
                self.problem("tree.unknown_ref", node=ref)
                return None
        else:
            key = ref
            if key not in self.t.nodes:
                self.problem("tree.unknown_node", node=ref)
                return None
            self.read(key)
        n = self.t.nodes[key]
        if active and n.status != "active":
            self.problem(
                "tree.not_active", node=n.name, status=Localized(*STATUS_LABELS.get(n.status, (n.status,) * 2))
            )
            return None
        return key

    def parent(self, ref: str | None) -> tuple[bool, str | None]:
        """(ok, key) of a parent reference: ``None`` or "" is the top level."""
        if not ref:
            return True, None
        key = self.node(ref)
        return key is not None, key

    def items_in(self, key: str) -> Counter[str]:
        if key not in self.items:
            n = self.t.nodes[key]
            self.items[key] = self._items_of([n.id])[n.id] if n.id is not None else Counter()
        return self.items[key]

    def check_name(self, portal: str, parent: str | None, name: str, key: str | None) -> bool:
        if not name:
            self.problem("tree.name_empty")
            return False
        if len(name) > NAME_MAX:
            self.problem("tree.name_too_long", max=NAME_MAX)
            return False
        folded = name.casefold()
        for k in self.t.children(portal, parent):
            if k != key and self.t.nodes[k].name.casefold() == folded:
                self.problem("tree.name_duplicate", parent=self.t.label(parent, portal), name=self.t.nodes[k].name)
                return False
        return True

    def check_slug(self, portal: str, parent: str | None, value: str, key: str | None) -> bool:
        if not SLUG_RE.match(value) or len(value) > SLUG_MAX:
            self.problem("tree.slug_invalid", slug=value, max=SLUG_MAX)
            return False
        for k in self.t.children(portal, parent, active=False):  # archived siblings keep their slugs
            if k != key and self.t.nodes[k].slug == value:
                self.problem(
                    "tree.slug_duplicate", slug=value, other=self.t.nodes[k].name, parent=self.t.label(parent, portal)
                )
                return False
        return True

    def make_slug(self, c: dict[str, Any], name: str) -> str | None:
        if c.get("slug"):
            return str(c["slug"])
        made = slug(name)
        if not made:
            self.problem("tree.slug_empty", name=name)
            return None
        return made[:SLUG_MAX].rstrip("-")

    def check_position(self, c: dict[str, Any], portal: str, parent: str | None, extra: int) -> bool:
        pos = c.get("position")
        top = len(self.t.children(portal, parent)) + extra
        if pos is not None and pos > top:
            self.problem("tree.position_range", position=pos, max=top)
            return False
        return True

    def record_fields(self, c: dict[str, Any], portal: str) -> dict[str, Any] | None:
        """The management record fields a change gives, checked; None when one is wrong."""
        out: dict[str, Any] = {}
        ok = True
        if "unit" in c:
            code = (c["unit"] or "").upper() or None
            if code is not None and not self.units.get(code):
                self.problem("tree.unknown_unit", unit=c["unit"])
                ok = False
            out["unit"] = code
        if "description" in c:
            if len(c["description"] or "") > DESCRIPTION_MAX:
                self.problem("tree.description_too_long", max=DESCRIPTION_MAX)
                ok = False
            out["description"] = c["description"] or ""
        if "content_types" in c:
            wrong = [x for x in c["content_types"] if x not in CONTENT_TYPES_TAKEN]
            if wrong:
                self.problem("tree.unknown_type", type=", ".join(wrong))
                ok = False
            out["content_types"] = tuple(dict.fromkeys(c["content_types"]))
        if "deadline_rule" in c:
            if c["deadline_rule"] and c["deadline_rule"] not in self.rules:
                self.problem("tree.unknown_rule", rule=c["deadline_rule"])
                ok = False
            out["deadline_rule"] = c["deadline_rule"] or None
        if "counterpart" in c:
            other = None
            if c["counterpart"]:
                other = self.node(c["counterpart"])
                if other is None:
                    ok = False
                elif self.t.nodes[other].portal == portal:
                    self.problem("tree.counterpart_portal", node=self.t.nodes[other].name)
                    ok = False
            out["counterpart"] = other
        return out if ok else None

    def link(self, key: str, other: str | None) -> None:
        """Make ``key`` and ``other`` each other's counterpart, unlinking their old partners."""
        for k in (key, other):
            if k is None:
                continue
            old = self.t.nodes[k].counterpart
            if old is not None and old in self.t.nodes and self.t.nodes[old].counterpart == k:
                self.t.nodes[old].counterpart = None
                self.mark(old, "edited")
        self.t.nodes[key].counterpart = other
        if other is not None:
            self.t.nodes[other].counterpart = key

    def move_items(self, source: str, target: str, node_name: str) -> bool:
        """Send the items of ``source`` to ``target``, if ``target`` takes all their types."""
        have = self.items_in(source)
        if not have:
            return True
        taken = set(self.t.nodes[target].content_types)
        missing = sorted(x for x in have if x not in taken)
        if missing:
            self.problem(
                "tree.type_not_taken", target=self.t.nodes[target].name, types=", ".join(missing), node=node_name
            )
            return False
        self.items_in(target).update(have)
        self.plan.item_moves.append((source, target))
        self.items[source] = Counter()
        return True

    # the kinds -------------------------------------------------------------------------------------------
    def add(self, c: dict[str, Any]) -> None:
        ok, parent = self.parent(c.get("parent"))
        if not ok:
            return
        portal = self.t.nodes[parent].portal if parent else (c.get("portal") or "")
        if c.get("portal") and c["portal"] != portal:
            if c["portal"] not in ("vi", "en"):
                self.problem("tree.unknown_portal", portal=c["portal"])
            else:
                self.problem("tree.other_portal", node=self.t.label(parent, portal), other=portal, portal=c["portal"])
            return
        if portal not in ("vi", "en"):
            self.problem("tree.unknown_portal" if portal else "tree.portal_needed", portal=portal)
            return
        ref = c.get("ref") or str(self.i + 1)
        if ref in self.refs:
            self.problem("tree.duplicate_ref", ref=ref)
            return
        name = c["name"]
        if not self.check_name(portal, parent, name, None):
            return
        made = self.make_slug(c, name)
        if made is None:
            return
        if not self.check_slug(portal, parent, made, None) or not self.check_position(c, portal, parent, 1):
            return
        inherited = self.t.nodes[parent] if parent else None
        record = self.record_fields(c, portal)
        if record is None:
            return
        key = "+" + ref
        node = Node(
            key=key, portal=portal, parent=parent, position=0, name=name,
            name_vi=(c.get("name_vi") or name) if portal == "en" else name, slug=made,
            unit=record.get("unit", inherited.unit if inherited else None),
            description=record.get("description", ""),
            content_types=record.get("content_types", inherited.content_types if inherited else ()),
            deadline_rule=record.get("deadline_rule", inherited.deadline_rule if inherited else None),
        )  # fmt: skip
        self.t.nodes[key] = node
        self.t.attach(key, parent, c.get("position"))
        if record.get("counterpart"):
            self.link(key, record["counterpart"])
        self.refs[ref] = key
        self.plan.added.append(key)
        self.mark(key, "added")

    def rename(self, c: dict[str, Any]) -> None:
        key = self.node(c["node"])
        if key is None:
            return
        n = self.t.nodes[key]
        if "name" in c and not c["name"]:
            self.problem("tree.name_empty")
            return
        name = c.get("name") or n.name
        new_slug: str | None = n.slug
        if "slug" in c or name != n.name:
            new_slug = self.make_slug(c, name)
        if new_slug is None or not self.check_name(n.portal, n.parent, name, key):
            return
        if new_slug != n.slug and not self.check_slug(n.portal, n.parent, new_slug, key):
            return
        name_vi = name if n.portal == "vi" else (c.get("name_vi") or n.name_vi)
        if "name_vi" in c and not c["name_vi"]:
            self.problem("tree.name_empty")
            return
        if (name, name_vi, new_slug) == (n.name, n.name_vi, n.slug):
            self.problem("tree.nothing")
            return
        n.name, n.name_vi, n.slug = name, name_vi, new_slug
        self.mark(key, "renamed")

    def edit(self, c: dict[str, Any]) -> None:
        key = self.node(c["node"])
        if key is None:
            return
        n = self.t.nodes[key]
        record = self.record_fields(c, n.portal)
        if record is None:
            return
        if all(getattr(n, f) == v for f, v in record.items()):
            self.problem("tree.nothing")
            return
        for f, v in record.items():
            if f == "counterpart":
                if v != n.counterpart:
                    self.link(key, v)
            else:
                setattr(n, f, v)
        self.mark(key, "edited")

    def move(self, c: dict[str, Any]) -> None:
        key = self.node(c["node"])
        if key is None:
            return
        ok, parent = self.parent(c.get("parent"))
        if not ok:
            return
        n = self.t.nodes[key]
        if parent is not None:
            target = self.t.nodes[parent]
            if target.portal != n.portal:
                self.problem("tree.other_portal", node=target.name, other=target.portal, portal=n.portal)
                return
            if parent == key or key in self.t.ancestors(parent):
                self.problem("tree.cycle", node=n.name, parent=target.name)
                return
        same = parent == n.parent
        if same and c.get("position") in (None, n.position):
            self.problem("tree.nothing")
            return
        if not same and (not self.check_name(n.portal, parent, n.name, key)
                         or not self.check_slug(n.portal, parent, n.slug, key)):  # fmt: skip
            return
        if not self.check_position(c, n.portal, parent, 0 if same else 1):
            return
        if parent is not None:
            self.read(parent)
        self.t.detach(key)
        self.t.attach(key, parent, c.get("position"))
        self.mark(key, "reordered" if same else "moved")

    def reorder(self, c: dict[str, Any]) -> None:
        ok, parent = self.parent(c.get("parent"))
        if not ok:
            return
        portal = self.t.nodes[parent].portal if parent else (c.get("portal") or "")
        if portal not in ("vi", "en"):
            self.problem("tree.unknown_portal" if portal else "tree.portal_needed", portal=portal)
            return
        current = self.t.children(portal, parent)
        order = [self.refs.get(k[1:], k) if k.startswith("+") else k for k in c["order"]]
        if sorted(order) != sorted(current) or len(set(order)) != len(order):
            missing = [self.t.nodes[k].name for k in current if k not in order]
            extra = [k for k in order if k not in current] + [k for k, n in Counter(order).items() if n > 1]
            self.problem(
                "tree.reorder_set",
                parent=self.t.label(parent, portal),
                missing=", ".join(missing) or "—",
                extra=", ".join(extra) or "—",
            )
            return
        if order == current:
            self.problem("tree.nothing")
            return
        for k in order:
            self.read(k)
        before = {k: self.t.nodes[k].position for k in order}
        self.t.set_order(portal, parent, order)
        for k in order:
            if self.t.nodes[k].position != before[k]:
                self.mark(k, "reordered")

    def merge(self, c: dict[str, Any]) -> None:
        key = self.node(c["node"])
        into = self.node(c["into"])
        if key is None or into is None:
            return
        n, target = self.t.nodes[key], self.t.nodes[into]
        if target.portal != n.portal:
            self.problem("tree.other_portal", node=target.name, other=target.portal, portal=n.portal)
            return
        if into == key or key in self.t.ancestors(into):
            self.problem("tree.into_itself", node=n.name)
            return
        children = self.t.children(n.portal, key)
        for child in children:
            cn = self.t.nodes[child]
            if not self.check_name(n.portal, into, cn.name, child) or not self.check_slug(
                n.portal, into, cn.slug, child
            ):
                return
        if not self.move_items(key, into, n.name):
            return
        for child in children:
            self.read(child)
            self.t.detach(child)
            self.t.attach(child, into, None)
            self.mark(child, "moved")
        if n.counterpart is not None and target.counterpart is None:
            other = n.counterpart
            self.link(key, None)
            self.link(into, other)
        elif n.counterpart is not None:
            self.link(key, None)
        self.t.archive(key)
        self.plan.forwards[key] = into
        self.mark(key, "merged")
        self.mark(into, "merged_in")

    def archive(self, c: dict[str, Any]) -> None:
        key = self.node(c["node"])
        if key is None:
            return
        n = self.t.nodes[key]
        keys = [k for k in self.t.subtree(key) if self.t.nodes[k].status == "active"]
        held = sum((self.items_in(k) for k in keys), Counter())
        target = None
        if c.get("items_to"):
            target = self.node(c["items_to"])
            if target is None:
                return
            tn = self.t.nodes[target]
            if tn.portal != n.portal:
                self.problem("tree.other_portal", node=tn.name, other=tn.portal, portal=n.portal)
                return
            if target in keys:
                self.problem("tree.items_to_inside", target=tn.name, node=n.name)
                return
        elif held:
            self.problem("tree.items_to_needed", node=n.name, count=sum(held.values()))
            return
        if target is not None:
            for k in keys:
                if not self.move_items(k, target, self.t.nodes[k].name):
                    return
        if target or n.parent:  # old links lead to where the items went, else to the parent
            self.plan.forwards[key] = target or n.parent  # type: ignore[assignment]
        for k in keys:
            self.read(k)
            if self.t.nodes[k].counterpart is not None:
                self.link(k, None)
        self.t.archive(key)
        for k in keys:
            self.mark(k, "archived")

    def run(self, changes: list[dict[str, Any]]) -> Plan:
        self.plan.changes = changes
        for c in changes:
            self.i, self.kind = c["index"], c["kind"]
            getattr(self, c["kind"])(c)
        # Items sent somewhere that a later change archived (without sending them on) would be left behind.
        for _source, target in self.plan.item_moves:
            if self.plan.final_target(target) is None:
                self.i, self.kind = -1, ""
                self.problem("tree.items_left", target=self.t.nodes[target].name)
        return self.plan


def _units(s: Session) -> dict[str, bool]:
    return dict(s.execute(select(Unit.code, Unit.active)).all())


def _rules(s: Session) -> set[str]:
    """The deadline rules a category may name: the shipped ones and the workspace's own."""
    from console.deadlines import DEFAULT_RULES
    from models import DeadlineRuleSetting

    return {r.key for r in DEFAULT_RULES} | set(s.scalars(select(DeadlineRuleSetting.key)))


def _items_of(s: Session) -> Callable[[list[int]], dict[int, Counter[str]]]:
    def count(ids: list[int]) -> dict[int, Counter[str]]:
        out: dict[int, Counter[str]] = {i: Counter() for i in ids}
        rows = s.execute(
            select(Item.category_id, Item.content_type, func.count())
            .where(Item.category_id.in_(ids), Item.content_type.not_in(TREE_TYPES))
            .group_by(Item.category_id, Item.content_type)
        ).all()
        for cat, ctype, n in rows:
            out[cat][ctype] = n
        return out

    return count


def plan(s: Session, raw_changes: Any, tree: Tree | None = None) -> Plan:
    """Check ``raw_changes`` against ``tree`` (the workspace's, by default): the plan, with its problems."""
    changes, problems = normalise(raw_changes)
    tree = tree or load_tree(s)
    result = _Planner(tree, _units(s), _rules(s), _items_of(s)).run(changes)
    result.problems[:0] = problems
    if not raw_changes:
        result.problems.insert(0, Problem(-1, "", "tree.empty"))
    return result


def check(ws: Workspace, raw_changes: Any, title: str | None = None) -> Plan:
    """What the proposal form (or ``category check``) asks before anything is submitted: the plan and its
    problems, the title's among them when one is given. Writes nothing."""
    with ws.db.read() as s:
        result = plan(s, raw_changes)
    if title is not None:
        try:
            check_title(title)
        except InvalidInput as e:
            result.problems.insert(0, Problem(-1, "", e.key, e.params))
    return result


# ------------------------------------------------------------------------------------------ proposals


def _proposer_unit(actor: Actor) -> int:
    rule = find_transition(State.DRAFT, Action.SUBMIT, TREE_PROPOSAL)
    assert rule is not None
    for unit_id, _ in sorted(actor.memberships, key=lambda m: (m[1] not in PROPOSERS, m[0])):
        if role_allows(actor, rule, unit_id):
            return unit_id
    from models.workflow import ROLE_LABELS

    lang = actor.language
    roles = ", ".join(sorted(ROLE_LABELS[r][1 if lang == "en" else 0] for r in PROPOSERS))
    raise PermissionDenied("perm.propose", user=actor.display, roles=roles)


def check_title(title: str) -> str:
    """A proposal's title, NFC and trimmed; refused when empty or longer than :data:`TITLE_MAX`."""
    title = clean(title or "")
    if not title:
        raise InvalidInput("tree.title_required")
    if len(title) > TITLE_MAX:
        raise InvalidInput("tree.title_too_long", max=TITLE_MAX)
    return title


def _refuse(result: Plan) -> None:
    if result.problems:
        raise InvalidInput("tree.invalid", problems=_problem_text(result))


def _problem_text(result: Plan) -> Localized:
    return Localized(
        "\n".join("- " + m for m in result.messages("vi")), "\n".join("- " + m for m in result.messages("en"))
    )


def _subject(result: Plan, s: Session) -> tuple[int, int]:
    """(portal id, category id) an item filed for this proposal carries: the first existing node it reads, else
    the first top-level node of the portal it adds to."""
    portals = dict(s.execute(select(Portal.code, Portal.id)).all())
    for key in list(result.base) + [k for c in result.changes for k in (c.get("node"), c.get("parent")) if k]:
        n = result.before.nodes.get(key)
        if n is not None and n.id is not None:
            return portals[n.portal], n.id
    portal = next((result.after.nodes[k].portal for k in result.added), "vi")
    first = result.before.children(portal, None)[0]
    node = result.before.nodes[first]
    assert node.id is not None
    return portals[portal], node.id


def _meta(result: Plan) -> dict[str, Any]:
    changes = [{k: v for k, v in c.items() if k != "index"} for c in result.changes]
    return {"changes": changes, "base": dict(sorted(result.base.items()))}


def propose(ws: Workspace, actor: Actor, title: str, changes: Any, *, rationale: str = "", submit: bool = True) -> Any:
    """File a proposal (an item of type ``category_change``) and, unless ``submit=False``, send it to the
    Board. Refused, with every problem listed, when a change cannot be made on the current tree."""
    from console.services import items

    with ws.db.write() as s:
        unit_id = _proposer_unit(actor)
        title = check_title(title)
        result = plan(s, changes)
        _refuse(result)
        portal_id, category_id = _subject(result, s)
        unit = s.get(Unit, unit_id)
        assert unit is not None
        item = Item(
            portal_id=portal_id, category_id=category_id, content_type=TREE_PROPOSAL, unit_id=unit_id,
            state=State.DRAFT.value, title=title, created_by_id=actor.user_id,
        )  # fmt: skip
        s.add(item)
        s.flush()
        rev = items._revision(
            s, actor, item, 1, title, "", nfc(rationale or "").strip(), _meta(result), actor.full_name, unit.name, "vi"
        )
        items._flush(s, item)
        items._item_audit(
            s,
            actor,
            "item.create",
            item,
            title=title,
            type=TREE_PROPOSAL,
            unit=unit.code,
            changes=len(result.changes),
            revision=rev.id,
            hash=rev.content_hash,
        )
        if submit:
            items._decide(s, actor, item, Action.SUBMIT)
        items._refresh_due(ws, s, item, {})
        return items._ref(item, rev.number)


def _load_proposal(s: Session, actor: Actor, item_id: int) -> tuple[Item, Revision]:
    item = s.execute(select(Item).where(Item.id == item_id).with_for_update()).scalar_one_or_none()
    if item is None:
        raise NotFound("notfound.item", item=item_id)
    check_view(actor, item)
    if item.content_type not in TREE_TYPES:
        raise InvalidInput("tree.not_proposal", item=item_id)
    rev = s.get(Revision, item.current_revision_id)
    assert rev is not None
    return item, rev


def _new_revision(s: Session, ws: Workspace, actor: Actor, item: Item, rev: Revision, title: str, rationale: str,
                  meta: dict[str, Any], what: str) -> Any:  # fmt: skip
    from console.services import items

    number = (s.scalar(select(func.max(Revision.number)).where(Revision.item_id == item.id)) or 0) + 1
    new = items._revision(s, actor, item, number, title, "", rationale, meta, rev.author, rev.source, rev.language)
    items._flush(s, item)
    items._item_audit(s, actor, f"item.{what}", item, revision=new.id, number=number, hash=new.content_hash)
    return items._ref(item, number)


def may_revise(actor: Actor, unit_id: int) -> bool:
    """Whether ``actor`` may revise or rebase a proposal of ``unit_id``: who may send it again (its proposer's unit;
    the desk for the Communications Centre's)."""
    rule = find_transition(State.RETURNED, Action.RESUBMIT, TREE_PROPOSAL)
    assert rule is not None
    return role_allows(actor, rule, unit_id)


def _check_revisable(s: Session, actor: Actor, item: Item, states: tuple[State, ...]) -> None:
    if State(item.state) not in states:
        lang = actor.language
        raise Conflict(
            "tree.not_revisable", item=item.id, state=STATE_LABELS[State(item.state)][1 if lang == "en" else 0]
        )
    _proposer_unit(actor)
    if not may_revise(actor, item.unit_id):
        unit = s.get(Unit, item.unit_id)
        raise PermissionDenied("perm.own_unit", user=actor.display, unit=unit.name if unit else item.unit_id)


def revise(
    ws: Workspace,
    actor: Actor,
    item_id: int,
    *,
    title: str | None = None,
    changes: Any = None,
    rationale: str | None = None,
    expected_version: int | None = None,
) -> Any:
    """A new revision of a draft or returned proposal: other changes, title or rationale, checked again."""
    from console.services import items

    with ws.db.write() as s:
        item, rev = _load_proposal(s, actor, item_id)
        items._check_version(s, item, expected_version)
        items._check_lock(s, actor, item)
        _check_revisable(s, actor, item, (State.DRAFT, State.RETURNED))
        result = plan(s, changes if changes is not None else rev.meta.get("changes", []))
        _refuse(result)
        new_title = check_title(title) if title is not None else rev.title
        body = nfc(rationale).strip() if rationale is not None else rev.body_md
        meta = _meta(result)
        if (new_title, body, meta) == (rev.title, rev.body_md, rev.meta):
            raise InvalidInput("input.no_change")
        return _new_revision(s, ws, actor, item, rev, new_title, body, meta, "revise")


def rebase(ws: Workspace, actor: Actor, item_id: int, *, expected_version: int | None = None) -> Any:
    """Check a proposal's changes again on the current tree and record the versions they now read: what the
    proposer does after an approval was refused because the tree changed underneath. Refused, with the
    problems, when the changes no longer fit; then the proposal needs revising (or withdrawing)."""
    from console.services import items

    with ws.db.write() as s:
        item, rev = _load_proposal(s, actor, item_id)
        items._check_version(s, item, expected_version)
        items._check_lock(s, actor, item)
        _check_revisable(s, actor, item, PENDING_STATES)
        result = plan(s, rev.meta.get("changes", []))
        if result.problems:
            raise InvalidInput("tree.no_longer_valid", item=item.id, problems=_problem_text(result))
        meta = _meta(result)
        if meta == rev.meta:
            raise InvalidInput("tree.up_to_date", item=item.id)
        return _new_revision(s, ws, actor, item, rev, rev.title, rev.body_md, meta, "rebase")


def check_submittable(s: Session, item: Item) -> None:
    """Before a proposal goes (again) to the Board: its changes still make sense on the current tree."""
    rev = s.get(Revision, item.current_revision_id)
    assert rev is not None
    result = plan(s, rev.meta.get("changes", []))
    if result.problems:
        raise InvalidInput("tree.no_longer_valid", item=item.id, problems=_problem_text(result))


# ------------------------------------------------------------------------------------------ applying


@dataclass(frozen=True, slots=True)
class StaleNode:
    """A node a proposal read that has changed since, and the change that did it (if the history knows)."""

    key: str
    name: str
    proposal_id: int | None
    proposal_title: str
    who: str
    when: datetime | None


def stale_nodes(s: Session, base: dict[str, int], tree: Tree) -> list[StaleNode]:
    out = []
    for key, version in base.items():
        n = tree.nodes.get(key)
        if n is not None and n.version == version:
            continue
        out.append(_who_changed(s, key, n, tree))
    return out


def _who_changed(s: Session, key: str, n: Node | None, tree: Tree) -> StaleNode:
    """The latest applied change to ``key``, or to its parent's children (a sibling added, moved or archived
    renumbers it)."""
    if n is None or n.id is None:
        return StaleNode(key, key, None, "", "?", None)
    near = [n.id] + [
        tree.nodes[k].id for k in tree.children(n.portal, n.parent, active=False) if tree.nodes[k].id is not None
    ]  # type: ignore[misc]
    if n.parent:
        near.append(tree.nodes[n.parent].id)  # type: ignore[arg-type]
    row = s.execute(
        select(CategoryChange.proposal_id, CategoryChange.at, Item.title, User.full_name)
        .join(Item, Item.id == CategoryChange.proposal_id)
        .join(User, User.id == CategoryChange.actor_id)
        .where(CategoryChange.category_id.in_(near))
        .order_by(CategoryChange.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return StaleNode(key, n.name, None, "", "?", None)
    return StaleNode(key, n.name, row.proposal_id, row.title, row.full_name, row.at)


def _refuse_stale(item: Item, stale: StaleNode) -> Conflict:
    if stale.proposal_id is None:
        return Conflict("tree.stale_unknown", item=item.id, node=stale.name)
    return Conflict(
        "tree.stale",
        item=item.id,
        node=stale.name,
        other=stale.proposal_id,
        other_title=stale.proposal_title,
        who=stale.who,
        when=local_text(stale.when) if stale.when else "?",
    )


def lock_tree(s: Session) -> None:
    """Take the tree for this transaction: one proposal applies at a time. The portals' rows are the lock (SQLite's
    ``BEGIN IMMEDIATE`` already serialises writers). Called first in an approving transaction, so that on MariaDB
    (repeatable read) the tree it reads afterwards includes every proposal applied before it."""
    s.execute(select(Portal.id).order_by(Portal.id).with_for_update()).all()


def apply_approved(s: Session, actor: Actor, item: Item) -> dict[str, int]:
    """Apply an approved proposal to the tree, whole, in the caller's transaction (``items.decide``).

    Refused with a :class:`Conflict` that names the change when a node it read has changed since it was
    checked, or when its changes no longer fit the tree; then nothing of it is written."""
    lock_tree(s)
    rev = s.get(Revision, item.approved_revision_id or item.current_revision_id)
    assert rev is not None
    tree = load_tree(s)
    stale = stale_nodes(s, rev.meta.get("base", {}), tree)
    if stale:
        raise _refuse_stale(item, stale[0])
    result = plan(s, rev.meta.get("changes", []), tree)
    if result.problems:
        raise Conflict("tree.no_longer_valid", item=item.id, problems=_problem_text(result))
    try:
        return _write(s, actor, item, result)
    except (StaleDataError, IntegrityError) as exc:  # another transaction changed a row under us: nothing is kept
        raise Conflict("tree.changed_meanwhile", item=item.id) from exc


# Plain tables: the writes of an applied proposal are Core statements.
_CAT = Base.metadata.tables[Category.__tablename__]
_ITEM = Base.metadata.tables[Item.__tablename__]
_REDIRECT = Base.metadata.tables[Redirect.__tablename__]
_HISTORY = Base.metadata.tables[CategoryChange.__tablename__]


def _updated(s: Session, stmt: Any, rows: list[dict[str, Any]]) -> None:
    """Run a versioned UPDATE for ``rows`` at once; refuse when a row was not at the version read (someone else's
    write got there first; nothing of this transaction is kept)."""
    if not rows:
        return
    done = s.connection().execute(stmt, rows)
    if s.get_bind().dialect.supports_sane_multi_rowcount and done.rowcount != len(rows):
        raise StaleDataError(f"{len(rows) - done.rowcount} category rows changed underneath")


def _write(s: Session, actor: Actor, item: Item, result: Plan) -> dict[str, int]:
    """Write a checked plan with Core statements, a few for the whole plan (not one per row: at 200 changes the
    ORM's unit of work spent 0.5 s on a thousand single UPDATEs)."""
    before, after = result.before, result.after
    portals = dict(s.execute(select(Portal.code, Portal.id)).all())
    units = dict(s.execute(select(Unit.code, Unit.id)).all())
    now = utcnow()
    # Real keys for the new nodes, in the order they were added (a parent before its children).
    taken = _KeyBook(before.nodes)
    real: dict[str, str] = {}
    for tmp in result.added:
        parent = after.nodes[tmp].parent
        real[tmp] = taken.next(after.nodes[tmp].portal, real.get(parent, parent) if parent else None)
    ids: dict[str, int] = {k: n.id for k, n in before.nodes.items() if n.id is not None}

    def rk(key: str) -> str:
        return real.get(key, key)

    def id_of(key: str | None) -> int | None:
        return ids[rk(key)] if key else None

    changed = [k for k, n in after.nodes.items() if k in before.nodes and not n.same_record(before.nodes[k])]
    # Slugs move through temporary values first, so that two siblings may swap theirs within the unique rule.
    moving = [k for k in changed if (after.nodes[k].slug, after.nodes[k].parent) != (before.nodes[k].slug,
                                                                                    before.nodes[k].parent)]
    by_id = _CAT.c.id == bindparam("b_id")
    at_version = _CAT.c.version == bindparam("b_version")
    _updated(s, _CAT.update().where(by_id, at_version).values(slug=bindparam("b_slug")),
             [{"b_id": ids[k], "b_version": before.nodes[k].version, "b_slug": f"~{ids[k]}"} for k in moving])
    for tmp in result.added:  # one at a time, parents first: a child needs its parent's id
        n = after.nodes[tmp]
        done = s.connection().execute(_CAT.insert().values(
            key=real[tmp], portal_id=portals[n.portal], parent_id=id_of(n.parent), position=n.position, slug=n.slug,
            name=n.name, name_vi=n.name_vi, status="active", responsible_unit_id=units.get(n.unit) if n.unit else None,
            description=n.description, content_types=list(n.content_types), deadline_rule=n.deadline_rule,
            version=1, created_at=now, updated_at=now,
        ))  # fmt: skip
        ids[real[tmp]] = done.inserted_primary_key[0]  # type: ignore[index]
    record_cols = ("parent_id", "position", "slug", "name", "name_vi", "status", "responsible_unit_id",
                   "description", "content_types", "deadline_rule", "counterpart_id")  # fmt: skip

    def record_of(k: str) -> dict[str, Any]:
        n = after.nodes[k]
        return {
            "b_parent_id": id_of(n.parent), "b_position": n.position, "b_slug": n.slug, "b_name": n.name,
            "b_name_vi": n.name_vi, "b_status": n.status,
            "b_responsible_unit_id": units.get(n.unit) if n.unit else None, "b_description": n.description,
            "b_content_types": list(n.content_types), "b_deadline_rule": n.deadline_rule,
            "b_counterpart_id": id_of(n.counterpart),
        }  # fmt: skip

    values: dict[str, Any] = {c: bindparam("b_" + c) for c in record_cols}
    _updated(s, _CAT.update().where(by_id, at_version).values(
        **values, version=_CAT.c.version + 1, updated_at=now),
        [{"b_id": ids[k], "b_version": before.nodes[k].version, **record_of(k)} for k in changed])  # fmt: skip
    linked = [k for k in result.added if after.nodes[k].counterpart]  # new nodes' links, once every id is known
    _updated(s, _CAT.update().where(by_id).values(counterpart_id=bindparam("b_partner")),
             [{"b_id": ids[rk(k)], "b_partner": id_of(after.nodes[k].counterpart)} for k in linked])
    # A parent whose children changed is itself touched, so that a proposal that read it sees the change.
    groups = {before.nodes[k].parent for k in changed} | {after.nodes[k].parent for k in changed + result.added}
    parents = sorted(p for p in groups if p and p in before.nodes and p not in set(changed))
    _updated(s, _CAT.update().where(by_id, at_version).values(version=_CAT.c.version + 1, updated_at=now),
             [{"b_id": ids[p], "b_version": before.nodes[p].version} for p in parents])
    moved_items = 0
    for source, target in result.item_moves:
        done = s.connection().execute(
            _ITEM.update()
            .where(_ITEM.c.category_id == ids[source], _ITEM.c.content_type.not_in(TREE_TYPES))  # proposals stay
            .values(category_id=ids[rk(target)])
        )
        moved_items += done.rowcount or 0
    old_paths, new_paths = before.paths(), after.paths()
    redirects = _write_redirects(s, item, result, portals, ids, rk, old_paths, new_paths, now)
    history = []
    for k, marks in result.marks.items():
        n = after.nodes[k]
        record = replace(n, key=rk(k), parent=rk(n.parent) if n.parent else None,
                         counterpart=rk(n.counterpart) if n.counterpart else None).record(new_paths[k])  # fmt: skip
        if n.status != "active" and k in before.nodes:  # where its links (and items) went
            into = result.final_target(k)
            record["into"] = rk(into) if into else None
        history.append({
            "category_id": ids[rk(k)], "proposal_id": item.id, "kind": " ".join(marks),
            "before": before.nodes[k].record(old_paths[k]) if k in before.nodes else None, "after": record,
            "actor_id": actor.user_id, "at": now,
        })  # fmt: skip
    if history:
        s.connection().execute(_HISTORY.insert(), history)
    summary = {
        "changes": len(result.changes), "nodes": len(history), "added": len(result.added),
        "items_moved": moved_items, "redirects": redirects,
    }  # fmt: skip
    kinds = Counter(c["kind"] for c in result.changes)
    audit.record(s, actor.user_id, actor.username, "category.apply", "item", item.id, **summary,
                 kinds=dict(sorted(kinds.items())), new_keys=[real[k] for k in result.added])  # fmt: skip
    return summary


class _KeyBook:
    """Keys in use, and the next free ``parent.N`` (``vi.18``, ``vi.2.1``) under each parent."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.taken = set(keys)
        self.top: dict[str, int] = {}
        for k in self.taken:
            prefix, _, last = k.rpartition(".")
            if last.isdigit():
                self.top[prefix] = max(self.top.get(prefix, 0), int(last))

    def next(self, portal: str, parent_key: str | None) -> str:
        prefix = parent_key or portal
        n = self.top.get(prefix, 0) + 1
        while f"{prefix}.{n}" in self.taken:
            n += 1
        key = f"{prefix}.{n}"
        self.taken.add(key)
        self.top[prefix] = n
        return key


def _write_redirects(s: Session, item: Item, result: Plan, portals: dict[str, int], ids: dict[str, int],
                     rk: Callable[[str], str], old_paths: dict[str, str], new_paths: dict[str, str],
                     now: datetime) -> int:  # fmt: skip
    conn = s.connection()
    live = {(portals[result.after.nodes[k].portal], p) for k, p in new_paths.items()
            if result.after.nodes[k].status == "active"}  # fmt: skip
    existing = {(r.portal_id, r.old_path): (r.id, r.category_id) for r in conn.execute(
        select(_REDIRECT.c.id, _REDIRECT.c.portal_id, _REDIRECT.c.old_path, _REDIRECT.c.category_id))}  # fmt: skip
    # A path a live node holds now is no longer a redirect.
    gone = [existing.pop(where)[0] for where in existing.keys() & live]
    if gone:
        conn.execute(_REDIRECT.delete().where(_REDIRECT.c.id.in_(gone)))
    # Redirects that led to a node now archived lead on to where its content went.
    for key in result.marks:
        if key in result.before.nodes and result.after.nodes[key].status != "active":
            target = result.final_target(key)
            if target is not None:
                conn.execute(_REDIRECT.update().where(_REDIRECT.c.category_id == ids[key])
                             .values(category_id=ids[rk(target)]))  # fmt: skip
    n = 0
    new: list[dict[str, Any]] = []
    for portal, path, target in result.redirects(old_paths, new_paths):
        where = (portals[portal], path)
        if where in live:
            continue
        values = {"category_id": ids[rk(target)], "proposal_id": item.id}
        if where in existing:
            conn.execute(_REDIRECT.update().where(_REDIRECT.c.id == existing[where][0]).values(**values))
        else:
            new.append({"portal_id": where[0], "old_path": path, "created_at": now, **values})
        n += 1
    if new:
        conn.execute(_REDIRECT.insert(), new)
    return n


# ------------------------------------------------------------------------------------------ reading


@dataclass(frozen=True, slots=True)
class NodeRow:
    """A node as the tree screen and ``category tree`` list it."""

    key: str
    portal: str
    parent: str | None
    depth: int
    position: int
    name: str
    name_vi: str
    slug: str
    path: str
    status: str
    unit: str | None
    content_types: tuple[str, ...]
    counterpart: str | None
    children: int  # how many sections it has (archived ones counted only when they are listed)


def _row(tree: Tree, paths: dict[str, str], key: str) -> NodeRow:
    n = tree.nodes[key]
    return NodeRow(n.key, n.portal, n.parent, len(tree.ancestors(key)), n.position, n.name, n.name_vi, n.slug,
                   paths[key], n.status, n.unit, n.content_types, n.counterpart,
                   len(tree.kids.get((n.portal, key), [])))  # fmt: skip


def children(ws: Workspace, portal: str, parent: str | None = None, *, archived: bool = True) -> list[NodeRow]:
    """One level of the tree, in order: what the tree screen loads when a node is expanded."""
    with ws.db.read() as s:
        parent_id = None
        prefix = ""
        depth = 0
        if parent is not None:
            row = s.execute(select(Category.id, Category.key).where(Category.key == parent)).first()
            if row is None:
                raise NotFound("notfound.category", node=parent)
            parent_id = row.id
            tree_up = _ancestry(s, parent)
            prefix = "/".join(tree_up["slugs"])
            depth = len(tree_up["slugs"])
        portal_id = s.scalar(select(Portal.id).where(Portal.code == portal))
        if portal_id is None:
            raise InvalidInput("input.unknown_portal", value=portal)
        c = Category.__table__.c
        stmt = (
            select(c.id, c.key, c.position, c.name, c.name_vi, c.slug, c.status, c.responsible_unit_id,
                   c.content_types, c.counterpart_id)
            .where(c.portal_id == portal_id, c.parent_id.is_(None) if parent_id is None else c.parent_id == parent_id)
        )  # fmt: skip
        if not archived:
            stmt = stmt.where(c.status == "active")
        rows = s.execute(stmt).all()
        counts = _child_counts(s, [r.id for r in rows], archived)
        units = dict(s.execute(select(Unit.id, Unit.code)).all())
        partners = {r.counterpart_id for r in rows if r.counterpart_id}
        partner_keys = (
            dict(s.execute(select(Category.id, Category.key).where(Category.id.in_(partners))).all())
            if partners
            else {}
        )
        out = [
            NodeRow(
                r.key,
                portal,
                parent,
                depth,
                r.position,
                r.name,
                r.name_vi,
                r.slug,
                (f"/{prefix}" if prefix else "") + "/" + r.slug,
                r.status,
                units.get(r.responsible_unit_id),
                tuple(r.content_types or ()),
                partner_keys.get(r.counterpart_id),
                counts.get(r.id, 0),
            )
            for r in rows
        ]
        return sorted(out, key=lambda r: (r.status != "active", r.position, r.key))


def _child_counts(s: Session, ids: list[int], archived: bool = True) -> dict[int, int]:
    if not ids:
        return {}
    stmt = select(Category.parent_id, func.count()).where(Category.parent_id.in_(ids)).group_by(Category.parent_id)
    if not archived:
        stmt = stmt.where(Category.status == "active")
    return {parent: n for parent, n in s.execute(stmt).all() if parent is not None}


def _ancestry(s: Session, key: str) -> dict[str, list[str]]:
    """The slugs and keys from the top level down to ``key`` (included)."""
    slugs: list[str] = []
    keys: list[str] = []
    row = s.execute(select(Category.parent_id, Category.slug, Category.key).where(Category.key == key)).first()
    while row is not None:
        slugs.append(row.slug)
        keys.append(row.key)
        if row.parent_id is None:
            break
        row = s.execute(
            select(Category.parent_id, Category.slug, Category.key).where(Category.id == row.parent_id)
        ).first()
    return {"slugs": slugs[::-1], "keys": keys[::-1]}


def ancestors(ws: Workspace, key: str) -> list[str]:
    """The keys from the top level down to ``key``'s parent: what to expand to show ``key``."""
    with ws.db.read() as s:
        return _ancestry(s, key)["keys"][:-1]


def rows(ws: Workspace, portal: str | None = None, *, archived: bool = True) -> list[NodeRow]:
    """The whole tree (or one portal's), depth first in position order."""
    with ws.db.read() as s:
        tree = load_tree(s)
    paths = tree.paths()
    out: list[NodeRow] = []

    def walk(p: str, parent: str | None) -> None:
        for k in tree.children(p, parent, active=not archived):
            out.append(_row(tree, paths, k))
            walk(p, k)

    for p in ("vi", "en"):
        if portal in (None, p):
            walk(p, None)
    return out


def matches(row: NodeRow, text: str) -> bool:
    """Whether ``text`` is in the node's name (either language), slug or key, diacritics and case ignored."""
    return fold(clean(text)) in fold(f"{row.name}\n{row.name_vi}\n{row.slug}\n{row.key}")


def search(ws: Workspace, portal: str | None, text: str, *, after: str | None = None,
           archived: bool = True) -> list[NodeRow]:  # fmt: skip
    """Nodes whose name (either language), slug or key contains ``text``, diacritics ignored, in tree order; with
    ``after`` (a key), starting from the first match after that node and wrapping around: "find next"."""
    needle = fold(clean(text))
    if not needle:
        return []
    every = rows(ws, portal, archived=archived)
    found = [i for i, r in enumerate(every) if matches(r, needle)]
    at = next((i for i, r in enumerate(every) if r.key == after), -1) if after else -1
    found = [i for i in found if i > at] + [i for i in found if i <= at]
    return [every[i] for i in found]


@dataclass(frozen=True, slots=True)
class HistoryRow:
    at: datetime
    proposal_id: int
    proposal_title: str
    actor: str
    marks: tuple[str, ...]
    before: dict[str, Any] | None
    after: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ProposalRow:
    id: int
    title: str
    state: str
    proposer: str
    submitted_at: datetime | None
    changes: int
    kinds: tuple[str, ...]
    keys: tuple[str, ...]  # the existing nodes it names
    version: int


@dataclass(frozen=True, slots=True)
class NodeDetail:
    """The tree screen's panel: a node's management record, its items by state, proposals and history."""

    row: NodeRow
    url: str
    unit_name: str | None
    description: str
    deadline_rule: str | None
    deadline_rule_name: str | None  # in the viewer's language, from the workspace's rule book
    counterpart_name: str | None
    items_by_state: dict[str, int]
    pending: list[ProposalRow]
    history: list[HistoryRow]
    redirects: list[str]
    version: int


def _names(c: dict[str, Any]) -> set[str]:
    out = {c.get(f) for f in ("node", "parent", "into", "items_to", "counterpart")}
    return {k for k in out | set(c.get("order") or ()) if k and not k.startswith("+")}


def proposals(ws: Workspace, actor: Actor, states: Iterable[State | str] | None = None) -> list[ProposalRow]:
    """Proposals (newest first), by default those still pending."""
    wanted = [State(x).value for x in (states or PENDING_STATES)]
    with ws.db.read() as s:
        return _proposals(s, actor, wanted)


def _proposals(s: Session, actor: Actor, states: list[str]) -> list[ProposalRow]:
    rows_ = s.execute(
        select(Item, Revision.meta, User.full_name)
        .join(Revision, Revision.id == Item.current_revision_id)
        .join(User, User.id == Item.created_by_id)
        .where(Item.content_type == TREE_PROPOSAL, Item.state.in_(states))
        .order_by(Item.id.desc())
    ).all()
    out = []
    from console.permissions import can_view

    for item, meta, who in rows_:
        if not can_view(actor, item):
            continue
        changes = (meta or {}).get("changes", [])
        keys = sorted(set().union(*(_names(c) for c in changes))) if changes else []
        out.append(
            ProposalRow(
                item.id,
                item.title,
                item.state,
                who,
                item.submitted_at,
                len(changes),
                tuple(dict.fromkeys(c.get("kind", "?") for c in changes)),
                tuple(keys),
                item.version,
            )
        )
    return out


def node_detail(ws: Workspace, actor: Actor, key: str) -> NodeDetail:
    with ws.db.read() as s:
        cat = s.execute(select(Category).where(Category.key == key)).scalar_one_or_none()
        if cat is None:
            raise NotFound("notfound.category", node=key)
        # The node's own row, path and neighbours, read for this node only (not the whole tree: 0.1 s at 5,000).
        up = _ancestry(s, key)
        path = "/" + "/".join(up["slugs"])
        portal = s.get(Portal, cat.portal_id)
        assert portal is not None
        unit = s.get(Unit, cat.responsible_unit_id) if cat.responsible_unit_id else None
        partner = s.get(Category, cat.counterpart_id) if cat.counterpart_id else None
        row = NodeRow(
            cat.key, portal.code, up["keys"][-2] if len(up["keys"]) > 1 else None, len(up["keys"]) - 1, cat.position,
            cat.name, cat.name_vi, cat.slug, path, cat.status, unit.code if unit else None,
            tuple(cat.content_types or ()), partner.key if partner else None, _child_counts(s, [cat.id]).get(cat.id, 0),
        )  # fmt: skip
        from console.services.queries import visible_clause

        counts = dict(s.execute(select(Item.state, func.count()).where(Item.category_id == cat.id,
                                                                       Item.content_type != TREE_PROPOSAL,
                                                                       visible_clause(actor))
                                .group_by(Item.state)).all())  # fmt: skip (what the actor may see, as queues count)
        rule = None
        if cat.deadline_rule:
            from console.services import due

            found = due.settings(ws, s)[1].by_key.get(cat.deadline_rule)
            rule = f"{found.name(actor.language)} ({found.article})" if found else None
        pending = [p for p in _proposals(s, actor, [x.value for x in PENDING_STATES]) if key in p.keys]
        hist = s.execute(
            select(CategoryChange, Item.title, User.full_name)
            .join(Item, Item.id == CategoryChange.proposal_id)
            .join(User, User.id == CategoryChange.actor_id)
            .where(CategoryChange.category_id == cat.id)
            .order_by(CategoryChange.id.desc())
        ).all()
        history = [HistoryRow(ch.at, ch.proposal_id, title, who, tuple(ch.kind.split()), ch.before, ch.after)
                   for ch, title, who in hist]  # fmt: skip
        redirects = list(s.scalars(select(Redirect.old_path).where(Redirect.category_id == cat.id)
                                   .order_by(Redirect.old_path)))  # fmt: skip
        return NodeDetail(
            row=row, url=f"https://{portal.domain}{path}", unit_name=unit.name if unit else None,
            description=cat.description or "", deadline_rule=cat.deadline_rule, deadline_rule_name=rule,
            counterpart_name=partner.name if partner else None, items_by_state=counts, pending=pending,
            history=history, redirects=redirects, version=cat.version,
        )  # fmt: skip


def redirects(ws: Workspace, portal: str | None = None) -> list[tuple[str, str, str, str]]:
    """(portal, old path, key, current path of the node it leads to), as the export carries them."""
    with ws.db.read() as s:
        tree = load_tree(s)
        paths = tree.paths()
        q = (select(Portal.code, Redirect.old_path, Category.key)
             .join(Portal, Portal.id == Redirect.portal_id).join(Category, Category.id == Redirect.category_id)
             .order_by(Portal.code, Redirect.old_path))  # fmt: skip
        if portal:
            q = q.where(Portal.code == portal)
        return [(p, old, k, paths[k]) for p, old, k in s.execute(q).all()]


# ------------------------------------------------------------------------------------------ the diff


@dataclass(frozen=True, slots=True)
class DiffRow:
    """One line of the before/after tree diff: a node, with what happened to it, among its ancestors."""

    portal: str
    key: str
    depth: int
    name: str
    marks: tuple[str, ...]  # empty: shown only as the ancestor of a changed node
    old_name: str | None = None
    old_path: str | None = None
    new_path: str | None = None
    old_parent: str | None = None  # the old parent's name, for a moved node
    into: str | None = None  # where a merged or archived node's content goes


@dataclass(frozen=True, slots=True)
class ProposalView:
    """A proposal as the review screen and ``category show`` present it."""

    id: int
    title: str
    rationale: str
    state: str
    changes: list[dict[str, Any]]
    summaries: list[str]
    diff: list[DiffRow]
    problems: list[str]
    stale: list[StaleNode]
    applied: bool
    problems_by_change: dict[int, list[str]] = field(default_factory=dict)  # change index -> its problems, bare
    may_revise: bool = False  # the viewer may revise or rebase it (its proposer's unit, or the desk)


def diff_rows(plan_: Plan) -> list[DiffRow]:
    """The after tree, reduced to the changed nodes and their ancestors, in tree order."""
    before, after = plan_.before, plan_.after
    old_paths, new_paths = before.paths(), after.paths()
    shown: set[str] = set()
    for k in plan_.marks:
        if k in after.nodes:
            shown.add(k)
            shown.update(after.ancestors(k))
    out: list[DiffRow] = []

    def walk(portal: str, parent: str | None, depth: int) -> None:
        for k in after.children(portal, parent, active=False):
            if k not in shown:
                continue
            n = after.nodes[k]
            old = before.nodes.get(k)
            marks = tuple(plan_.marks.get(k, ()))
            into = plan_.final_target(k) if n.status != "active" and old is not None else None
            out.append(DiffRow(
                portal, k, depth, n.name, marks,
                old_name=old.name if old and old.name != n.name else None,
                old_path=old_paths.get(k) if old and old_paths.get(k) != new_paths[k] else None,
                new_path=new_paths[k],
                old_parent=before.label(old.parent, portal) if old and old.parent != n.parent else None,
                into=after.nodes[into].name if into and into != k else None,
            ))  # fmt: skip
            walk(portal, k, depth + 1)

    for portal in ("vi", "en"):
        walk(portal, None, 0)
    return out


FIELD_LABELS: dict[str, tuple[str, str]] = {
    "unit": ("đơn vị phụ trách", "responsible unit"),
    "description": ("mô tả", "description"),
    "content_types": ("loại tin được đăng", "content types"),
    "deadline_rule": ("quy tắc thời hạn", "deadline rule"),
    "counterpart": ("mục tương ứng", "counterpart"),
}
register({f"tree.field.{k}": v for k, v in FIELD_LABELS.items()})


def describe(c: dict[str, Any], tree: Tree, lang: str | None = None, after: Tree | None = None) -> str:
    """A change in one line, with node names: «Đổi tên «Tin tức» → «Tin tức - Sự kiện»». Any dict is described,
    normalised or not, so a form can show what was typed."""

    def name(ref: object) -> str:
        if not ref:
            return t("tree.top_level", lang, portal=c.get("portal") or portal_of(c.get("node")))
        n = find(ref)
        return f"«{n.name}»" if n else str(ref)

    def find(ref: object) -> Node | None:  # a node of the tree before; one the proposal adds, in the tree after
        if not isinstance(ref, str):
            return None
        return tree.nodes.get(ref) or (after.nodes.get(ref) if after else None)

    def portal_of(ref: object) -> str:
        n = find(ref)
        return n.portal if n else ""

    kind = c.get("kind", "?")
    head = t(f"tree.kind.{kind}", lang) if kind in KINDS else kind
    if kind == "add":
        return f"{head} «{c.get('name')}» → {name(c.get('parent'))}"
    if kind == "rename":
        new = " / ".join(x for x in (c.get("name"), c.get("name_vi"), c.get("slug")) if x)
        return f"{head} {name(c.get('node'))} → «{new}»"
    if kind == "edit":
        fields = ", ".join(t(f"tree.field.{f}", lang) for f in RECORD_FIELDS if f in c)
        return f"{head} {name(c.get('node'))}: {fields}"
    if kind == "move":
        where = name(c.get("parent")) + (f" #{c['position']}" if c.get("position") else "")
        return f"{head} {name(c.get('node'))} → {where}"
    if kind == "reorder":
        order = c.get("order")
        listed = ", ".join(name(k) for k in (order if isinstance(order, list) else []))
        return f"{head} {name(c.get('parent'))}: {listed}"
    if kind == "merge":
        return f"{head} {name(c.get('node'))} → {name(c.get('into'))}"
    if kind == "archive":
        to = f" → {name(c.get('items_to'))}" if c.get("items_to") else ""
        return f"{head} {name(c.get('node'))}{to}"
    return head


def proposal(ws: Workspace, actor: Actor, item_id: int) -> ProposalView:
    """A proposal with its changes described and its tree diff: pending ones against the current tree (with
    what would stop them), applied ones as the history recorded them."""
    with ws.db.read() as s:
        item = s.get(Item, item_id)
        if item is None:
            raise NotFound("notfound.item", item=item_id)
        check_view(actor, item)
        if item.content_type not in TREE_TYPES:
            raise InvalidInput("tree.not_proposal", item=item_id)
        rev = s.get(Revision, item.current_revision_id)
        assert rev is not None
        changes = list(rev.meta.get("changes", []))
        applied = bool(s.scalar(select(func.count()).select_from(CategoryChange)
                                .where(CategoryChange.proposal_id == item.id)))  # fmt: skip
        tree = load_tree(s)
        by_change: dict[int, list[str]] = {}
        if applied:
            result = _applied_plan(s, item.id, tree)
            problems: list[str] = []
            stale: list[StaleNode] = []
        else:
            result = plan(s, changes, tree)
            problems = result.messages(actor.language)
            for p in result.problems:
                by_change.setdefault(p.index, []).append(p.message(actor.language, bare=True))
            stale = stale_nodes(s, rev.meta.get("base", {}), tree) if State(item.state) in PENDING_STATES else []
        summaries = [describe(c, result.before, actor.language, result.after) for c in changes]
        return ProposalView(item.id, item.title, rev.body_md, item.state, changes, summaries, diff_rows(result),
                            problems, stale, applied, by_change, may_revise(actor, item.unit_id))  # fmt: skip


def _applied_plan(s: Session, item_id: int, tree: Tree) -> Plan:
    """A plan rebuilt from the history an applied proposal left: its nodes as they were and became."""
    rows_ = s.execute(select(CategoryChange).where(CategoryChange.proposal_id == item_id)
                      .order_by(CategoryChange.id)).scalars().all()  # fmt: skip
    before, after = tree.copy(), tree.copy()
    marks: dict[str, list[str]] = {}
    forwards: dict[str, str] = {}

    def put(t_: Tree, rec: dict[str, Any]) -> None:
        old = t_.nodes.get(rec["key"])
        if old is not None:
            t_.kids[(old.portal, old.parent)].remove(rec["key"])
        node = Node(rec["key"], rec["portal"], rec["parent"], rec["position"], rec["name"], rec["name_vi"],
                    rec["slug"], rec["status"], rec["unit"], rec["description"], tuple(rec["content_types"]),
                    rec["deadline_rule"], rec["counterpart"])  # fmt: skip
        t_.nodes[node.key] = node
        group = t_.kids.setdefault((node.portal, node.parent), [])
        group.append(node.key)
        group.sort(key=lambda k: (t_.nodes[k].status != "active", t_.nodes[k].position))

    for ch in rows_:
        key = ch.after["key"]
        if ch.before is None:
            old = before.nodes.get(key)
            if old is not None:
                before.kids[(old.portal, old.parent)].remove(key)
                del before.nodes[key]
        else:
            put(before, ch.before)
        put(after, ch.after)
        marks[key] = ch.kind.split()
        if ch.after.get("into"):
            forwards[key] = ch.after["into"]
    result = Plan([], before, after)
    result.marks = marks
    result.forwards = forwards
    result.added = [ch.after["key"] for ch in rows_ if ch.before is None]
    return result
