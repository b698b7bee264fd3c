"""The one catalogue: every key in both languages, with the same placeholders, NFC."""

from __future__ import annotations

import importlib
import pkgutil
import string
import unicodedata

import pytest

import console
import screens
from console import i18n
from console.errors import ConsoleError

# Every module registers its own strings on import: import them all, as the running app would.
for _pkg in (console, screens):
    for _mod in pkgutil.walk_packages(_pkg.__path__, _pkg.__name__ + "."):
        importlib.import_module(_mod.name)
KEYS = i18n.keys()


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_catalogue_is_not_empty():
    assert len(KEYS) > 150
    assert {"error.permission", "tui.login.heading", "cli.description", "audit.broken"} <= set(KEYS)
    for prefix in ("calendar.", "deadline.", "tui.binding."):  # the big families are all registered
        assert sum(k.startswith(prefix) for k in KEYS) > 30, prefix


@pytest.mark.parametrize("key", KEYS)
def test_every_key_has_both_languages_with_the_same_placeholders(key):
    vi, en = i18n.t(key, "vi"), i18n.t(key, "en")
    pair = i18n._CATALOGUE[key]
    assert pair[0].strip() and pair[1].strip(), key
    assert _fields(pair[0]) == _fields(pair[1]), key
    assert unicodedata.is_normalized("NFC", pair[0]) and unicodedata.is_normalized("NFC", pair[1])
    if key.startswith(("calendar.", "deadline.")):  # sentences, never codes: a translation must differ
        assert vi != en, key
    if vi == en:  # allowed for codes and proper names only
        assert not any(c.isalpha() and not c.isascii() for c in vi) or key.startswith("col.id"), key


def test_a_key_registered_twice_with_other_text_is_refused():
    with pytest.raises(ValueError, match="registered twice"):
        i18n.register({"error.title": ("Khác", "Other")})


def test_unknown_key_falls_back_to_the_key():
    assert i18n.t("no.such.key") == "no.such.key"


def test_every_error_key_used_in_the_code_exists():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    pattern = re.compile(r'(?:InvalidInput|PermissionDenied|Conflict|NotFound|AuthFailed|WorkspaceError|'
                         r'ReasonRequired|ConsoleError)\(\s*"([a-z_.]+)"')
    used = set()
    for path in list((root / "console").rglob("*.py")) + list((root / "screens").rglob("*.py")):
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert used, "the pattern found no error keys"
    missing = sorted(k for k in used if not i18n.has(k))
    assert missing == []


def test_error_messages_render_in_both_languages():
    err = ConsoleError("conflict.locked", item=7, who="Trần Văn Minh", until="26/11/2026 09:00")
    assert err.message("vi").startswith("#7 đang được Trần Văn Minh giữ khóa")
    assert err.message("en").startswith("Item #7 is locked by Trần Văn Minh")


def test_numbers_and_sizes_are_written_in_the_language_s_style():
    from console.i18n import number, size

    assert number(1234567.5, 1, "vi") == "1.234.567,5" and number(1234567.5, 1, "en") == "1,234,567.5"
    assert number(100000, lang="vi") == "100.000" and number(42, lang="en") == "42"
    assert size(512, "vi") == "512 B" and size(44_544, "vi") == "43,5 KB" and size(44_544, "en") == "43.5 KB"
    assert size(3 * 1024**3, "en") == "3.0 GB"
