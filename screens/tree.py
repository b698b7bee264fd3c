"""The category tree of both portals: browse it lazily, read each node's management record, and gather
changes into a basket that becomes one proposal for the Editorial Board (issue 6).

Every read goes through ``console.services.tree`` in thread workers: a level of the tree when a node is
expanded (the node shows "Đang tải…" meanwhile), a node's record when the cursor rests on it, the path to a
node found by search or to the counterpart followed on the other portal. Like the queue, the screen polls
``queries.change_stamp`` and reloads only when it moved, re-expanding what was expanded and keeping the
cursor on its node.

The screen never changes the tree: a change is a proposal (``screens.proposal``'s dialogs, which call
``tree.check`` and ``tree.propose``), approved or not by the Board.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, Tree
from textual.widgets._tree import TOGGLE_STYLE
from textual.widgets.tree import TreeNode
from textual.worker import Worker, get_current_worker

from console.i18n import current_language, t
from console.timefmt import local_text
from screens.base import OnWorkspace, PollsChanges, TypedFind, bind, localize_bindings, worker_error

if TYPE_CHECKING:
    from console.permissions import Actor
    from console.services.tree import HistoryRow, NodeDetail, NodeRow, ProposalRow

DETAIL_DELAY = 0.12  # the record loads once the cursor rests this long (a held j does not read every node)
PORTALS = ("vi", "en")
ROOT = ""  # the top level, as a key of the loaded levels
Levels = dict[str, list["NodeRow"]]  # parent key (ROOT: the top level) -> its children, in order
# The record's fields a history row compares, in the order they are shown.
HISTORY_FIELDS = ("name", "name_vi", "slug", "path", "parent", "position", "status", "unit", "description",
                  "content_types", "deadline_rule", "counterpart")  # fmt: skip
# Changes that name the node under the cursor (the others: "add_top" names the portal).
NODE_KINDS = ("add", "rename", "edit", "move", "merge", "archive")


def _pair(labels: dict[str, tuple[str, str]], key: str) -> str:
    pair = labels.get(key)
    return key if pair is None else pair[1 if current_language() == "en" else 0]


def _status(status: str) -> str:
    from console.services.tree import STATUS_LABELS

    return _pair(STATUS_LABELS, status)


def _kind(kind: str) -> str:
    from console.services.tree import KIND_LABELS

    return _pair(KIND_LABELS, kind)


def node_label(row: NodeRow, *, linked: bool = False, in_basket: bool = False) -> Text:
    """A node as the tree shows it: its name, dimmed with its status when not active, the counterpart it is
    linked to on the other portal (emphasised while the two are followed side by side), a mark when a change
    in the basket names it."""
    active = row.status == "active"
    text = Text(row.name, style="" if active else "dim")
    if not active:
        text.append(f" ({_status(row.status)})", style="dim italic")
    if row.counterpart:
        text.append("  ")
        text.append(f"↔ {row.counterpart}", style="bold reverse" if linked else "dim")
    if in_basket:
        text.append(" ✎", style="bold yellow")
    return text


def _type_names(codes: Iterable[str]) -> str:
    from models.content_types import content_type

    lang = current_language()
    names = []
    for code in codes:
        try:
            found = content_type(code)
        except KeyError:
            names.append(code)
        else:
            names.append(found.name_en if lang == "en" else found.name_vi)
    return "\n".join(names)


def _rule_name(key: str | None, name: str | None) -> Text | str:
    if not key:
        return Text(t("tui.tree.rule_by_type"), style="dim")
    return name or key


def _value(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    text = str(value)
    return text if len(text) <= 60 else text[:59] + "…"


def record(detail: NodeDetail, compact: bool = False) -> RenderableType:
    """The panel beside the tree: the node's management record, its items by state, the proposals waiting
    on it, its history and the old paths that lead to it. ``compact``: a narrow panel, whose field names wrap."""
    from models.workflow import STATE_LABELS, State

    row = detail.row
    grid = Table.grid(padding=(0, 1))
    if compact:
        grid.add_column(style="bold", max_width=12)
    else:
        grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")

    def field(key: str, value: str | Text) -> None:
        grid.add_row(t(f"tui.tree.field.{key}"), value)

    field("name", Text(row.name, style="bold"))
    field("key", row.key)
    if row.portal == "en":
        field("name_vi", row.name_vi)
    unit = f"{row.unit} — {detail.unit_name}" if row.unit and detail.unit_name else (row.unit or "—")
    field("unit", unit)
    field("description", detail.description or Text(t("tui.tree.no_description"), style="dim"))
    field("content_types", _type_names(row.content_types) or Text(t("tui.tree.no_types"), style="dim"))
    field("deadline_rule", _rule_name(detail.deadline_rule, detail.deadline_rule_name))
    field("position", t("tui.tree.position_text", position=row.position, level=row.depth + 1))
    field("slug", row.slug)
    field("url", detail.url)
    status = Text(_status(row.status), style="" if row.status == "active" else "bold yellow")
    field("status", status)
    if row.counterpart:
        field("counterpart", f"{row.counterpart} — {detail.counterpart_name or '?'}")
    else:
        field("counterpart", Text(t("tui.tree.no_counterpart"), style="dim"))

    parts: list[RenderableType] = [grid]
    lang = current_language()

    def heading(key: str) -> None:
        parts.append(Text("\n" + t(key), style="bold underline"))

    heading("tui.tree.items")
    if detail.items_by_state:
        counts = Table.grid(padding=(0, 2))
        counts.add_column()
        counts.add_column(justify="right")
        for state in State:
            n = detail.items_by_state.get(state.value)
            if n:
                counts.add_row(STATE_LABELS[state][1 if lang == "en" else 0], str(n))
        counts.add_row(Text(t("tui.tree.items_total"), style="bold"),
                       Text(str(sum(detail.items_by_state.values())), style="bold"))
        parts.append(counts)
    else:
        parts.append(Text(t("tui.tree.no_items"), style="dim"))

    heading("tui.tree.pending")
    if detail.pending:
        parts.extend(_proposal(p) for p in detail.pending)
    else:
        parts.append(Text(t("tui.tree.no_pending"), style="dim"))

    heading("tui.tree.history")
    if detail.history:
        parts.extend(_history(h) for h in detail.history)
    else:
        parts.append(Text(t("tui.tree.no_history"), style="dim"))

    heading("tui.tree.redirects")
    if detail.redirects:
        parts.extend(Text(f"{old} → {row.path}") for old in detail.redirects)
    else:
        parts.append(Text(t("tui.tree.no_redirects"), style="dim"))
    return Group(*parts)


def _proposal(p: ProposalRow) -> RenderableType:
    from models.workflow import STATE_LABELS, State

    state = STATE_LABELS[State(p.state)][1 if current_language() == "en" else 0]
    kinds = ", ".join(_kind(k) for k in p.kinds)
    return _indented(Text.assemble((f"#{p.id} ", "bold"), p.title), Text(f"{state} · {p.proposer} · {kinds}",
                                                                        style="dim"))


def _history(h: HistoryRow) -> RenderableType:
    from console.services.tree import MARK_LABELS

    marks = ", ".join(_pair(MARK_LABELS, m) for m in h.marks)
    body = Text(f"{h.actor} · {marks}", style="dim")
    if h.before is not None:
        for name in HISTORY_FIELDS:
            old, new = h.before.get(name), h.after.get(name)
            if old != new and not (name == "name_vi" and h.after.get("portal") == "vi"):  # the name itself
                body.append(f"\n{t(f'tui.tree.field.{name}')}: ", style="dim")
                body.append(_value(old), style="red")
                body.append(" → ", style="dim")
                body.append(_value(new), style="green")
    return _indented(Text.assemble((local_text(h.at), "bold"), f" · #{h.proposal_id} {h.proposal_title}"), body)


def _indented(head: Text, body: Text) -> RenderableType:
    """A line, and under it details indented by two (wrapped lines too)."""
    return Group(head, Padding(body, (0, 0, 0, 2)))


class CategoryTree(Tree["NodeRow | None"], inherit_bindings=False):
    """One portal's tree. A node's data is its row; a placeholder ("Đang tải…") has none."""

    BINDINGS = [
        bind("j,down", "cursor_down", "tree.down", show=False),
        bind("k,up", "cursor_up", "tree.up", show=False),
        bind("g,home", "scroll_home", "tree.top", show=False),
        bind("G,end", "scroll_end", "tree.bottom", show=False),
        bind("pagedown", "page_down", "tree.page_down", show=False),
        bind("pageup", "page_up", "tree.page_up", show=False),
        bind("enter,space", "toggle_node", "tree.toggle", show=False),
        bind("l,right", "open", "tree.expand", show=False),
        bind("h,left", "close", "tree.collapse", show=False),
    ]

    def __init__(self, portal: str) -> None:
        super().__init__("", id=f"tree-{portal}")
        self.portal = portal
        self.show_root = False
        self.auto_expand = True  # a click on a node opens or closes it
        self.guide_depth = 3

    @property
    def row(self) -> NodeRow | None:
        node = self.cursor_node
        return None if node is None else node.data

    def render_label(self, node: TreeNode[NodeRow | None], base_style: Style, style: Style) -> Text:
        """The node's label, its name shortened with "…" when the line would not fit (so the counterpart mark
        stays in sight side by side); a leaf among expandable siblings is indented as they are."""
        row = node.data
        parent = node.parent
        pad = not node.allow_expand and parent is not None and any(n.allow_expand for n in parent.children)
        label = node._label
        depth = 0
        up = parent
        while up is not None and up is not self.root:
            depth, up = depth + 1, up.parent
        room = self.scrollable_content_region.width - depth * self.guide_depth - (2 if node.allow_expand or pad else 0)
        if row is not None and room > 0 and label.cell_len > room:
            name, rest = label[:len(row.name)], label[len(row.name):]
            if room - rest.cell_len >= 8:
                name.truncate(room - rest.cell_len, overflow="ellipsis")
                label = name + rest
        label = label.copy()
        label.stylize(style)
        if node.allow_expand:
            prefix = (self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE, base_style + TOGGLE_STYLE)
        else:
            prefix = ("  " if pad else "", base_style)
        return Text.assemble(prefix, label)

    def action_open(self) -> None:
        """Expand the node; on an expanded one, go to its first section."""
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and not node.is_expanded:
            node.expand()
        elif node.is_expanded and node.children:
            self.move_cursor(node.children[0])

    def action_close(self) -> None:
        """Collapse the node; on a collapsed one (or a leaf), go to its parent."""
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)


class TreeScreen(TypedFind, PollsChanges, OnWorkspace, Screen[None]):
    FIND_HINT: ClassVar[str] = "tui.tree.find_hint"
    HELP_KEY: ClassVar[str] = "tui.screen.tree"
    BINDINGS = [
        bind("escape", "back", "tree.back", show=False),
        bind("slash", "find", "tree.find"),
        bind("n", "find_next(True)", "tree.find_next", show=False),
        bind("N", "find_next(False)", "tree.find_prev", show=False),
        bind("p", "switch_portal", "tree.portal"),
        bind("s", "side_by_side", "tree.both"),
        bind("v", "toggle_archived", "tree.archived", show=False),
        bind("f5", "reload", "tree.reload", show=False),
        bind("a", "change('add')", "tree.add"),
        bind("A", "change('add_top')", "tree.add_top", show=False),
        bind("r", "change('rename')", "tree.rename"),
        bind("e", "change('edit')", "tree.edit"),
        bind("m", "change('move')", "tree.move"),
        bind("M", "change('merge')", "tree.merge", show=False),
        bind("x", "change('archive')", "tree.archive", show=False),
        bind("shift+up,K", "shift(-1)", "tree.move_up", show=False),
        bind("shift+down,J", "shift(1)", "tree.move_down", show=False),
        bind("u", "unbasket", "tree.unbasket", show=False),
        bind("P", "submit", "tree.submit"),
    ]

    def __init__(self, actor: Actor, portal: str = "vi") -> None:
        super().__init__()
        self.actor = actor
        self.portal = portal  # the portal shown (alone), or the one whose tree has the focus (side by side)
        self.side = False
        self.show_archived = True
        self.detail: NodeDetail | None = None
        self.basket: list[dict[str, Any]] = []
        self._draft: dict[str, str] = {}  # the title and rationale typed for the basket, until it is filed
        self.find_text = ""
        self.typing: str | None = None  # the words being typed after "/" (None: not finding)
        self.proposer = _is_proposer(actor)
        self._by_key: dict[str, dict[str, TreeNode[NodeRow | None]]] = {p: {} for p in PORTALS}
        self._loaded: dict[str, set[str]] = {p: set() for p in PORTALS}  # keys whose children are in the tree
        self._loading: dict[str, set[str]] = {p: set() for p in PORTALS}
        self._generation = dict.fromkeys(PORTALS, 0)  # a reload replaces every node: older answers are dropped
        self._link: tuple[str, str] | None = None  # (key, counterpart) followed side by side
        self._offered: tuple[bool | None, ...] | None = None
        self._mounted = False
        self._early: list[tuple[str, Levels, frozenset[str], str | None, int, bool]] = []
        self._found: dict[tuple[str, bool, str, int], tuple[list[str], set[str]]] = {}  # the last search's answer

    # ---------------------------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        # The first level is read while the widgets are mounted, not after: its answer waits in ``_early`` if
        # it comes before them, and the first frame can already show it.
        self._loading[self.portal].add(ROOT)
        self._reload_worker(self.portal, frozenset(), None, self.show_archived, self._generation[self.portal],
                            first=True)
        yield Header()
        yield Static(id="tree-head", markup=False)
        with Horizontal(id="tree-body"):
            for portal in PORTALS:
                yield CategoryTree(portal)
            with VerticalScroll(id="tree-panel"):
                yield Static(id="tree-record")
        yield Static(id="tree-basket", markup=False)
        yield Static(id="find-bar", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        localize_bindings(self)
        self.query_one("#find-bar").display = False
        self.query_one("#tree-basket").display = self.proposer
        self._layout()
        self.relabel()
        self._tree(self.portal).focus()
        self.start_polling()
        self._mounted = True
        for early in self._early:
            self._reloaded(*early)
        self._early.clear()

    def relabel(self) -> None:
        for widget in self.query(CategoryTree):
            localize_bindings(widget)
            widget.border_title = t(f"tui.tree.portal.{widget.portal}")
            self._relabel_nodes(widget.portal)
        self._show_head()
        self._show_find()
        self._show_basket()
        self._show_record()

    def _tree(self, portal: str) -> CategoryTree:
        return self.query_one(f"#tree-{portal}", CategoryTree)

    @property
    def active_tree(self) -> CategoryTree:
        return self._tree(self.portal)

    def _layout(self) -> None:
        """One portal's tree, or both side by side; each tree loads its top level the first time it shows."""
        self.set_class(self.side, "-side")
        for portal in PORTALS:
            shown = self.side or portal == self.portal
            self._tree(portal).display = shown
            if shown and ROOT not in self._loaded[portal] and ROOT not in self._loading[portal]:
                self._loading[portal].add(ROOT)
                self._reload_worker(portal, frozenset(), None, self.show_archived, self._generation[portal],
                                    first=True)

    def _show_head(self) -> None:
        parts = [t("tui.tree.title"), t(f"tui.tree.portal.{self.portal}")]
        if self.side:
            parts.append(t("tui.tree.side"))
        parts.append(t("tui.tree.archived_shown" if self.show_archived else "tui.tree.archived_hidden"))
        if self.find_text:
            parts.append(t("tui.tree.finding", text=self.find_text))
        text = " · ".join(parts)
        head = self.query_one("#tree-head", Static)
        if head.content != text:
            head.update(text, layout=False)

    def _show_basket(self) -> None:
        if not self.proposer:
            return
        line = self.query_one("#tree-basket", Static)
        if self.basket:
            line.update(Text(t("tui.tree.basket", n=len(self.basket), submit=self._keys("tree.submit"),
                               undo=self._keys("tree.unbasket")), style="bold"))
        else:
            line.update(Text(t("tui.tree.basket_empty"), style="dim"))

    def _keys(self, binding_id: str) -> str:
        for bindings in self._bindings.key_to_bindings.values():
            for binding in bindings:
                if binding.id == binding_id:
                    return self.app.get_key_display(binding)
        return binding_id

    def _show_record(self) -> None:
        panel = self.query_one("#tree-panel", VerticalScroll)
        body = self.query_one("#tree-record", Static)
        if self.detail is None:
            panel.border_title = t("tui.tree.record")
            body.update(Text(t("tui.tree.pick"), style="dim"))
            return
        panel.border_title = f"{self.detail.row.name}"
        body.update(record(self.detail, compact=self.side or self.has_class("-narrow")))

    def on_resize(self) -> None:
        self._show_record()  # the panel may have crossed the narrow breakpoint

    # ------------------------------------------------------------------------------- the nodes

    def _relabel_nodes(self, portal: str, keys: Iterable[str] | None = None) -> None:
        nodes = self._by_key[portal]
        for key in nodes if keys is None else keys:
            node = nodes.get(key)
            if node is not None and node.data is not None:
                node.set_label(self._label(node.data))
        widget = self._tree(portal)
        for node in widget.root.children:
            self._relabel_placeholders(node)

    def _relabel_placeholders(self, node: TreeNode[NodeRow | None]) -> None:
        if node.data is None:
            node.set_label(_placeholder())
        for child in node.children:
            self._relabel_placeholders(child)

    def _label(self, row: NodeRow) -> Text:
        linked = self.side and self._link is not None and row.key in self._link
        return node_label(row, linked=linked, in_basket=row.key in self._basket_keys())

    def _basket_keys(self) -> set[str]:
        return {str(c[f]) for c in self.basket for f in ("node", "parent") if c.get(f)}

    def _fill(self, portal: str, node: TreeNode[NodeRow | None], key: str, rows: list[NodeRow],
              levels: Levels | None = None, expanded: frozenset[str] = frozenset()) -> None:
        """Put ``rows`` under ``node`` (replacing what it held), and below each of them the levels given."""
        nodes, loaded = self._by_key[portal], self._loaded[portal]
        for child in list(node.children):
            self._forget(portal, child)
        node.remove_children()
        for row in rows:
            below = levels.get(row.key) if levels is not None else None
            child = node.add(self._label(row), row, expand=below is not None and row.key in expanded,
                             allow_expand=row.children > 0)
            nodes[row.key] = child
            if below is not None:
                self._fill(portal, child, row.key, below, levels, expanded)
        loaded.add(key)
        self._loading[portal].discard(key)
        if key != ROOT and not rows:
            node.allow_expand = False  # nothing under it after all (say, only archived sections, hidden)

    def _forget(self, portal: str, node: TreeNode[NodeRow | None]) -> None:
        for child in node.children:
            self._forget(portal, child)
        if node.data is not None and self._by_key[portal].get(node.data.key) is node:
            del self._by_key[portal][node.data.key]
            self._loaded[portal].discard(node.data.key)

    @on(Tree.NodeExpanded)
    def _expanded(self, event: Tree.NodeExpanded[NodeRow | None]) -> None:
        """A node opened for the first time: a placeholder while its children load."""
        row = event.node.data
        if row is None:
            return
        portal = row.portal
        if row.key in self._loaded[portal] or row.key in self._loading[portal]:
            return
        self._loading[portal].add(row.key)
        event.node.remove_children()
        event.node.add_leaf(_placeholder(), None)
        self._children_worker(portal, row.key, self.show_archived, self._generation[portal])

    @work(thread=True, group="tree.children", exit_on_error=False)
    def _children_worker(self, portal: str, key: str, archived: bool, generation: int) -> None:
        from console.services import tree

        rows = tree.children(self.ws, portal, key, archived=archived)
        self.app.call_from_thread(self._children_loaded, portal, key, rows, generation)

    def _children_loaded(self, portal: str, key: str, rows: list[NodeRow], generation: int) -> None:
        node = self._by_key[portal].get(key)
        if generation != self._generation[portal] or node is None or key in self._loaded[portal]:
            return
        self._fill(portal, node, key, rows)

    # ----------------------------------------------------------------- reloading, keeping the state

    def _state(self, portal: str) -> tuple[frozenset[str], str | None]:
        """What is expanded, and the key under the cursor."""
        widget = self._tree(portal)
        expanded = frozenset(k for k, n in self._by_key[portal].items() if n.is_expanded)
        row = widget.row
        return expanded, None if row is None else row.key

    def reload(self) -> None:
        """Read every shown tree again, with the same nodes expanded and the cursor on the same node."""
        for portal in PORTALS:
            if ROOT in self._loaded[portal]:
                self._generation[portal] += 1
                expanded, cursor = self._state(portal)
                self._reload_worker(portal, expanded, cursor, self.show_archived, self._generation[portal])
        self._load_detail()

    @work(thread=True, group="tree.reload", exit_on_error=False)
    def _reload_worker(self, portal: str, expanded: frozenset[str], cursor: str | None, archived: bool,
                       generation: int, first: bool = False) -> None:
        from console.errors import NotFound
        from console.services import tree

        levels: Levels = {ROOT: tree.children(self.ws, portal, None, archived=archived)}
        for key in expanded:
            try:
                levels[key] = tree.children(self.ws, portal, key, archived=archived)
            except NotFound:
                continue
        self.app.call_from_thread(self._reloaded, portal, levels, expanded, cursor, generation, first)

    def _reloaded(self, portal: str, levels: Levels, expanded: frozenset[str], cursor: str | None,
                  generation: int, first: bool = False) -> None:
        if not self._mounted:
            self._early.append((portal, levels, expanded, cursor, generation, first))
            return
        if generation != self._generation[portal] or (first and ROOT in self._loaded[portal]):
            return  # older than a reload, or a first level that following a counterpart has already shown
        widget = self._tree(portal)
        self._by_key[portal].clear()
        self._loaded[portal].clear()
        self._loading[portal].clear()
        widget.clear()
        self._fill(portal, widget.root, ROOT, levels[ROOT], levels, expanded)
        _ = widget.last_line  # lay the lines out now, so the cursor can go to a node
        node = self._by_key[portal].get(cursor) if cursor else None
        if node is None and cursor:  # gone (hidden with the archived ones): its nearest shown ancestor
            row = self.detail.row if self.detail is not None and self.detail.row.key == cursor else None
            parent = row.parent if row is not None else None
            node = self._by_key[portal].get(parent) if parent else None
        if node is not None:
            widget.move_cursor(node)
        elif widget.root.children:
            widget.move_cursor(widget.root.children[0])

    # -------------------------------------------------------------------------- the record panel

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[NodeRow | None]) -> None:
        widget = event.control
        if not isinstance(widget, CategoryTree) or widget.portal != self.portal:
            return  # the other tree, moved to follow this one
        self._offer()
        row = event.node.data
        if row is None:
            return
        self._load_detail()
        if self.side:
            self._follow(row)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        widget = event.widget
        if isinstance(widget, CategoryTree) and widget.portal != self.portal:
            self.portal = widget.portal
            self._show_head()
            self._offer()
            self._load_detail()

    def _load_detail(self) -> None:
        row = self.active_tree.row
        if row is not None:
            self._detail_worker(row.key, current_language())

    @work(thread=True, exclusive=True, group="tree.detail", exit_on_error=False)
    def _detail_worker(self, key: str, lang: str) -> None:
        from console.services import tree

        time.sleep(DETAIL_DELAY)  # debounce: a newer highlight cancels this one before it reads
        if get_current_worker().is_cancelled:
            return
        detail = tree.node_detail(self.ws, replace(self.actor, language=lang), key)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._detail_loaded, detail)

    def _detail_loaded(self, detail: NodeDetail) -> None:
        self.detail = detail
        self._show_record()

    # ------------------------------------------------------------- revealing: search and counterparts

    def _follow(self, row: NodeRow) -> None:
        """Side by side: the other tree's cursor goes to the counterpart, and the link between them shows."""
        old = self._link
        self._link = (row.key, row.counterpart) if row.counterpart else None
        for key in old or ():
            for portal in PORTALS:
                self._relabel_nodes(portal, [key])
        if row.counterpart is None:
            return
        for key in self._link or ():
            for portal in PORTALS:
                self._relabel_nodes(portal, [key])
        other = "en" if row.portal == "vi" else "vi"
        node = self._by_key[other].get(row.counterpart)
        if node is not None and _visible(node):
            self._tree(other).move_cursor(node, animate=False)
            return
        self._reveal_worker(other, row.counterpart, frozenset(self._loaded[other]), self.show_archived,
                            self._generation[other], "follow")

    @work(thread=True, exclusive=True, group="tree.follow", exit_on_error=False)
    def _reveal_worker(self, portal: str, key: str, loaded: frozenset[str], archived: bool, generation: int,
                       why: str) -> None:
        levels = _levels_to(self.ws, portal, key, loaded, archived)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._revealed, portal, key, levels, generation, why)

    def _revealed(self, portal: str, key: str, levels: tuple[list[str], Levels], generation: int, why: str) -> None:
        """Open the path down to ``key`` (filling the levels read on the way) and put the cursor on it."""
        chain, read = levels
        if generation != self._generation[portal]:
            return
        widget = self._tree(portal)
        for parent in [ROOT, *chain]:
            node = widget.root if parent == ROOT else self._by_key[portal].get(parent)
            if node is None:
                return  # hidden (archived) or moved since: nothing to show
            if parent not in self._loaded[portal]:
                if parent not in read:
                    return
                self._fill(portal, node, parent, read[parent])
            if parent != ROOT:
                node.expand()
        target = self._by_key[portal].get(key)
        if target is None:
            return
        _ = widget.last_line
        widget.move_cursor(target, animate=False)
        if why == "follow" and self._link is not None:
            self._relabel_nodes(portal, [key])

    # find (/, n, N): the words are typed into the bar while the tree keeps the focus, as in the queue (TypedFind)

    def find_changed(self) -> None:
        self._show_head()
        super().find_changed()

    def action_find_next(self, forward: bool = True, inclusive: bool = False) -> None:
        row = self.active_tree.row
        portal = self.portal
        self._find_worker(portal, self.find_text, None if row is None else row.key, forward, inclusive,
                          frozenset(self._loaded[portal]), self.show_archived, self._generation[portal])

    @work(thread=True, exclusive=True, group="tree.find", exit_on_error=False)
    def _find_worker(self, portal: str, text: str, start: str | None, forward: bool, inclusive: bool,
                     loaded: frozenset[str], archived: bool, generation: int) -> None:
        from console.services import tree

        asked = (portal, archived, text, generation)
        if asked not in self._found:  # each read walks the whole tree: n and N reuse them until the next reload
            every = tree.rows(self.ws, portal, archived=archived)
            self._found = {asked: ([r.key for r in every], {r.key for r in every if tree.matches(r, text)})}
        order, matches = self._found[asked]
        found = _next_match(order, matches, start, forward, inclusive)
        if found is None:
            self.app.call_from_thread(self._not_found, portal, text)
            return
        levels = _levels_to(self.ws, portal, found, loaded, archived)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._revealed, portal, found, levels, generation, "find")

    def _not_found(self, portal: str, text: str) -> None:
        self.notify(t("tui.tree.not_found", text=text, portal=t(f"tui.tree.portal.{portal}")), severity="warning")

    # --------------------------------------------------------------------------------- the view

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_reload(self) -> None:
        self.reload()

    def action_switch_portal(self) -> None:
        self.portal = "en" if self.portal == "vi" else "vi"
        self._layout()
        self.active_tree.focus()
        self._show_head()
        self._offer()
        self._load_detail()

    def action_side_by_side(self) -> None:
        self.side = not self.side
        if not self.side:
            old, self._link = self._link, None
            for portal in PORTALS:
                self._relabel_nodes(portal, old or ())
        self._layout()
        self.active_tree.focus()
        self._show_head()
        self._show_record()
        row = self.active_tree.row
        if self.side and row is not None:
            self._follow(row)

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
        self._show_head()
        self.reload()

    # -------------------------------------------------------------------------------- the basket

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("change", "shift", "unbasket", "submit") and not self.proposer:
            return False  # reading the tree is open to all; proposing is for editors and the Board
        if action == "change":
            if parameters and parameters[0] == "add_top":
                return True
            row = self.active_tree.row
            return row is not None and row.status == "active"
        if action == "shift":
            row = self.active_tree.row
            return row is not None and row.status == "active"
        if action in ("unbasket", "submit"):
            return bool(self.basket)
        if action == "find_next":
            return bool(self.find_text)
        return True

    def _offer(self) -> None:
        """Touch the footer only when what the cursor's node offers changes (a cursor key is the hot path)."""
        offered = (self.check_action("change", ("rename",)), self.check_action("unbasket", ()))
        if offered != self._offered:
            self._offered = offered
            self.refresh_bindings()

    def action_change(self, kind: str) -> None:
        from screens.proposal import ChangeDialog

        row = self.active_tree.row
        node = None if kind == "add_top" else row
        if kind != "add_top" and (row is None or row.status != "active"):
            return

        def done(change: dict[str, Any] | None) -> None:
            if change:
                self._add_to_basket(change, node)

        kind = "add" if kind == "add_top" else kind
        # checked after what the basket already holds (a rename of a node the basket moves is checked moved)
        self.app.push_screen(ChangeDialog(self.ws, kind, node, self.portal, before=list(self.basket)), done)

    def action_shift(self, step: int) -> None:
        """Move the node up or down among its siblings: a ``move`` change with a ``position`` (consecutive
        moves of one node make one change)."""
        widget = self.active_tree
        node = widget.cursor_node
        row = widget.row
        if node is None or row is None or row.status != "active" or node.parent is None:
            return
        siblings = sum(1 for n in node.parent.children if n.data is not None and n.data.status == "active")
        last = self.basket[-1] if self.basket else None
        merging = (last is not None and last.get("kind") == "move" and last.get("node") == row.key
                   and last.get("parent", "") == (row.parent or "") and "position" in last)
        current = int(last["position"]) if merging and last is not None else row.position
        wanted = current + step
        if wanted < 1 or wanted > siblings:
            self.notify(t("tui.tree.edge_first" if step < 0 else "tui.tree.edge_last", name=row.name),
                        severity="warning")
            return
        change = {"kind": "move", "node": row.key, "parent": row.parent or "", "position": wanted}
        if merging:
            self.basket.pop()
            if wanted == row.position:  # back where it is: no change at all
                self._basket_changed(row.key)
                self.notify(t("tui.tree.basket_dropped", change=_describe(change, row)))
                return
        self._add_to_basket(change, row)

    def _add_to_basket(self, change: dict[str, Any], row: NodeRow | None) -> None:
        self.basket.append(change)
        self._basket_changed(*(k for k in (change.get("node"), change.get("parent")) if k))
        self.notify(t("tui.tree.basket_added", change=_describe(change, row), n=len(self.basket)))

    def _basket_changed(self, *keys: str) -> None:
        for portal in PORTALS:
            self._relabel_nodes(portal, keys)
        self._show_basket()
        self._offered = None
        self._offer()

    def action_unbasket(self) -> None:
        if not self.basket:
            return
        change = self.basket.pop()
        key = change.get("node")
        row = None
        if isinstance(key, str):
            found = self._by_key["vi"].get(key) or self._by_key["en"].get(key)
            row = found.data if found is not None else None
        self._basket_changed(*(k for k in (change.get("node"), change.get("parent")) if isinstance(k, str) and k))
        self.notify(t("tui.tree.basket_dropped", change=_describe(change, row)))

    def action_submit(self) -> None:
        """The basket as one proposal. The dialog works on the basket itself (a change it drops is dropped here)
        and keeps the title and rationale typed in ``_draft`` if it is closed."""
        from screens.proposal import ProposalDialog

        if not self.basket:
            return
        touched = self._basket_keys()

        def done(item_id: int | None) -> None:
            if item_id is not None:
                self.basket.clear()
                self.notify(t("tui.tree.submitted", id=item_id))
                self._load_detail()  # the node's record lists the new proposal
            self._basket_changed(*touched)

        self.app.push_screen(ProposalDialog(self.ws, self.basket, self._draft), done)

    # ------------------------------------------------------------------------------ failures, polling

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        worker_error(event)

    def changed(self) -> None:
        self.reload()


def _placeholder() -> Text:
    return Text(t("tui.tree.loading"), style="dim italic")


def _visible(node: TreeNode[Any]) -> bool:
    parent = node.parent
    while parent is not None and not parent.is_root:
        if not parent.is_expanded:
            return False
        parent = parent.parent
    return True


def _is_proposer(actor: Actor) -> bool:
    from models.workflow import PROPOSERS

    return bool(actor.roles & PROPOSERS)


def _describe(change: dict[str, Any], row: NodeRow | None) -> str:
    """A change in a few words, for the notifications."""
    name = row.name if row is not None and change.get("node") == row.key else str(change.get("name")
                                                                                  or change.get("node") or "")
    text = t("tui.tree.change_desc", kind=_kind(str(change.get("kind"))), name=name)
    if change.get("kind") == "move" and change.get("position"):
        text += " " + t("tui.tree.to_position", position=change["position"])
    return text


def _next_match(order: list[str], matches: set[str], start: str | None, forward: bool,
                inclusive: bool) -> str | None:
    """The next (or previous) key of ``order`` in ``matches`` from ``start``, wrapping around."""
    n = len(order)
    if start in order:
        at = order.index(start)
    else:
        at, inclusive = (-1 if forward else n), False
    step = 1 if forward else -1
    first = 0 if inclusive else 1
    return next((k for i in range(first, first + n) if (k := order[(at + step * i) % n]) in matches), None)


def _levels_to(ws: Any, portal: str, key: str, loaded: frozenset[str], archived: bool) -> tuple[list[str], Levels]:
    """The keys from the top down to ``key``'s parent, and the levels on that path not loaded yet."""
    from console.services import tree

    chain = tree.ancestors(ws, key)
    read: Levels = {}
    for parent in [ROOT, *chain]:
        if parent not in loaded:
            read[parent] = tree.children(ws, portal, parent or None, archived=archived)
    return chain, read
