"""Renditions (issue 7): an approval stores its revision's sanitised HTML once, references resolve by the
rules of console/services/renditions.py, and a new renderer version re-renders the live revisions in bulk,
across processes and from two runs at once."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

import exports.render
from console.services import items, renditions, tree
from exports.render import RENDERER_VERSION
from models import Category, Item, Rendition
from models.workflow import State
from tests.helpers import draft, item_in


def _approved_revision(env, item_id: int) -> int:
    with env.ws.db.read() as s:
        rid = s.scalar(select(Item.approved_revision_id).where(Item.id == item_id))
    assert rid is not None
    return rid


def _approve(env, item_id: int) -> int:
    """A draft of lan's, submitted and walked to approved; its approved revision."""
    ws, editor = env.ws, env.actor("minh")
    items.decide(ws, env.actor("lan"), item_id, "submit")
    items.decide(ws, editor, item_id, "accept")
    items.decide(ws, editor, item_id, "send_to_board")
    items.decide(ws, env.actor("mai"), item_id, "approve")
    return _approved_revision(env, item_id)


def _html(env, revision_id: int) -> str:
    with env.ws.db.read() as s:
        return renditions.current(s, [revision_id])[revision_id][0]


def test_approval_stores_the_rendition(env):
    item_id = item_in(env, State.BOARD_REVIEW)
    with env.ws.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Rendition)) == 0
    item_id = item_in(env, State.APPROVED)
    rid = _approved_revision(env, item_id)
    with env.ws.db.read() as s:
        row = s.get(Rendition, rid)
        assert row is not None and row.renderer == RENDERER_VERSION
        assert row.html == "<p>Nội dung <strong>tin</strong>.</p>"
        assert row.sha256 == hashlib.sha256(row.html.encode("utf-8")).hexdigest()
        assert row.rendered_at.tzinfo is not None
        assert renditions.current(s, [rid]) == {rid: (row.html, row.sha256)}
        assert renditions.pending(s) == []


def test_the_same_body_gives_the_same_hash(env):
    body = (
        "# Quyền lợi của người lao động\n\nXem bảng:\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\n"
        "Chú thích[^1].\n\n[^1]: Một."
    )
    first = _approved_revision(env, item_in(env, State.APPROVED, kind={"body_md": body}))
    second = _approved_revision(env, item_in(env, State.APPROVED, kind={"body_md": body, "title": "Bản thứ hai"}))
    with env.ws.db.write() as s:
        got = renditions.current(s, [first, second])
        again = renditions.render_revision(s, first)  # already current: returned as stored
    assert got[first] == got[second]
    assert (again.html, again.sha256) == got[first]
    assert 'id="quyen-loi-cua-nguoi-lao-dong"' in got[first][0]


def test_references_resolve_by_the_rules_and_the_rest_lose_their_link(env, tmp_path: Path):
    ws, lan = env.ws, env.actor("lan")
    other = item_in(env, State.SUBMITTED)
    own_file = tmp_path / "own.pdf"
    own_file.write_bytes(b"%PDF-1.4 own attachment")
    elsewhere = tmp_path / "elsewhere.pdf"
    elsewhere.write_bytes(b"%PDF-1.4 attached to another item")
    own_sha = hashlib.sha256(own_file.read_bytes()).hexdigest()
    other_sha = hashlib.sha256(elsewhere.read_bytes()).hexdigest()
    items.decide(ws, env.actor("minh"), other, "accept")
    items.attach(ws, env.actor("minh"), other, elsewhere)
    with ws.db.write() as s:  # an archived category keeps its path (the portal keeps it)
        archive = update(Category).where(Category.key == "vi.3")
        s.execute(archive.values(status="archived", version=Category.version + 1))
    body = (
        f"[bài khác](item:{other}) [không có](item:99999999) [chuyên mục](category:vi.2) "
        f"[lưu trữ](category:vi.3) [lạ](category:vi.999) [tệp](attachment:{own_sha}) "
        f"![hình](attachment:{own_sha.upper()}) [tệp của bài khác](attachment:{other_sha})"
    )
    item_id = items.create(ws, lan, draft(body_md=body), submit=False).id
    items.attach(ws, lan, item_id, own_file)
    rid = _approve(env, item_id)
    with ws.db.read() as s:
        paths = tree.load_tree(s).paths()
    html = _html(env, rid)
    assert f'<a href="/a/{other}" rel="noopener noreferrer">bài khác</a>' in html
    assert f'<a href="{paths["vi.2"]}" rel="noopener noreferrer">chuyên mục</a>' in html
    assert f'<a href="{paths["vi.3"]}" rel="noopener noreferrer">lưu trữ</a>' in html
    assert f'<a href="/files/{own_sha}" rel="noopener noreferrer">tệp</a>' in html
    assert f'<img alt="hình" src="/files/{own_sha}">' in html
    for text in ("không có", "lạ", "tệp của bài khác"):  # unresolved: the text stays, the link goes
        assert f">{text}<" not in html and f" {text} " in f" {html} ".replace("<p>", " ").replace("</p>", " ")
    assert "99999999" not in html and "vi.999" not in html and other_sha not in html
    assert "item:" not in html and "category:" not in html and "attachment:" not in html


def test_a_script_is_stored_sanitised(env):
    body = 'Trước <script>alert("x")</script> sau <img src="x" onerror="alert(1)"> [a](javascript:alert(2))'
    rid = _approved_revision(env, item_in(env, State.APPROVED, kind={"body_md": body}))
    html = _html(env, rid)
    assert "<script" not in html and "alert" not in html and "onerror" not in html and "javascript" not in html
    assert "Trước" in html and "sau" in html


def _new_renderer(monkeypatch: pytest.MonkeyPatch) -> str:
    version = "test-renderer-2"
    monkeypatch.setattr(exports.render, "RENDERER_VERSION", version)
    monkeypatch.setattr(renditions, "RENDERER_VERSION", version)
    return version


def _live(env) -> list[int]:
    approved = [item_in(env, State.APPROVED, kind={"body_md": f"Bài **{n}**."}) for n in range(3)]
    published = item_in(env, State.PUBLISHED, kind={"body_md": "Đã *đăng*."})
    item_in(env, State.BOARD_REVIEW)  # not live: no rendition wanted
    return sorted(_approved_revision(env, i) for i in [*approved, published])


def test_a_new_renderer_version_makes_live_revisions_pending_and_render_pending_redoes_them(env, monkeypatch):
    live = _live(env)
    with env.ws.db.read() as s:
        assert renditions.pending(s) == []
        before = renditions.current(s, live)
    version = _new_renderer(monkeypatch)
    with env.ws.db.read() as s:
        assert renditions.pending(s) == live
        assert renditions.pending(s, limit=2) == live[:2]
        assert renditions.current(s, live) == {}  # stale ones are not served
    seen: list[tuple[int, int]] = []
    assert renditions.render_pending(env.ws, processes=2, chunk=3, progress=lambda d, t: seen.append((d, t))) == 4
    assert seen == [(3, 4), (4, 4)]
    with env.ws.db.read() as s:
        assert renditions.pending(s) == []
        rows = s.scalars(select(Rendition).order_by(Rendition.revision_id)).all()
        assert [r.revision_id for r in rows] == live and {r.renderer for r in rows} == {version}
        assert renditions.current(s, live) == before  # same renderer code: the same HTML and hashes
    assert renditions.render_pending(env.ws, processes=2) == 0


def test_two_runs_at_once_neither_fail_nor_duplicate(env, monkeypatch):
    live = _live(env)
    version = _new_renderer(monkeypatch)
    counts: list[int] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            counts.append(renditions.render_pending(env.ws, processes=1, chunk=1))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert len(counts) == 2 and len(live) <= sum(counts) <= 2 * len(live)
    with env.ws.db.read() as s:
        assert renditions.pending(s) == []
        rows = s.execute(select(Rendition.revision_id, Rendition.renderer).order_by(Rendition.revision_id)).all()
    assert [tuple(r) for r in rows] == [(rid, version) for rid in live]


def test_a_current_rendition_is_kept_when_stored_again(env):
    rid = _approved_revision(env, item_in(env, State.APPROVED))
    with env.ws.db.read() as s:
        stored = s.get(Rendition, rid)
    assert stored is not None
    with env.ws.db.write() as s:  # another run's late write of the same revision, same renderer
        renditions._store(s, [renditions._row(rid, "<p>khác</p>", "0" * 64)])
    with env.ws.db.read() as s:
        again = s.get(Rendition, rid)
    assert again is not None and (again.html, again.sha256, again.rendered_at) == (
        stored.html, stored.sha256, stored.rendered_at
    )
    with env.ws.db.write() as s, pytest.raises(ValueError, match="immutable"):
        row = s.get(Rendition, rid)
        assert row is not None
        row.html = "<p>sửa tay</p>"
        s.flush()


def test_a_tree_proposal_approval_stores_no_rendition(env):
    changes = [{"kind": "rename", "node": "vi.2", "name": "Tin tức - Sự kiện"}]
    pid = tree.propose(env.ws, env.actor("minh"), "Đổi tên", changes, rationale="Theo kết luận của Ban Biên tập.").id
    items.decide(env.ws, env.actor("mai"), pid, "approve")
    with env.ws.db.read() as s:
        assert s.scalar(select(Item.approved_revision_id).where(Item.id == pid)) is not None
        assert renditions.pending(s) == []
        assert s.scalar(select(func.count()).select_from(Rendition)) == 0
