"""Exports into the live portal database (issue 7): plan, apply, rerun, increments, withdrawal, redirects, verify,
the lock, cancel, and bad targets. The workspace is SQLite; every test runs against each target backend
(SQLite, PostgreSQL, MariaDB), each with a fresh database."""

from __future__ import annotations

import hashlib
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, event, func, insert, select, update

from console.errors import Conflict, PermissionDenied, WorkspaceError
from console.services import export, items, tree
from exports import publish, schema, targets
from models import Decision, ExportRun, Item, utcnow
from models.workflow import State
from tests.conftest import MARIADB_URL, Env, _server_unreachable, _skip_or_fail
from tests.helpers import draft, item_in
from tests.test_portal_schema import portal_url  # noqa: F401 - the fixture: a fresh database per backend

NAME = "cong"


@pytest.fixture(autouse=True)
def _own_targets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(targets.ENV_TARGETS, str(tmp_path / "cfg" / "export-targets.toml"))
    for name in list(os.environ):
        if name.startswith(targets.ENV_PASSWORD_PREFIX):
            monkeypatch.delenv(name)


def _new_target(url: str, files: str | None = None) -> str:
    targets.add_target(NAME, url, files=files)
    targets.init_target(targets.get_target(NAME))
    return NAME


@pytest.fixture
def target(portal_url: tuple[str, str]) -> str:  # noqa: F811
    return _new_target(portal_url[1])


def _engine() -> Any:
    return targets.engine_for(targets.get_target(NAME))


def _rows(table: Any, *where: Any) -> list[dict[str, Any]]:
    engine = _engine()
    try:
        with engine.connect() as c:
            return [dict(r) for r in c.execute(select(table).where(*where)).mappings()]
    finally:
        engine.dispose()


def _write(stmt: Any) -> None:
    engine = _engine()
    try:
        with engine.begin() as c:
            c.execute(stmt)
    finally:
        engine.dispose()


def _state(env: Env, item_id: int) -> str:
    with env.ws.db.read() as s:
        return s.get(Item, item_id).state  # type: ignore[union-attr]


def _articles(env: Env, n: int, **kw: Any) -> list[int]:
    return [item_in(env, State.APPROVED, kind={"title": f"Tin số {i} về bảo hiểm xã hội", **kw}) for i in range(n)]


def test_plan_writes_nothing_then_a_run_exports_everything_and_a_rerun_does_nothing(sqlite_env: Env, target: str):
    env, admin = sqlite_env, sqlite_env.actor("admin")
    ids = _articles(env, 3)
    plan = export.plan(env.ws, admin, target)
    counts = plan.counts()
    assert counts["article"]["insert"] == 3
    assert counts["category"]["insert"] == 61  # both portals' trees, as seeded
    assert plan.html_bytes > 0
    assert _rows(schema.portal_article) == [] and _rows(schema.export_ledger) == []  # the dry run wrote nothing
    assert all(_state(env, i) == State.APPROVED for i in ids)

    seen: list[tuple[int, int]] = []
    outcome = export.run(env.ws, admin, target, batch=2, progress=lambda d, t: seen.append((d, t)))
    assert outcome.status == "done" and outcome.done["article.insert"] == 3
    assert seen[-1][0] == seen[-1][1] == plan.steps
    assert all(_state(env, i) == State.PUBLISHED for i in ids)
    rows = {r["item_id"]: r for r in _rows(schema.portal_article)}
    assert set(rows) == set(ids)
    one = rows[ids[0]]
    assert one["title"] == "Tin số 0 về bảo hiểm xã hội" and one["category_key"] == "vi.2" and not one["withdrawn"]
    assert hashlib.sha256(one["html"].encode()).hexdigest() == one["html_sha256"]
    assert "<strong>tin</strong>" in one["html"]
    assert export.verify(env.ws, admin, target).clean

    again = export.plan(env.ws, admin, target)
    assert again.empty
    assert export.run(env.ws, admin, target).done == {}
    assert export.verify(env.ws, admin, target).clean
    history = export.history(env.ws, target)
    assert [h.status for h in history] == ["done", "done"] and history[0].by == "admin"
    with env.ws.db.read() as s:  # one decision per item, by the export, after its batch
        assert s.scalar(select(func.count()).select_from(Decision).where(Decision.action == "publish")) == 3


def test_a_correction_updates_and_a_withdrawal_keeps_the_row_without_its_body(sqlite_env: Env, target: str):
    env, admin, ws = sqlite_env, sqlite_env.actor("admin"), sqlite_env.ws
    first, second, third = _articles(env, 3)
    export.run(ws, admin, target)
    # A correction: the desk edits the published item, the Board approves the new revision.
    items.decide(ws, env.actor("minh"), first, "correct")
    items.edit(ws, env.actor("minh"), first, title="Tin số 0 (đã đính chính)", body_md="Nội dung **đã sửa**.")
    items.decide(ws, env.actor("minh"), first, "send_to_board")
    before = {r["item_id"]: r for r in _rows(schema.portal_article)}
    assert before[first]["title"] == "Tin số 0 về bảo hiểm xã hội"  # the live version stays meanwhile
    items.decide(ws, env.actor("mai"), first, "approve")
    items.decide(ws, env.actor("mai"), second, "withdraw", reason="Thông tin đã hết hiệu lực")
    plan = export.plan(ws, admin, target)
    assert plan.counts()["article"] == {"insert": 0, "update": 1, "withdraw": 1, "delete": 0, "publish": 0}
    export.run(ws, admin, target)
    rows = {r["item_id"]: r for r in _rows(schema.portal_article)}
    assert rows[first]["title"] == "Tin số 0 (đã đính chính)" and "đã sửa" in rows[first]["html"]
    assert rows[first]["updated_at"] > rows[first]["published_at"]
    gone = rows[second]
    assert gone["withdrawn"] and gone["withdrawn_at"] is not None and gone["html"] == "" and gone["summary"] == ""
    assert gone["title"] == "Tin số 1 về bảo hiểm xã hội"  # kept, so its address can say "withdrawn"
    assert not rows[third]["withdrawn"]
    assert _state(env, first) == State.PUBLISHED and _state(env, second) == State.WITHDRAWN
    assert export.verify(ws, admin, target).clean
    assert export.plan(ws, admin, target).empty


def test_an_item_withdrawn_before_any_export_is_never_sent(sqlite_env: Env, target: str):
    env, ws = sqlite_env, sqlite_env.ws
    i = item_in(env, State.APPROVED)
    items.decide(ws, env.actor("mai"), i, "withdraw", reason="Không còn phù hợp")
    assert export.plan(ws, env.actor("admin"), target).counts()["article"]["withdraw"] == 0
    export.run(ws, env.actor("admin"), target)
    assert _rows(schema.portal_article) == []


def test_a_tree_change_exports_its_categories_and_redirects_and_publishes_the_proposal(sqlite_env: Env, target: str):
    env, admin, ws = sqlite_env, sqlite_env.actor("admin"), sqlite_env.ws
    i = _articles(env, 1)[0]
    export.run(ws, admin, target)
    ref = tree.propose(ws, env.actor("minh"), "Đổi tên chuyên mục Tin tức",
                       [{"kind": "rename", "node": "vi.2", "name": "Tin tức - Sự kiện"}])
    items.decide(ws, env.actor("mai"), ref.id, "approve")
    plan = export.plan(ws, admin, target)
    counts = plan.counts()
    assert counts["category"]["update"] >= 1 and counts["redirect"]["insert"] >= 1
    assert counts["proposal"]["publish"] == 1 and counts["article"] == dict.fromkeys(publish.ACTIONS, 0)
    export.run(ws, admin, target)
    cat = _rows(schema.portal_category, schema.portal_category.c.key == "vi.2")[0]
    assert cat["name"] == "Tin tức - Sự kiện" and cat["path"] == "/tin-tuc-su-kien"
    redirects = {r["old_path"]: r for r in _rows(schema.portal_redirect)}
    assert redirects["/tin-tuc"]["target_path"] == "/tin-tuc-su-kien" and redirects["/tin-tuc"]["target_key"] == "vi.2"
    assert _state(env, ref.id) == State.PUBLISHED
    art = _rows(schema.portal_article, schema.portal_article.c.item_id == i)[0]
    assert art["category_key"] == "vi.2"
    assert export.verify(ws, admin, target).clean


def test_verify_reports_changes_by_someone_else_and_a_repair_run_puts_them_right(sqlite_env: Env, target: str):
    env, admin, ws = sqlite_env, sqlite_env.actor("admin"), sqlite_env.ws
    a, b, _c = _articles(env, 3)
    export.run(ws, admin, target)
    art = schema.portal_article
    _write(update(art).where(art.c.item_id == a).values(title="Sửa tay trên máy chủ"))
    _write(update(art).where(art.c.item_id == b).values(html="<p>chèn</p>"))
    _write(delete(schema.portal_category).where(schema.portal_category.c.key == "vi.2"))
    _write(insert(schema.portal_redirect).values(portal="vi", old_path="/la", target_path="/x", target_key=None,
                                                 updated_at=utcnow()))
    report = export.verify(ws, admin, target)
    found = {(d.kind, d.ref, d.problem) for d in report.differences}
    assert ("article", str(a), "changed") in found and ("article", str(b), "changed") in found
    assert ("category", "vi.2", "missing") in found and ("redirect", "vi:/la", "extra") in found
    assert not report.clean and report.counts()["changed"] == 2
    outcome = export.run(ws, admin, target, repair=True)
    assert outcome.status == "done"
    assert export.verify(ws, admin, target).clean
    assert _rows(art, art.c.item_id == a)[0]["title"] == "Tin số 0 về bảo hiểm xã hội"


def test_a_second_export_to_the_same_target_is_refused_while_one_runs(sqlite_env: Env, target: str):
    env = sqlite_env
    _articles(env, 1)
    engine = _engine()
    try:
        with publish.target_lock(engine, target), pytest.raises(Conflict) as info:
            export.run(env.ws, env.actor("admin"), target)
    finally:
        engine.dispose()
    assert target in str(info.value)
    with env.ws.db.read() as s:
        assert s.scalar(select(func.count()).select_from(ExportRun)) == 0


def test_cancel_stops_after_a_whole_batch_and_a_rerun_completes(sqlite_env: Env, target: str):
    env, admin, ws = sqlite_env, sqlite_env.actor("admin"), sqlite_env.ws
    ids = _articles(env, 5)
    calls = {"n": 0}

    def stop() -> bool:
        calls["n"] += 1
        return calls["n"] > 1  # after the first batch

    outcome = export.run(ws, admin, target, batch=2, should_stop=stop)
    assert outcome.status == "cancelled" and outcome.done["article.insert"] == 2
    assert [_state(env, i) for i in ids] == [State.PUBLISHED] * 2 + [State.APPROVED] * 3
    assert len(_rows(schema.portal_article)) == 2
    assert not export.verify(ws, admin, target).clean  # three still to come
    assert export.run(ws, admin, target).done["article.insert"] == 3
    assert export.verify(ws, admin, target).clean


def test_a_crash_after_the_target_committed_is_finished_by_the_next_run(sqlite_env: Env, target: str,
                                                                         monkeypatch: pytest.MonkeyPatch):
    env, admin, ws = sqlite_env, sqlite_env.actor("admin"), sqlite_env.ws
    ids = _articles(env, 2)

    def die(*args: Any, **kw: Any) -> int:
        raise KeyboardInterrupt  # the process dies between the target's commit and the workspace's

    with monkeypatch.context() as m:
        m.setattr(export, "_record_published", die)
        with pytest.raises(KeyboardInterrupt):
            export.run(ws, admin, target)
    assert len(_rows(schema.portal_article)) == 2  # on the portal
    assert [_state(env, i) for i in ids] == [State.APPROVED] * 2  # not yet recorded
    plan = export.plan(ws, admin, target)
    assert plan.counts()["article"]["publish"] == 2 and plan.writes == 0
    export.run(ws, admin, target)
    assert [_state(env, i) for i in ids] == [State.PUBLISHED] * 2
    assert [h.status for h in export.history(ws, target)] == ["done", "interrupted"]
    assert export.verify(ws, admin, target).clean


def test_only_an_administrator_exports(sqlite_env: Env, target: str):
    with pytest.raises(PermissionDenied):
        export.plan(sqlite_env.ws, sqlite_env.actor("mai"), target)
    with pytest.raises(PermissionDenied):
        export.run(sqlite_env.ws, sqlite_env.actor("minh"), target)


def test_a_table_changed_by_hand_is_refused_before_anything_is_written(sqlite_env: Env, target: str):
    env = sqlite_env
    i = _articles(env, 1)[0]
    engine = _engine()
    try:
        with engine.begin() as c:
            c.exec_driver_sql("ALTER TABLE portal_article DROP COLUMN summary")
    finally:
        engine.dispose()
    with pytest.raises(WorkspaceError) as info:
        export.run(env.ws, env.actor("admin"), target)
    assert "portal_article" in str(info.value) and "summary" in str(info.value)
    assert _state(env, i) == State.APPROVED
    assert _rows(schema.export_ledger) == []


def test_an_older_or_newer_schema_is_refused_and_nothing_changes(sqlite_env: Env, target: str):
    env = sqlite_env
    i = _articles(env, 1)[0]
    for version, word in ((schema.SCHEMA_VERSION + 1, "mới hơn"), (0, "cũ hơn")):
        _write(update(schema.portal_meta).values(schema_version=version))
        with pytest.raises(WorkspaceError) as info:
            export.run(env.ws, env.actor("admin"), target)
        assert word in str(info.value)
        assert _state(env, i) == State.APPROVED and _rows(schema.portal_article) == []
    with env.ws.db.read() as s:
        assert s.scalar(select(func.count()).select_from(ExportRun)) == 0


def test_unreachable_and_wrong_password_targets_say_so(sqlite_env: Env, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch):
    env = sqlite_env
    i = _articles(env, 1)[0]
    targets.add_target("xa", "postgresql+psycopg://portal@127.0.0.1:1/portal")
    with pytest.raises(WorkspaceError) as info:
        export.run(env.ws, env.actor("admin"), "xa")
    assert "127.0.0.1" in str(info.value)
    assert _state(env, i) == State.APPROVED


def test_a_full_disk_rolls_back_the_batch_whole_and_says_so(sqlite_env: Env, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch):
    """SQLite only: ``max_page_count`` makes a disk that fills up at a known size."""
    env, admin, ws = sqlite_env, sqlite_env.actor("admin"), sqlite_env.ws
    target = _new_target(f"sqlite:///{tmp_path / 'small.db'}")
    ids = _articles(env, 4, body_md="Đoạn văn dài. " * 2000)
    real = targets.engine_for

    def small_disk(t: targets.Target) -> Any:
        engine = real(t)
        if engine.dialect.name == "sqlite":
            @event.listens_for(engine, "connect")
            def cap(dbapi: Any, record: Any) -> None:
                pages = dbapi.execute("PRAGMA page_count").fetchone()[0]
                dbapi.execute(f"PRAGMA max_page_count = {pages + 12}")
        return engine

    monkeypatch.setattr(targets, "engine_for", small_disk)
    with pytest.raises(WorkspaceError) as info:
        export.run(ws, admin, target, batch=2)
    assert "hết chỗ" in str(info.value)
    articles = _rows(schema.portal_article)
    ledger = {r["ref"] for r in _rows(schema.export_ledger, schema.export_ledger.c.kind == "article")}
    assert {str(r["item_id"]) for r in articles} == ledger  # whole batches only
    assert {i for i in ids if _state(env, i) == State.PUBLISHED} == {r["item_id"] for r in articles}
    monkeypatch.setattr(targets, "engine_for", real)
    assert export.run(ws, admin, target).status == "done"
    assert export.verify(ws, admin, target).clean
    assert export.history(ws, target)[1].status == "failed"


def test_a_second_portal_article_keeps_its_language_and_attachments(sqlite_env: Env, target: str, tmp_path: Path):
    env, admin, ws = sqlite_env, sqlite_env.actor("admin"), sqlite_env.ws
    lan = env.actor("lan")
    ref = items.create(ws, lan, draft(title="Hướng dẫn kê khai", body_md="Mẫu kèm theo."), submit=False)
    pdf = tmp_path / "mau-01.pdf"
    pdf.write_bytes(b"%PDF-1.4 mau")
    items.attach(ws, lan, ref.id, pdf)
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    items.edit(ws, lan, ref.id, body_md=f"Xem [mẫu](attachment:{digest}) và [bài khác](item:999999).")
    for who, action in (("lan", "submit"), ("minh", "accept"), ("minh", "send_to_board"), ("mai", "approve")):
        items.decide(ws, env.actor(who), ref.id, action)
    export.run(ws, admin, target)
    row = _rows(schema.portal_article, schema.portal_article.c.item_id == ref.id)[0]
    assert f'href="/files/{digest}"' in row["html"] and "item:999999" not in row["html"]
    files = _rows(schema.portal_attachment)
    assert [(f["item_id"], f["sha256"], f["filename"]) for f in files] == [(ref.id, digest, "mau-01.pdf")]
    assert export.verify(ws, admin, target).clean


def test_a_wrong_password_is_said_plainly_and_never_shown(sqlite_env: Env, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch):
    """MariaDB's root has an empty password here, so any password is wrong (PostgreSQL trusts every login)."""
    reason = _server_unreachable(MARIADB_URL)
    if reason:
        _skip_or_fail(reason)
    env = sqlite_env
    i = _articles(env, 1)[0]
    targets.add_target("maria", MARIADB_URL)
    monkeypatch.setenv("VSS_EXPORT_PASSWORD_MARIA", "sai-mat-khau-0042")
    with pytest.raises(WorkspaceError) as info:
        export.run(env.ws, env.actor("admin"), "maria")
    assert "mật khẩu" in str(info.value) and "sai-mat-khau-0042" not in str(info.value)
    assert _state(env, i) == State.APPROVED
    with env.ws.db.read() as s:
        assert s.scalar(select(func.count()).select_from(ExportRun)) == 0


def test_a_workspace_on_each_database_exports_the_same_rows(env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The source's queries on the workspace's own database (SQLite, PostgreSQL, MariaDB), into an SQLite target."""
    _new_target(f"sqlite:///{tmp_path / 'portal.db'}")
    admin = env.actor("admin")
    ids = _articles(env, 3)
    items.decide(env.ws, env.actor("mai"), ids[2], "withdraw", reason="Hết hiệu lực")
    outcome = export.run(env.ws, admin, NAME)
    assert outcome.done["article.insert"] == 2 and "article.withdraw" not in outcome.done
    assert {r["item_id"] for r in _rows(schema.portal_article)} == set(ids[:2])
    assert export.verify(env.ws, admin, NAME).clean
    assert export.plan(env.ws, admin, NAME).empty


def test_after_a_finished_run_the_plan_compares_only_what_changed(sqlite_env: Env, target: str,
                                                                  monkeypatch: pytest.MonkeyPatch):
    env, admin, ws = sqlite_env, sqlite_env.actor("admin"), sqlite_env.ws
    second = _articles(env, 3)[1]
    assert not export.plan(ws, admin, target).incremental  # never exported: everything is compared
    export.run(ws, admin, target)
    monkeypatch.setattr(export, "CLOCK_MARGIN", timedelta(0))  # the clocks agree here: no margin
    quiet = export.plan(ws, admin, target)
    assert quiet.incremental and quiet.empty and quiet.wanted["article"] == 0  # publishing changed no content
    items.decide(ws, env.actor("mai"), second, "withdraw", reason="Hết hiệu lực")
    plan = export.plan(ws, admin, target)
    assert plan.incremental and plan.wanted["category"] == 61
    assert plan.counts()["article"]["withdraw"] == 1 and set(plan.held) == {str(second)}
    assert not plan.orphans  # the articles not compared are not strangers
    export.run(ws, admin, target)
    assert export.verify(ws, admin, target).clean
    # The target restored from an older backup no longer has that run: the next plan compares everything.
    last = export.history(ws, target)[0].id
    _write(update(schema.export_run).where(schema.export_run.c.id == last).values(status="running"))
    again = export.plan(ws, admin, target)
    assert not again.incremental and again.wanted["article"] == 2
    assert export.plan(ws, admin, target, full=True).wanted["article"] == 2


def test_attachments_go_to_the_file_store_before_their_rows_and_verify_checks_them(sqlite_env: Env, tmp_path: Path,
                                                                                    monkeypatch: pytest.MonkeyPatch):
    env, admin, ws = sqlite_env, sqlite_env.actor("admin"), sqlite_env.ws
    store = tmp_path / "portal-files"
    _new_target(f"sqlite:///{tmp_path / 'portal.db'}", files=str(store))
    assert targets.get_target(NAME).files == str(store)  # kept in the targets file
    lan = env.actor("lan")
    ref = items.create(ws, lan, draft(title="Mẫu tờ khai", body_md="Kèm mẫu."), submit=False)
    pdf = tmp_path / "to-khai.pdf"
    pdf.write_bytes(b"%PDF-1.4 to khai tham gia BHXH")
    items.attach(ws, lan, ref.id, pdf)
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    for who, action in (("lan", "submit"), ("minh", "accept"), ("minh", "send_to_board"), ("mai", "approve")):
        items.decide(ws, env.actor(who), ref.id, action)
    kept = ws.attachments_dir / digest[:2] / digest
    hidden = kept.with_name("away")
    kept.rename(hidden)  # the workspace lost the file: the batch is refused whole
    with pytest.raises(WorkspaceError) as info:
        export.run(ws, admin, NAME)
    assert digest in str(info.value)
    assert _rows(schema.portal_article) == [] and _state(env, ref.id) == State.APPROVED
    hidden.rename(kept)
    export.run(ws, admin, NAME)
    copied = store / digest[:2] / digest
    assert copied.read_bytes() == pdf.read_bytes()
    assert export.verify(ws, admin, NAME).clean
    copied.unlink()  # someone cleaned the file store by hand
    report = export.verify(ws, admin, NAME)
    assert [(d.ref, d.problem, d.detail) for d in report.differences] == [(str(ref.id), "missing", "file")]
    export.run(ws, admin, NAME, repair=True)
    assert copied.read_bytes() == pdf.read_bytes() and export.verify(ws, admin, NAME).clean
