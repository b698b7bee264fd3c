"""Rendering of a revision's body: Markdown -> HTML -> sanitised HTML, deterministic and hashed.

``render(body_md, resolve_link=...)`` returns a :class:`Rendered` (the HTML, the sha256 of its UTF-8
bytes, and :data:`RENDERER_VERSION`). Render each immutable revision once and store the result; a
change of ``RENDERER_VERSION`` means stored renderings are stale and are re-rendered in bulk.

Pipeline:

1. NFC the input.
2. Python-Markdown (fresh state per call) with ``tables`` (``align`` attributes, not styles),
   ``footnotes``, ``toc`` (heading ids from :func:`console.text.slug`, so Vietnamese headings get
   stable ASCII ids: "Quyền lợi của người lao động" -> ``quyen-loi-cua-nguoi-lao-dong``),
   ``sane_lists``, ``abbr`` and ``attr_list``. A tree pass unwraps links and images whose URL is
   refused (see below), so they stay as their text (an image as its alt text) instead of an empty ``<a>``.
3. nh3 (ammonia) as the **last step**, against the explicit allow-list below (tags, attributes per
   tag, classes, URL schemes); ``rel="noopener noreferrer"`` is added to every ``<a>``.

URLs are checked in one place, :func:`check_url`, which nh3 calls for every ``href``/``src`` it keeps
(and the Markdown tree pass calls to decide what to unwrap). It decodes the value (HTML entities and
percent-encoding, repeatedly), NFKC-folds it, removes whitespace, control and format characters and
Unicode separators, lowercases it, and then reads the scheme: only http, https, mailto and tel are
allowed, or a relative URL (path, ``?query``, ``#fragment``, ``//host``). nh3 alone refuses
entity-encoded, tab-split and mixed-case ``javascript:``, but lets through as "relative" URLs
``javascript%3A...``, ``%6Aavascript:...`` and ``javascript:`` split by spaces, U+2028, soft hyphens
or written in full-width letters; ``check_url`` refuses them all.

Internal references, rewritten to portal paths by the caller's ``resolve_link(ref)`` (which receives
the whole reference and returns a path or ``None``):

- ``item:<id>`` -- an item, e.g. ``[Luật BHXH](item:123)``;
- ``category:<code>`` -- a category, e.g. ``category:vi.6.2``;
- ``attachment:<sha256>`` -- an attachment, as a link or an image source.

A reference that ``resolve_link`` cannot resolve (or with no ``resolve_link``) loses its link and
keeps its text. What ``resolve_link`` returns goes through the same URL check.
"""

from __future__ import annotations

import hashlib
import html
import re
import threading
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

from models.slugs import slug

__all__ = ["INTERNAL_SCHEMES", "RENDERER_VERSION", "URL_SCHEMES", "Rendered", "check_url", "render"]

#: Changes whenever the output for some input would change (extensions, their options, allow-list,
#: URL rules, library major versions). Stored renderings with another version are stale.
RENDERER_VERSION = "md3-nh3-1"

LinkResolver = Callable[[str], str | None]

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
INTERNAL_SCHEMES = frozenset({"item", "category", "attachment"})

_HEADINGS = {f"h{n}" for n in range(1, 7)}
_TAGS = _HEADINGS | {
    "p", "br", "hr", "div", "span", "blockquote", "pre", "code",
    "ul", "ol", "li", "dl", "dt", "dd",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "a", "img", "strong", "em", "b", "i", "u", "s", "del", "ins", "mark", "small", "sup", "sub", "abbr",
}  # fmt: skip
_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
    "abbr": {"title"},
    "sup": {"id"},  # footnote references
    "li": {"id"},  # footnotes
    "ol": {"start"},
    **{h: {"id"} for h in _HEADINGS},
}
_CLASSES = {
    "a": {"footnote-ref", "footnote-backref"},
    "div": {"footnote", "toc"},
}
# Whose whole content goes, not just the tag (nh3 keeps the text of other refused tags).
_CLEAN_CONTENT = {
    "script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math", "textarea", "title",
}  # fmt: skip
_URL_ATTRIBUTES = {"href", "src"}

_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
_MAX_DECODE = 8


def _squeeze(value: str) -> str:
    """Decode and fold a URL for its scheme check: entities and %-escapes undone (repeatedly), NFKC,
    whitespace / control / format characters and Unicode separators removed, lowercased."""
    for _ in range(_MAX_DECODE):
        decoded = unquote(html.unescape(value), errors="replace")
        if decoded == value:
            break
        value = decoded
    value = unicodedata.normalize("NFKC", value)
    value = "".join(c for c in value if not c.isspace() and unicodedata.category(c)[0] not in "CZ")
    return value.lower()


def _scheme(value: str) -> str | None:
    match = _SCHEME.match(_squeeze(value))
    return match.group(1) if match else None


def check_url(value: str, resolve_link: LinkResolver | None = None) -> str | None:
    """The URL to keep for ``value`` (an href or src), or ``None`` to drop it.

    Allowed: http, https, mailto, tel, and relative URLs; internal references (``item:``,
    ``category:``, ``attachment:``) become what ``resolve_link`` returns, itself checked again."""
    value = value.strip()
    scheme = _scheme(value)
    if scheme is None:
        return value  # relative: a path, ?query, #fragment or //host
    if scheme in URL_SCHEMES:
        # Keep it only if it reads the same raw: a scheme written in disguise is refused.
        raw = _SCHEME.match(value.lower())
        return value if raw and raw.group(1) == scheme else None
    if scheme in INTERNAL_SCHEMES and resolve_link is not None:
        raw = _SCHEME.match(value)
        if not raw or raw.group(1).lower() != scheme:
            return None
        target = resolve_link(f"{scheme}:{value[raw.end() :]}")
        return None if target is None else check_url(target)  # no resolver: no reference to a reference
    return None


class _UnwrapRefused(Treeprocessor):
    """Links and images whose URL ``check_url`` refuses become their text (images: their alt text)."""

    resolve_link: LinkResolver | None = None

    def run(self, root: ET.Element) -> None:
        self._walk(root)

    def _walk(self, parent: ET.Element) -> None:
        index = 0
        while index < len(parent):
            child = parent[index]
            self._walk(child)
            attr = {"a": "href", "img": "src"}.get(child.tag)
            if (
                attr is not None
                and child.get(attr) is not None
                and check_url(child.get(attr) or "", self.resolve_link) is None
            ):
                self._unwrap(parent, index, child)
                continue  # the same index now holds what came after (or the child's own children)
            index += 1

    @staticmethod
    def _unwrap(parent: ET.Element, index: int, child: ET.Element) -> None:
        text = child.get("alt", "") if child.tag == "img" else (child.text or "")
        kids = [] if child.tag == "img" else list(child)
        tail = child.tail or ""
        parent.remove(child)
        if kids:
            kids[-1].tail = (kids[-1].tail or "") + tail
            tail = ""
        before = text + (tail if not kids else "")
        if index == 0:
            parent.text = (parent.text or "") + before
        else:
            prev = parent[index - 1]
            prev.tail = (prev.tail or "") + before
        for offset, kid in enumerate(kids):
            parent.insert(index + offset, kid)


def _toc_slug(value: str, separator: str) -> str:
    return slug(value)


class _Renderer:
    """One Markdown instance per thread, reset before every use (footnote counters, toc ids)."""

    def __init__(self) -> None:
        self.md = markdown.Markdown(
            extensions=["tables", "footnotes", "toc", "sane_lists", "abbr", "attr_list"],
            extension_configs={
                "tables": {"use_align_attribute": True},
                "toc": {"slugify": _toc_slug},
            },
            output_format="html",
        )
        self.unwrap = _UnwrapRefused(self.md)
        self.md.treeprocessors.register(self.unwrap, "vss_unwrap_refused", 1)  # after attr_list and toc

    def convert(self, text: str, resolve_link: LinkResolver | None) -> str:
        self.md.reset()
        self.unwrap.resolve_link = resolve_link
        try:
            return self.md.convert(text)
        finally:
            self.unwrap.resolve_link = None
            self.md.reset()


_local = threading.local()


def _renderer() -> _Renderer:
    renderer: _Renderer | None = getattr(_local, "renderer", None)
    if renderer is None:
        renderer = _local.renderer = _Renderer()
    return renderer


def sanitise(fragment: str, resolve_link: LinkResolver | None = None) -> str:
    """nh3 against the allow-list; every kept href/src passes :func:`check_url`."""

    def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
        if attribute in _URL_ATTRIBUTES:
            return check_url(value, resolve_link)
        return value

    kwargs: dict[str, Any] = {
        "tags": _TAGS,
        "clean_content_tags": _CLEAN_CONTENT,
        "attributes": _ATTRIBUTES,
        "allowed_classes": _CLASSES,
        "attribute_filter": attribute_filter,
        "strip_comments": True,
        "link_rel": "noopener noreferrer",
        # nh3 checks schemes *before* attribute_filter and does not re-check what it returns, so the
        # internal schemes must pass here to reach check_url, which is the authority.
        "url_schemes": set(URL_SCHEMES | INTERNAL_SCHEMES),
    }
    return nh3.clean(fragment, **kwargs)


@dataclass(frozen=True, slots=True)
class Rendered:
    html: str
    sha256: str
    renderer: str = RENDERER_VERSION


def render(body_md: str, *, resolve_link: LinkResolver | None = None) -> Rendered:
    """Markdown body -> sanitised HTML with its sha256 and the renderer version."""
    text = unicodedata.normalize("NFC", body_md)
    fragment = _renderer().convert(text, resolve_link)
    clean = sanitise(fragment, resolve_link)
    return Rendered(html=clean, sha256=hashlib.sha256(clean.encode("utf-8")).hexdigest(), renderer=RENDERER_VERSION)
