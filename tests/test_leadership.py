"""The leadership's approval (Đ11.1c-d, issue 8): a leader records it, with or without the number of the
approval document; a secretary records it on a named leader's behalf, with the document attached — on each
database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from console.errors import InvalidInput, PermissionDenied
from console.services import items, people
from models import Decision
from models.workflow import State
from tests.conftest import PASSWORD, Env
from tests.helpers import STATS, item_in


def _secretary(env: Env) -> None:
    people.add_user(env.ws, env.actor("admin"), "thuky", "Đặng Thu Thủy", PASSWORD, [("LD", "leadership_secretary")])


def _approval(env: Env, item_id: int) -> Decision:
    with env.ws.db.read() as s:
        return s.scalars(select(Decision).where(Decision.item_id == item_id,
                                                Decision.action == "approve_leadership")).one()  # fmt: skip


def _document(tmp_path: Path) -> Path:
    pdf = tmp_path / "quyet-dinh.pdf"
    pdf.write_bytes(b"%PDF-1.4 Quyet dinh phe duyet so lieu thong ke")
    return pdf


def test_a_leader_approves_with_the_document_number_written_back_canonically(env: Env):
    i = item_in(env, State.LEADERSHIP_REVIEW, kind=STATS)
    items.decide(env.ws, env.actor("ld"), i, "approve_leadership", document_number="Số 471 / QĐ – BHXH")
    d = _approval(env, i)
    assert d.document_number == "471/QĐ-BHXH" and d.on_behalf_of_id is None and d.document_attachment_id is None
    with pytest.raises(InvalidInput) as info:  # a malformed number is refused with the parser's words
        j = item_in(env, State.LEADERSHIP_REVIEW, kind=STATS)
        items.decide(env.ws, env.actor("ld"), j, "approve_leadership", document_number="471 QD")
    assert "471 QD" in str(info.value)


def test_a_secretary_records_it_for_a_leader_with_the_document(env: Env, tmp_path: Path):
    _secretary(env)
    i = item_in(env, State.LEADERSHIP_REVIEW, kind=STATS)
    sec = env.actor("thuky")
    with pytest.raises(InvalidInput):  # for whom?
        items.decide(env.ws, sec, i, "approve_leadership", document_number="471/QĐ-BHXH")
    with pytest.raises(InvalidInput):  # not a leader
        items.decide(env.ws, sec, i, "approve_leadership", for_leader="mai", document_file=_document(tmp_path))
    with pytest.raises(InvalidInput):  # no document
        items.decide(env.ws, sec, i, "approve_leadership", for_leader="ld", document_number="471/QĐ-BHXH")
    items.decide(env.ws, sec, i, "approve_leadership", for_leader="ld", document_number="471/QĐ-BHXH",
                 document_file=_document(tmp_path))  # fmt: skip
    d = _approval(env, i)
    assert d.document_number == "471/QĐ-BHXH" and d.document_attachment_id is not None
    with env.ws.db.read() as s:
        from models import Attachment

        kept = s.get(Attachment, d.document_attachment_id)
        assert kept is not None and kept.item_id == i and kept.filename == "quyet-dinh.pdf"
    assert d.on_behalf_of_id == env.actor("ld").user_id and d.actor_id == sec.user_id
    with env.ws.db.read() as s:
        from models import Item

        assert s.get(Item, i).state == State.APPROVED  # type: ignore[union-attr]


def test_a_secretary_neither_returns_nor_rejects_and_documents_go_with_approval_only(env: Env, tmp_path: Path):
    _secretary(env)
    i = item_in(env, State.LEADERSHIP_REVIEW, kind=STATS)
    with pytest.raises(PermissionDenied):
        items.decide(env.ws, env.actor("thuky"), i, "return", reason="Thiếu số liệu quý III")
    with pytest.raises(InvalidInput):
        items.decide(env.ws, env.actor("ld"), i, "return", reason="Thiếu số liệu", document_number="471/QĐ-BHXH")
    with pytest.raises(InvalidInput):
        items.decide(env.ws, env.actor("ld"), i, "return", reason="Thiếu số liệu", document_file=_document(tmp_path))
    with env.ws.db.read() as s:
        from models import Attachment

        assert s.scalars(select(Attachment).where(Attachment.item_id == i)).all() == []  # nothing kept


def test_the_approval_document_stays_in_the_workspace_when_the_article_is_exported(sqlite_env: Env, tmp_path: Path,
                                                                                   monkeypatch: pytest.MonkeyPatch):
    from console.services import export
    from exports import schema, targets

    env = sqlite_env
    _secretary(env)
    i = item_in(env, State.LEADERSHIP_REVIEW, kind=STATS)
    items.decide(env.ws, env.actor("thuky"), i, "approve_leadership", for_leader="ld",
                 document_file=_document(tmp_path))
    monkeypatch.setenv(targets.ENV_TARGETS, str(tmp_path / "cfg" / "export-targets.toml"))
    targets.add_target("cong", f"sqlite:///{tmp_path / 'portal.db'}")
    targets.init_target(targets.get_target("cong"))
    assert export.run(env.ws, env.actor("admin"), "cong").done["article.insert"] == 1
    engine = targets.engine_for(targets.get_target("cong"))
    with engine.connect() as c:
        assert c.execute(select(schema.portal_attachment)).all() == []
    engine.dispose()


def test_the_cli_records_a_secretary_s_approval_with_its_document(sqlite_env: Env, cli, tmp_path: Path):  # type: ignore[no-untyped-def]
    _secretary(sqlite_env)
    i = item_in(sqlite_env, State.LEADERSHIP_REVIEW, kind=STATS)
    code, _, err = cli("thuky", "decide", str(i), "approve_leadership", "--for", "ld")
    assert code == 2 and "--document-file" in err
    code, _, _ = cli("thuky", "decide", str(i), "approve_leadership", "--for", "ld", "--document-number", "471/QĐ-BHXH",
                     "--document-file", str(_document(tmp_path)))  # fmt: skip
    assert code == 0
    d = _approval(sqlite_env, i)
    assert d.document_number == "471/QĐ-BHXH" and d.on_behalf_of_id == sqlite_env.actor("ld").user_id


def test_a_secretary_sees_the_leadership_queue(env: Env):
    from console.services import queries

    _secretary(env)
    i = item_in(env, State.LEADERSHIP_REVIEW, kind=STATS)
    assert i in [r.id for r in queries.list_queue(env.ws, env.actor("thuky"), "leadership")]


def test_the_item_s_history_shows_who_was_acted_for_and_the_document(sqlite_env: Env, tmp_path: Path):
    from console.services import queries

    _secretary(sqlite_env)
    i = item_in(sqlite_env, State.LEADERSHIP_REVIEW, kind=STATS)
    items.decide(sqlite_env.ws, sqlite_env.actor("thuky"), i, "approve_leadership", for_leader="ld",
                 document_number="471/QĐ-BHXH", document_file=_document(tmp_path))  # fmt: skip
    last = queries.item_detail(sqlite_env.ws, sqlite_env.actor("thuky"), i).decisions[-1]
    assert (last.actor, last.on_behalf_of, last.document_number) == ("thuky", "ld", "471/QĐ-BHXH")
