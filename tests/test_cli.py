"""The CLI end to end, in-process (fast) and once as a real process (the installed entry point)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from console.cli import main

NEWS_MD = """---
title: BHXH Việt Nam triển khai điều chỉnh lương hưu từ 01/7/2026
type: news_event
category: Tin tức
author: Nguyễn Thị Lan
source: Văn phòng BHXH Việt Nam
meta:
  event_date: 2026-07-01
  location: Hà Nội
---
Từ ngày **01/7/2026**, BHXH Việt Nam triển khai điều chỉnh lương hưu.
"""


def _write(tmp_path: Path, text: str, name: str = "tin.md", encoding: str = "utf-8") -> str:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return str(p)


def test_newcomer_path_submit_approve_refused_as_author_then_verify_and_tamper(cli, tmp_path):
    code, out, _ = cli("hung", "item", "submit", _write(tmp_path, NEWS_MD.replace("Tin tức", "vi.2")
                                                        .replace("type: news_event", "type: news_event\nunit: VP")))
    assert code == 0 and "#1" in out
    assert cli("minh", "decide", "1", "accept")[0] == 0
    assert cli("minh", "decide", "1", "send_to_board")[0] == 0
    code, _, err = cli("hung", "decide", "1", "approve")
    assert code == 3 and "phân tách nhiệm vụ" in err
    code, out, _ = cli("mai", "decide", "1", "approve", "--format", "json")
    assert code == 0 and json.loads(out)["state"] == "approved"
    code, out, _ = cli(None, "audit", "verify")
    assert code == 0 and "toàn vẹn" in out
    db = Path(cli.root) / "workspace.db"
    with sqlite3.connect(db) as c:
        c.execute("UPDATE audit_event SET actor_name = 'someone-else' WHERE id = 5")
    c.close()
    code, _, err = cli(None, "audit", "verify")
    assert code == 8 and "#5" in err


def test_submit_toml_front_matter_and_show_as_json(cli, tmp_path):
    toml = '+++\ntitle = "Hướng dẫn thủ tục hưởng chế độ thai sản"\ntype = "policy_guidance"\ncategory = "PBGDPL"\n' \
           '[meta]\nlaw_reference = "Luật BHXH 2024"\nlaw_issued_on = 2024-06-29\n+++\nNội dung hướng dẫn.\n'
    code, out, err = cli("lan", "item", "submit", _write(tmp_path, toml), "--format", "json")
    assert code == 0, err
    item_id = json.loads(out)["id"]
    code, out, _ = cli("lan", "item", "show", str(item_id), "--format", "json")
    shown = json.loads(out)
    assert shown["current"]["meta"] == {"law_reference": "Luật BHXH 2024", "law_issued_on": "2024-06-29"}
    assert shown["unit"] == "VP"  # lan's only unit is the default
    code, out, err = cli("lan", "--lang", "en", "item", "show", str(item_id))
    assert code == 0, err
    assert "Hướng dẫn thủ tục hưởng chế độ thai sản" in out and "Submit (Draft → Submitted)" in out


@pytest.mark.parametrize(
    ("content", "encoding", "expect"),
    [
        ("---\ntitle: Hà Noi\n---\n", "latin-1", "bảng mã"),  # too short to tell TCVN3 from Windows-1258
        ("---\ntitle: Tin\n---\n\x00\x01\x02 rác \ufffd", "utf-8", "bị hỏng"),  # damaged text
        ("title: no fences\n", "utf-8", "---"),
        ("---\ntitle: [unclosed\n---\nx", "utf-8", "front matter"),
        ("---\ntitle: x\ncolour: red\n---\nx", "utf-8", "colour"),
        ("---\ntitle: x\ntype: news_event\n---\nx", "utf-8", "category"),
    ],
)
def test_bad_files_get_a_clear_error_and_write_nothing(cli, tmp_path, content, encoding, expect):
    code, _, err = cli("lan", "item", "submit", _write(tmp_path, content, encoding=encoding))
    assert code == 2
    assert expect in err and "Traceback" not in err
    code, out, _ = cli("lan", "queue", "list", "--queue", "submitted", "--format", "json")
    assert json.loads(out) == []


@pytest.mark.parametrize("encoding", ["utf-16", "tcvn3", "vni", "nfd"])
def test_legacy_and_other_encodings_are_converted_to_nfc(cli, tmp_path, encoding):
    import unicodedata

    from console import legacy

    text = NEWS_MD.replace("BHXH Việt Nam triển khai", "Bảo hiểm xã hội Việt Nam triển khai")
    encoders = {"utf-16": lambda: text.encode("utf-16"), "tcvn3": lambda: legacy.encode_tcvn3(text),
                "vni": lambda: legacy.encode_vni(text), "nfd": lambda: unicodedata.normalize("NFD", text).encode()}
    data = encoders[encoding]()
    path = tmp_path / f"tin-{encoding}.md"
    path.write_bytes(data)
    code, out, err = cli("lan", "item", "submit", str(path), "--format", "json")
    assert code == 0, err
    code, out, _ = cli("lan", "item", "show", str(json.loads(out)["id"]), "--format", "json")
    shown = json.loads(out)["current"]
    assert shown["title"] == "Bảo hiểm xã hội Việt Nam triển khai điều chỉnh lương hưu từ 01/7/2026"
    assert shown["author"] == "Nguyễn Thị Lan" and unicodedata.is_normalized("NFC", shown["body_md"])


def test_english_messages_and_reason_required(cli, tmp_path):
    cli("lan", "item", "submit", _write(tmp_path, NEWS_MD))
    code, _, err = cli("minh", "--lang", "en", "decide", "1", "reject")
    assert code == 2 and "needs a reason" in err
    code, _, err = cli("minh", "decide", "1", "reject", "--reason", "Trùng với tin đã đăng ngày 20/11")
    assert code == 0
    code, out, _ = cli("lan", "queue", "list", "--queue", "submitted", "--format", "json")
    assert json.loads(out)[0]["state"] == "rejected"


def test_wrong_password_and_unknown_user(cli, monkeypatch):
    monkeypatch.setenv("VSS_CONSOLE_PASSWORD", "wrong")
    code, _, err = cli("lan", "queue", "list")
    assert code == 6 and "Sai tên đăng nhập" in err
    monkeypatch.delenv("VSS_CONSOLE_USER", raising=False)
    code, _, err = cli(None, "queue", "list")
    assert code == 2 and "--user" in err


def test_user_management_needs_admin(cli, monkeypatch):
    monkeypatch.setenv("VSS_CONSOLE_NEW_PASSWORD", "a-long-password")
    code, _, err = cli("lan", "user", "add", "tam", "--name", "Phan Văn Tâm", "--role", "VP:contributor")
    assert code == 3 and "Quản trị" in err
    code, _, err = cli("admin", "user", "add", "tam", "--name", "Phan Văn Tâm", "--role", "VP:nonsense")
    assert code == 2 and "nonsense" in err
    code, _, _ = cli("admin", "user", "add", "tam", "--name", "Phan Văn Tâm", "--role", "VP:contributor")
    assert code == 0
    code, out, _ = cli("admin", "user", "list", "--format", "json")
    assert ["VP", "contributor"] in next(u for u in json.loads(out) if u["username"] == "tam")["memberships"]
    assert cli("admin", "user", "add", "tam", "--name", "X", "--role", "VP:contributor")[0] == 4


def test_category_and_unit_lists(cli):
    code, out, _ = cli(None, "category", "list", "--portal", "en", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [r["name"] for r in rows if r["depth"] == 0][:3] == ["About us", "News", "Research and Statistics"]
    code, out, _ = cli(None, "unit", "list", "--format", "json")
    assert any(u["name"] == "Trung tâm Truyền thông" for u in json.loads(out))


def test_init_creates_admin_and_refuses_existing(tmp_path, monkeypatch, capsys):
    import io

    monkeypatch.delenv("VSS_CONSOLE_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO())  # no terminal: a password is generated and printed
    ws = str(tmp_path / "new")
    assert main(["init", ws]) == 0
    out = capsys.readouterr().out
    password = out.split("Mật khẩu: ")[1].split()[0]
    monkeypatch.setenv("VSS_CONSOLE_PASSWORD", password)
    assert main(["--db", ws, "--user", "admin", "user", "list"]) == 0
    assert main(["init", ws]) == 7
    assert "Đã có" in capsys.readouterr().err


def test_missing_workspace_is_a_clear_error(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "nowhere"), "category", "list"]) == 7
    assert "vss-console init" in capsys.readouterr().err


def test_entry_point_help_lists_exit_codes():
    exe = Path(sys.executable).with_name("vss-console")
    out = subprocess.run([str(exe), "--help"], capture_output=True, text=True, check=True)
    assert "permission denied" in out.stdout and "Mã thoát" in out.stdout


def test_calendar_show_lists_days_off_and_make_up_days_with_sources(cli):
    code, out, _ = cli(None, "calendar", "show", "2026", "--format", "json")
    assert code == 0
    days = {d["date"]: d for d in json.loads(out)["days"]}
    assert not days["2026-02-17"]["working"] and "Tết" in days["2026-02-17"]["name"]
    assert days["2026-01-10"]["working"] and days["2026-01-10"]["source"]  # the make-up Saturday
    code, out, _ = cli(None, "calendar", "show", "2027")
    assert code == 0 and "dự kiến" in out  # 2027's Tết is not announced yet


def test_calendar_admin_and_deadline_explain(cli, tmp_path):
    code, _, err = cli("minh", "calendar", "add-off", "2027-03-05", "--name", "Nghỉ thêm", "--source", "TB 1")
    assert code == 3
    code, out, err = cli("admin", "calendar", "add-off", "2027-03-05", "--name", "Nghỉ thêm", "--source", "TB 1")
    assert code == 0, err
    code, _, err = cli("admin", "calendar", "add-off", "05/13/2027", "--name", "X", "--source", "Y")
    assert code == 2
    md = NEWS_MD.replace("type: news_event", "type: legal_document").replace("category: Tin tức", "category: vi.3.1")
    md = md.replace("meta:\n  event_date: 2026-07-01\n  location: Hà Nội",
                    "meta:\n  number: 75/2026/NĐ-CP\n  issuer: Chính phủ\n  issued_on: 2026-02-10\n"
                    "  cleared_on: 2027-03-04")
    code, out, err = cli("lan", "item", "submit", _write(tmp_path, md), "--format", "json")
    assert code == 0, err
    item_id = json.loads(out)["id"]
    code, out, _ = cli("lan", "deadline", "explain", str(item_id))
    assert code == 0 and "08/03/2027" in out and "Đ11" in out
    code, out, _ = cli("admin", "deadline", "rules", "--format", "json")
    assert any(r["key"] == "document_1wd" and r["amount"] == 1 for r in json.loads(out))
