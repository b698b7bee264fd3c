"""The category tree from the command line (issue 6): proposals from TOML and YAML files, the dry run, every
bad file refused with a clear message and nothing filed, the Board's decision through ``decide``, stale
proposals and rebasing, redirects. In-process on SQLite, as tests/test_cli.py drives the CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from console.cli import main
from tests.conftest import PASSWORD

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"
OLD_LEADERS = "/gioi-thieu-bao-hiem-xa-hoi-viet-nam/lanh-dao-bao-hiem-xa-hoi-viet-nam"
NEW_LEADERS = "/he-thong-van-ban/lanh-dao-bao-hiem-xa-hoi-viet-nam"

RENAME = """title = "Đổi tên Tin tức"
[[changes]]
kind = "rename"
node = "vi.2"
name = "Tin tức - Sự kiện"
"""
DESCRIBE = """title = "Mô tả chuyên mục Tin tức"
rationale = "Cho rõ phạm vi."
[[changes]]
kind = "edit"
node = "vi.2"
description = "Tin hoạt động của Ngành"
"""


@pytest.fixture
def cli(sqlite_env, monkeypatch, capsys):
    """Run ``vss-console --db WS --user USER ...`` in-process; returns (exit code, stdout, stderr)."""
    root = str(sqlite_env.ws.location.root)
    monkeypatch.setenv("VSS_CONSOLE_PASSWORD", PASSWORD)
    monkeypatch.delenv("VSS_CONSOLE_DB", raising=False)
    monkeypatch.delenv("VSS_CONSOLE_LANG", raising=False)

    def run(user: str | None, *args: str) -> tuple[int, str, str]:
        argv = ["--db", root, *(["--user", user] if user else []), *args]
        code = main(argv)
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def _write(tmp_path: Path, text: str, name: str = "de-xuat.toml", encoding: str = "utf-8") -> str:
    from console import legacy

    p = tmp_path / name
    p.write_bytes(legacy.encode_cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    return str(p)


def _json(result: tuple[int, str, str]) -> Any:
    code, out, err = result
    assert code == 0, err
    return json.loads(out)


def _proposal_ids(cli) -> list[int]:
    """Every proposal on file, in any state (as the Board sees them)."""
    return [r["id"] for r in _json(cli("mai", "category", "proposals", "--all", "--format", "json"))]


def _propose(cli, tmp_path: Path, text: str, name: str = "de-xuat.toml", who: str = "minh") -> int:
    ref = _json(cli(who, "category", "propose", _write(tmp_path, text, name), "--format", "json"))
    return int(ref["id"])


def test_done_means_an_editor_proposes_from_toml_the_board_approves_and_the_tree_and_redirects_follow(cli):
    example = str(EXAMPLES / "proposal.toml")
    code, out, err = cli("minh", "category", "propose", example)
    assert code == 0, err
    assert "Đã lập đề xuất #" in out and "Chờ Ban Biên tập duyệt" in out
    pid = int(out.split("#")[1].split()[0])
    pending = _json(cli("mai", "category", "proposals", "--format", "json"))
    assert [(p["id"], p["changes"], p["kinds"]) for p in pending] == [(pid, 2, ["move", "rename"])]

    code, out, _ = cli("mai", "category", "show", str(pid))  # what the Board reads before deciding
    assert code == 0
    assert "1. Chuyển «Lãnh đạo Bảo hiểm xã hội Việt Nam» → «Hệ thống văn bản» #1" in out
    assert "2. Đổi tên «Tin tức» → «Tin tức - Sự kiện»" in out
    assert "[đổi tên]" in out and "«Tin tức» → «Tin tức - Sự kiện»; /tin-tuc → /tin-tuc-su-kien" in out
    assert "[chuyển chỗ]" in out and f"từ «Giới thiệu Bảo hiểm xã hội Việt Nam»; {OLD_LEADERS} → {NEW_LEADERS}" in out
    assert "Tin tức - Sự kiện" not in cli(None, "category", "tree", "--portal", "vi")[1]  # nothing applied yet

    code, out, err = cli("mai", "decide", str(pid), "approve")
    assert code == 0, err

    code, out, _ = cli(None, "category", "tree", "--portal", "vi")
    assert code == 0 and "Tin tức - Sự kiện" in out and "vi.1.2" in out
    nodes = {r["key"]: r for r in _json(cli(None, "category", "tree", "--portal", "vi", "--format", "json"))}
    assert nodes["vi.2"]["name"] == "Tin tức - Sự kiện" and nodes["vi.2"]["path"] == "/tin-tuc-su-kien"
    assert nodes["vi.1.2"]["parent"] == "vi.3" and nodes["vi.1.2"]["depth"] == 1
    assert nodes["vi.1.2"]["path"] == NEW_LEADERS
    order = list(nodes)  # depth first, in position order: the moved section comes first under vi.3
    assert order.index("vi.3") + 1 == order.index("vi.1.2") == order.index("vi.3.1") - 1

    assert _json(cli(None, "category", "redirects", "--format", "json")) == [
        {"portal": "vi", "old_path": OLD_LEADERS, "key": "vi.1.2", "current_path": NEW_LEADERS},
        {"portal": "vi", "old_path": "/tin-tuc", "key": "vi.2", "current_path": "/tin-tuc-su-kien"},
    ]
    code, out, _ = cli(None, "category", "redirects", "--portal", "vi")
    assert code == 0 and "/tin-tuc-su-kien" in out
    assert _json(cli(None, "category", "redirects", "--portal", "en", "--format", "json")) == []

    code, out, _ = cli("mai", "category", "show", "vi.2")  # the node's management record and history
    assert code == 0
    assert "https://baohiemxahoi.gov.vn/tin-tuc-su-kien" in out
    assert f"#{pid} «" in out and "đổi tên; «Tin tức» → «Tin tức - Sự kiện»; /tin-tuc → /tin-tuc-su-kien" in out
    assert out.rstrip().endswith("/tin-tuc")  # the old path that leads here
    assert _json(cli("mai", "category", "proposals", "--format", "json")) == []  # nothing pending
    done = _json(cli("mai", "category", "proposals", "--all", "--format", "json"))
    assert [(p["id"], p["state"]) for p in done] == [(pid, "approved")]
    code, out, _ = cli("mai", "category", "show", str(pid))
    assert "Đã áp dụng" in out and "[đổi tên]" in out


def test_yaml_twin_as_a_draft_and_toml_on_standard_input(cli, monkeypatch):
    code, out, err = cli("minh", "category", "propose", str(EXAMPLES / "proposal.yaml"), "--draft", "--format", "json")
    assert code == 0, err
    ref = json.loads(out)
    assert ref["state"] == "draft"
    view = _json(cli("minh", "category", "show", str(ref["id"]), "--format", "json"))
    assert view["title"] == "Chuyển mục Lãnh đạo sang Hệ thống văn bản, đổi tên Tin tức thành Tin tức - Sự kiện"
    assert view["rationale"].startswith("Theo kết luận của Ban Biên tập")
    assert [c["kind"] for c in view["changes"]] == ["move", "rename"]
    assert {r["key"]: r["marks"] for r in view["diff"]} == {"vi.2": ["renamed"], "vi.3": [], "vi.1.2": ["moved"]}

    toml = (EXAMPLES / "proposal.toml").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(toml), encoding="utf-8"))
    code, out, err = cli("minh", "category", "check", "-")
    assert code == 0, err
    assert "Không có vấn đề" in out


def test_the_two_examples_are_the_same_proposal():
    from console.proposal_file import read_proposal

    assert read_proposal(str(EXAMPLES / "proposal.toml")) == read_proposal(str(EXAMPLES / "proposal.yaml"))


def test_text_is_stored_nfc_whatever_the_file_holds(cli, tmp_path):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", RENAME)
    assert decomposed != RENAME
    pid = _propose(cli, tmp_path, decomposed)
    view = _json(cli("minh", "category", "show", str(pid), "--format", "json"))
    assert view["title"] == "Đổi tên Tin tức" and view["changes"][0]["name"] == "Tin tức - Sự kiện"


def test_check_is_a_dry_run_that_writes_nothing_and_lists_the_problems(cli, tmp_path):
    example = str(EXAMPLES / "proposal.toml")
    code, out, err = cli(None, "category", "check", example)
    assert code == 0, err
    lines = out.splitlines()
    assert "  2. Đổi tên «Tin tức» → «Tin tức - Sự kiện»" in lines
    assert any(line.strip().startswith("Tin tức - Sự kiện (vi.2)  [đổi tên]") for line in lines)
    assert "  vi /tin-tuc → /tin-tuc-su-kien" in lines and f"  vi {OLD_LEADERS} → {NEW_LEADERS}" in lines
    assert lines[-1] == "Không có vấn đề: đề xuất gửi được."
    result = _json(cli(None, "category", "check", example, "--format", "json"))
    assert result["ok"] and result["problems"] == []
    assert [(r["key"], r["marks"], r["old_path"]) for r in result["diff"] if r["marks"]] == [
        ("vi.2", ["renamed"], "/tin-tuc"), ("vi.1.2", ["moved"], OLD_LEADERS)]
    assert {r["old_path"]: r["new_path"] for r in result["redirects"]} == {
        "/tin-tuc": "/tin-tuc-su-kien", OLD_LEADERS: NEW_LEADERS}

    bad = RENAME + '\n[[changes]]\nkind = "move"\nnode = "vi.99"\nparent = "vi.3"\n' \
                   '\n[[changes]]\nkind = "archive"\nnode = "vi.6"\ncolour = "red"\n'
    code, out, err = cli(None, "category", "check", _write(tmp_path, bad))
    assert code == 2
    assert "Vấn đề (2):" in out
    assert "  - Thay đổi 2 (Chuyển): không có mục, chuyên mục «vi.99»." in out.splitlines()
    assert any(line.startswith("  - Thay đổi 3 (Lưu trữ): loại thay đổi này không có trường «colour»")
               for line in out.splitlines())
    assert "  3. archive: chưa hợp lệ, xem phần Vấn đề" in out.splitlines()
    result = json.loads(cli(None, "category", "check", _write(tmp_path, bad), "--format", "json")[1])
    assert not result["ok"] and len(result["problems"]) == 2
    code, out, _ = cli(None, "--lang", "en", "category", "check", _write(tmp_path, bad))
    assert code == 2 and "Change 2 (Move): there is no category or section “vi.99”." in out
    assert _proposal_ids(cli) == []  # the dry runs filed nothing
    assert _json(cli(None, "category", "redirects", "--format", "json")) == []


NOT_UTF8 = 'title = "Chuyển mục Lãnh đạo sang Hệ thống văn bản"\n[[changes]]\nkind = "rename"\nnode = "vi.2"\n' \
           'name = "Tin tức - Sự kiện của Ngành Bảo hiểm xã hội Việt Nam"\n'


BAD_FILES = [
    ("cp1258.toml", NOT_UTF8, "cp1258", ["không phải văn bản UTF-8", "dòng 1", "Windows-1258",
                                         "lưu lại tệp với bảng mã UTF-8"]),
    ("latin1.toml", 'title = "Hà Noi"\n', "latin-1", ["không phải văn bản UTF-8", "bảng mã UTF-8"]),
    ("utf16.yaml", "title: Tin tức\n", "utf-16", ["không phải văn bản UTF-8"]),
    ("syntax.toml", 'title = "x"\n\n[[changes]]\nkind = move\n', "utf-8", ["cú pháp TOML", "dòng 4"]),
    ("syntax.yaml", "title: x\nchanges:\n  - kind: move\n    node: [vi.1\n", "utf-8", ["cú pháp YAML", "dòng 5"]),
    ("untitled.toml", '[[changes]]\nkind = "rename"\nnode = "vi.2"\nname = "X"\n', "utf-8", ["«title»"]),
    ("blank-title.yaml", "title: '  '\nchanges:\n  - {kind: rename, node: vi.2, name: X}\n", "utf-8",
     ["«title»"]),
    ("keys.toml", 'title = "x"\ncolour = "red"\n[[changes]]\nkind = "rename"\n', "utf-8",
     ["colour", "title, rationale, changes"]),
    ("single.toml", 'title = "x"\n[changes]\nkind = "rename"\nnode = "vi.2"\n', "utf-8", ["[[changes]]"]),
    ("scalars.yaml", "title: x\nchanges: [rename, vi.2]\n", "utf-8", ["thay đổi 1 không phải một bảng"]),
    ("mapping.yaml", "title: x\nchanges:\n  kind: rename\n", "utf-8", ["danh sách bảng"]),
    ("empty.toml", 'title = "x"\n', "utf-8", ["chưa có thay đổi nào"]),
    ("list.yaml", "- kind: rename\n", "utf-8", ["«title»", "«changes»"]),
    ("proposal.json", "{}", "utf-8", [".toml, .yaml hoặc .yml"]),
]


@pytest.mark.parametrize(("name", "content", "encoding", "expect"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
@pytest.mark.parametrize("command", ["propose", "check"])
def test_bad_files_get_a_clear_localized_error_and_file_nothing(cli, tmp_path, command, name, content, encoding,
                                                                expect):
    path = _write(tmp_path, content, name, encoding)
    code, out, err = cli("minh", "category", command, path)
    assert code == 2, (out, err)
    for text in expect:
        assert text in err, err
    assert "Traceback" not in err and out == ""
    assert _proposal_ids(cli) == []
    code, _, err = cli("minh", "--lang", "en", "category", command, path)
    assert code == 2 and "Invalid input" in err and "Dữ liệu" not in err


def test_check_survives_values_of_the_wrong_type(cli, tmp_path):
    text = 'title = "x"\n[[changes]]\nkind = "rename"\nnode = ["vi.2"]\nname = 3\n' \
           '[[changes]]\nkind = "reorder"\nparent = "vi.6"\norder = 5\n[[changes]]\nkind = 7\n'
    code, out, err = cli(None, "category", "check", _write(tmp_path, text))
    assert code == 2 and "Traceback" not in err and err == ""
    assert "«node» phải là một chuỗi chữ." in out and "«order» phải là một danh sách chuỗi chữ." in out
    assert "Thay đổi 3 (?): mỗi thay đổi phải là một bảng có «kind»." in out


def test_a_missing_file_is_named(cli, tmp_path):
    code, _, err = cli("minh", "category", "propose", str(tmp_path / "khong-co.toml"))
    assert code == 2 and "khong-co.toml" in err


def test_the_services_problems_come_one_per_line_and_nothing_is_filed(cli, tmp_path):
    text = RENAME.replace('"vi.2"', '"vi.99"') + '\n[[changes]]\nkind = "move"\nnode = "vi.1"\nparent = "vi.1.2"\n'
    code, out, err = cli("minh", "category", "propose", _write(tmp_path, text))
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert lines[0].endswith("Đề xuất chưa hợp lệ:")
    assert lines[1] == "- Thay đổi 1 (Đổi tên): không có mục, chuyên mục «vi.99»."
    assert lines[2].startswith("- Thay đổi 2 (Chuyển): không thể chuyển «Giới thiệu Bảo hiểm xã hội Việt Nam»")
    assert _proposal_ids(cli) == []


def test_a_contributor_may_not_propose(cli, tmp_path):
    code, _, err = cli("lan", "category", "propose", _write(tmp_path, RENAME))
    assert code == 3 and "Nguyễn Thị Lan" in err
    assert _proposal_ids(cli) == []


def test_a_stale_proposal_is_refused_on_approval_naming_the_change_then_rebased_and_approved(cli, tmp_path):
    first = _propose(cli, tmp_path, RENAME, "first.toml")
    second = _propose(cli, tmp_path, DESCRIBE, "second.toml")
    assert cli("mai", "decide", str(first), "approve")[0] == 0
    code, _, err = cli("hung", "decide", str(second), "approve")
    assert code == 4
    assert f"#{first}" in err and "Đổi tên Tin tức" in err and "Hoàng Thị Mai" in err
    code, out, _ = cli("hung", "category", "show", str(second))
    assert code == 0
    assert f"«Tin tức - Sự kiện» (vi.2): bởi đề xuất #{first} «Đổi tên Tin tức» (Hoàng Thị Mai," in out
    assert f"vss-console category rebase {second}" in out
    view = _json(cli("hung", "category", "show", str(second), "--format", "json"))
    assert [(s["key"], s["proposal_id"]) for s in view["stale"]] == [("vi.2", first)]

    code, out, err = cli("minh", "category", "rebase", str(second))
    assert code == 0, err
    assert f"Đã cập nhật đề xuất #{second} theo cây hiện tại: bản sửa 2" in out
    code, _, err = cli("minh", "category", "rebase", str(second))
    assert code == 2 and "đã theo cây hiện tại" in err
    assert _json(cli("hung", "category", "show", str(second), "--format", "json"))["stale"] == []
    code, _, err = cli("hung", "decide", str(second), "approve")
    assert code == 0, err
    code, out, _ = cli("hung", "category", "show", "vi.2")
    assert "Mô tả: Tin hoạt động của Ngành" in out


def test_revise_a_returned_proposal_from_a_new_file(cli, tmp_path):
    pid = _propose(cli, tmp_path, RENAME)
    assert cli("mai", "decide", str(pid), "return", "--reason", "Chưa thống nhất tên mới")[0] == 0
    revised = "title: Đổi tên Tin tức (2)\nchanges:\n  - kind: rename\n    node: vi.2\n    name: Tin tức và Sự kiện\n"
    code, out, err = cli("minh", "category", "revise", str(pid), _write(tmp_path, revised, "sua.yaml"))
    assert code == 0, err
    assert f"Đã sửa đề xuất #{pid}: bản sửa 2 (Bị trả lại)" in out
    view = _json(cli("minh", "category", "show", str(pid), "--format", "json"))
    assert view["title"] == "Đổi tên Tin tức (2)" and view["changes"][0]["name"] == "Tin tức và Sự kiện"
    code, _, err = cli("minh", "category", "revise", str(pid), _write(tmp_path, "title = 'x'\n", "hong.toml"))
    assert code == 2 and "chưa có thay đổi nào" in err
    assert cli("minh", "decide", str(pid), "resubmit")[0] == 0
    assert cli("mai", "decide", str(pid), "approve")[0] == 0
    names = {r["key"]: r["name"] for r in _json(cli(None, "category", "tree", "--format", "json"))}
    assert names["vi.2"] == "Tin tức và Sự kiện"


def test_archived_nodes_show_only_with_all_and_marked(cli, tmp_path):
    text = 'title = "Lưu trữ chuyên mục Đề xuất, kiến nghị"\n[[changes]]\nkind = "archive"\nnode = "vi.16"\n'
    pid = _propose(cli, tmp_path, text)
    assert cli("mai", "decide", str(pid), "approve")[0] == 0
    shown = _json(cli(None, "category", "tree", "--portal", "vi", "--format", "json"))
    assert "vi.16" not in {r["key"] for r in shown} and {r["status"] for r in shown} == {"active"}
    everything = _json(cli(None, "category", "tree", "--portal", "vi", "--all", "--format", "json"))
    assert {r["key"]: r["status"] for r in everything}["vi.16"] == "archived"
    code, out, _ = cli(None, "category", "tree", "--portal", "vi", "--all")
    assert code == 0 and "Lưu trữ" in out
    assert "Lưu trữ" not in cli(None, "category", "tree", "--portal", "vi")[1]
    both = _json(cli(None, "category", "tree", "--format", "json"))
    assert {r["portal"] for r in both} == {"vi", "en"}


def test_show_a_node_as_json_and_unknown_targets(cli, tmp_path):
    pid = _propose(cli, tmp_path, RENAME)
    detail = _json(cli("mai", "category", "show", "vi.2", "--format", "json"))
    assert detail["row"]["key"] == "vi.2" and detail["url"] == "https://baohiemxahoi.gov.vn/tin-tuc"
    assert [p["id"] for p in detail["pending"]] == [pid] and detail["history"] == []
    code, out, _ = cli("mai", "category", "show", "vi.2")
    assert code == 0 and f"#{pid} «Đổi tên Tin tức» (Chờ Ban Biên tập duyệt, Trần Văn Minh)" in out
    assert cli("mai", "category", "show", "vi.99")[0] == 5
    assert cli("mai", "category", "show", "999")[0] == 5
