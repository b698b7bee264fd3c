"""Category tree proposals in the TUI: the dialog of one change, the proposal dialog, and the tree diff.

* :class:`ChangeDialog` asks for one change of one kind (add, rename, edit, move, merge, archive), prefilled
  from the node the person picked. Before it returns the change, it runs ``tree.check`` on it (in a worker)
  and shows the problems under the form in the person's language; OK is refused while there are any, and
  nothing typed is lost.
* :class:`ProposalDialog` shows the basket of changes (one line each, with its problems beside it), the
  before/after tree of the whole basket, a title and a rationale, and files the proposal with
  ``tree.propose``; a refusal is shown in the dialog, which stays open.
* :func:`diff_text` draws a ``tree.diff_rows`` diff; the review screen of a proposal uses it too.

Like every dialog here, these only collect input and call services in thread workers; they never write.
The strings are registered here (``tui.proposal.*``) rather than in ``screens/strings.py``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, OptionList, Select, SelectionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from console.errors import ConsoleError
from console.i18n import current_language, register, t
from screens.base import bind
from screens.dialogs import _Dialog
from screens.strings import BINDING_PREFIX

if TYPE_CHECKING:
    from console.permissions import Actor
    from console.services.people import UnitRow
    from console.services.tree import DiffRow, NodeDetail, NodeRow, Problem
    from console.workspace import Workspace

register(
    {
        # One change.
        "tui.proposal.title.add": ("Thêm mục, chuyên mục (cổng {portal})", "Add a category ({portal} portal)"),
        "tui.proposal.title.rename": ("Đổi tên «{node}»", "Rename “{node}”"),
        "tui.proposal.title.edit": ("Sửa hồ sơ quản lý «{node}»", "Edit the management record of “{node}”"),
        "tui.proposal.title.move": ("Chuyển «{node}»", "Move “{node}”"),
        "tui.proposal.title.merge": ("Gộp «{node}» vào mục khác", "Merge “{node}” into another category"),
        "tui.proposal.title.archive": ("Lưu trữ «{node}»", "Archive “{node}”"),
        "tui.proposal.field.parent": ("Thuộc mục", "Parent"),
        "tui.proposal.field.new_parent": ("Chuyển vào", "Move into"),
        "tui.proposal.field.name": ("Tên", "Name"),
        "tui.proposal.field.name_en": ("Tên trên cổng tiếng Anh", "Name on the English portal"),
        "tui.proposal.field.name_vi": ("Tên tiếng Việt (để tra cứu)", "Vietnamese name (for look-ups)"),
        "tui.proposal.field.slug": ("Slug (phần đường dẫn; tự tạo từ tên, có thể sửa)",
                                    "Slug (URL part; made from the name, editable)"),
        "tui.proposal.field.unit": ("Đơn vị phụ trách", "Responsible unit"),
        "tui.proposal.field.description": ("Mô tả", "Description"),
        "tui.proposal.field.content_types": ("Loại tin, bài được nhận (Space để chọn)",
                                             "Content types it takes (Space to pick)"),
        "tui.proposal.field.deadline_rule": ("Quy tắc thời hạn", "Deadline rule"),
        "tui.proposal.field.position": ("Vị trí (để trống: cuối cùng)", "Position (blank: last)"),
        "tui.proposal.field.into": ("Gộp vào", "Merge into"),
        "tui.proposal.field.items_to": ("Chuyển tin, bài tới", "Send its items to"),
        "tui.proposal.field.counterpart": ("Mục tương ứng trên cổng kia", "Counterpart on the other portal"),
        "tui.proposal.top_level": ("(cấp đầu của cổng {portal})", "(top level of the {portal} portal)"),
        "tui.proposal.as_parent": ("(như mục cha)", "(as the parent)"),
        "tui.proposal.none": ("(không có)", "(none)"),
        "tui.proposal.choose": ("(chọn)", "(choose)"),
        "tui.proposal.choose_into": ("Hãy chọn mục, chuyên mục nhận nội dung gộp.",
                                     "Choose the category to merge into."),
        "tui.proposal.merge_note": (
            "Các mục con và tin, bài của «{node}» chuyển sang mục được chọn; «{node}» được lưu trữ và đường dẫn "
            "cũ chuyển hướng tới đó.",
            "The sections and items of “{node}” go to the chosen category; “{node}” is archived and its old "
            "paths redirect there.",
        ),
        "tui.proposal.archive_note": (
            "Các mục con được lưu trữ cùng. Nếu «{node}» hoặc mục con đang có tin, bài thì phải chọn nơi nhận "
            "chúng; đường dẫn cũ chuyển hướng tới đó.",
            "Its sections are archived with it. If “{node}” or its sections hold items, choose where they go; "
            "its old paths redirect there.",
        ),
        "tui.proposal.archive_holds": ("«{node}» đang có {n} tin, bài.", "“{node}” holds {n} items."),
        "tui.proposal.archive_empty": ("«{node}» không có tin, bài nào.", "“{node}” holds no items."),
        "tui.proposal.checking": ("Đang kiểm tra…", "Checking…"),
        "tui.proposal.not_valid": ("Chưa hợp lệ:", "Not valid yet:"),
        "tui.proposal.change_hint": ("Ctrl+S: kiểm tra rồi thêm vào đề xuất; Esc: hủy.",
                                     "Ctrl+S: check, then add to the proposal; Esc: cancel."),
        "tui.proposal.change_confirm": ("Thêm vào đề xuất", "Add to the proposal"),
        # The proposal.
        "tui.proposal.dialog_title": ("Đề xuất điều chỉnh cây chuyên mục: {n} thay đổi",
                                      "Category tree proposal: {n} changes"),
        "tui.proposal.field.title": ("Tiêu đề đề xuất", "Title of the proposal"),
        "tui.proposal.field.rationale": ("Lý do, căn cứ", "Rationale"),
        "tui.proposal.changes": ("Các thay đổi (Delete: bỏ một)", "Changes (Delete drops one)"),  # fits the column
        "tui.proposal.no_changes": ("Chưa có thay đổi nào.", "No changes yet."),
        "tui.proposal.diff": ("Cây trước/sau", "Tree before/after"),
        "tui.proposal.submit": ("Gửi Ban Biên tập", "Submit to the Board"),
        "tui.proposal.hint": ("Ctrl+S: gửi Ban Biên tập; Esc: đóng (các thay đổi và nội dung đã gõ được giữ).",
                              "Ctrl+S: submit to the Board; Esc: close (the changes and what you typed are kept)."),
        # The diff.
        "tui.proposal.portal.vi": ("Cổng tiếng Việt — baohiemxahoi.gov.vn", "Vietnamese portal — baohiemxahoi.gov.vn"),
        "tui.proposal.portal.en": ("Cổng tiếng Anh — vss.gov.vn", "English portal — vss.gov.vn"),
        "tui.proposal.diff.from": ("(từ «{parent}»)", "(from “{parent}”)"),
        "tui.proposal.diff.same": ("Cây không thay đổi.", "The tree does not change."),
        # The review screen of a proposal.
        "tui.proposal.tab": ("Cây trước/sau", "Tree before/after"),
        "tui.proposal.review.changes": ("Các thay đổi", "Changes"),
        "tui.proposal.review.problems": ("Không còn áp dụng được trên cây hiện tại:",
                                         "No longer fits the current tree:"),
        "tui.proposal.review.applied": ("Đã áp dụng vào cây khi được duyệt.", "Applied to the tree when approved."),
        "tui.proposal.stale": (
            "«{node}» đã thay đổi sau khi đề xuất được lập, bởi đề xuất #{other} «{title}» ({who}, {when}).",
            "“{node}” has changed since this proposal was made, by proposal #{other} “{title}” ({who}, {when}).",
        ),
        "tui.proposal.stale_unknown": ("«{node}» đã thay đổi sau khi đề xuất được lập.",
                                       "“{node}” has changed since this proposal was made."),
        "tui.proposal.stale_hint": (
            "Chưa duyệt được: người đề xuất cần cập nhật đề xuất theo cây hiện tại (rebase).",
            "It cannot be approved yet: the proposer needs to rebase it on the current tree.",
        ),
        "tui.proposal.stale_hint_key": (
            "Chưa duyệt được: nhấn {keys} để cập nhật đề xuất theo cây hiện tại (rebase).",
            "It cannot be approved yet: press {keys} to rebase it on the current tree.",
        ),
        "tui.proposal.rebased": ("Đã cập nhật đề xuất #{id} theo cây hiện tại.",
                                 "Proposal #{id} is rebased on the current tree."),
        "tui.proposal.meta.changes": ("Các thay đổi", "Changes"),
        "tui.proposal.meta.base": ("Phiên bản các mục đã đọc", "Versions of the nodes read"),
        BINDING_PREFIX + "proposal.remove": ("Bỏ thay đổi", "Remove the change"),
        BINDING_PREFIX + "review.rebase": ("Cập nhật theo cây hiện tại", "Rebase"),
        BINDING_PREFIX + "review.tab_tree": ("Thẻ cây trước/sau", "Tree tab"),
    }
)

KINDS = ("add", "rename", "edit", "move", "merge", "archive")  # reorder is made on the tree screen
TOP = ""  # the top level of a portal, as a change names it (``parent: ""``)
FIRST_FIELD = {"add": "#change-name", "rename": "#change-name", "edit": "#change-unit", "move": "#change-parent",
               "merge": "#change-into", "archive": "#change-items-to"}
DIFF_SIGNS: tuple[tuple[str, str, str], ...] = (  # (mark, sign, style), the first mark a node has wins
    ("added", "+", "green"),
    ("merged", "−", "red"),
    ("archived", "−", "red"),
    ("moved", "→", "yellow"),
    ("renamed", "~", "cyan"),
    ("reordered", "↕", "blue"),
    ("edited", "✎", "magenta"),
    ("merged_in", "⇐", "green"),
)


# ------------------------------------------------------------------------------------------ the diff


def diff_text(rows: list[DiffRow], lang: str | None = None) -> Text:
    """A tree diff, one line per node indented by depth under a heading per portal: ``+`` added (green),
    ``−`` archived or merged (red, with where its content goes), ``→`` moved (yellow, from where), ``~``
    renamed (the old name struck through), ``↕`` reordered, ``✎`` record edited; unmarked lines are the
    ancestors of changed nodes, dim. Each line ends with what happened in words and, where the URL path
    changes, old → new."""
    from console.services.tree import MARK_LABELS

    lang = lang or current_language()
    i = 1 if lang == "en" else 0
    out = Text()
    if not rows:
        out.append(t("tui.proposal.diff.same", lang), style="dim")
        return out
    portal = None
    for r in rows:
        if out:
            out.append("\n")
        if r.portal != portal:
            portal = r.portal
            out.append(t(f"tui.proposal.portal.{portal}", lang), style="bold underline")
            out.append("\n")
        sign, style = next(((s, st) for m, s, st in DIFF_SIGNS if m in r.marks), (" ", "dim"))
        out.append("  " * (r.depth + 1))
        out.append(sign, style=f"bold {style}")
        out.append(" ")
        if r.old_name:
            out.append(r.old_name, style="dim strike")
            out.append(" → ", style="dim")
        out.append(r.name, style=f"bold {style}" if r.marks else "dim")
        if r.into:
            out.append(f" → «{r.into}»", style=style)
        if r.old_parent is not None and "moved" in r.marks:
            out.append(" " + t("tui.proposal.diff.from", lang, parent=r.old_parent), style="yellow")
        if r.marks:
            out.append("  [" + ", ".join(MARK_LABELS[m][i] if m in MARK_LABELS else m for m in r.marks) + "]",
                       style="italic")
        if r.old_path:
            out.append(f"  {r.old_path} → {r.new_path}", style="dim")
        elif "added" in r.marks and r.new_path:
            out.append(f"  {r.new_path}", style="dim")
    return out


def bare_message(problem: Problem, lang: str) -> str:
    """A problem's message without the «Thay đổi n (kind):» prefix, as a sentence (for a form about one change)."""
    text = t(problem.key, lang, **problem.params)
    return text[:1].upper() + text[1:]


def problem_lines(messages: list[str], head: str = "") -> Text:
    out = Text()
    if head and messages:
        out.append(head, style="bold red")
    for m in messages:
        if out:
            out.append("\n")
        out.append("• " + m, style="red")
    return out


def _actor(app: Any) -> Actor:
    actor = app.actor
    assert actor is not None, "a proposal dialog needs a logged-in person"
    return replace(actor, language=current_language())  # type: ignore[no-any-return]


# ------------------------------------------------------------------------------------------ one change


class ChangeDialog(_Dialog):
    """One change of the tree, of one ``kind``, about ``node`` (for ``add``: the parent, ``None`` for the top
    level of ``portal``). Returns the change (a dict as ``tree.FIELDS`` describes) or ``None``.

    ``before``: the changes already in the basket, so that the new one is checked after them (a rename of a
    node the basket already moved is checked on the moved node); only the new change's problems are shown.
    """

    DEFAULT_CSS = """
    ChangeDialog { align: center middle; }
    #change-form { height: auto; max-height: 55vh; }
    #change-problems { height: auto; max-height: 6; color: $text-error; }
    #change-description { height: 4; }
    #change-types { height: auto; max-height: 8; }
    .change-note { color: $text-muted; height: auto; margin-top: 1; }
    """

    def __init__(self, ws: Workspace, kind: str, node: NodeRow | None, portal: str, *,
                 before: list[dict[str, Any]] | None = None) -> None:
        if kind not in KINDS:
            raise ValueError(f"ChangeDialog makes one of {', '.join(KINDS)}, not {kind!r}")
        if node is None and kind != "add":
            raise ValueError(f"a {kind} change needs the node it changes")
        super().__init__()
        self.ws, self.kind, self.node, self.portal = ws, kind, node, (node.portal if node else portal)
        self.before = list(before or [])
        self.record: NodeDetail | None = None  # the node's management record (edit, archive)
        self.loaded = False
        self.problems: list[str] = []
        renaming = kind == "rename" and node is not None
        self.initial_name = node.name if renaming and node else ""
        self.initial_slug = node.slug if renaming and node else ""
        self._auto_slug = self.initial_slug
        self.slug_touched = False

    # ------------------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="change-box"):
            with VerticalScroll(id="change-form"):
                yield from getattr(self, f"_compose_{self.kind}")()
            yield Static(id="change-problems", markup=False)
            yield Static(t("tui.proposal.change_hint"), classes="dialog-hint", markup=False)
            yield self.buttons(t("tui.proposal.change_confirm"))

    @staticmethod
    def _label(name: str) -> Label:
        return Label(t(f"tui.proposal.field.{name}"), classes="field-label")

    def _parent_select(self, current: str | None) -> Select[str]:
        """The picker of a new parent: the portal's active nodes and its top level (filled once loaded)."""
        value = current or TOP
        if not current:
            label = t("tui.proposal.top_level", portal=self.portal)
        else:
            label = self.node.name if self.node and self.node.key == current else current
        return Select[str]([(label, value)], id="change-parent", allow_blank=False, value=value)

    def _names(self) -> ComposeResult:
        node = self.node if self.kind == "rename" else None
        yield self._label("name_en" if self.portal == "en" else "name")
        yield Input(node.name if node else "", id="change-name")
        if self.portal == "en":
            yield self._label("name_vi")
            yield Input(node.name_vi if node else "", id="change-name-vi")
        yield self._label("slug")
        yield Input(self.initial_slug, id="change-slug")

    def _record(self, inherit: bool) -> ComposeResult:
        from console.services.tree import CONTENT_TYPES_TAKEN
        from models.content_types import CONTENT_TYPES

        lang = current_language()
        blank = t("tui.proposal.as_parent") if inherit else t("tui.proposal.none")
        have = set(self.node.content_types) if self.node else set()
        yield self._label("unit")
        yield Select[str]([], id="change-unit", prompt=blank)
        yield self._label("description")
        yield TextArea("", id="change-description", soft_wrap=True, show_line_numbers=False)
        yield self._label("content_types")
        yield SelectionList[str](
            *((ct.name_en if lang == "en" else ct.name_vi, ct.code, ct.code in have)
              for ct in CONTENT_TYPES if ct.code in CONTENT_TYPES_TAKEN),
            id="change-types",
        )
        yield self._label("deadline_rule")
        yield Select[str](self._rules(lang), id="change-rule", prompt=blank)

    @staticmethod
    def _rules(lang: str) -> list[tuple[str, str]]:
        from console.deadlines import DEFAULT_RULES

        return [(f"{r.key} — {r.name(lang)}", r.key) for r in DEFAULT_RULES]

    def _compose_add(self) -> ComposeResult:
        yield self._label("parent")
        yield self._parent_select(self.node.key if self.node else None)
        yield from self._names()
        yield from self._record(inherit=self.node is not None)
        yield self._label("position")
        yield Input("", id="change-position", type="integer")

    def _compose_rename(self) -> ComposeResult:
        yield from self._names()

    def _compose_edit(self) -> ComposeResult:
        yield from self._record(inherit=False)
        yield self._label("counterpart")
        yield Select[str]([], id="change-counterpart", prompt=t("tui.proposal.none"))

    def _compose_move(self) -> ComposeResult:
        assert self.node is not None
        yield self._label("new_parent")
        yield self._parent_select(self.node.parent)
        yield self._label("position")
        yield Input("", id="change-position", type="integer")

    def _compose_merge(self) -> ComposeResult:
        assert self.node is not None
        yield Static(t("tui.proposal.merge_note", node=self.node.name), classes="change-note", markup=False)
        yield self._label("into")
        yield Select[str]([], id="change-into", prompt=t("tui.proposal.choose"))

    def _compose_archive(self) -> ComposeResult:
        assert self.node is not None
        yield Static(t("tui.proposal.archive_note", node=self.node.name), classes="change-note", markup=False)
        yield Static(id="change-holds", classes="change-note", markup=False)
        yield self._label("items_to")
        yield Select[str]([], id="change-items-to", prompt=t("tui.proposal.none"))

    def on_mount(self) -> None:
        super().on_mount()
        node = self.node.name if self.node else ""
        self.query_one("#change-box").border_title = t(f"tui.proposal.title.{self.kind}", node=node,
                                                       portal=self.portal)
        self._load(current_language())

    # -------------------------------------------------------------------------------- load

    @work(thread=True, exit_on_error=False)
    def _load(self, lang: str) -> None:
        from console.services import people, tree

        nodes = tree.rows(self.ws, self.portal, archived=False)
        other = tree.rows(self.ws, "en" if self.portal == "vi" else "vi", archived=False) if self.kind == "edit" else []
        units = people.list_units(self.ws) if self.kind in ("add", "edit") else []
        record = None
        if self.kind in ("edit", "archive"):
            assert self.node is not None
            record = tree.node_detail(self.ws, _actor(self.app), self.node.key)
        self.app.call_from_thread(self._loaded, nodes, other, units, record, lang)

    def _loaded(self, nodes: list[NodeRow], other: list[NodeRow], units: list[UnitRow], record: NodeDetail | None,
                lang: str) -> None:
        self.record = record
        own = self.node.key if self.node else None
        options = [("  " * n.depth + n.name, n.key) for n in nodes]
        top = [(t("tui.proposal.top_level", portal=self.portal), TOP)]
        with self.prevent(Select.Changed):
            if self.kind in ("add", "move"):
                select = self.query_one("#change-parent", Select)
                current = select.value
                select.set_options(top + options)
                select.value = current
            if self.kind in ("add", "edit"):
                self.query_one("#change-unit", Select).set_options(
                    [(f"{u.code} — {(u.name_en or u.name) if lang == 'en' else u.name}", u.code) for u in units])
            if self.kind == "merge":
                self.query_one("#change-into", Select).set_options([o for o in options if o[1] != own])
            if self.kind == "archive":
                self.query_one("#change-items-to", Select).set_options([o for o in options if o[1] != own])
            if self.kind == "edit" and record is not None:
                counterpart = self.query_one("#change-counterpart", Select)
                counterpart.set_options([("  " * n.depth + n.name, n.key) for n in other])
                _set(counterpart, {n.key for n in other}, record.row.counterpart)
                _set(self.query_one("#change-unit", Select), {u.code for u in units}, record.row.unit)
                _set(self.query_one("#change-rule", Select), {k for _, k in self._rules(lang)}, record.deadline_rule)
                self.query_one("#change-description", TextArea).text = record.description
        if self.kind == "archive" and record is not None:
            held = sum(record.items_by_state.values())
            assert self.node is not None
            key = "tui.proposal.archive_holds" if held else "tui.proposal.archive_empty"
            self.query_one("#change-holds", Static).update(t(key, node=self.node.name, n=held))
        self.loaded = True
        self.query_one(FIRST_FIELD[self.kind]).focus()

    # ------------------------------------------------------------------------------- input

    def _text(self, widget_id: str) -> str:
        return self.query_one(widget_id, Input).value.strip()

    def _choice(self, widget_id: str) -> str | None:
        value = self.query_one(widget_id, Select).value
        return None if value is Select.NULL else str(value)

    def _position(self, change: dict[str, Any]) -> None:
        text = self._text("#change-position")
        if text:  # a whole number goes as one; anything else as typed, and the service says what it needs
            change["position"] = int(text) if re.fullmatch(r"-?\d+", text) else text

    def change(self) -> dict[str, Any]:
        """The change the form holds now."""
        kind, node = self.kind, self.node
        c: dict[str, Any] = {"kind": kind}
        if kind == "add":
            c.update(portal=self.portal, parent=self._choice("#change-parent") or TOP, name=self._text("#change-name"))
            if self.portal == "en" and self._text("#change-name-vi"):
                c["name_vi"] = self._text("#change-name-vi")
            if self._text("#change-slug"):
                c["slug"] = self._text("#change-slug")
            for name, value in (("unit", self._choice("#change-unit")),
                                ("description", self.query_one("#change-description", TextArea).text.strip()),
                                ("deadline_rule", self._choice("#change-rule"))):
                if value:
                    c[name] = value
            c["content_types"] = list(self.query_one("#change-types", SelectionList).selected)
            self._position(c)
            return c
        assert node is not None
        c["node"] = node.key
        if kind == "rename":
            name = self._text("#change-name")
            if name != node.name:
                c["name"] = name
            if self.portal == "en" and self._text("#change-name-vi") != node.name_vi:
                c["name_vi"] = self._text("#change-name-vi")
            if self._text("#change-slug") != node.slug:
                c["slug"] = self._text("#change-slug")
        elif kind == "edit":
            rec = self.record
            types = list(self.query_one("#change-types", SelectionList).selected)
            now = {"unit": self._choice("#change-unit"),
                   "description": self.query_one("#change-description", TextArea).text.strip(),
                   "deadline_rule": self._choice("#change-rule"), "counterpart": self._choice("#change-counterpart")}
            was = {"unit": rec.row.unit, "description": rec.description, "deadline_rule": rec.deadline_rule,
                   "counterpart": rec.row.counterpart} if rec else {}
            for name, value in now.items():
                if (value or None) != (was.get(name) or None):
                    c[name] = value or ""
            if rec is None or set(types) != set(rec.row.content_types):
                c["content_types"] = types
        elif kind == "move":
            c["parent"] = self._choice("#change-parent") or TOP
            self._position(c)
        elif kind == "merge":
            into = self._choice("#change-into")
            if into:
                c["into"] = into
        elif kind == "archive":
            items_to = self._choice("#change-items-to")
            if items_to:
                c["items_to"] = items_to
        return c

    def _local_problems(self, c: dict[str, Any]) -> list[str]:
        """What the form itself knows is missing (the service checks everything else)."""
        if self.kind == "rename" and not self._text("#change-name"):
            return [bare_text("tree.name_empty")]  # an emptied name would otherwise just "keep the old one"
        if self.kind == "merge" and "into" not in c:
            return [t("tui.proposal.choose_into")]
        return []

    @on(Input.Changed, "#change-name")
    def _name_changed(self, event: Input.Changed) -> None:
        if self.slug_touched:
            return
        from console.services.tree import SLUG_MAX
        from console.text import slug

        name = event.value.strip()
        auto = self.initial_slug if name == self.initial_name else slug(name)[:SLUG_MAX].rstrip("-")
        self._auto_slug = auto
        self.query_one("#change-slug", Input).value = auto

    @on(Input.Changed, "#change-slug")
    def _slug_changed(self, event: Input.Changed) -> None:
        self.slug_touched = event.value not in (self._auto_slug, "")

    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    @on(SelectionList.SelectedChanged)
    def _edited(self) -> None:
        """Once problems are shown, they follow what is typed: each fix clears its line."""
        if self.problems and self.loaded:
            self._validate(close=False)

    # ----------------------------------------------------------------------------- confirm

    def action_confirm(self) -> None:
        if self.loaded:
            self._validate(close=True)

    def _validate(self, close: bool) -> None:
        change = self.change()
        local = self._local_problems(change)
        if local:
            self._show_problems(local)
            return
        if close:
            self.query_one("#change-problems", Static).update(Text(t("tui.proposal.checking"), style="dim"))
        self._check(change, close, current_language())

    @work(thread=True, exclusive=True, group="change.check", exit_on_error=False)
    def _check(self, change: dict[str, Any], close: bool, lang: str) -> None:
        from console.services import tree

        result = tree.check(self.ws, [*self.before, change])
        mine = len(self.before)
        messages = [bare_message(p, lang) for p in result.problems if p.index == mine]
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._checked, change, messages, close)

    def _checked(self, change: dict[str, Any], messages: list[str], close: bool) -> None:
        if change != self.change():  # typed on meanwhile: check what the form holds now
            self._validate(close=False)
            return
        self._show_problems(messages)
        if close and not messages:
            self.dismiss(change)

    def _show_problems(self, messages: list[str]) -> None:
        self.problems = messages
        self.query_one("#change-problems", Static).update(problem_lines(messages, t("tui.proposal.not_valid")))


def _set(select: Select[str], legal: set[str], value: str | None) -> None:
    if value and value in legal:
        select.value = value


def bare_text(key: str, **params: Any) -> str:
    text = t(key, **params)
    return text[:1].upper() + text[1:]


# ------------------------------------------------------------------------------------------ the proposal


class ProposalDialog(_Dialog):
    """The basket of changes as one proposal: title, rationale, the changes with their problems, the tree
    before/after, and "submit to the Board". Returns the new proposal's item id, or ``None``.

    ``changes`` is the caller's basket and is worked on in place: a change removed here is gone from it. After
    an id comes back, the caller empties the basket. ``draft`` (optional) keeps the title and rationale typed,
    so closing the dialog and opening it again loses nothing."""

    DEFAULT_CSS = """
    ProposalDialog { align: center middle; }
    #proposal-box { width: 124; }
    #proposal-body { height: auto; max-height: 60vh; }
    #proposal-form, #proposal-tree { width: 1fr; height: auto; max-height: 60vh; }
    #proposal-tree { margin-left: 1; }
    #proposal-rationale { height: 4; }
    #proposal-changes { height: auto; max-height: 12; }
    #proposal-diff { height: auto; padding: 0 1; }
    #proposal-whole { height: auto; color: $text-error; }
    #proposal-error { height: auto; max-height: 6; color: $text-error; }
    """
    BINDINGS = [bind("delete", "remove_change", "proposal.remove")]

    def __init__(self, ws: Workspace, changes: list[dict[str, Any]], draft: dict[str, str] | None = None) -> None:
        super().__init__()
        self.ws = ws
        self.changes = changes
        self.draft = draft if draft is not None else {}
        self.summaries: list[str] = []
        self.problems: dict[int, list[str]] = {}
        self.whole: list[str] = []
        self.diff: list[DiffRow] = []
        self.submitting = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="proposal-box"):
            with Horizontal(id="proposal-body"):
                with VerticalScroll(id="proposal-form"):
                    yield Label(t("tui.proposal.field.title"), classes="field-label")
                    yield Input(self.draft.get("title", ""), id="proposal-title")
                    yield Label(t("tui.proposal.field.rationale"), classes="field-label")
                    yield TextArea(self.draft.get("rationale", ""), id="proposal-rationale", soft_wrap=True,
                                   show_line_numbers=False)
                    yield Label(t("tui.proposal.changes"), classes="field-label")
                    yield OptionList(id="proposal-changes")
                    yield Static(id="proposal-whole", markup=False)
                with VerticalScroll(id="proposal-tree"):
                    yield Label(t("tui.proposal.diff"), classes="field-label")
                    yield Static(id="proposal-diff", markup=False)
            yield Static(id="proposal-error", markup=False)
            yield Static(t("tui.proposal.hint"), classes="dialog-hint", markup=False)
            yield self.buttons(t("tui.proposal.submit"))

    def on_mount(self) -> None:
        super().on_mount()
        self._show()
        self.query_one("#proposal-title", Input).focus()
        self._recheck()

    # ------------------------------------------------------------------------------ checks

    def _recheck(self) -> None:
        self._check(list(self.changes), current_language())

    @work(thread=True, exclusive=True, group="proposal.check", exit_on_error=False)
    def _check(self, changes: list[dict[str, Any]], lang: str) -> None:
        from console.services import tree

        result = tree.check(self.ws, changes)
        summaries = [tree.describe(c, result.before, lang) for c in changes]
        problems: dict[int, list[str]] = {}
        whole = []
        for p in result.problems:
            if p.index >= 0:
                problems.setdefault(p.index, []).append(bare_message(p, lang))
            elif p.key != "tree.empty":  # an empty basket says so in the list
                whole.append(p.message(lang))
        rows = tree.diff_rows(result)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._checked, changes, summaries, problems, whole, rows)

    def _checked(self, changes: list[dict[str, Any]], summaries: list[str], problems: dict[int, list[str]],
                 whole: list[str], rows: list[DiffRow]) -> None:
        if changes != self.changes:
            return  # a change was removed meanwhile; its own check is on the way
        self.summaries, self.problems, self.whole, self.diff = summaries, problems, whole, rows
        self._show()

    def _show(self) -> None:
        lang = current_language()
        self.query_one("#proposal-box").border_title = t("tui.proposal.dialog_title", n=len(self.changes))
        options = self.query_one("#proposal-changes", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        if not self.changes:
            options.add_option(Option(Text(t("tui.proposal.no_changes"), style="dim"), disabled=True))
        for i in range(len(self.changes)):
            line = Text(f"{i + 1}. ", style="bold")
            line.append(self.summaries[i] if i < len(self.summaries) else str(self.changes[i].get("kind", "?")))
            for message in self.problems.get(i, []):
                line.append("\n    ⚠ " + message, style="red")
            options.add_option(Option(line, id=str(i)))
        if self.changes and highlighted is not None:
            options.highlighted = min(highlighted, len(self.changes) - 1)
        self.query_one("#proposal-whole", Static).update(problem_lines(self.whole))
        self.query_one("#proposal-diff", Static).update(diff_text(self.diff, lang))

    # ----------------------------------------------------------------------------- actions

    def action_remove_change(self) -> None:
        options = self.query_one("#proposal-changes", OptionList)
        index = options.highlighted
        if index is None or not 0 <= index < len(self.changes):
            return
        del self.changes[index]
        self.summaries = self.summaries[:index] + self.summaries[index + 1:]
        self.problems = {}  # renumbered by the check that follows
        self._show()
        self._recheck()

    def _keep_draft(self) -> tuple[str, str]:
        title = self.query_one("#proposal-title", Input).value
        rationale = self.query_one("#proposal-rationale", TextArea).text
        self.draft.update(title=title, rationale=rationale)
        return title, rationale

    def action_cancel(self) -> None:
        self._keep_draft()
        super().action_cancel()

    def action_confirm(self) -> None:
        if self.submitting:
            return
        title, rationale = self._keep_draft()
        self.submitting = True
        self.query_one("#proposal-error", Static).update(Text(t("tui.proposal.checking"), style="dim"))
        self._submit(title, rationale, list(self.changes), current_language())

    @work(thread=True, exclusive=True, group="proposal.submit", exit_on_error=False)
    def _submit(self, title: str, rationale: str, changes: list[dict[str, Any]], lang: str) -> None:
        from console.services import tree

        try:
            ref = tree.propose(self.ws, replace(_actor(self.app), language=lang), title, changes, rationale=rationale)
        except ConsoleError as error:  # refused: said in the dialog, which stays open with everything typed
            self.app.call_from_thread(self._refused, error.message(lang))
            return
        finally:
            self.submitting = False
        self.app.call_from_thread(self._filed, ref.id)

    def _refused(self, message: str) -> None:
        self.query_one("#proposal-error", Static).update(Text(message, style="bold red"))

    def _filed(self, item_id: int) -> None:
        self.draft.clear()
        self.dismiss(item_id)  # the caller says so (and empties its basket)
