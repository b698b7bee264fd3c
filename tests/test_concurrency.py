"""Several editors at once: the audit chain never forks, and a stale decision is refused."""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor

from console import audit
from console.errors import Conflict
from console.services import items, queries
from models.workflow import State
from tests.helpers import draft, item_in


def test_parallel_writers_keep_one_audit_chain(env):
    actors = [env.actor("lan"), env.actor("hung")]

    def submit(n: int) -> int:
        return items.create(env.ws, actors[n % 2], draft(title=f"Tin số {n}")).id

    with ThreadPoolExecutor(max_workers=4) as pool:
        ids = list(pool.map(submit, range(16)))
    assert len(set(ids)) == 16
    with env.ws.db.read() as s:
        result = audit.verify(s)
    assert result.ok, result
    log = queries.audit_log(env.ws, limit=1000)
    assert sum(e.action == "item.submit" for e in log) == 16


def test_two_board_members_deciding_the_same_version_one_wins(env):
    i = item_in(env, State.BOARD_REVIEW)
    version = queries.item_detail(env.ws, env.actor("mai"), i).version

    def act(args: tuple[str, str]) -> str:
        user, action = args
        try:
            items.decide(env.ws, env.actor(user), i, action, reason="Chưa đạt yêu cầu", expected_version=version)
            return "ok"
        except Conflict:
            return "conflict"

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = sorted(pool.map(act, [("mai", "approve"), ("head", "return")]))
    assert results == ["conflict", "ok"]
    d = queries.item_detail(env.ws, env.actor("mai"), i)
    assert d.version == version + 1
    assert len([x for x in d.decisions if x.from_state == "board_review"]) == 1


def test_two_proposals_approved_at_once_never_give_two_top_level_nodes_one_slug(env, monkeypatch):
    """The database's unique rule cannot see a NULL parent, so the tree lock is what keeps top-level slugs unique."""
    from console.services import tree

    name = "Thông cáo báo chí"
    ids = [  # two different nodes (no key in common) that would take one slug at the top level
        tree.propose(env.ws, env.actor("minh"), "Thêm chuyên mục", [{"kind": "add", "portal": "vi", "name": name}]).id,
        tree.propose(env.ws, env.actor("minh"), "Đổi tên chuyên mục 16", [{"kind": "rename", "node": "vi.16",
                                                                            "name": name}]).id,
    ]

    # Each approval, once it has read the tree, waits (up to 2 s) for the other to have read it too: without the
    # lock both would read the tree without the other's node and both would write.
    meet = threading.Barrier(2)
    read_tree = tree.load_tree

    def load_then_wait(s):  # type: ignore[no-untyped-def]
        found = read_tree(s)
        with contextlib.suppress(threading.BrokenBarrierError):
            meet.wait(timeout=2)
        return found

    def approve(item_id: int) -> str:
        try:
            items.decide(env.ws, env.actor("mai"), item_id, "approve")
            return "ok"
        except Conflict:
            return "conflict"

    monkeypatch.setattr(tree, "load_tree", load_then_wait)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = sorted(pool.map(approve, ids))
    assert results == ["conflict", "ok"]
    top = [r for r in tree.children(env.ws, "vi") if r.slug == "thong-cao-bao-chi"]
    assert len(top) == 1
