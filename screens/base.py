"""Shared pieces of the screens: bindings named by id and described from the catalogue, and the
``relabel`` protocol every screen follows when the language changes."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from textual.binding import Binding
from textual.dom import DOMNode
from textual.worker import Worker, WorkerState

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
