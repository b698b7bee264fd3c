"""Shared pieces of the screens: bindings named by id and described from the catalogue, and the
``relabel`` protocol every screen follows when the language changes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from rich.text import Text
from textual import events, work
from textual.binding import Binding
from textual.dom import DOMNode
from textual.worker import Worker, WorkerState, get_current_worker

from console.i18n import has, t
from screens.strings import BINDING_PREFIX

if TYPE_CHECKING:
    from console.workspace import Workspace


def bind(key: str, action: str, binding_id: str, *, show: bool = True, priority: bool = False) -> Binding:
    """A binding whose ``id`` is also its catalogue key (``tui.binding.<id>``)."""
    return Binding(key, action, t(BINDING_PREFIX + binding_id), show=show, priority=priority, id=binding_id)


def describe(binding: Binding) -> str | None:
    """The binding's description in the current language, or ``None`` if it is not ours."""
    if binding.id and has(BINDING_PREFIX + binding.id):
        return t(BINDING_PREFIX + binding.id)
    return None


def localize_bindings(node: DOMNode) -> None:
    """Re-describe the node's own bindings in the current language.

    The lists are replaced rather than edited: a node's map is a shallow copy of its class's.
    """
    table = node._bindings.key_to_bindings
    node._bindings.key_to_bindings = {key: [_localized(b) for b in bindings] for key, bindings in table.items()}


def _localized(binding: Binding) -> Binding:
    text = describe(binding)
    return binding if text is None else replace(binding, description=text, tooltip=text)


@runtime_checkable
class Relabels(Protocol):
    """A screen that can redraw its text in the current language."""

    HELP_KEY: str

    def relabel(self) -> None: ...


def relabel_binding(node: DOMNode, binding_id: str, text: str) -> None:
    """Give one binding another description: a key whose verb depends on the item ("a" is
    "Duyệt" on the Board's queue, "Tiếp nhận biên tập" on the inbox)."""
    table = node._bindings.key_to_bindings
    node._bindings.key_to_bindings = {
        key: [replace(b, description=text, tooltip=text) if b.id == binding_id else b for b in bindings]
        for key, bindings in table.items()
    }


def hide_binding(node: DOMNode, binding_id: str) -> None:
    """Keep one binding out of the footer (the key still works): an action this person may not take, which
    says why when tried."""
    table = node._bindings.key_to_bindings
    node._bindings.key_to_bindings = {
        key: [replace(b, show=False) if b.id == binding_id else b for b in bindings] for key, bindings in table.items()
    }


def worker_error(event: Worker.StateChanged) -> BaseException | None:
    """The error of a screen's worker that just failed, shown by the App's error modal.

    ``Worker.StateChanged`` does not bubble, so a screen that starts workers hands their failures on."""
    if event.state is not WorkerState.ERROR or event.worker.error is None:
        return None
    error = event.worker.error
    event.worker.node.app.show_error(error)  # type: ignore[attr-defined]
    return error


class OnWorkspace:
    """A screen that works on the App's open workspace (opened before any such screen is shown)."""

    app: Any

    @property
    def ws(self) -> Workspace:
        ws = self.app.workspace
        assert ws is not None
        return ws


class TypedFind:
    """``/`` types words into the screen's ``#find-bar`` while its list keeps the focus; Enter finds, Esc cancels,
    Backspace and Ctrl+U edit. No focus change, so Textual does not rebuild the footer (~0.1 s a time).

    The screen sets ``typing`` (None: not finding) and ``find_text`` in its ``__init__``, has a ``#find-bar``
    Static and an ``action_find_next(forward, inclusive)``."""

    FIND_HINT: ClassVar[str] = "tui.queue.find_hint"
    typing: str | None
    find_text: str
    query_one: Any
    action_find_next: Callable[..., None]  # the screen's: (forward, inclusive)

    def action_find(self) -> None:
        self.typing = ""
        self._show_find()

    def _show_find(self) -> None:
        from textual.widgets import Static

        bar = self.query_one("#find-bar", Static)
        bar.display = self.typing is not None
        if self.typing is not None:
            typed = Text.assemble((t("tui.queue.find_label"), "bold"), self.typing, ("▏", "blink"))
            if not self.typing:
                typed.append(t(self.FIND_HINT), style="dim")
            bar.update(typed)

    def find_changed(self) -> None:
        """The words to find were entered: go to the first match (from the cursor on)."""
        if self.find_text:  # (n and N are asked check_action when pressed: no footer rebuild needed)
            self.action_find_next(True, inclusive=True)

    def on_key(self, event: events.Key) -> None:
        if self.typing is None:
            return
        event.stop()
        event.prevent_default()
        if event.key == "escape":
            self.typing = None
        elif event.key == "enter":
            self.find_text, self.typing = self.typing.strip(), None
            self.find_changed()
        elif event.key == "backspace":
            self.typing = self.typing[:-1]
        elif event.key == "ctrl+u":
            self.typing = ""
        elif event.character and event.is_printable:
            self.typing += event.character
        self._show_find()


POLL_SECONDS = 3.0


class PollsChanges:
    """Every few seconds, while the screen is on top, read the workspace's change stamp (the newest audit event) in
    a worker; when it moved, someone changed something: ``changed()`` reloads what the screen shows."""

    app: Any
    ws: Any
    set_interval: Any
    changed: Callable[[], None]  # the screen's: reload what it shows
    _stamp: int | None = None

    def start_polling(self) -> None:
        self.set_interval(POLL_SECONDS, self._poll)

    def _poll(self) -> None:
        if self.app.screen is self:
            self._poll_worker()

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def _poll_worker(self) -> None:
        from console.services import queries

        stamp = queries.change_stamp(self.ws)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._polled, stamp)

    def _polled(self, stamp: int) -> None:
        if self._stamp is not None and stamp != self._stamp:
            self.changed()
        self._stamp = stamp
