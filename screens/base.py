"""Shared pieces of the screens: bindings named by id and described from the catalogue, and the
``relabel`` protocol every screen follows when the language changes."""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol, runtime_checkable

from textual.binding import Binding
from textual.dom import DOMNode

from console.i18n import has, t
from screens.strings import BINDING_PREFIX


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
