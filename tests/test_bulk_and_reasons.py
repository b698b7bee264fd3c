"""Bulk decisions (each item on its own, in its own transaction) and the workspace's reason templates."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from console.errors import Conflict, InvalidInput, NotFound, PermissionDenied, ReasonRequired
from console.services import items, queries, reasons
from models import AuditEvent, Decision
from models.workflow import State
from tests.helpers import item_in


def _decisions(env, item_id: int) -> list[str]:
    with env.ws.db.read() as s:
        return list(s.scalars(select(Decision.action).where(Decision.item_id == item_id).order_by(Decision.id)))


def test_bulk_approve_applies_each_item_on_its_own_and_reports_each_refusal(env):
    ok1 = item_in(env, State.BOARD_REVIEW)
    ok2 = item_in(env, State.BOARD_REVIEW)
    wrong_state = item_in(env, State.SUBMITTED)
    own = item_in(env, State.BOARD_REVIEW, by="hung")  # hung wrote it: separation of duties
    locked = item_in(env, State.BOARD_REVIEW)
    items.claim(env.ws, env.actor("mai"), locked)  # another Board member holds the lock
    results = items.decide_many(env.ws, env.actor("hung"), [ok1, wrong_state, own, ok2, locked, ok1], "approve")
    assert [r.item_id for r in results] == [ok1, wrong_state, own, ok2, locked]  # a repeated id once
    by_id = {r.item_id: r for r in results}
    assert by_id[ok1].ok and by_id[ok1].ref.state == "approved"
    assert by_id[ok2].ok and by_id[ok2].ref.state == "approved"
    assert isinstance(by_id[wrong_state].error, Conflict)
    assert isinstance(by_id[own].error, PermissionDenied)
    assert isinstance(by_id[locked].error, Conflict)
    assert "Hoàng Thị Mai" in by_id[locked].error.message("vi")
    # The refused items are untouched; the others are decided once.
    assert _decisions(env, own)[-1] == "send_to_board"
    assert _decisions(env, wrong_state) == ["submit"]
    assert _decisions(env, ok1)[-1] == "approve" and _decisions(env, ok1).count("approve") == 1


def test_bulk_return_needs_the_reason_for_every_item_and_records_it(env):
    a = item_in(env, State.EDITING)
    b = item_in(env, State.EDITING)
    missing = items.decide_many(env.ws, env.actor("minh"), [a, b], "return", reason="  ")
    assert all(isinstance(r.error, ReasonRequired) for r in missing)
    assert _decisions(env, a)[-1] == "accept"
    done = items.decide_many(env.ws, env.actor("minh"), [a, b], "return", reason="Thiếu nguồn tin (Điều 8 khoản 3)")
    assert all(r.ok for r in done)
    # The submitter sees the reason in the items they submitted.
    lan = env.actor("lan")
    d = queries.item_detail(env.ws, lan, a)
    assert d.state == "returned" and d.decisions[-1].reason == "Thiếu nguồn tin (Điều 8 khoản 3)"
    mine = queries.list_queue(env.ws, lan, "submitted", limit=100)
    assert {a, b} <= {r.id for r in mine}


def test_bulk_with_a_stale_version_refuses_only_that_item(env):
    a = item_in(env, State.BOARD_REVIEW)
    b = item_in(env, State.BOARD_REVIEW)
    seen = {i: queries.item_detail(env.ws, env.actor("mai"), i).version for i in (a, b)}
    items.comment(env.ws, env.actor("minh"), b, "Đã kiểm tra số liệu.")  # a comment does not change the version
    items.assign(env.ws, env.actor("head"), b, "mai")  # an assignment does
    results = items.decide_many(env.ws, env.actor("mai"), [a, b], "approve", expected_versions=seen)
    assert results[0].ok
    assert isinstance(results[1].error, Conflict) and "phân công" in results[1].error.message("vi")


def test_reason_templates_are_offered_by_action_in_the_person_language(env):
    ret = reasons.templates(env.ws, "return", "vi")
    rej = reasons.templates(env.ws, "reject", "en")
    assert ret and rej
    assert all(t.action in ("return", "any") for t in ret)
    assert any("Điều 8" in t.text for t in ret)
    assert any("Art. 9" in t.text for t in rej)
    with pytest.raises(InvalidInput):
        reasons.templates(env.ws, "approve")


def test_admins_add_and_retire_templates_with_an_audit_trail(env):
    with pytest.raises(PermissionDenied):
        reasons.add(env.ws, env.actor("minh"), "return", "Ảnh chưa rõ nguồn")
    with pytest.raises(InvalidInput):
        reasons.add(env.ws, env.actor("admin"), "return", "   ")
    with pytest.raises(InvalidInput):
        reasons.add(env.ws, env.actor("admin"), "return", "x" * 501)
    new = reasons.add(env.ws, env.actor("admin"), "any", "Ảnh chưa ghi rõ nguồn", "The image has no source")
    assert reasons.templates(env.ws, "reject", "vi")[-1].text == "Ảnh chưa ghi rõ nguồn"
    assert reasons.templates(env.ws, "return", "en")[-1].text == "The image has no source"
    reasons.retire(env.ws, env.actor("admin"), new)
    assert new not in [t.id for t in reasons.templates(env.ws, "return")]
    assert new in [t.id for t in reasons.templates(env.ws, retired=True)]
    with pytest.raises(NotFound):
        reasons.retire(env.ws, env.actor("admin"), 99999)
    with env.ws.db.read() as s:
        actions = s.scalars(select(AuditEvent.action).where(AuditEvent.entity == "reason_template")).all()
        assert actions == ["reason.add", "reason.retire"]
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.actor_name == "minh")) == 0


def test_cli_decides_several_items_and_lists_each_result(sqlite_env, monkeypatch, capsys):
    from console.cli import main
    from tests.conftest import PASSWORD

    env = sqlite_env
    monkeypatch.setenv("VSS_CONSOLE_PASSWORD", PASSWORD)
    ok = item_in(env, State.BOARD_REVIEW)
    refused = item_in(env, State.SUBMITTED)
    root = str(env.ws.location.root)
    code = main(["--db", root, "--user", "mai", "decide", f"{ok},{refused}", "approve", "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 4  # a conflict among the results
    assert out[0] == {"id": ok, "ok": True, "state": "approved", "error": None}
    assert out[1]["ok"] is False and "Tiếp nhận biên tập" in out[1]["error"]
    with pytest.raises(SystemExit) as bad:  # argparse's usage error
        main(["--db", root, "--user", "mai", "decide", "12,x", "approve"])
    assert bad.value.code == 2
    assert "12,x" in capsys.readouterr().err
    assert main(["--db", root, "reason", "list", "--action", "reject", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed and all(r["action"] in ("reject", "any") for r in listed)
    assert main(["--db", root, "--user", "admin", "reason", "add", "return", "Thiếu ảnh minh họa"]) == 0
    assert main(["--db", root, "reason", "list"]) == 0
    assert "Thiếu ảnh minh họa" in capsys.readouterr().out


def test_forward_takes_the_next_step_of_the_state_under_the_item_lock(env):
    i = item_in(env, State.SUBMITTED)
    minh = env.actor("minh")
    assert items.decide(env.ws, minh, i, "forward").state == "editing"
    assert items.decide(env.ws, minh, i, "forward").state == "board_review"
    assert items.decide(env.ws, env.actor("mai"), i, "forward").state == "approved"
    with pytest.raises(Conflict) as err:
        items.decide(env.ws, env.actor("mai"), i, "forward")
    assert "không có bước tiếp theo" in err.value.message("vi") and "no next step" in err.value.message("en")
    assert _decisions(env, i) == ["submit", "accept", "send_to_board", "approve"]


def test_latest_reasons_are_those_of_the_last_return_or_rejection_and_only_for_those_who_may_see(env):
    returned = item_in(env, State.RETURNED)
    rejected = item_in(env, State.REJECTED)
    moving = item_in(env, State.EDITING)
    ids = [returned, rejected, moving]
    seen = queries.latest_reasons(env.ws, env.actor("lan"), ids)
    assert seen == {returned: "Thiếu nguồn tin chính thức", rejected: "Thiếu nguồn tin chính thức"}
    items.decide(env.ws, env.actor("lan"), returned, "resubmit")  # moved on: no reason to show any more
    assert returned not in queries.latest_reasons(env.ws, env.actor("lan"), ids)
    assert queries.latest_reasons(env.ws, env.actor("son"), ids) == {}  # another unit's contributor
    assert queries.latest_reasons(env.ws, env.actor("lan"), []) == {}
