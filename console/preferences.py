"""A person's own settings for the TUI: the theme they chose and their key remapping.

They live in one TOML file in the user's config folder (platformdirs; ``VSS_CONSOLE_CONFIG`` names
another file)::

    theme = "gruvbox"

    [keymap]                       # binding id = keys, as the help screen (?) lists them
    "review.approve" = "A"
    "item_list.down" = "j,down,ctrl+n"

A file that cannot be read or parsed is reported and left untouched: the console runs with its
defaults and never overwrites it. Saving the theme rewrites only the ``theme`` line, so the person's
comments and keymap stay as they wrote them.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from console.text import nfc

ENV_CONFIG = "VSS_CONSOLE_CONFIG"
_THEME_LINE = re.compile(r"^\s*theme\s*=.*$")
_TABLE = re.compile(r"^\s*\[")
_KEY = re.compile(r"^[a-z0-9_+,\- ]+$", re.IGNORECASE)


@dataclass
class Preferences:
    path: Path
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # what was wrong in the file, for a notice
    readable: bool = True  # False: the file is broken, so it is never written


def config_path() -> Path:
    given = os.environ.get(ENV_CONFIG)
    if given:
        return Path(given).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("vss-console", appauthor=False)) / "config.toml"


def load(path: Path | None = None) -> Preferences:
    path = path or config_path()
    prefs = Preferences(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return prefs
    except OSError as exc:
        prefs.readable = False
        prefs.problems.append(f"{path}: {exc.strerror or exc}")
        return prefs
    try:
        data = tomllib.loads(nfc(raw.decode("utf-8")))
    except UnicodeDecodeError as exc:
        prefs.readable = False
        prefs.problems.append(f"{path}: not UTF-8 (byte {exc.start})")
        return prefs
    except tomllib.TOMLDecodeError as exc:
        prefs.readable = False
        prefs.problems.append(f"{path}: {exc}")
        return prefs
    theme = data.get("theme")
    if isinstance(theme, str) and theme.strip():
        prefs.theme = theme.strip()
    elif theme is not None:
        prefs.problems.append(f"{path}: theme must be a name in quotes")
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        prefs.problems.append(f"{path}: [keymap] must be a table of binding id = \"keys\"")
        keymap = {}
    for binding_id, keys in keymap.items():
        if isinstance(keys, list):
            keys = ",".join(str(k) for k in keys)
        if not isinstance(keys, str) or not keys.strip() or not _KEY.match(keys):
            prefs.problems.append(f"{path}: keymap {binding_id!r}: {keys!r} is not a key list such as \"j,down\"")
            continue
        prefs.keymap[str(binding_id)] = ",".join(k.strip() for k in keys.split(",") if k.strip())
    return prefs


def unknown_bindings(prefs: Preferences, known: set[str]) -> list[str]:
    """Keymap entries that name no binding (a typo, or a binding that was renamed)."""
    return sorted(set(prefs.keymap) - known)


def save_theme(prefs: Preferences, theme: str) -> bool:
    """Remember the theme; False (and nothing written) when the file was unreadable."""
    if not prefs.readable:
        return False
    path = prefs.path
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    entry = f'theme = "{theme}"'
    top = next((i for i, line in enumerate(lines) if _TABLE.match(line)), len(lines))  # top-level keys end here
    found = next((i for i in range(top) if _THEME_LINE.match(lines[i])), None)
    if found is None:
        lines.insert(0, entry)
    else:
        lines[found] = entry
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    prefs.theme = theme
    return True
