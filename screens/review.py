"""The review screen: one item rendered, its metadata and due date with the rule, its revisions with a
word-level diff, its comments and its decisions, and the actions this person may take on it.

Reads come from ``queries.item_detail`` and ``due.item_due``; every action is a service call in a
thread worker. An action the person may not take is not offered (``check_action``); if a stale screen
tries one anyway, the service refuses it and the message says why. A conflict (someone acted first)
shows who did what and when, and the item is reloaded; whatever was typed (a reason, a comment, an
edit) is kept and offered again.

A category tree proposal (content type ``category_change``) has one more tab, the tree before/after
(``tree.proposal``): its changes, what would stop them, the diff, and, when a node it read has changed since,
who changed it, with the rebase key offered to the people who may propose. A proposal is not edited like an
item (the service refuses it), so the edit key is not offered on one.

The leadership's approval first asks the approval document's number and file, and a secretary the leader acted for
(``screens/leadership.py``); the service checks them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Markdown, OptionList, Select, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option
from textual.worker import Worker

from console.errors import Conflict
from console.i18n import current_language, t
from console.timefmt import local_text
from models.workflow import ACTION_LABELS, FORWARD, STATE_LABELS, TREE_TYPES, Action, State
from screens.base import OnWorkspace, bind, localize_bindings, relabel_binding, worker_error
from screens.dialogs import AssignDialog, EditDialog, ReasonDialog, TextDialog
from screens.proposal import diff_text, problem_lines

if TYPE_CHECKING:
    from console.permissions import Actor
    from console.services.due import ItemDue
    from console.services.queries import ItemDetail, RevisionInfo
    from console.services.tree import ProposalView
    from screens.queue import QueueScreen

TABS = ("tab-content", "tab-diff", "tab-comments", "tab-decisions", "tab-tree")
TAB_LABELS = ("tui.review.tab.content", "tui.review.tab.diff", "tui.review.tab.comments", "tui.review.tab.decisions",
              "tui.proposal.tab")
# A proposal's revision meta: its changes and the versions of the nodes they read (the tree tab shows both).
PROPOSAL_META = ("changes", "base")
# States in which a proposal may still be rebased (tree.PENDING_STATES).
PENDING = (State.DRAFT, State.BOARD_REVIEW, State.RETURNED)
# Actions offered only through the command palette (rarer, and each needs thought).
OTHER_ACTIONS = (Action.CORRECT, Action.PROPOSE_CORRECTION, Action.WITHDRAW)


def _label(action: str, lang: str) -> str:
    return ACTION_LABELS[Action(action)][1 if lang == "en" else 0]


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} B"


def metadata(detail: ItemDetail, due: ItemDue | None, lang: str) -> Table:
    """The metadata panel: what the item is, where it goes, who wrote it and from what source, and when it is due."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", max_width=14)  # a long field name wraps rather than squeezing the values
    grid.add_column(overflow="fold")
    cur = detail.current

    def row(key: str, value: str | Text) -> None:
        grid.add_row(t(f"tui.meta.{key}"), value)

    row("type", detail.type_name)
    row("portal", detail.portal)
    row("category", detail.category)
    row("unit", f"{detail.unit} — {detail.unit_name}")
    row("author", cur.author or Text(t("tui.meta.missing"), style="bold red"))
    row("source", cur.source or Text(t("tui.meta.no_source"), style="yellow"))
    row("created_by", detail.created_by)
    row("submitted", local_text(detail.submitted_at) if detail.submitted_at else "—")
    if due is not None and due.due.due_at is not None:
        style = {"overdue": "bold red", "due_today": "bold yellow", "due_soon": "yellow"}.get(due.due.status, "")
        row("due", Text(f"{local_text(due.due.due_at)} — {due.due.status_text(lang)}", style=style))
    else:
        row("due", Text(t("tui.meta.no_deadline"), style="dim"))
    row("assignee", detail.assignee or "—")
    if detail.lock_holder and detail.lock_until:
        row("lock", t("tui.meta.locked", who=detail.lock_holder, until=local_text(detail.lock_until)))
    else:
        row("lock", "—")
    row("version", t("tui.meta.revisions", n=cur.number, approved=detail.approved_revision or "—",
                      published=detail.published_revision or "—"))
    actions = ", ".join(_label(a, lang) for a in detail.actions)
    row("actions", actions or Text(t("tui.meta.no_actions"), style="dim"))
    files = "\n".join(f"{name} ({_size(size)})" for name, size, _ in detail.attachments)
    row("attachments", files or "—")
    proposal = detail.content_type in TREE_TYPES
    for key, value in cur.meta.items():
        if proposal and key in PROPOSAL_META:
            continue
        grid.add_row(Text(field_label(detail.content_type, key, lang), style="italic"), str(value))
    if proposal:
        grid.add_row(t("tui.proposal.meta.changes", lang), str(len(cur.meta.get("changes", []))))
    if due is not None and due.due.due_at is not None:  # last: the long explanation of how the date was found
        row("rule", Text("\n".join(due.due.explain(lang)), style="dim"))
    return grid


def field_label(content_type: str, key: str, lang: str) -> str:
    """A metadata field's name in the person's language (the key itself for a field the type no longer has)."""
    from models.content_types import content_type as type_def

    if key in ("title", "summary", "author", "source"):
        return t(f"tui.edit.field.{key}", lang)
    if content_type in TREE_TYPES and key in PROPOSAL_META:
        return t(f"tui.proposal.meta.{key}", lang)
    try:
        fields = type_def(content_type).fields
    except KeyError:
        return key
    found = next((f for f in fields if f.key == key), None)
    return key if found is None else (found.name_en if lang == "en" else found.name_vi)


def change_code(change: dict[str, Any]) -> str:
    """A proposal's change as its fields (for the revision diff of a proposal): ``move node=vi.1.2, parent=vi.3``."""
    return str(change.get("kind", "?")) + " " + ", ".join(f"{k}={v}" for k, v in change.items() if k != "kind")


def document(rev: RevisionInfo) -> str:
    """The revision as one Markdown document: title, lead, body."""
    lead = f"\n\n**{rev.summary}**" if rev.summary else ""
    return f"# {rev.title}{lead}\n\n{rev.body_md}"


class ReviewScreen(OnWorkspace, Screen[None]):
    HELP_KEY: ClassVar[str] = "tui.screen.review"
    DEFAULT_CSS = """
    #tree-scroll { height: 1fr; }
    #tree-stale, #tree-changes, #tree-problems, #tree-diff { height: auto; padding: 0 1; margin-bottom: 1; }
    """
    BINDINGS = [
        bind("escape", "back", "review.back", show=False),
        bind("a", f"decide('{FORWARD}')", "review.forward"),
        bind("r", "decide('return')", "review.return"),
        bind("x", "decide('reject')", "review.reject"),
        bind("c", "comment", "review.comment"),
        bind("e", "edit", "review.edit"),
        bind("l", "lock", "review.lock"),
        bind("R", "reply", "review.reply", show=False),
        bind("p", "assign", "review.assign", show=False),
        bind("b", "break_lock", "review.break_lock", show=False),
        bind("d", "tab('tab-diff')", "review.diff", show=False),
        bind("1", "tab('tab-content')", "review.tab_content", show=False),
        bind("2", "tab('tab-diff')", "review.tab_diff", show=False),
        bind("3", "tab('tab-comments')", "review.tab_comments", show=False),
        bind("4", "tab('tab-decisions')", "review.tab_decisions", show=False),
        bind("5", "tab('tab-tree')", "review.tab_tree", show=False),
        bind("u", "rebase", "review.rebase"),
        bind("right_square_bracket", "neighbour(1)", "review.next", show=False),
        bind("left_square_bracket", "neighbour(-1)", "review.prev", show=False),
    ]

    def __init__(self, actor: Actor, item_id: int, queue_screen: QueueScreen | None = None,
                 session_id: int | None = None) -> None:
        super().__init__()
        self.actor = actor
        self.item_id = item_id
        self.queue_screen = queue_screen
        self.session_id = session_id  # opened from a Board session's agenda: decisions are taken in it
        self.detail: ItemDetail | None = None
        self.due: ItemDue | None = None
        self.view: ProposalView | None = None  # the tree diff of a proposal
        self.opened_tree = False  # a proposal opens on its tree tab, once
        self.drafts: dict[str, Any] = {}  # what was typed for an action that has not gone through yet

    # ---------------------------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="review-head", markup=False)
        with Horizontal(id="review-body"):
            with TabbedContent(id="review-tabs"):
                with TabPane("1", id="tab-content"), VerticalScroll(id="content-scroll"):
                    yield Markdown(id="review-markdown")
                with TabPane("2", id="tab-diff"):
                    with Horizontal(id="diff-pick"):
                        yield Select[int]([], id="diff-from", prompt="…")
                        yield Select[int]([], id="diff-to", prompt="…")
                    with VerticalScroll(id="diff-scroll"):
                        yield Static(id="diff-fields")
                        yield Static(id="diff-text")
                with TabPane("3", id="tab-comments"):
                    yield OptionList(id="review-comments")
                with TabPane("4", id="tab-decisions"):
                    yield DataTable(id="review-decisions", cursor_type="row", zebra_stripes=True)
                with TabPane("5", id="tab-tree"), VerticalScroll(id="tree-scroll"):
                    yield Static(id="tree-stale")
                    yield Static(id="tree-changes")
                    yield Static(id="tree-problems")
                    yield Static(id="tree-diff")
            with VerticalScroll(id="review-meta"):
                yield Static(id="meta")
        yield Footer()

    def on_mount(self) -> None:
        localize_bindings(self)
        self.query_one("#review-tabs", TabbedContent).hide_tab("tab-tree")  # shown for a proposal
        self.relabel()
        self.load()

    def relabel(self) -> None:
        tabs = self.query_one("#review-tabs", TabbedContent)
        for pane, key in zip(TABS, TAB_LABELS, strict=True):
            tabs.get_tab(pane).label = t(key)  # type: ignore[assignment]
        self.query_one("#review-meta").border_title = t("tui.review.metadata")
        self._show()
        if self.view is not None:
            self.load()  # the proposal's changes and problems, described in the new language

    # ------------------------------------------------------------------------------------ load

    def load(self) -> None:
        self._load_worker(current_language())

    @work(thread=True, exclusive=True, group="review.load", exit_on_error=False)
    def _load_worker(self, lang: str) -> None:
        from console.services import due, queries

        actor = replace(self.actor, language=lang)
        detail = queries.item_detail(self.ws, actor, self.item_id)
        info = due.item_due(self.ws, actor, self.item_id)
        view = None
        if detail.content_type in TREE_TYPES:
            from console.services import tree

            view = tree.proposal(self.ws, actor, self.item_id)
        self.app.call_from_thread(self._loaded, detail, info, view)

    def _loaded(self, detail: ItemDetail, info: ItemDue, view: ProposalView | None = None) -> None:
        self.detail, self.due, self.view = detail, info, view
        self._show()
        self.refresh_bindings()

    def _show(self) -> None:
        d = self.detail
        lang = current_language()
        head = self.query_one("#review-head", Static)
        if d is None:
            head.update(t("tui.review.loading", id=self.item_id))
            return
        forward = d.forward
        relabel_binding(self, "review.forward", _label(forward, lang) if forward else t("tui.binding.review.forward"))
        head.update(Text.assemble(
            (f"#{d.id} ", "bold"), (d.current.title, "bold"), "  ·  ",
            (d.state_label, "bold"), "  ·  ",
            t("tui.review.version", version=d.version, revision=d.current.number),
        ))
        self.query_one("#review-markdown", Markdown).update(document(d.current))
        self.query_one("#meta", Static).update(metadata(d, self.due, lang))
        self._show_revisions(d)
        self._show_comments(d)
        self._show_decisions(d, lang)
        self._show_tree(lang)

    def _show_tree(self, lang: str) -> None:
        """The tree tab of a proposal: who changed a node it read (and how to go on), its changes, what stops
        them, and the tree before/after; hidden for any other item."""
        tabs = self.query_one("#review-tabs", TabbedContent)
        view = self.view
        if view is None:
            if tabs.active == "tab-tree":
                tabs.active = "tab-content"
            tabs.hide_tab("tab-tree")
            return
        tabs.show_tab("tab-tree")
        if not self.opened_tree:  # what a proposal is about: open on it
            self.opened_tree = True
            tabs.active = "tab-tree"
        stale = Text()
        for node in view.stale:
            if stale:
                stale.append("\n")
            if node.proposal_id is None:
                line = t("tui.proposal.stale_unknown", lang, node=node.name)
            else:
                when = local_text(node.when) if node.when else "?"
                line = t("tui.proposal.stale", lang, node=node.name, other=node.proposal_id,
                         title=node.proposal_title, who=node.who, when=when)
            stale.append("⚠ " + line, style="bold yellow")
        if view.stale:
            hint = (t("tui.proposal.stale_hint_key", lang, keys=self._key_of("review.rebase"))
                    if self.check_action("rebase", ()) else t("tui.proposal.stale_hint", lang))
            stale.append("\n" + hint, style="yellow")
        self.query_one("#tree-stale", Static).update(stale)
        self.query_one("#tree-stale").display = bool(view.stale)
        changes = Text()
        changes.append(t("tui.proposal.review.changes", lang), style="bold")
        for n, summary in enumerate(view.summaries, start=1):
            changes.append(f"\n{n}. ", style="bold")
            changes.append(summary)
        if view.applied:
            changes.append("\n" + t("tui.proposal.review.applied", lang), style="green")
        self.query_one("#tree-changes", Static).update(changes)
        self.query_one("#tree-problems", Static).update(problem_lines(view.problems,
                                                                      t("tui.proposal.review.problems", lang)))
        self.query_one("#tree-problems").display = bool(view.problems)
        diff = Text()
        diff.append(t("tui.proposal.diff", lang) + "\n", style="bold")
        diff.append_text(diff_text(view.diff, lang))
        self.query_one("#tree-diff", Static).update(diff)

    def _key_of(self, binding_id: str) -> str:
        """The key (as shown) of one of this screen's bindings, after any keymap."""
        for bindings in self._bindings.key_to_bindings.values():
            for b in bindings:
                if b.id == binding_id:
                    return self.app.get_key_display(b)
        return binding_id

    def _show_revisions(self, d: ItemDetail) -> None:
        numbers = [(t("tui.review.revision", n=r.number, who=r.created_by, at=local_text(r.created_at)), r.number)
                   for r in d.revisions]
        old, new = self.query_one("#diff-from", Select), self.query_one("#diff-to", Select)
        keep = (old.value, new.value) if old.value is not Select.NULL else None
        with self.prevent(Select.Changed):
            old.set_options(numbers)
            new.set_options(numbers)
            last = d.revisions[-1].number
            valid = {n for _, n in numbers}
            if keep and keep[0] in valid and keep[1] in valid:
                old.value, new.value = keep
            else:
                old.value, new.value = max(1, last - 1), last
        self._show_diff()

    @on(Select.Changed, "#diff-from, #diff-to")
    def _diff_changed(self) -> None:
        self._show_diff()

    def _show_diff(self) -> None:
        from console.diff import diff_fields, diff_words, stats, to_rich

        d = self.detail
        if d is None:
            return
        a, b = self.query_one("#diff-from", Select).value, self.query_one("#diff-to", Select).value
        by_number = {r.number: r for r in d.revisions}
        if a not in by_number or b not in by_number:
            return
        old, new = by_number[a], by_number[b]  # type: ignore[index]
        fields = self.query_one("#diff-fields", Static)
        text = self.query_one("#diff-text", Static)
        if old.number == new.number:
            fields.update(Text(t("tui.review.one_revision") if len(d.revisions) == 1 else t("tui.review.same"),
                               style="dim"))
            text.update("")
            return

        def flat(r: RevisionInfo) -> dict[str, object]:
            meta = dict(r.meta)
            if d.content_type in TREE_TYPES:  # a proposal's changes, one a line, rather than a dict's repr
                meta["changes"] = "\n".join(change_code(c) for c in meta.get("changes", []))
                meta["base"] = ", ".join(f"{k}={v}" for k, v in meta.get("base", {}).items())
            return {"title": r.title, "summary": r.summary, "author": r.author, "source": r.source, **meta}

        table = Table(show_header=True, header_style="bold", expand=True, box=None)
        table.add_column(t("tui.review.field"))
        table.add_column(t("tui.review.before"))
        table.add_column(t("tui.review.after"))
        lang = current_language()
        for name, before, after in diff_fields(flat(old), flat(new)):
            table.add_row(field_label(d.content_type, name, lang), Text(str(before), style="red"),
                          Text(str(after), style="green"))
        chunks = diff_words(old.body_md, new.body_md)
        added, removed = stats(chunks)
        summary = Text(t("tui.review.diff_stats", a=old.number, b=new.number, added=added, removed=removed),
                       style="bold")
        fields.update(Group(summary, table) if table.row_count else summary)
        text.update(to_rich(chunks))

    def _show_comments(self, d: ItemDetail) -> None:
        options = self.query_one("#review-comments", OptionList)
        highlighted = options.highlighted
        depth: dict[int, int] = {}
        children: dict[int | None, list[Any]] = {}
        for c in d.comments:
            children.setdefault(c.parent_id, []).append(c)
        shown: list[Option] = []

        def walk(parent: int | None, level: int) -> None:
            for c in children.get(parent, []):
                depth[c.id] = level
                head = Text.assemble(("  " * level + ("↳ " if level else ""), "dim"), (c.author, "bold"), " · ",
                                     (local_text(c.at), "dim"))
                shown.append(Option(Group(head, Text("  " * level + c.body)), id=str(c.id)))
                walk(c.id, level + 1)

        walk(None, 0)
        options.clear_options()
        if shown:
            options.add_options(shown)
            if highlighted is not None:
                options.highlighted = min(highlighted, len(shown) - 1)
        else:
            options.add_option(Option(Text(t("tui.review.no_comments"), style="dim"), disabled=True))

    def _show_decisions(self, d: ItemDetail, lang: str) -> None:
        table = self.query_one("#review-decisions", DataTable)
        table.clear(columns=True)
        for key in ("at", "who", "action", "states", "reason"):
            table.add_column(t(f"tui.review.col.{key}"), key=key)
        for n, x in enumerate(d.decisions):
            states = f"{STATE_LABELS[State(x.from_state)][1 if lang == 'en' else 0]} → " \
                     f"{STATE_LABELS[State(x.to_state)][1 if lang == 'en' else 0]}"
            table.add_row(local_text(x.at), x.actor, _label(x.action, lang), states, Text(x.reason), key=str(n))

    # -------------------------------------------------------------------------------- offering

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        d = self.detail
        if action in ("decide", "comment", "reply", "edit", "lock", "assign", "break_lock", "neighbour", "rebase") \
                and d is None:
            return False
        if action == "tab" and parameters and parameters[0] == "tab-tree":
            return self.view is not None
        if d is None:
            return True
        if action == "rebase":
            return (self.view is not None and bool(self.view.stale) and State(d.state) in PENDING
                    and self.view.may_revise and d.lock_holder in (None, self.actor.username))
        if action == "decide":
            wanted = str(parameters[0])
            return d.forward is not None if wanted == FORWARD else wanted in d.actions
        if action == "edit":
            return d.may_edit and d.content_type not in TREE_TYPES  # a proposal is revised, not edited
        if action == "assign":
            return d.may_assign
        if action == "lock":
            return d.lock_holder in (None, self.actor.username)
        if action == "break_lock":
            return d.may_break_lock and d.lock_holder not in (None, self.actor.username)
        if action == "reply":
            return bool(d.comments)
        if action == "neighbour":
            return self.queue_screen is not None
        return True

    # --------------------------------------------------------------------------------- actions

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_tab(self, tab: str) -> None:
        self.query_one("#review-tabs", TabbedContent).active = tab

    def action_neighbour(self, step: int) -> None:
        """Open the next (or previous) item of the queue this screen was opened from."""
        from screens.widgets.item_list import ItemList

        if self.queue_screen is None:
            return
        items = self.queue_screen.query_one(ItemList)
        index = items.cursor_index + step
        row = items.row_at(index)
        if row is None:
            self.notify(t("tui.review.no_neighbour"), severity="warning")
            return
        items.move_cursor(index)
        self.item_id = row.id
        self.detail = None
        self.view = None
        self.drafts.clear()
        self._show()
        self.load()

    def action_decide(self, action: str) -> None:
        d = self.detail
        if d is None:
            return
        lang = current_language()
        if action in ("return", "reject", Action.WITHDRAW.value):
            label = _label(action, lang)

            def done(reason: str | None) -> None:
                if reason:
                    self.drafts[action] = reason
                    self._decide_worker(action, reason, d.version)

            self.app.push_screen(ReasonDialog(self.ws, action, label, 1, self.drafts.get(action, "")), done)
            return
        resolved = d.forward if action == FORWARD else action
        if resolved == Action.APPROVE_LEADERSHIP.value:  # the approval document (and, for a secretary, the leader)
            from screens.leadership import LeadershipDialog, LeadershipForm

            def submitted(form: LeadershipForm | None) -> None:
                if form is not None:
                    self.drafts[action] = form
                    self._decide_worker(action, "", d.version, document_number=form.number or None,
                                        document_file=form.document_file or None, for_leader=form.for_leader)

            self.app.push_screen(LeadershipDialog(self.ws, self.actor, d.id, self.drafts.get(action)), submitted)
            return
        self._decide_worker(action, "", d.version)

    @work(thread=True, group="review.act", exit_on_error=False)
    def _decide_worker(self, action: str, reason: str, version: int, *, document_number: str | None = None,
                       document_file: str | None = None, for_leader: str | None = None) -> None:
        from pathlib import Path

        from console.services import items

        ref = items.decide(self.ws, self._actor(), self.item_id, action, reason=reason, expected_version=version,
                           document_number=document_number, for_leader=for_leader,
                           document_file=None if document_file is None else Path(document_file).expanduser(),
                           session_id=self.session_id)  # fmt: skip
        self.app.call_from_thread(self._decided, action, ref.state)

    def _decided(self, action: str, state: str) -> None:
        self.drafts.pop(action, None)
        label = STATE_LABELS[State(state)][1 if current_language() == "en" else 0]
        self.notify(t("tui.queue.decided", id=self.item_id, state=label))
        if self.queue_screen is not None:
            from screens.widgets.item_list import ItemList

            self.queue_screen.query_one(ItemList).refresh_data()
            self.app.pop_screen()
        elif self.session_id is not None:
            self.app.pop_screen()  # back to the session's agenda, which reloads
        else:
            self.load()

    def action_comment(self) -> None:
        self._ask_comment(None, "")

    def action_reply(self) -> None:
        d = self.detail
        options = self.query_one("#review-comments", OptionList)
        if d is None or options.highlighted is None:
            self.action_tab("tab-comments")
            return
        option = options.get_option_at_index(options.highlighted)
        if option.id is None:
            return
        parent = next(c for c in d.comments if c.id == int(option.id))
        self._ask_comment(parent.id, f"{parent.author}: {parent.body}")

    def _ask_comment(self, parent: int | None, quote: str) -> None:
        key = f"comment:{parent}"

        def done(text: str | None) -> None:
            if text:
                self.drafts[key] = text
                self._act("comment", key, self.item_id, text, parent)

        title = t("tui.review.reply_title") if parent else t("tui.review.comment_title", id=self.item_id)
        self.app.push_screen(TextDialog(title, self.drafts.get(key, ""), quote), done)

    def action_edit(self) -> None:
        d = self.detail
        if d is None:
            return

        def done(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            self.drafts["edit"] = values
            changes: dict[str, Any] = {k: v for k, v in values.items() if k != "category"}
            if values["category"] != d.category_key:
                changes["category"] = values["category"]
            self._act("edit", "edit", self.item_id, expected_version=d.version, **changes)

        self.app.push_screen(EditDialog(self.ws, d, self.drafts.get("edit")), done)

    def action_rebase(self) -> None:
        """Check the proposal again on the current tree and record what it now reads (``tree.rebase``)."""
        d = self.detail
        if d is not None and self.view is not None:
            self._rebase_worker(d.version)

    @work(thread=True, group="review.act", exit_on_error=False)
    def _rebase_worker(self, version: int) -> None:
        from console.services import tree

        tree.rebase(self.ws, self._actor(), self.item_id, expected_version=version)
        self.app.call_from_thread(self._rebased)

    def _rebased(self) -> None:
        self.notify(t("tui.proposal.rebased", id=self.item_id))
        self.load()

    def action_lock(self) -> None:
        d = self.detail
        if d is not None:
            self._act("release" if d.lock_holder == self.actor.username else "claim", "", self.item_id)

    def action_assign(self) -> None:
        d = self.detail
        if d is None:
            return

        def done(user: str | None) -> None:
            if user is not None:
                self._act("assign", "", self.item_id, user or None, expected_version=d.version)

        self.app.push_screen(AssignDialog(self.ws, d.assignee), done)

    def action_break_lock(self) -> None:
        def done(reason: str | None) -> None:
            if reason:
                self.drafts["break_lock"] = reason
                self._act("break_lock", "break_lock", self.item_id, reason)

        label = t("tui.binding.review.break_lock")
        self.app.push_screen(ReasonDialog(None, "break_lock", label, 1, self.drafts.get("break_lock", "")), done)

    def run_other(self, action: Action) -> None:
        """An action offered in the palette only (correct, propose a correction, withdraw)."""
        self.action_decide(action.value)

    @work(thread=True, group="review.act", exit_on_error=False)
    def _act(self, name: str, draft: str, *args: Any, **kwargs: Any) -> None:
        from console.services import items

        getattr(items, name)(self.ws, self._actor(), *args, **kwargs)
        self.app.call_from_thread(self._acted, name, draft)

    def _acted(self, name: str, draft: str) -> None:
        if draft:
            self.drafts.pop(draft, None)
        self.notify(t(f"tui.review.done.{name}", id=self.item_id))
        self.load()

    def _actor(self) -> Actor:
        return replace(self.actor, language=current_language())

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """A refused action: the App shows the message; a conflict also reloads the item (drafts are kept)."""
        if isinstance(worker_error(event), Conflict):
            self.load()
