"""Reusable widgets for the screens."""

from screens.widgets.item_list import Column, IndexedSource, ItemList, ItemSource

__all__ = ["Column", "IndexedSource", "ItemList", "ItemSource"]
