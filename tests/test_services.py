"""Service behaviour on every configured database: the editorial path, errors a person can cause,
conflicts, locks, separation of duties, and that every write leaves one audit event."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from console import audit
from console.errors import Conflict, InvalidInput, NotFound, PermissionDenied, ReasonRequired
from console.services import items, queries
from models import AuditEvent, Decision, Item, Revision
from models.workflow import State
from tests.helpers import STATS, draft, item_in


def _audit_count(env) -> int:
    with env.ws.db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent)) or 0


def test_full_editorial_path_to_approval(env):
    ws = env.ws
    ref = items.create(ws, env.actor("lan"), draft(author="Nguyễn Thị Lan", source="Văn phòng BHXH Việt Nam"))
    assert ref.state == "submitted"
    items.decide(ws, env.actor("minh"), ref.id, "accept")
    items.edit(ws, env.actor("minh"), ref.id, title="Hội nghị tổng kết công tác năm 2026 của BHXH Việt Nam")
    items.decide(ws, env.actor("minh"), ref.id, "send_to_board")
    done = items.decide(ws, env.actor("mai"), ref.id, "approve")
    assert done.state == "approved"
    d = queries.item_detail(ws, env.actor("mai"), ref.id)
    assert [x.action for x in d.decisions] == ["submit", "accept", "send_to_board", "approve"]
    assert d.approved_revision == 2 and d.published_revision is None
    assert d.current.title.endswith("của BHXH Việt Nam")
    assert d.current.source == "Văn phòng BHXH Việt Nam"
    with ws.db.read() as s:
        assert audit.verify(s).ok


def test_statistics_need_leadership_after_the_board(env):
    i = item_in(env, State.LEADERSHIP_REVIEW, kind=STATS)
    with pytest.raises(PermissionDenied):
        items.decide(env.ws, env.actor("mai"), i, "approve_leadership")
    assert items.decide(env.ws, env.actor("ld"), i, "approve_leadership").state == "approved"


def test_board_member_cannot_approve_what_they_submitted(env):
    hung = env.actor("hung")  # Board member who also contributes for VP
    ref = items.create(env.ws, hung, draft())
    items.decide(env.ws, env.actor("minh"), ref.id, "accept")
    items.decide(env.ws, env.actor("minh"), ref.id, "send_to_board")
    before = _audit_count(env)
    with pytest.raises(PermissionDenied) as err:
        items.decide(env.ws, hung, ref.id, "approve")
    assert "phân tách nhiệm vụ" in err.value.message("vi")
    assert "separation of duties" in err.value.message("en")
    assert _audit_count(env) == before  # a refused action writes nothing
    assert items.decide(env.ws, env.actor("mai"), ref.id, "approve").state == "approved"


def test_editor_who_rewrote_the_text_cannot_approve_it_as_board(env):
    i = item_in(env, State.EDITING)
    items.edit(env.ws, env.actor("minh"), i, body_md="Nội dung đã biên tập.")
    items.decide(env.ws, env.actor("minh"), i, "send_to_board")
    # mai did not write it: allowed. The rule looks at the current revision's author.
    with env.ws.db.read() as s:
        rev = s.execute(select(Revision).join(Item, Item.current_revision_id == Revision.id)
                        .where(Item.id == i)).scalar_one()
        assert rev.created_by_id == env.actor("minh").user_id
    assert items.decide(env.ws, env.actor("mai"), i, "approve").state == "approved"


@pytest.mark.parametrize("action", ["return", "reject"])
def test_return_and_reject_need_a_reason_that_the_submitter_sees(env, action):
    i = item_in(env, State.BOARD_REVIEW)
    with pytest.raises(ReasonRequired):
        items.decide(env.ws, env.actor("mai"), i, action, reason="   ")
    items.decide(env.ws, env.actor("mai"), i, action, reason="Số liệu chưa khớp với báo cáo quý")
    rows = queries.list_queue(env.ws, env.actor("lan"), "submitted")
    assert [r.id for r in rows] == [i]
    d = queries.item_detail(env.ws, env.actor("lan"), i)
    assert d.decisions[-1].reason == "Số liệu chưa khớp với báo cáo quý"


def test_returned_item_is_edited_and_resubmitted_by_its_unit(env):
    i = item_in(env, State.RETURNED)
    with pytest.raises(PermissionDenied):
        items.edit(env.ws, env.actor("son"), i, title="Không phải đơn vị của tôi")
    items.edit(env.ws, env.actor("lan"), i, source="Cổng TTĐT Chính phủ", title="Tin đã bổ sung nguồn")
    assert items.decide(env.ws, env.actor("lan"), i, "resubmit").state == "submitted"


def test_unit_may_submit_only_for_itself(env):
    with pytest.raises(InvalidInput) as err:
        items.create(env.ws, env.actor("son"), draft(unit="VP"))
    assert "không thuộc đơn vị" in err.value.message("vi")


def test_correction_of_published_item_keeps_live_revision(env):
    i = item_in(env, State.PUBLISHED)
    items.edit(env.ws, env.actor("minh"), i, body_md="Đính chính: số liệu đúng là 17,2 triệu người.")
    d = queries.item_detail(env.ws, env.actor("minh"), i)
    assert d.state == "editing"
    assert d.published_revision == 1 and d.current.number == 2
    items.decide(env.ws, env.actor("minh"), i, "send_to_board")
    items.decide(env.ws, env.actor("mai"), i, "approve")
    d = queries.item_detail(env.ws, env.actor("minh"), i)
    assert (d.approved_revision, d.published_revision) == (2, 1)


def test_publish_is_reserved_to_the_export(env):
    i = item_in(env, State.APPROVED)
    with pytest.raises(PermissionDenied):
        items.decide(env.ws, env.actor("admin"), i, "publish")
    with pytest.raises(PermissionDenied), env.ws.db.write() as s:
        items.record_published(s, env.actor("mai"), i)


def test_wrong_state_is_a_conflict_that_lists_what_is_possible(env):
    i = item_in(env, State.SUBMITTED)
    with pytest.raises(Conflict) as err:
        items.decide(env.ws, env.actor("mai"), i, "approve")
    assert "Tiếp nhận biên tập" in err.value.message("vi")


def test_stale_version_is_refused_and_names_who_changed_it(env):
    i = item_in(env, State.EDITING)
    seen = queries.item_detail(env.ws, env.actor("minh"), i).version
    items.edit(env.ws, env.actor("minh"), i, title="Tiêu đề mới", expected_version=seen)
    with pytest.raises(Conflict) as err:
        items.decide(env.ws, env.actor("minh"), i, "send_to_board", expected_version=seen)
    msg = err.value.message("vi")
    assert "minh" in msg and "sửa nội dung" in msg and "tải lại" in msg  # who, what and when
    assert "(edited)" in err.value.message("en")
    assert queries.item_detail(env.ws, env.actor("minh"), i).state == "editing"


def test_locks_block_others_until_released_or_broken(env):
    i = item_in(env, State.EDITING)
    items.claim(env.ws, env.actor("minh"), i)
    with pytest.raises(Conflict) as err:
        items.decide(env.ws, env.actor("thu"), i, "send_to_board")
    assert "Trần Văn Minh" in err.value.message("vi")
    with pytest.raises(PermissionDenied):
        items.break_lock(env.ws, env.actor("thu"), i, reason="cần xử lý gấp")
    with pytest.raises(ReasonRequired):
        items.break_lock(env.ws, env.actor("head"), i, reason="")
    items.break_lock(env.ws, env.actor("head"), i, reason="Biên tập viên nghỉ phép")
    assert items.decide(env.ws, env.actor("thu"), i, "send_to_board").state == "board_review"
    log = queries.audit_log(env.ws, entity="item", entity_id=str(i))
    assert "item.lock_broken" in [e.action for e in log]


def test_release_needs_the_lock(env):
    i = item_in(env, State.EDITING)
    with pytest.raises(Conflict):
        items.release(env.ws, env.actor("minh"), i)
    items.claim(env.ws, env.actor("minh"), i)
    items.release(env.ws, env.actor("minh"), i)
    assert queries.item_detail(env.ws, env.actor("minh"), i).lock_holder is None


def test_assign_and_mine_queue(env):
    i = item_in(env, State.EDITING)
    with pytest.raises(PermissionDenied):
        items.assign(env.ws, env.actor("lan"), i, "minh")
    with pytest.raises(InvalidInput):
        items.assign(env.ws, env.actor("minh"), i, "nobody")
    items.assign(env.ws, env.actor("head"), i, "minh")
    assert [r.id for r in queries.list_queue(env.ws, env.actor("minh"), "mine")] == [i]


def test_comments_thread(env):
    i = item_in(env, State.BOARD_REVIEW)
    c1 = items.comment(env.ws, env.actor("mai"), i, "Đề nghị bổ sung ảnh minh họa.")
    items.comment(env.ws, env.actor("minh"), i, "Đã bổ sung.", parent_id=c1)
    with pytest.raises(InvalidInput):
        items.comment(env.ws, env.actor("mai"), i, "   ")
    with pytest.raises(NotFound):
        items.comment(env.ws, env.actor("mai"), i, "trả lời", parent_id=99999)
    d = queries.item_detail(env.ws, env.actor("lan"), i)
    assert [(c.author, c.parent_id) for c in d.comments] == [("mai", None), ("minh", c1)]


def test_contributor_cannot_see_other_units_items(env):
    i = item_in(env, State.SUBMITTED)
    with pytest.raises(PermissionDenied):
        queries.item_detail(env.ws, env.actor("son"), i)
    assert queries.list_queue(env.ws, env.actor("son"), "inbox") == []


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"title": ""}, "input.required"),
        ({"title": "x" * 501}, "input.too_long"),
        ({"content_type": "gossip"}, "input.unknown_type"),
        ({"category": "Không có"}, "input.unknown_category"),
        ({"category": "vi.13"}, "input.type_not_allowed"),
        ({"unit": "XYZ"}, "input.unknown_unit"),
        ({"reused": True, "source": ""}, "input.source_required"),
        ({"meta": {"colour": "đỏ"}}, "input.meta_field"),
        ({"meta": {"event_date": "31/12/2026"}}, "input.meta_date"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(env, change, key):
    before = _audit_count(env)
    with pytest.raises(InvalidInput) as err:
        items.create(env.ws, env.actor("lan"), draft(**change))
    assert err.value.key == key
    assert _audit_count(env) == before
    with env.ws.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Item)) == 0


def test_required_metadata_of_the_type(env):
    with pytest.raises(InvalidInput) as err:
        items.create(env.ws, env.actor("lan"), draft(category="vi.3.1", content_type="legal_document"))
    assert err.value.key == "input.required"
    meta = {"number": "58/2024/QH15", "issuer": "Quốc hội", "issued_on": "2024-06-29", "cleared_on": "2024-07-01"}
    ref = items.create(env.ws, env.actor("lan"), draft(category="vi.3.1", content_type="legal_document",
                                                       title="Luật Bảo hiểm xã hội 2024", meta=meta))
    assert queries.item_detail(env.ws, env.actor("lan"), ref.id).current.meta["number"] == "58/2024/QH15"


def test_text_is_stored_nfc(env):
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Hướng dẫn thủ tục hưởng chế độ thai sản")
    ref = items.create(env.ws, env.actor("lan"), draft(title=nfd, body_md=nfd))
    d = queries.item_detail(env.ws, env.actor("lan"), ref.id)
    assert d.current.title == unicodedata.normalize("NFC", nfd) != nfd
    assert unicodedata.is_normalized("NFC", d.current.body_md)


def test_every_write_has_one_audit_event_in_the_same_transaction(env):
    before = _audit_count(env)
    i = item_in(env, State.EDITING)  # create + submit + accept
    assert _audit_count(env) == before + 3
    with env.ws.db.read() as s:
        decisions = s.scalar(select(func.count()).select_from(Decision).where(Decision.item_id == i))
    assert decisions == 2


def test_revisions_are_immutable(env):
    i = item_in(env, State.SUBMITTED)
    with pytest.raises(ValueError, match="immutable"), env.ws.db.write() as s:
        rev = s.execute(select(Revision).where(Revision.item_id == i)).scalar_one()
        rev.title = "sửa lén"
        s.flush()
    assert queries.item_detail(env.ws, env.actor("lan"), i).current.title != "sửa lén"


def test_dashboard_counts_what_the_actor_may_act_on(env):
    item_in(env, State.BOARD_REVIEW, kind=STATS)
    own = item_in(env, State.BOARD_REVIEW, by="hung")  # hung may return or reject it, never approve it
    item_in(env, State.SUBMITTED)
    assert set(queries.item_detail(env.ws, env.actor("hung"), own).actions) == {"return", "reject"}
    board = {q.key: q for q in queries.dashboard(env.ws, env.actor("hung")).queues}
    assert (board["board"].total, board["board"].actionable) == (2, 2)
    leader = {q.key: q for q in queries.dashboard(env.ws, env.actor("ld")).queues}
    assert (leader["board"].total, leader["board"].actionable) == (2, 0)
    assert board["board"].by_portal == {"vi": 2}
    editor = {q.key: q for q in queries.dashboard(env.ws, env.actor("minh")).queues}
    assert (editor["inbox"].total, editor["inbox"].actionable) == (1, 1)
    assert editor["board"].actionable == 0
    dash = queries.dashboard(env.ws, env.actor("minh"))
    assert dash.total_items == 3
    assert dict(dash.portals[0][2]) == {"board_review": 2, "submitted": 1}


def test_document_numbers_are_checked_and_written_canonically(env):
    base = {"issuer": "Chính phủ", "issued_on": "2011-06-13", "cleared_on": "2011-06-20"}
    with pytest.raises(InvalidInput) as err:
        items.create(env.ws, env.actor("lan"), draft(category="vi.3.1", content_type="legal_document",
                                                     meta={**base, "number": "43/2011/ND-CP"}))
    assert "NĐ" in err.value.message("vi") and "number" in err.value.message("en")
    ref = items.create(env.ws, env.actor("lan"), draft(category="vi.3.1", content_type="legal_document",
                                                       meta={**base, "number": "Số: 43 / 2011 / NĐ-CP"}))
    assert queries.item_detail(env.ws, env.actor("lan"), ref.id).current.meta["number"] == "43/2011/NĐ-CP"
