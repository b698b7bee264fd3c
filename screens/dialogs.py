"""The modal dialogs of the queue and review screens: confirm, reason, filter, comment, assign, edit, and
the result of a bulk decision.

A dialog only collects input and dismisses with it; the screen that opened it calls the service. So a
refused action loses nothing: the screen keeps what was typed and offers it again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option
from textual.worker import Worker

from console.i18n import current_language, t
from screens.base import bind, localize_bindings, worker_error

if TYPE_CHECKING:
    from console.services.items import BulkResult
    from console.services.pages import QueueFilter
    from console.services.queries import ItemDetail
    from console.workspace import Workspace


class _Dialog(ModalScreen[Any]):
    """A box in the middle of the screen, closed with Esc (nothing) or its own confirm key."""

    HELP_KEY: ClassVar[str] = "tui.screen.dialog"
    BINDINGS = [bind("escape", "cancel", "dialog.cancel"), bind("ctrl+s", "confirm", "dialog.confirm")]

    def on_mount(self) -> None:
        localize_bindings(self)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        worker_error(event)  # loading the choices failed: say so

    def action_confirm(self) -> None:
        """Close with nothing to report (a dialog that only shows something); the others return their input."""
        self.dismiss(None)

    @on(Button.Pressed, ".-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Button.Pressed, ".-confirm")
    def _confirm_pressed(self) -> None:
        self.action_confirm()

    @staticmethod
    def buttons(confirm: str) -> Horizontal:
        return Horizontal(
            Button(confirm, variant="primary", classes="-confirm"),
            Button(t("tui.dialog.cancel"), classes="-cancel"),
            classes="dialog-buttons",
        )


class ConfirmDialog(_Dialog):
    """A yes/no question (y or Enter: yes; n or Esc: no)."""

    BINDINGS = [bind("y", "confirm", "dialog.yes"), bind("n", "cancel", "dialog.no")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self.question, markup=False)
            yield self.buttons(t("tui.dialog.yes"))

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(".-confirm", Button).focus()

    def action_confirm(self) -> None:
        self.dismiss(True)


class ReasonDialog(_Dialog):
    """The reason for returning or rejecting (or breaking a lock): the workspace's templates plus free text.

    Enter on a template adds its text; the reason is required, so an empty one is refused here, before
    anything is sent, with the message the service would give.
    """

    def __init__(self, ws: Workspace | None, action: str, label: str, count: int = 1, text: str = "") -> None:
        super().__init__()
        self.ws, self.action, self.label, self.count, self.text = ws, action, label, count, text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="reason-box"):
            yield Label(t("tui.reason.templates"), classes="field-label")
            yield OptionList(id="reason-templates")
            yield Label(t("tui.reason.text"), classes="field-label")
            yield TextArea(self.text, id="reason-text", soft_wrap=True, show_line_numbers=False)
            yield Static(id="reason-error", markup=False)
            yield Static(t("tui.reason.hint"), classes="dialog-hint", markup=False)
            yield self.buttons(self.label)

    def on_mount(self) -> None:
        super().on_mount()
        box = self.query_one("#reason-box", Vertical)
        box.border_title = (
            t("tui.reason.title_many", action=self.label, n=self.count) if self.count > 1
            else t("tui.reason.title", action=self.label)
        )
        templates = self.query_one("#reason-templates", OptionList)
        if self.ws is None or self.action not in ("return", "reject"):
            templates.display = False
            self.query_one("#reason-text", TextArea).focus()
            return
        templates.focus()
        self._load_templates()

    @work(thread=True, exit_on_error=False)
    def _load_templates(self) -> None:
        from console.services import reasons

        assert self.ws is not None
        found = reasons.templates(self.ws, self.action, current_language())
        self.app.call_from_thread(self._show_templates, [x.text for x in found])

    def _show_templates(self, texts: list[str]) -> None:
        options = self.query_one("#reason-templates", OptionList)
        options.clear_options()
        options.add_options([Option(text, id=str(i)) for i, text in enumerate(texts)])
        if texts:
            options.highlighted = 0
        if not texts:
            options.display = False
            self.query_one("#reason-text", TextArea).focus()

    @on(OptionList.OptionSelected, "#reason-templates")
    def _template_chosen(self, event: OptionList.OptionSelected) -> None:
        area = self.query_one("#reason-text", TextArea)
        chosen = str(event.option.prompt)
        current = area.text.strip()
        if chosen not in current:
            area.text = f"{current}\n{chosen}".strip() if current else chosen
        area.focus()
        area.move_cursor(area.document.end)

    def action_confirm(self) -> None:
        text = self.query_one("#reason-text", TextArea).text.strip()
        if not text:
            self.query_one("#reason-error", Static).update(t("input.reason", action=self.label))
            self.query_one("#reason-text", TextArea).focus()
            return
        self.dismiss(text)


class TextDialog(_Dialog):
    """Free text: a comment, or a reply to one (required, not blank)."""

    def __init__(self, title: str, text: str = "", quote: str = "") -> None:
        super().__init__()
        self.title_text, self.text, self.quote = title, text, quote

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="text-box"):
            if self.quote:
                yield Static(self.quote, classes="dialog-quote", markup=False)
            yield TextArea(self.text, id="text-area", soft_wrap=True)
            yield Static(id="text-error", markup=False)
            yield Static(t("tui.text.hint"), classes="dialog-hint", markup=False)
            yield self.buttons(t("tui.dialog.send"))

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#text-box", Vertical).border_title = self.title_text
        self.query_one("#text-area", TextArea).focus()

    def action_confirm(self) -> None:
        text = self.query_one("#text-area", TextArea).text.strip()
        if not text:
            self.query_one("#text-error", Static).update(t("input.comment_empty"))
            return
        self.dismiss(text)


class AssignDialog(_Dialog):
    """Pick who is responsible for the item (or nobody)."""

    def __init__(self, ws: Workspace, current: str | None) -> None:
        super().__init__()
        self.ws, self.current = ws, current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="assign-box"):
            yield Select[str]([], id="assign-user", prompt=t("tui.assign.nobody"))
            yield self.buttons(t("tui.assign.confirm"))

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#assign-box", Vertical).border_title = t("tui.assign.title")
        self._load()

    @work(thread=True, exit_on_error=False)
    def _load(self) -> None:
        from console.services import people

        found = people.assignees(self.ws)
        self.app.call_from_thread(self._show, found)

    def _show(self, found: list[tuple[str, str]]) -> None:
        select = self.query_one("#assign-user", Select)
        select.set_options([(f"{name} ({user})", user) for user, name in found])
        if self.current and any(u == self.current for u, _ in found):
            select.value = self.current
        select.focus()

    def action_confirm(self) -> None:
        value = self.query_one("#assign-user", Select).value
        self.dismiss("" if value is Select.NULL else str(value))  # "": nobody; None (Esc): no change


class FilterDialog(_Dialog):
    """Narrow a queue: portal, category (with its sections), unit, content type, assignee and words."""

    def __init__(self, ws: Workspace, flt: QueueFilter) -> None:
        super().__init__()
        self.ws, self.flt = ws, flt

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box", id="filter-box"):
            for name, widget in (
                ("portal", Select[str]([("vi — baohiemxahoi.gov.vn", "vi"), ("en — vss.gov.vn", "en")],
                                       id="filter-portal", prompt=t("tui.filter.any"))),
                ("category", Select[str]([], id="filter-category", prompt=t("tui.filter.any"))),
                ("unit", Select[str]([], id="filter-unit", prompt=t("tui.filter.any"))),
                ("type", Select[str]([], id="filter-type", prompt=t("tui.filter.any"))),
                ("assignee", Select[str]([], id="filter-assignee", prompt=t("tui.filter.any"))),
                ("text", Input(self.flt.text or "", id="filter-text", placeholder=t("tui.filter.text_hint"))),
            ):
                yield Label(t(f"tui.filter.{name}"), classes="field-label")
                yield widget
            yield Horizontal(
                Button(t("tui.filter.apply"), variant="primary", classes="-confirm"),
                Button(t("tui.filter.clear"), id="filter-clear"),
                Button(t("tui.dialog.cancel"), classes="-cancel"),
                classes="dialog-buttons",
            )

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#filter-box").border_title = t("tui.filter.title")
        if self.flt.portal:
            self.query_one("#filter-portal", Select).value = self.flt.portal
        self.query_one("#filter-portal", Select).focus()
        self._load()

    @work(thread=True, exit_on_error=False)
    def _load(self) -> None:
        from console.services import people, tree
        from models.content_types import CONTENT_TYPES

        lang = current_language()
        cats = [(f"{c.portal} {'  ' * c.depth}{c.name}", c.key) for c in tree.rows(self.ws)]
        units = [(f"{u.code} — {(u.name_en or u.name) if lang == 'en' else u.name}", u.code)
                 for u in people.list_units(self.ws)]
        types = [(ct.name_en if lang == "en" else ct.name_vi, ct.code) for ct in CONTENT_TYPES]
        users = [(f"{name} ({user})", user) for user, name in people.assignees(self.ws)]
        self.app.call_from_thread(self._show, cats, units, types, users)

    def _show(self, *options: list[tuple[str, str]]) -> None:
        flt = self.flt
        for (widget_id, current), choices in zip(
            (("#filter-category", flt.category_key), ("#filter-unit", flt.unit), ("#filter-type", flt.content_type),
             ("#filter-assignee", flt.assignee)),
            options,
            strict=True,
        ):
            select = self.query_one(widget_id, Select)
            select.set_options(choices)
            if current and any(v == current for _, v in choices):
                select.value = current

    def _value(self, widget_id: str) -> str | None:
        value = self.query_one(widget_id, Select).value
        return None if value is Select.NULL else str(value)

    @on(Button.Pressed, "#filter-clear")
    def _clear(self) -> None:
        from console.services.pages import QueueFilter

        self.dismiss(QueueFilter())

    def action_confirm(self) -> None:
        from console.services.pages import QueueFilter

        text = self.query_one("#filter-text", Input).value.strip()
        self.dismiss(
            QueueFilter(
                portal=self._value("#filter-portal"),
                category_key=self._value("#filter-category"),
                unit=self._value("#filter-unit"),
                content_type=self._value("#filter-type"),
                assignee=self._value("#filter-assignee"),
                text=text or None,
            )
        )


class EditDialog(_Dialog):
    """Edit an item's title, lead, author, source, its type's metadata fields, or its category: the service
    checks them and writes a new revision (the body is edited outside, in a submission file)."""

    FIELDS = ("title", "summary", "author", "source")

    def __init__(self, ws: Workspace, detail: ItemDetail, values: dict[str, Any] | None = None) -> None:
        from models.content_types import content_type

        super().__init__()
        self.ws, self.detail = ws, detail
        self.meta_fields = content_type(detail.content_type).fields
        cur = detail.current
        self.initial_meta = {f.key: "" if cur.meta.get(f.key) is None else str(cur.meta[f.key])
                             for f in self.meta_fields}
        self.values = values or {
            "title": cur.title, "summary": cur.summary, "author": cur.author, "source": cur.source,
            "category": detail.category_key,
        }

    def compose(self) -> ComposeResult:
        lang = current_language()
        with VerticalScroll(classes="dialog-box", id="edit-box"):
            for name in self.FIELDS:
                yield Label(t(f"tui.edit.field.{name}"), classes="field-label")
                yield Input(self.values.get(name, ""), id=f"edit-{name}")
            for f in self.meta_fields:
                label = (f.name_en if lang == "en" else f.name_vi) + (" *" if f.required else "")
                hint = "YYYY-MM-DD" if f.kind == "date" else " | ".join(f.choices)
                yield Label(label, classes="field-label")
                shown = self.values.get("meta", self.initial_meta).get(f.key, "")
                yield Input(shown, id=f"edit-meta-{f.key}", placeholder=hint)
            yield Label(t("tui.edit.category"), classes="field-label")
            yield Select[str]([(self.detail.category, self.detail.category_key)], id="edit-category",
                              allow_blank=False)
            yield Static(t("tui.edit.hint"), classes="dialog-hint", markup=False)
            yield self.buttons(t("tui.edit.confirm"))

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#edit-box").border_title = t("tui.edit.title", id=self.detail.id)
        self.query_one("#edit-title", Input).focus()
        self._load()

    @work(thread=True, exit_on_error=False)
    def _load(self) -> None:
        from console.services import tree

        d = self.detail
        cats = [  # where the item may go: active categories that take its type
            (f"{'  ' * c.depth}{c.name}", c.key)
            for c in tree.rows(self.ws, d.portal, archived=False)
            if d.content_type in c.content_types or c.key == d.category_key
        ]
        self.app.call_from_thread(self._show, cats)

    def _show(self, cats: list[tuple[str, str]]) -> None:
        select = self.query_one("#edit-category", Select)
        select.set_options(cats)
        select.value = self.values.get("category", self.detail.category_key)

    def action_confirm(self) -> None:
        values: dict[str, Any] = {name: self.query_one(f"#edit-{name}", Input).value for name in self.FIELDS}
        meta = {f.key: self.query_one(f"#edit-meta-{f.key}", Input).value for f in self.meta_fields}
        if meta != self.initial_meta:
            values["meta"] = meta  # only a change: the service checks dates, choices, document numbers
        category = self.query_one("#edit-category", Select).value
        values["category"] = self.detail.category_key if category is Select.NULL else str(category)
        self.dismiss(values)


class BulkResultScreen(_Dialog):
    """What a bulk decision did: each item, done or refused, and why."""

    BINDINGS = [bind("enter", "cancel", "dialog.close")]

    def __init__(self, results: list[BulkResult]) -> None:
        super().__init__()
        self.results = results

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="bulk-box"):
            yield DataTable(id="bulk-table", cursor_type="row", zebra_stripes=True)
            yield Static(t("tui.bulk.hint"), classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        from models.workflow import STATE_LABELS, State

        lang = current_language()
        done = sum(r.ok for r in self.results)
        self.query_one("#bulk-box").border_title = t("tui.bulk.title", done=done, refused=len(self.results) - done)
        table = self.query_one("#bulk-table", DataTable)
        table.add_column(t("tui.bulk.col.item"), key="item")
        table.add_column(t("tui.bulk.col.result"), key="result")
        table.add_column(t("tui.bulk.col.detail"), key="detail")
        for r in self.results:
            if r.ref is not None:
                result = Text("✓ " + t("tui.bulk.done"), style="green")
                detail = STATE_LABELS[State(r.ref.state)][1 if lang == "en" else 0]
            else:
                assert r.error is not None
                result = Text("✗ " + t("tui.bulk.refused"), style="bold red")
                detail = r.error.message(lang)
            table.add_row(f"#{r.item_id}", result, Text(detail), key=str(r.item_id))
        table.focus()
