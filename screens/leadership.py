"""The leadership's approval form (Đ11.1c-d): what the review screen asks before it records ``approve_leadership``.

A leader gives, if they wish, the number of the approval document ("471/QĐ-BHXH") and the document itself (a
path to a PDF, DOC, ODT… file). A leadership secretary (who does not also hold the leadership role) records the
approval on a leader's behalf: the form then also asks which leader, among the people holding the leadership
role, and the document is required. The form only collects; the review screen calls ``items.decide``, which checks
the number (NĐ 30/2020), the file and the leader, and refuses with its own words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Select, Static

from console.i18n import t
from models.workflow import Role
from screens.dialogs import _Dialog

if TYPE_CHECKING:
    from console.permissions import Actor
    from console.workspace import Workspace


@dataclass(frozen=True, slots=True)
class LeadershipForm:
    """What was typed: the document's number and file path ("" for none) and the leader acted for (or None)."""

    number: str = ""
    document_file: str = ""
    for_leader: str | None = None


def records_for_a_leader(actor: Actor) -> bool:
    """A secretary who is not a leader records the approval on a leader's behalf."""
    return actor.has(Role.LEADERSHIP_SECRETARY) and not actor.has(Role.LEADERSHIP)


class LeadershipDialog(_Dialog):
    """The approval document's number and file, and, for a secretary, the leader on whose behalf."""

    DEFAULT_CSS = """
    LeadershipDialog { align: center middle; }
    #leadership-hint { margin-top: 1; }
    """

    def __init__(self, ws: Workspace, actor: Actor, item_id: int, form: LeadershipForm | None = None) -> None:
        super().__init__()
        self.ws, self.actor, self.item_id = ws, actor, item_id
        self.form = form or LeadershipForm()
        self.secretary = records_for_a_leader(actor)

    def compose(self) -> ComposeResult:
        f = self.form
        with VerticalScroll(classes="dialog-box", id="leadership-box"):
            if self.secretary:
                yield Label(t("tui.leadership.for") + " *", classes="field-label")
                yield Select[str]([], id="leadership-for", prompt=t("tui.leadership.for_prompt"))
            yield Label(t("tui.leadership.number"), classes="field-label")
            yield Input(f.number, id="leadership-number", placeholder="471/QĐ-BHXH")
            yield Label(t("tui.leadership.file") + (" *" if self.secretary else ""), classes="field-label")
            yield Input(f.document_file, id="leadership-file", placeholder=t("tui.leadership.file_hint"))
            hint = t("tui.leadership.hint_secretary") if self.secretary else t("tui.leadership.hint")
            yield Static(hint, id="leadership-hint", classes="dialog-hint", markup=False)
            yield self.buttons(t("tui.leadership.confirm"))

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#leadership-box").border_title = t("tui.leadership.title", id=self.item_id)
        if self.secretary:
            self.query_one("#leadership-for", Select).focus()
            self._load_leaders()
        else:
            self.query_one("#leadership-number", Input).focus()

    @work(thread=True, exit_on_error=False)
    def _load_leaders(self) -> None:
        from console.collation import sort_key
        from console.services import people

        leaders = [(u.full_name, u.username) for u in people.list_users(self.ws, self.actor)
                   if u.active and any(role == Role.LEADERSHIP.value for _, role in u.memberships)]
        leaders.sort(key=lambda r: (sort_key(r[0]), r[1]))
        self.app.call_from_thread(self._show_leaders, leaders)

    def _show_leaders(self, leaders: list[tuple[str, str]]) -> None:
        select = self.query_one("#leadership-for", Select)
        select.set_options([(f"{name} ({user})", user) for name, user in leaders])
        wanted = self.form.for_leader
        if wanted is None and len(leaders) == 1:
            wanted = leaders[0][1]  # the only leader: chosen already
        if wanted is not None and any(user == wanted for _, user in leaders):
            select.value = wanted

    def action_confirm(self) -> None:
        leader = None
        if self.secretary:
            value = self.query_one("#leadership-for", Select).value
            leader = None if value is Select.NULL else str(value)
        self.dismiss(LeadershipForm(self.query_one("#leadership-number", Input).value.strip(),
                                    self.query_one("#leadership-file", Input).value.strip(), leader))
