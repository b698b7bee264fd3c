"""The category tree and its proposals (issue 6): every kind of change, conflicts and rebasing, item moves on
archive and merge, redirects, and who may propose and approve. Runs on every backend."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from console.errors import Conflict, InvalidInput, PermissionDenied
from console.services import items, queries, tree
from models import AuditEvent, Category, CategoryChange, Item, Redirect
from models.workflow import State
from tests.helpers import item_in

MOVE_AND_RENAME = [
    {"kind": "move", "node": "vi.1.2", "parent": "vi.3", "position": 1},
    {"kind": "rename", "node": "vi.2", "name": "Tin tức - Sự kiện"},
]


def _cat(env, key: str) -> Category:
    with env.ws.db.read() as s:
        return s.execute(select(Category).where(Category.key == key)).scalar_one()


def _redirects(env) -> dict[str, str]:
    return {old: key for _, old, key, _ in tree.redirects(env.ws)}


def _propose(env, changes, who: str = "minh", title: str = "Sắp xếp lại chuyên mục") -> int:
    return tree.propose(env.ws, env.actor(who), title, changes, rationale="Theo kết luận của Ban Biên tập.").id


def test_done_means_move_and_rename_approved_by_the_board_apply_at_once_with_redirects(env):
    pid = _propose(env, MOVE_AND_RENAME)
    with env.ws.db.read() as s:
        item = s.get(Item, pid)
        assert item.state == "board_review" and item.content_type == "category_change"
    # The Board sees it in its queue, with the tree diff.
    board = env.actor("mai")
    assert pid in {r.id for r in queries.list_queue(env.ws, board, "board", limit=500)}
    view = tree.proposal(env.ws, board, pid)
    marks = {r.key: r.marks for r in view.diff}
    assert marks["vi.1.2"] == ("moved",) and marks["vi.2"] == ("renamed",)
    assert "vi.3" in marks and marks["vi.3"] == ()  # the new parent, shown for context
    assert not view.problems and not view.stale
    assert _cat(env, "vi.2").name == "Tin tức"  # nothing applies before approval
    items.decide(env.ws, board, pid, "approve")
    moved, renamed = _cat(env, "vi.1.2"), _cat(env, "vi.2")
    assert moved.parent_id == _cat(env, "vi.3").id and moved.position == 1
    assert renamed.name == "Tin tức - Sự kiện" and renamed.slug == "tin-tuc-su-kien"
    assert _redirects(env) == {
        "/gioi-thieu-bao-hiem-xa-hoi-viet-nam/lanh-dao-bao-hiem-xa-hoi-viet-nam": "vi.1.2",
        "/tin-tuc": "vi.2",
    }
    # Old siblings close the gap; the new ones make room.
    assert [r.key for r in tree.children(env.ws, "vi", "vi.3")] == ["vi.1.2", "vi.3.1", "vi.3.2"]
    assert [r.position for r in tree.children(env.ws, "vi", "vi.1")] == [1, 2, 3, 4]
    detail = tree.node_detail(env.ws, board, "vi.2")
    assert detail.history[0].marks == ("renamed",) and detail.history[0].proposal_id == pid
    assert detail.redirects == ["/tin-tuc"]
    with env.ws.db.read() as s:
        ev = s.execute(select(AuditEvent).where(AuditEvent.action == "category.apply")).scalar_one()
        assert ev.entity_id == str(pid)
    applied = tree.proposal(env.ws, board, pid)
    assert applied.applied and {r.key: r.marks for r in applied.diff}["vi.1.2"] == ("moved",)


def test_the_proposer_may_not_approve_their_own_proposal_and_a_contributor_may_not_propose(env):
    pid = _propose(env, MOVE_AND_RENAME, who="mai")  # a Board member proposes
    with pytest.raises(PermissionDenied):
        items.decide(env.ws, env.actor("mai"), pid, "approve")
    with pytest.raises(PermissionDenied):
        items.decide(env.ws, env.actor("minh"), pid, "approve")  # an editor does not approve
    with pytest.raises(PermissionDenied):
        tree.propose(env.ws, env.actor("lan"), "Thêm mục", [{"kind": "add", "parent": "vi.2", "name": "Ảnh"}])
    items.decide(env.ws, env.actor("hung"), pid, "approve")
    assert _cat(env, "vi.2").name == "Tin tức - Sự kiện"


def test_return_and_reject_need_a_reason_and_leave_the_tree_alone(env):
    pid = _propose(env, MOVE_AND_RENAME)
    with pytest.raises(InvalidInput):
        items.decide(env.ws, env.actor("mai"), pid, "return")
    items.decide(env.ws, env.actor("mai"), pid, "return", reason="Chưa thống nhất tên mới")
    assert _cat(env, "vi.2").name == "Tin tức"
    tree.revise(env.ws, env.actor("minh"), pid, changes=[MOVE_AND_RENAME[0]])
    items.decide(env.ws, env.actor("minh"), pid, "resubmit")
    items.decide(env.ws, env.actor("mai"), pid, "reject", reason="Không cần thiết")
    assert _cat(env, "vi.1.2").parent_id == _cat(env, "vi.1").id
    with pytest.raises(Conflict):
        tree.revise(env.ws, env.actor("minh"), pid, title="Khác")


def test_a_proposal_is_not_edited_like_an_item(env):
    pid = _propose(env, MOVE_AND_RENAME)
    items.decide(env.ws, env.actor("mai"), pid, "return", reason="Sửa tiêu đề")
    with pytest.raises(InvalidInput) as e:
        items.edit(env.ws, env.actor("minh"), pid, title="Khác")
    assert e.value.key == "input.proposal_edit"


def test_add_with_sections_reorder_edit_and_counterpart_in_one_proposal(env):
    changes = [
        {"kind": "add", "ref": "anh", "parent": "vi.2", "name": "Ảnh hoạt động", "content_types": ["news_event"]},
        {"kind": "add", "parent": "+anh", "name": "Ảnh năm 2026"},
        {"kind": "add", "portal": "en", "name": "Photo gallery 2026", "name_vi": "Thư viện ảnh 2026",
         "position": 1, "counterpart": "+anh", "unit": "VHTQT"},
        {"kind": "reorder", "parent": "vi.6", "order": ["vi.6.4", "vi.6.3", "vi.6.2", "vi.6.1"]},
        {"kind": "edit", "node": "vi.5", "description": "Phổ biến, giáo dục pháp luật", "unit": "VP",
         "deadline_rule": "policy_10wd"},
    ]
    pid = _propose(env, changes)
    items.decide(env.ws, env.actor("mai"), pid, "approve")
    kids = tree.children(env.ws, "vi", "vi.2")
    assert [(r.key, r.name, r.path) for r in kids] == [("vi.2.1", "Ảnh hoạt động", "/tin-tuc/anh-hoat-dong")]
    assert kids[0].content_types == ("news_event",) and kids[0].children == 1
    grand = tree.children(env.ws, "vi", "vi.2.1")
    assert [(r.key, r.path) for r in grand] == [("vi.2.1.1", "/tin-tuc/anh-hoat-dong/anh-nam-2026")]
    assert grand[0].content_types == ("news_event",)  # inherited from its parent
    top_en = tree.children(env.ws, "en")
    assert top_en[0].name == "Photo gallery 2026" and top_en[0].counterpart == "vi.2.1"
    assert [r.position for r in top_en if r.status == "active"] == list(range(1, len(top_en) + 1))
    assert _cat(env, "vi.2.1").counterpart_id == _cat(env, top_en[0].key).id
    assert [r.key for r in tree.children(env.ws, "vi", "vi.6")] == ["vi.6.4", "vi.6.3", "vi.6.2", "vi.6.1"]
    five = tree.node_detail(env.ws, env.actor("mai"), "vi.5")
    assert five.description == "Phổ biến, giáo dục pháp luật" and five.row.unit == "VP"
    assert five.deadline_rule == "policy_10wd"
    assert _redirects(env) == {}  # nothing that existed changed its path


def test_archive_moves_the_items_of_the_whole_subtree_and_redirects_there(env):
    news = item_in(env, State.BOARD_REVIEW)  # in vi.2
    with pytest.raises(InvalidInput) as e:
        _propose(env, [{"kind": "archive", "node": "vi.2"}])
    assert "items_to" in e.value.message("vi")  # no item may be left without a category
    with pytest.raises(InvalidInput) as e:  # vi.5 does not take news
        _propose(env, [{"kind": "archive", "node": "vi.2", "items_to": "vi.5"}])
    assert "news_event" in e.value.message("en")
    pid = _propose(env, [{"kind": "archive", "node": "vi.2", "items_to": "vi.7"}])
    items.decide(env.ws, env.actor("hung"), pid, "approve")
    with env.ws.db.read() as s:
        assert s.get(Item, news).category_id == _cat(env, "vi.7").id
    assert _cat(env, "vi.2").status == "archived"
    assert _redirects(env) == {"/tin-tuc": "vi.7"}
    with pytest.raises(InvalidInput):  # an archived category takes no new content
        items.create(env.ws, env.actor("lan"), items.Draft(portal="vi", category="vi.2", content_type="news_event",
                                                             unit="VP", title="Tin mới"))


def test_merge_moves_children_and_items_and_archives_the_node(env):
    meta = {"number": "41/2024/QH15", "issued_on": "2024-06-29", "issuer": "Quốc hội", "cleared_on": "2024-07-01"}
    doc = items.create(env.ws, env.actor("lan"), items.Draft(
        portal="vi", category="vi.3", content_type="legal_document", unit="VP", title="Luật Bảo hiểm xã hội 2024",
        meta=meta)).id
    with pytest.raises(InvalidInput) as e:  # vi.4 does not take legal documents
        _propose(env, [{"kind": "merge", "node": "vi.3", "into": "vi.4"}])
    assert "legal_document" in e.value.message("vi")
    changes = [
        {"kind": "edit", "node": "vi.4", "content_types": ["direction_document", "unit_activity", "strategy_plan",
                                                         "legal_document"]},
        {"kind": "merge", "node": "vi.3", "into": "vi.4"},
    ]
    pid = _propose(env, changes)
    items.decide(env.ws, env.actor("mai"), pid, "approve")
    assert [r.key for r in tree.children(env.ws, "vi", "vi.4")] == ["vi.3.1", "vi.3.2"]
    assert _cat(env, "vi.3").status == "archived"
    with env.ws.db.read() as s:
        assert s.get(Item, doc).category_id == _cat(env, "vi.4").id
    assert _redirects(env) == {
        "/he-thong-van-ban": "vi.4",
        "/he-thong-van-ban/van-ban-phap-quy": "vi.3.1",
        "/he-thong-van-ban/van-ban-cua-bao-hiem-xa-hoi-viet-nam": "vi.3.2",
    }
    assert _cat(env, "vi.4").counterpart_id is None and _cat(env, "vi.3").counterpart_id is None


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ([{"kind": "add", "parent": "vi.6", "name": "  "}], "tree.name_empty"),
        ([{"kind": "add", "parent": "vi.6"}], "tree.field_missing"),
        ([{"kind": "add", "parent": "vi.6", "name": "x" * 300}], "tree.name_too_long"),
        ([{"kind": "add", "parent": "vi.6", "name": "bảo hiểm y tế"}], "tree.name_duplicate"),
        ([{"kind": "add", "parent": "vi.6", "name": "Khác", "slug": "bao-hiem-y-te"}], "tree.slug_duplicate"),
        ([{"kind": "add", "parent": "vi.6", "name": "Khác", "slug": "Bảo hiểm"}], "tree.slug_invalid"),
        ([{"kind": "add", "parent": "vi.6", "name": "???"}], "tree.slug_empty"),
        ([{"kind": "move", "node": "vi.1", "parent": "vi.1.2"}], "tree.cycle"),
        ([{"kind": "move", "node": "vi.1", "parent": "vi.1"}], "tree.cycle"),
        ([{"kind": "move", "node": "vi.1.2", "parent": "en.1"}], "tree.other_portal"),
        ([{"kind": "move", "node": "vi.1.2", "parent": "vi.1"}], "tree.nothing"),
        ([{"kind": "move", "node": "vi.1.2", "parent": "vi.3", "position": 9}], "tree.position_range"),
        ([{"kind": "rename", "node": "vi.99", "name": "X"}], "tree.unknown_node"),
        ([{"kind": "rename", "node": "vi.2"}], "tree.nothing"),
        ([{"kind": "reorder", "parent": "vi.6", "order": ["vi.6.1"]}], "tree.reorder_set"),
        ([{"kind": "edit", "node": "vi.2", "unit": "XYZ"}], "tree.unknown_unit"),
        ([{"kind": "edit", "node": "vi.2", "content_types": ["category_change"]}], "tree.unknown_type"),
        ([{"kind": "edit", "node": "vi.2", "counterpart": "vi.3"}], "tree.counterpart_portal"),
        ([{"kind": "merge", "node": "vi.1", "into": "vi.1.3"}], "tree.into_itself"),
        ([{"kind": "add", "parent": "+nope", "name": "X"}], "tree.unknown_ref"),
        ([{"kind": "paint", "node": "vi.1"}], "tree.unknown_kind"),
        ([{"kind": "move", "node": "vi.1.2", "parent": "vi.3", "position": "1"}], "tree.field_type"),
        ([{"kind": "move", "node": "vi.1.2", "parent": "vi.3", "colour": "red"}], "tree.field_unknown"),
        ([], "tree.empty"),
    ],
)
def test_a_wrong_change_gets_a_clear_problem_before_anything_is_submitted(sqlite_env, changes, key):
    env = sqlite_env
    result = tree.check(env.ws, changes)
    assert [p.key for p in result.problems][:1] == [key]
    for lang in ("vi", "en"):
        assert all("{" not in m for m in result.messages(lang)), result.messages(lang)
    before = _count_items(env)
    with pytest.raises(InvalidInput):
        _propose(env, changes)
    assert _count_items(env) == before  # nothing filed


def _count_items(env) -> int:
    with env.ws.db.read() as s:
        return s.scalar(select(func.count()).select_from(Item))


def test_a_node_changed_underneath_refuses_approval_naming_the_change_and_rebase_fixes_it(env):
    first = _propose(env, [{"kind": "rename", "node": "vi.2", "name": "Tin tức - Sự kiện"}], title="Đổi tên Tin tức")
    second = _propose(env, [{"kind": "edit", "node": "vi.2", "description": "Tin hoạt động của Ngành"}],
                      title="Mô tả Tin tức")
    items.decide(env.ws, env.actor("mai"), first, "approve")
    with pytest.raises(Conflict) as e:
        items.decide(env.ws, env.actor("hung"), second, "approve")
    text = e.value.message("vi")
    assert f"#{first}" in text and "Đổi tên Tin tức" in text and "Hoàng Thị Mai" in text
    with env.ws.db.read() as s:
        assert s.get(Item, second).state == "board_review"  # never half-applied: nothing of it written
        assert s.scalar(select(func.count()).select_from(CategoryChange)
                        .where(CategoryChange.proposal_id == second)) == 0
    view = tree.proposal(env.ws, env.actor("hung"), second)
    assert view.stale and view.stale[0].proposal_id == first
    tree.rebase(env.ws, env.actor("minh"), second)
    with pytest.raises(InvalidInput):  # already rebased
        tree.rebase(env.ws, env.actor("minh"), second)
    items.decide(env.ws, env.actor("hung"), second, "approve")
    assert _cat(env, "vi.2").description == "Tin hoạt động của Ngành"


def test_a_proposal_that_no_longer_fits_is_refused_and_rebase_says_why(env):
    a = _propose(env, [{"kind": "add", "parent": "vi.2", "name": "Ảnh"}])
    b = _propose(env, [{"kind": "add", "parent": "vi.2", "name": "Ảnh"}])
    items.decide(env.ws, env.actor("mai"), a, "approve")
    with pytest.raises(Conflict):
        items.decide(env.ws, env.actor("mai"), b, "approve")
    with pytest.raises(InvalidInput) as e:
        tree.rebase(env.ws, env.actor("minh"), b)
    assert "Ảnh" in e.value.message("vi")
    assert [r.name for r in tree.children(env.ws, "vi", "vi.2")] == ["Ảnh"]


def test_swapping_two_slugs_and_a_path_taken_again_stops_being_a_redirect(env):
    pid = _propose(env, [
        {"kind": "rename", "node": "vi.6.1", "name": "Câu hỏi chung", "slug": "tam"},
        {"kind": "rename", "node": "vi.6.2", "name": "Bảo hiểm xã hội bắt buộc", "slug": "cau-hoi-tong-hop"},
        {"kind": "rename", "node": "vi.6.1", "slug": "bao-hiem-xa-hoi"},
    ])
    items.decide(env.ws, env.actor("mai"), pid, "approve")
    assert (_cat(env, "vi.6.1").slug, _cat(env, "vi.6.2").slug) == ("bao-hiem-xa-hoi", "cau-hoi-tong-hop")
    assert _redirects(env) == {}  # each old path is a live node's path now
    pid = _propose(env, [{"kind": "rename", "node": "vi.6.2", "name": "Câu hỏi tổng hợp mới"}])
    items.decide(env.ws, env.actor("mai"), pid, "approve")
    assert _redirects(env) == {"/hoi-dap/cau-hoi-tong-hop": "vi.6.2"}
    with env.ws.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Redirect)) == 1


def test_approved_proposals_cannot_be_pulled_back_corrected_or_withdrawn(env):
    pid = _propose(env, MOVE_AND_RENAME)
    items.decide(env.ws, env.actor("mai"), pid, "approve")
    assert items.allowed_actions(env.ws, env.actor("mai"), pid) == []
    assert items.allowed_actions(env.ws, env.actor("minh"), pid) == []


def test_proposals_list_and_a_nodes_pending_proposals(env):
    pid = _propose(env, MOVE_AND_RENAME)
    rows = tree.proposals(env.ws, env.actor("mai"))
    assert [(r.id, r.changes, r.kinds) for r in rows] == [(pid, 2, ("move", "rename"))]
    assert "vi.2" in rows[0].keys and "vi.3" in rows[0].keys
    assert [p.id for p in tree.node_detail(env.ws, env.actor("mai"), "vi.3").pending] == [pid]
    assert tree.node_detail(env.ws, env.actor("mai"), "vi.4").pending == []
    d = tree.node_detail(env.ws, env.actor("mai"), "vi.1")
    assert d.url == "https://baohiemxahoi.gov.vn/gioi-thieu-bao-hiem-xa-hoi-viet-nam"
    assert d.row.children == 5 and d.unit_name


def test_search_ignores_diacritics_and_finds_both_languages(sqlite_env):
    assert [r.key for r in tree.search(sqlite_env.ws, "vi", "bao hiem y te")] == ["vi.6.3"]
    assert [r.key for r in tree.search(sqlite_env.ws, None, "BẢO HIỂM Y TẾ")] == ["vi.6.3", "en.4.7"]
    assert "en.2" in [r.key for r in tree.search(sqlite_env.ws, "en", "tin tuc")]  # name_vi of an English node
    assert tree.ancestors(sqlite_env.ws, "vi.6.3") == ["vi.6"]


def test_the_proposal_rows_of_the_workflow_through_the_services(env):
    """submit draft -> board_review and resubmit returned -> board_review: proposers only (editor, Board)."""
    pid = tree.propose(env.ws, env.actor("minh"), "Đổi tên Tin tức", MOVE_AND_RENAME[1:], submit=False).id
    for who, key in (("lan", "perm.view"), ("ld", "perm.transition"), ("admin", "perm.transition")):
        with pytest.raises(PermissionDenied) as e:
            items.decide(env.ws, env.actor(who), pid, "submit")
        assert e.value.key == key, who
    assert items.decide(env.ws, env.actor("minh"), pid, "submit").state == "board_review"
    items.decide(env.ws, env.actor("mai"), pid, "return", reason="Cần thêm mô tả")
    with pytest.raises(PermissionDenied) as e:
        items.decide(env.ws, env.actor("ld"), pid, "resubmit")
    assert e.value.key == "perm.transition"
    with pytest.raises(PermissionDenied) as e:  # the Board does not send the desk's proposal for it
        items.decide(env.ws, env.actor("head"), pid, "resubmit")
    assert e.value.key == "perm.own_unit"
    assert items.decide(env.ws, env.actor("minh"), pid, "resubmit").state == "board_review"
    with pytest.raises(PermissionDenied):
        items.decide(env.ws, env.actor("minh"), pid, "approve")
    assert items.decide(env.ws, env.actor("head"), pid, "approve").state == "approved"


def test_a_rename_to_an_empty_name_is_a_problem_not_a_no_op(sqlite_env):
    result = tree.check(sqlite_env.ws, [{"kind": "rename", "node": "vi.2", "name": ""}])
    assert [p.key for p in result.problems] == ["tree.name_empty"]
    assert result.problems[0].message("en", bare=True) == "the name may not be empty."


def test_a_proposals_view_describes_nodes_it_adds_and_files_problems_by_change(sqlite_env):
    env = sqlite_env
    pid = _propose(env, [
        {"kind": "add", "ref": "anh", "parent": "vi.2", "name": "Ảnh"},
        {"kind": "move", "node": "vi.10", "parent": "+anh"},
        {"kind": "edit", "node": "vi.10", "unit": "VP", "description": "Ảnh hợp tác quốc tế"},
    ])
    view = tree.proposal(env.ws, env.actor("mai", "en"), pid)
    assert "«Ảnh»" in view.summaries[1] and "+anh" not in view.summaries[1]
    assert view.summaries[2].endswith("responsible unit, description")
    # Another proposal takes the name first: the review shows the problem beside its change.
    first = _propose(env, [{"kind": "add", "parent": "vi.2", "name": "Ảnh"}])
    items.decide(env.ws, env.actor("mai"), first, "approve")
    view = tree.proposal(env.ws, env.actor("mai", "en"), pid)
    assert list(view.problems_by_change) == [0, 1]  # the move into the node that can no longer be added, too
    assert view.problems_by_change[0] == ["“Tin tức” already has “Ảnh”."]


def test_only_the_proposers_unit_or_the_desk_revises_and_rebases(env):
    first = _propose(env, [{"kind": "rename", "node": "vi.2", "name": "Tin tức - Sự kiện"}])
    mine = _propose(env, [{"kind": "edit", "node": "vi.2", "description": "Tin của Ngành"}], who="mai")
    desk = _propose(env, [{"kind": "edit", "node": "vi.2", "unit": "VP"}])
    items.decide(env.ws, env.actor("hung"), first, "approve")
    with pytest.raises(PermissionDenied) as e:  # a Board member does not rebase the desk's proposal
        tree.rebase(env.ws, env.actor("head"), desk)
    assert e.value.key == "perm.own_unit"
    assert not tree.proposal(env.ws, env.actor("head"), desk).may_revise
    assert tree.proposal(env.ws, env.actor("head"), mine).may_revise  # the Board's own
    tree.rebase(env.ws, env.actor("head"), mine)
    assert tree.rebase(env.ws, env.actor("minh"), desk).state == "board_review"


def test_node_detail_counts_what_the_viewer_may_see_and_names_the_rule(env):
    news = item_in(env, State.BOARD_REVIEW)  # by lan, of VP, in vi.2
    pid = _propose(env, [{"kind": "edit", "node": "vi.2", "deadline_rule": "activity_1wd"}])
    items.decide(env.ws, env.actor("mai"), pid, "approve")
    assert tree.node_detail(env.ws, env.actor("mai"), "vi.2").items_by_state == {"board_review": 1}
    assert tree.node_detail(env.ws, env.actor("son"), "vi.2").items_by_state == {}  # VKH sees no VP work
    assert news and tree.node_detail(env.ws, env.actor("lan"), "vi.2").items_by_state == {"board_review": 1}
    detail = tree.node_detail(env.ws, env.actor("mai", "en"), "vi.2")
    assert detail.deadline_rule == "activity_1wd" and detail.deadline_rule_name.startswith("Unit activity")


def test_children_count_only_listed_sections_and_search_finds_next_after_a_node(sqlite_env):
    env = sqlite_env
    pid = _propose(env, [{"kind": "archive", "node": "vi.3.1"}, {"kind": "archive", "node": "vi.3.2"}])
    items.decide(env.ws, env.actor("mai"), pid, "approve")
    three = {r.key: r for r in tree.children(env.ws, "vi")}["vi.3"]
    hidden = {r.key: r for r in tree.children(env.ws, "vi", archived=False)}["vi.3"]
    assert (three.children, hidden.children) == (2, 0)
    assert [r.key for r in tree.search(env.ws, "vi", "bao hiem", after="vi.6.2")][:2] == ["vi.6.3", "vi.6.4"]
    assert tree.search(env.ws, "vi", "bao hiem", after="vi.17")[0].key == "vi.1"  # wraps around


def test_an_item_cannot_be_edited_into_an_archived_category(env):
    pid = _propose(env, [{"kind": "archive", "node": "vi.7"}])
    items.decide(env.ws, env.actor("mai"), pid, "approve")
    i = item_in(env, State.EDITING, kind={"category": "vi.5", "content_type": "policy_guidance",
                                          "meta": {"law_issued_on": "2026-11-02", "law_reference": "41/2024/QH15"}})
    with pytest.raises(InvalidInput) as e:
        items.edit(env.ws, env.actor("minh"), i, category="vi.7")
    assert e.value.key == "input.category_inactive"
    assert "Lưu trữ" in e.value.message("vi") and "Archived" in e.value.message("en")
