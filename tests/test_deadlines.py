"""Deadlines as data: the Đ11 table and the Q&A steps, computed with the working-day calendar."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.calendar import WorkingCalendar
from console.deadlines import (
    DEFAULT_BOOK,
    DEFAULT_RULES,
    EVENTS,
    STATUSES,
    DeadlineRule,
    Due,
    RuleBook,
    compute_due,
    due_for_item,
    event_date_from_meta,
    merge_rules,
    rule_for,
    rules_by_key,
)
from console.errors import InvalidInput
from models.content_types import CONTENT_TYPES

VN = timezone(timedelta(hours=7))
CAL = WorkingCalendar()
RULES = rules_by_key(DEFAULT_RULES)


def vn(y: int, m: int, d: int, hh: int = 10, mm: int = 0, ss: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, ss, tzinfo=VN).astimezone(UTC)


def eod(y: int, m: int, d: int) -> datetime:
    """17:00 in Hà Nội, in UTC: the moment a period ends."""
    return vn(y, m, d, 17, 0)


NOW = vn(2026, 11, 25, 9, 0)


def due(rule_key: str, meta: dict | None = None, received: datetime | None = None, now: datetime = NOW) -> Due:
    return due_for_item(rule_key, meta or {}, received_at=received or vn(2026, 3, 2), calendar=CAL, now=now)


# --------------------------------------------------------------------------------------------------
# The table.


def test_every_content_type_has_its_rule():
    for ct in CONTENT_TYPES:
        assert ct.deadline_rule in RULES, ct.code
        rule = RULES[ct.deadline_rule]
        assert ct.code in rule.content_types
        assert rule.article == ct.article, ct.code


def test_every_rule_names_existing_content_types_events_and_date_fields():
    types = {ct.code: ct for ct in CONTENT_TYPES}
    for rule in DEFAULT_RULES:
        assert rule.event in EVENTS, rule.key
        assert rule.content_types or rule.key.startswith("qa_"), rule.key
        for code in rule.content_types:
            ct = types[code]
            assert ct.deadline_rule in (rule.key, rule.variant_of), rule.key
            if rule.event_field is not None:
                fields = {f.key: f for f in ct.fields}
                assert fields[rule.event_field].kind == "date", (rule.key, code)
        if rule.applies_when is not None:
            field, value = rule.applies_when
            for code in rule.content_types:
                choices = {f.key: f.choices for f in types[code].fields}[field]
                assert value in choices


def test_the_table_matches_the_regulation():
    expected = {
        "contact_1wd": (1, "working_days", "approved_on"),
        "news_prompt": (None, "working_days", "event_date"),
        "activity_1wd": (1, "working_days", "occurred_on"),
        "document_1wd": (1, "working_days", "cleared_on"),
        "draft_comment": (None, "working_days", None),
        "policy_10wd": (10, "working_days", "law_issued_on"),
        "bio_same_day": (0, "same_day", "appointed_on"),
        "training_asap": (0, "same_day", "announce_on"),
        "statistics": (None, "working_days", None),
        "statistics_adhoc": (10, "working_days", "leadership_approved_on"),
        "strategy_10d": (10, "calendar_days", "leadership_approved_on"),  # "Trong 10 ngày" (Đ11.1d)
        "award_5wd": (5, "working_days", "cleared_on"),
        "research_20wd": (20, "working_days", "approved_on"),
        "project_10wd": (10, "working_days", "approved_on"),
        "provincial_on_change": (None, "working_days", None),
        "procedure_on_change": (None, "working_days", None),
        "qa_classify": (5, "working_days", None),
        "qa_out_of_scope_same_day": (0, "same_day", None),
        "qa_unit_answer_7wd": (7, "working_days", None),
        "qa_complex_10wd": (10, "working_days", None),
        "qa_publish_2wd": (2, "working_days", "answer_received_on"),
        "tree_proposal": (None, "working_days", None),  # Đ6.2a sets the Board no deadline for tree changes
    }
    assert {k: (r.amount, r.unit, r.event_field) for k, r in RULES.items()} == expected
    assert RULES["qa_classify"].amount_min == 2
    assert RULES["statistics_adhoc"].variant_of == "statistics"
    assert RULES["document_1wd"].content_types == ("legal_document", "direction_document")


def test_rules_are_checked_when_made():
    rule = RULES["policy_10wd"]
    with pytest.raises(ValueError):
        replace(rule, amount=-1)
    with pytest.raises(ValueError):
        replace(rule, unit="weeks")
    with pytest.raises(ValueError):
        replace(rule, unit="same_day", amount=3)
    with pytest.raises(ValueError):
        replace(rule, amount_min=11)
    with pytest.raises(ValueError):
        replace(rule, variant_of="statistics")
    with pytest.raises(ValueError, match="twice"):
        rules_by_key([rule, rule])


def test_rules_round_trip_through_dicts():
    for rule in DEFAULT_RULES:
        assert DeadlineRule.from_dict(rule.as_dict()) == rule
    # A workspace row (the deadline_rule table) has no variant columns.
    extras = ("amount_min", "variant_of", "applies_when")
    row = {k: v for k, v in RULES["award_5wd"].as_dict().items() if k not in extras}
    assert DeadlineRule.from_dict(row) == RULES["award_5wd"]


def test_period_texts():
    assert RULES["document_1wd"].period_text("en") == "1 working day"
    assert RULES["policy_10wd"].period_text("vi") == "10 ngày làm việc"
    assert RULES["strategy_10d"].period_text("en") == "10 calendar days"
    assert RULES["qa_classify"].period_text("en") == "2 to 5 working days"
    assert RULES["bio_same_day"].period_text("vi") == "trong ngày"
    assert RULES["news_prompt"].period_text("en") == "no fixed period"


# --------------------------------------------------------------------------------------------------
# Real examples.


@pytest.mark.parametrize(
    ("rule_key", "meta", "expected"),
    [
        # A legal document cleared on Friday 13/2/2026, just before Tết: due after Tết.
        ("document_1wd", {"cleared_on": "2026-02-13"}, eod(2026, 2, 23)),
        ("document_1wd", {"cleared_on": "2026-03-04"}, eod(2026, 3, 5)),
        # Contact information cleared on Friday 28/8/2026, before the National Day holidays.
        ("contact_1wd", {"approved_on": "2026-08-28"}, eod(2026, 9, 3)),
        # Unit activity on Friday 9/1/2026: the next working day is the make-up Saturday 10/1.
        ("activity_1wd", {"occurred_on": "2026-01-09"}, eod(2026, 1, 10)),
        # Policy guidance for a law issued Friday 24/4/2026: Giỗ Tổ (27/4) and 30/4-1/5 are skipped.
        ("policy_10wd", {"law_issued_on": "2026-04-24"}, eod(2026, 5, 13)),
        # A leader appointed on a working day, and on 30/4 (a holiday): the next working day.
        ("bio_same_day", {"appointed_on": "2026-03-03"}, eod(2026, 3, 3)),
        ("bio_same_day", {"appointed_on": "2026-04-30"}, eod(2026, 5, 4)),
        ("training_asap", {"announce_on": "2026-06-15"}, eod(2026, 6, 15)),
        # Ad hoc statistics approved Thursday 20/8/2026: Saturday 22/8 counts, 31/8-2/9 do not.
        ("statistics", {"periodic": "không định kỳ", "leadership_approved_on": "2026-08-20"}, eod(2026, 9, 7)),
        # Strategies: 10 calendar days; from 19/8/2026 that is Saturday 29/8, then 31/8-2/9 are off.
        ("strategy_10d", {"leadership_approved_on": "2026-08-19"}, eod(2026, 9, 3)),
        ("strategy_10d", {"leadership_approved_on": "2026-03-02"}, eod(2026, 3, 12)),
        # Awards cleared on Thursday 24/4/2025: the make-up Saturday 26/4/2025 counts, 30/4-2/5 do not.
        ("award_5wd", {"cleared_on": "2025-04-24"}, eod(2025, 5, 5)),
        # Research approved Monday 20/1/2025: 20 working days across Tết Ất Tỵ.
        ("research_20wd", {"approved_on": "2025-01-20"}, eod(2025, 2, 24)),
        # A project approved on Christmas Eve 2026: 10 working days across New Year 2027.
        ("project_10wd", {"approved_on": "2026-12-24"}, eod(2027, 1, 8)),
        # A Q&A answer received Thursday 12/2/2026: 2 working days, the second after Tết.
        ("qa_publish_2wd", {"answer_received_on": "2026-02-12"}, eod(2026, 2, 23)),
    ],
)
def test_real_examples(rule_key, meta, expected):
    d = due(rule_key, meta)
    assert d.due_at == expected
    assert d.counted_from == "event"


def test_the_content_type_rule_picks_its_variant():
    assert rule_for("statistics", {"periodic": "định kỳ"}).key == "statistics"
    assert rule_for("statistics", {"periodic": "không định kỳ"}).key == "statistics_adhoc"
    # Decomposed input (NFD) still matches.
    import unicodedata

    assert rule_for("statistics", {"periodic": unicodedata.normalize("NFD", "không định kỳ")}).key == "statistics_adhoc"
    assert rule_for("statistics").key == "statistics"
    assert due("statistics", {"periodic": "định kỳ", "leadership_approved_on": "2026-08-20"}).status == "no_deadline"


@pytest.mark.parametrize(
    ("rule_key", "received", "expected"),
    [
        # Classified and answered or forwarded within 5 working days (the upper bound of "2 to 5").
        ("qa_classify", vn(2026, 8, 27, 15), eod(2026, 9, 8)),
        # Out of scope: the same day; received after hours, the next working day.
        ("qa_out_of_scope_same_day", vn(2026, 3, 5, 11), eod(2026, 3, 5)),
        ("qa_out_of_scope_same_day", vn(2026, 3, 5, 17, 30), eod(2026, 3, 6)),
        ("qa_out_of_scope_same_day", vn(2026, 2, 14, 9), eod(2026, 2, 23)),
        ("qa_unit_answer_7wd", vn(2026, 2, 10, 9), eod(2026, 2, 26)),  # 3 days before Tết, 4 after
        ("qa_complex_10wd", vn(2026, 2, 10, 9), eod(2026, 3, 3)),
    ],
)
def test_question_and_answer_steps(rule_key, received, expected):
    d = compute_due(RULES[rule_key], event_at=None, received_at=received, calendar=CAL, now=NOW)
    assert d.due_at == expected
    assert d.counted_from == "received"


@pytest.mark.parametrize("rule_key", ["news_prompt", "draft_comment", "provincial_on_change", "procedure_on_change"])
def test_promptly_and_as_it_changes_give_no_deadline(rule_key):
    d = due(rule_key, {"event_date": "2026-03-02"})
    assert d.due_at is None and d.status == "no_deadline" and d.working_days_overdue == 0
    assert not d.provisional
    assert d.status_text("en") == "No fixed deadline"
    assert "No fixed period" in " ".join(d.explain("en"))


# --------------------------------------------------------------------------------------------------
# Missing event date.


def test_a_missing_event_date_counts_from_receipt_and_says_so():
    d = due("document_1wd", {}, received=vn(2026, 3, 5, 17, 30))
    assert d.counted_from == "received"
    assert d.due_at == eod(2026, 3, 9)  # received after hours on Thursday: counts from Friday
    en = " ".join(d.explain("en"))
    assert "“Cleared for publication on” is not filled in, so counted from receipt" in en
    assert "after working hours" in en
    vi = " ".join(d.explain("vi"))
    assert "Chưa có “Ngày được phép công bố” nên tính từ lúc nhận" in vi


def test_a_malformed_event_date_is_treated_as_missing():
    assert event_date_from_meta(RULES["document_1wd"], {"cleared_on": "không rõ"}) is None
    assert event_date_from_meta(RULES["document_1wd"], {"cleared_on": "13/02/2026"}) == date(2026, 2, 13)
    assert event_date_from_meta(RULES["document_1wd"], {"cleared_on": date(2026, 2, 13)}) == date(2026, 2, 13)
    assert event_date_from_meta(RULES["document_1wd"], {"cleared_on": ""}) is None
    assert due("document_1wd", {"cleared_on": "không rõ"}).counted_from == "received"


def test_an_event_given_as_a_moment_uses_working_hours():
    rule = RULES["contact_1wd"]
    d = compute_due(rule, event_at=vn(2026, 3, 5, 18), received_at=vn(2026, 3, 6), calendar=CAL, now=NOW)
    assert d.due_at == eod(2026, 3, 9)


def test_naive_times_are_refused():
    with pytest.raises(InvalidInput):
        compute_due(RULES["policy_10wd"], event_at=None, received_at=datetime(2026, 3, 2, 9), calendar=CAL, now=NOW)
    with pytest.raises(InvalidInput):
        compute_due(RULES["news_prompt"], event_at=None, received_at=datetime(2026, 3, 2, 9), calendar=CAL, now=NOW)


# --------------------------------------------------------------------------------------------------
# Status at a moment.

CLEARED_BEFORE_TET = {"cleared_on": "2026-02-13"}  # due Monday 23/2/2026 17:00


@pytest.mark.parametrize(
    ("now", "status", "overdue"),
    [
        (vn(2026, 2, 12, 9), "on_time", 0),  # two working days before
        (vn(2026, 2, 13, 12), "due_soon", 0),  # Friday before Tết: the next working day is the due day
        (vn(2026, 2, 18, 9), "due_soon", 0),  # during Tết
        (vn(2026, 2, 23, 0, 0), "due_today", 0),
        (vn(2026, 2, 23, 16, 59, 59), "due_today", 0),
        (vn(2026, 2, 23, 17, 0, 0), "due_today", 0),  # the deadline moment itself is still on time
        (vn(2026, 2, 23, 17, 0, 1), "overdue", 1),
        (vn(2026, 2, 24, 9), "overdue", 1),
        (vn(2026, 2, 25, 9), "overdue", 2),
        (vn(2026, 2, 28, 9), "overdue", 4),  # Saturday: Tue-Fri have passed
        (vn(2026, 3, 2, 9), "overdue", 5),
    ],
)
def test_status_boundaries(now, status, overdue):
    d = due("document_1wd", CLEARED_BEFORE_TET, now=now)
    assert (d.status, d.working_days_overdue) == (status, overdue)


def test_status_texts_and_queue_order():
    late = due("document_1wd", CLEARED_BEFORE_TET, now=vn(2026, 2, 25, 9))
    assert late.status_text("en") == "Overdue by 2 working days"
    assert late.status_text("vi") == "Quá hạn 2 ngày làm việc"
    one = due("document_1wd", CLEARED_BEFORE_TET, now=vn(2026, 2, 24, 9))
    assert one.status_text("en") == "Overdue by 1 working day"
    soon = due("document_1wd", CLEARED_BEFORE_TET, now=vn(2026, 2, 13, 12))
    free = due("news_prompt", {}, now=vn(2026, 2, 13, 12))
    later = due("policy_10wd", {"law_issued_on": "2026-02-13"}, now=vn(2026, 2, 13, 12))
    ordered = sorted([free, later, soon, late], key=lambda d: d.sort_key)
    assert [d.status for d in ordered] == ["overdue", "due_soon", "on_time", "no_deadline"]
    assert set(STATUSES) == {"overdue", "due_today", "due_soon", "on_time", "no_deadline"}


def test_provisional_when_the_period_runs_through_an_unannounced_tet():
    d = due("policy_10wd", {"law_issued_on": "2027-01-29"})
    assert d.provisional
    assert "provisional" in " ".join(d.explain("en"))
    assert not due("policy_10wd", {"law_issued_on": "2026-02-13"}).provisional
    assert not due("policy_10wd", {"law_issued_on": "2027-03-01"}).provisional


def test_the_explanation_prints_in_both_languages():
    d = due("document_1wd", CLEARED_BEFORE_TET, now=vn(2026, 2, 24, 9))
    vi, en = d.explain("vi"), d.explain("en")
    assert len(vi) == len(en) >= 6 and vi != en
    assert vi[0].startswith("Quy định Đ11.1a: Văn bản: trong 01 ngày làm việc")
    assert en[0].startswith("Rule Đ11.1a: Documents: within 1 working day")
    assert any("Tết Nguyên đán Bính Ngọ" in line for line in vi)
    assert en[-1] == "At 09:00 24/02/2026: Overdue by 1 working day."
    for line in vi + en:
        assert "{" not in line and "deadline." not in line and "calendar." not in line
    assert d.as_dict()["due_at"] == "2026-02-23T10:00:00+00:00"


@pytest.mark.parametrize("rule", DEFAULT_RULES, ids=lambda r: r.key)
def test_every_rule_explains_itself(rule):
    for event in (None, date(2026, 2, 13)):
        d = compute_due(rule, event_at=event, received_at=vn(2026, 2, 12, 18), calendar=CAL, now=NOW)
        for lang in ("vi", "en"):
            lines = d.explain(lang)
            assert lines and all("{" not in line for line in lines)


# --------------------------------------------------------------------------------------------------
# Workspace rules.


def test_a_workspace_rule_replaces_the_shipped_one():
    longer = replace(RULES["policy_10wd"], amount=15, article="Đ11.1a (2026)")
    book = RuleBook(merge_rules(DEFAULT_RULES, [longer]))
    d = due_for_item("policy_10wd", {"law_issued_on": "2026-04-24"}, received_at=vn(2026, 4, 24), calendar=CAL,
                     now=NOW, rules=book)
    assert d.due_at == eod(2026, 5, 20)
    assert "Đ11.1a (2026)" in d.explain("en")[0]
    assert DEFAULT_BOOK["policy_10wd"].amount == 10
    assert "policy_10wd" in book and len(book.by_key) == len(DEFAULT_RULES)


# --------------------------------------------------------------------------------------------------
# Properties.

_moments = st.datetimes(datetime(2024, 6, 1), datetime(2028, 6, 30), timezones=st.just(UTC))
_timed = [r for r in DEFAULT_RULES if r.amount is not None]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_timed), _moments, _moments)
def test_due_dates_are_monotonic_in_the_receipt(rule, a, b):
    a, b = min(a, b), max(a, b)
    da = compute_due(rule, event_at=None, received_at=a, calendar=CAL, now=NOW).due_at
    db = compute_due(rule, event_at=None, received_at=b, calendar=CAL, now=NOW).due_at
    assert da is not None and db is not None and da <= db


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_timed), st.dates(date(2024, 6, 1), date(2028, 6, 30)), st.integers(0, 40))
def test_due_dates_are_monotonic_in_the_event_date(rule, day, later):
    received = vn(2026, 3, 2)
    da = compute_due(rule, event_at=day, received_at=received, calendar=CAL, now=NOW).due_at
    db = compute_due(rule, event_at=day + timedelta(days=later), received_at=received, calendar=CAL, now=NOW).due_at
    assert da is not None and db is not None and da <= db


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_timed), _moments, _moments)
def test_status_agrees_with_the_due_moment(rule, received, now):
    d = compute_due(rule, event_at=None, received_at=received, calendar=CAL, now=now)
    assert d.due_at is not None
    assert (d.status == "overdue") == (now > d.due_at)
    assert (d.working_days_overdue > 0) == (d.status == "overdue")
    if d.status == "due_today":
        assert now.astimezone(VN).date() == d.due_day
