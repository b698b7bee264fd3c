"""Provision deadlines as data: the Đ11 table of the portal's rules and the Q&A steps.

Pure: no database, no Textual. Each rule says which content types it applies to, which event it
counts from (and the metadata field that holds that event's date), the amount and the unit, and the
article of the Quy chế hoạt động Cổng Thông tin điện tử BHXH Việt Nam it comes from
(``shared/REQUIREMENTS.md`` §4, §5). A workspace may replace or add rules (the legal basis moves), so
:func:`compute_due` takes the rule, not its key.

A period is counted by :class:`console.calendar.WorkingCalendar` (Bộ luật Dân sự 2015, Điều
147-148): the day of the event is not counted; something received after working hours or on a day
off counts from the next working day; a period ends at the end of the working day (17:00 local) of its
last day, moved to the next working day when that day is not one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal

from console.calendar import Step, Text, WorkingCalendar, parse_day
from console.i18n import register

Unit = Literal["working_days", "calendar_days", "same_day"]
UNITS: tuple[str, ...] = ("working_days", "calendar_days", "same_day")
Status = Literal["overdue", "due_today", "due_soon", "on_time", "no_deadline"]
# Queue order: the most urgent first.
STATUSES: tuple[str, ...] = ("overdue", "due_today", "due_soon", "on_time", "no_deadline")
STATUS_RANK = {s: i for i, s in enumerate(STATUSES)}

# event -> (vi, en): what a period counts from.
EVENTS: dict[str, tuple[str, str]] = {
    "change_approved": ("thông tin thay đổi được phép công bố", "the change was cleared for publication"),
    "event_date": ("ngày diễn ra sự kiện", "the day of the event"),
    "information_available": ("có thông tin mới", "the information became available"),
    "cleared_for_publication": (
        "văn bản hoàn thiện và được phép công bố",
        "the document was finalised and cleared for publication",
    ),
    "submitted": ("đơn vị gửi dự thảo", "the unit submitted the draft"),
    "law_issued": ("văn bản pháp luật, chính sách chính thức ban hành", "the law or policy was issued"),
    "appointed": ("Lãnh đạo được bổ nhiệm, phân công nhiệm vụ", "the leader was appointed and assigned duties"),
    "announce": ("thông tin cần công bố", "the information is to be announced"),
    "approved_period": ("kỳ số liệu được Lãnh đạo phê duyệt", "the period approved by the leadership"),
    "leadership_approved": ("Lãnh đạo đồng ý công bố", "the leadership approved publication"),
    "finalised": ("hoàn thiện thông tin và được phép công bố", "the information was finalised and cleared"),
    "approved_or_accepted": ("được phê duyệt hoặc nghiệm thu", "approval or acceptance"),
    "approved": ("được phê duyệt", "approval"),
    "changed": ("thông tin thay đổi", "the information changed"),
    "received": ("tiếp nhận câu hỏi", "the question was received"),
    "answer_received": ("tiếp nhận câu trả lời", "the answer was received"),
}

register({f"deadline.event.{k}": v for k, v in EVENTS.items()})
register(
    {
        "deadline.status.overdue": ("Quá hạn", "Overdue"),
        "deadline.status.due_today": ("Đến hạn hôm nay", "Due today"),
        "deadline.status.due_soon": ("Đến hạn trong 1 ngày làm việc", "Due within 1 working day"),
        "deadline.status.on_time": ("Còn hạn", "On time"),
        "deadline.status.no_deadline": ("Không có thời hạn cố định", "No fixed deadline"),
        "deadline.overdue_by": ("Quá hạn {n} ngày làm việc", "Overdue by {n} working days"),
        "deadline.overdue_by_one": ("Quá hạn 1 ngày làm việc", "Overdue by 1 working day"),
        "deadline.period.working_days": ("{n} ngày làm việc", "{n} working days"),
        "deadline.period.working_day_one": ("1 ngày làm việc", "1 working day"),
        "deadline.period.working_days_range": ("{min} đến {n} ngày làm việc", "{min} to {n} working days"),
        "deadline.period.calendar_days": ("{n} ngày (theo lịch)", "{n} calendar days"),
        "deadline.period.same_day": ("trong ngày", "within the day"),
        "deadline.period.none": ("không có thời hạn cố định", "no fixed period"),
        "deadline.step.rule": ("Quy định {article}: {name}.", "Rule {article}: {name}."),
        "deadline.step.variant": (
            "{field} = “{value}” nên áp dụng quy định {key}.",
            "{field} = “{value}”, so the rule {key} applies.",
        ),
        "deadline.step.no_fixed": (
            "Không có thời hạn cố định: không tính hạn.",
            "No fixed period: no deadline is computed.",
        ),
        "deadline.step.period": ("Thời hạn: {period}, tính từ khi {event}.", "Period: {period}, from when {event}."),
        "deadline.step.from_event": ("Tính từ “{field}”: {day}.", "Counted from “{field}”: {day}."),
        "deadline.step.from_given": ("Tính từ thời điểm đã cho: {when}.", "Counted from the given moment: {when}."),
        "deadline.step.no_event": (
            "Chưa có “{field}” nên tính từ lúc nhận: {when}.",
            "“{field}” is not filled in, so counted from receipt: {when}.",
        ),
        "deadline.step.from_received": ("Tính từ lúc nhận: {when}.", "Counted from receipt: {when}."),
        "deadline.step.due": ("Hạn: {when}.", "Due: {when}."),
        "deadline.step.status": ("Lúc {now}: {status}.", "At {now}: {status}."),
        "deadline.step.provisional": (
            "Hạn là dự kiến: khoảng tính hạn đi qua thời gian nghỉ lễ chưa được công bố.",
            "The deadline is provisional: the period runs through a holiday whose schedule is not announced yet.",
        ),
    }
)


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    """One row of the deadline table.

    ``amount`` None means no fixed period ("promptly", "as it changes", "when needed"): no due date.
    ``unit`` "same_day" means within the day of the event (``amount`` 0). ``amount_min`` is the lower
    bound where the regulation gives a range (Q&A classification: 2 to 5 working days; the due date
    uses ``amount``). ``event_field`` names the content type's metadata field holding the event's
    date. A rule with ``variant_of`` replaces that rule when the item's metadata field
    ``applies_when[0]`` equals ``applies_when[1]`` (ad hoc statistics)."""

    key: str
    content_types: tuple[str, ...]
    event: str
    amount: int | None
    unit: Unit
    article: str
    name_vi: str
    name_en: str
    event_field: str | None = None
    amount_min: int | None = None
    variant_of: str | None = None
    applies_when: tuple[str, str] | None = None

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"rule {self.key}: unknown unit {self.unit!r}")
        if self.amount is not None and self.amount < 0:
            raise ValueError(f"rule {self.key}: negative amount")
        if self.unit == "same_day" and self.amount not in (0, None):
            raise ValueError(f"rule {self.key}: a same-day rule has amount 0")
        if self.amount_min is not None and (self.amount is None or not 0 <= self.amount_min <= self.amount):
            raise ValueError(f"rule {self.key}: amount_min must lie between 0 and amount")
        if (self.variant_of is None) != (self.applies_when is None):
            raise ValueError(f"rule {self.key}: variant_of and applies_when go together")

    def name(self, lang: str | None = None) -> str:
        from console.i18n import current_language

        return self.name_en if (lang or current_language()) == "en" else self.name_vi

    def period_step(self) -> Step:
        if self.amount is None:
            return Step("deadline.period.none")
        if self.unit == "same_day" or self.amount == 0:
            return Step("deadline.period.same_day")
        if self.unit == "calendar_days":
            return Step("deadline.period.calendar_days", {"n": self.amount})
        if self.amount_min is not None and self.amount_min != self.amount:
            return Step("deadline.period.working_days_range", {"min": self.amount_min, "n": self.amount})
        if self.amount == 1:
            return Step("deadline.period.working_day_one")
        return Step("deadline.period.working_days", {"n": self.amount})

    def period_text(self, lang: str | None = None) -> str:
        return self.period_step().text(lang)

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["content_types"] = list(self.content_types)
        d["applies_when"] = list(self.applies_when) if self.applies_when else None
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> DeadlineRule:
        """From :meth:`as_dict` output or a workspace's ``deadline_rule`` row (missing extras are None)."""
        when = d.get("applies_when")
        return cls(
            key=str(d["key"]),
            content_types=tuple(d.get("content_types") or ()),
            event=str(d["event"]),
            amount=None if d.get("amount") is None else int(d["amount"]),
            unit=d["unit"],
            article=str(d["article"]),
            name_vi=str(d["name_vi"]),
            name_en=str(d["name_en"]),
            event_field=d.get("event_field"),
            amount_min=None if d.get("amount_min") is None else int(d["amount_min"]),
            variant_of=d.get("variant_of"),
            applies_when=(str(when[0]), str(when[1])) if when else None,
        )


_R = DeadlineRule
DEFAULT_RULES: tuple[DeadlineRule, ...] = (
    # Đ11.1a — the units and provincial BHXH.
    _R(
        "contact_1wd", ("contact_info",), "change_approved", 1, "working_days", "Đ11.1a",
        "Thông tin liên hệ: trong 01 ngày làm việc kể từ khi có sự thay đổi thông tin và được phép công bố",
        "Contact information: within 1 working day of the change being cleared for publication",
        event_field="approved_on",
    ),
    _R(
        "news_prompt", ("news_event",), "event_date", None, "working_days", "Đ11.1a",
        "Tin tức - Sự kiện: trước, trong hoặc sau khi sự kiện xảy ra, bảo đảm nhanh chóng và chính xác",
        "News and events: before, during or after the event, promptly and accurately",
        event_field="event_date",
    ),
    _R(
        "activity_1wd", ("unit_activity",), "information_available", 1, "working_days", "Đ11.1a",
        "Hoạt động của đơn vị: trong 01 ngày làm việc kể từ khi có thông tin mới",
        "Unit activity: within 1 working day of the information becoming available",
        event_field="occurred_on",
    ),
    _R(
        "document_1wd", ("legal_document", "direction_document"), "cleared_for_publication", 1, "working_days",
        "Đ11.1a",
        "Văn bản: trong 01 ngày làm việc kể từ khi hoàn thiện xong thông tin và được phép công bố",
        "Documents: within 1 working day of being finalised and cleared for publication",
        event_field="cleared_on",
    ),
    _R(
        "draft_comment", ("draft_for_comment",), "submitted", None, "working_days", "Đ11.1a",
        "Dự thảo văn bản xin ý kiến: ngay khi đơn vị cần xin ý kiến; thời gian lấy ý kiến theo quy định "
        "hoặc yêu cầu của Lãnh đạo",
        "Drafts for comment: when the unit needs comments; the comment period as the rules or the "
        "leadership set it",
    ),
    _R(
        "policy_10wd", ("policy_guidance",), "law_issued", 10, "working_days", "Đ11.1a",
        "Giới thiệu, hướng dẫn chính sách BHXH, BHYT, BHTN: trong 10 ngày làm việc kể từ khi văn bản pháp "
        "luật, chính sách chính thức được ban hành",
        "Policy guidance: within 10 working days of the law or policy being issued",
        event_field="law_issued_on",
    ),
    # Đ11.1b — Vụ Tổ chức cán bộ.
    _R(
        "bio_same_day", ("leadership_bio",), "appointed", 0, "same_day", "Đ11.1b",
        "Tiểu sử tóm tắt và nhiệm vụ của Lãnh đạo: trong ngày Lãnh đạo được bổ nhiệm và phân công nhiệm vụ",
        "Leadership biography and duties: on the day of appointment",
        event_field="appointed_on",
    ),
    _R(
        "training_asap", ("training_recruitment",), "announce", 0, "same_day", "Đ11.1b",
        "Đào tạo, tuyển dụng cán bộ: ngay khi thông tin cần công bố",
        "Training and recruitment: as soon as it is to be announced",
        event_field="announce_on",
    ),
    # Đ11.1c — statistics: periodic per the approved period; ad hoc 10 working days.
    _R(
        "statistics", ("statistics",), "approved_period", None, "working_days", "Đ11.1c",
        "Số liệu thống kê định kỳ: theo định kỳ số liệu đã được Lãnh đạo BHXH Việt Nam phê duyệt",
        "Periodic statistics: on the period approved by the leadership",
    ),
    _R(
        "statistics_adhoc", ("statistics",), "leadership_approved", 10, "working_days", "Đ11.1c",
        "Số liệu thống kê không định kỳ: trong 10 ngày làm việc kể từ khi được Lãnh đạo BHXH Việt Nam đồng ý "
        "công bố",
        "Ad hoc statistics: within 10 working days of the leadership approving publication",
        event_field="leadership_approved_on",
        variant_of="statistics",
        applies_when=("periodic", "không định kỳ"),
    ),
    # Đ11.1d — "Trong 10 ngày": calendar days, not working days.
    _R(
        "strategy_10d", ("strategy_plan",), "leadership_approved", 10, "calendar_days", "Đ11.1d",
        "Chiến lược, định hướng, quy hoạch, kế hoạch phát triển: trong 10 ngày kể từ khi được Lãnh đạo BHXH "
        "Việt Nam đồng ý công bố",
        "Strategies and plans: within 10 days of the leadership approving publication",
        event_field="leadership_approved_on",
    ),
    _R(
        "award_5wd", ("award",), "finalised", 5, "working_days", "Đ11.1đ",
        "Thông tin khen thưởng: trong 05 ngày làm việc kể từ khi hoàn thiện xong thông tin và được phép công bố",
        "Awards: within 5 working days of being finalised and cleared for publication",
        event_field="cleared_on",
    ),
    _R(
        "research_20wd", ("research",), "approved_or_accepted", 20, "working_days", "Đ11.1e",
        "Chương trình, đề tài khoa học: trong 20 ngày làm việc kể từ khi được phê duyệt hoặc nghiệm thu",
        "Research programmes and topics: within 20 working days of approval or acceptance",
        event_field="approved_on",
    ),
    _R(
        "project_10wd", ("investment_project",), "approved", 10, "working_days", "Đ11.1g",
        "Dự án, hạng mục đầu tư, mua sắm công: trong 10 ngày làm việc kể từ khi được phê duyệt",
        "Investment projects and procurement: within 10 working days of approval",
        event_field="approved_on",
    ),
    _R(
        "provincial_on_change", ("provincial_info",), "changed", None, "working_days", "Đ11.1h",
        "Thông tin BHXH tỉnh, BHXH Bộ Quốc phòng, BHXH Công an nhân dân: khi thông tin thay đổi",
        "Provincial, military and police social security information: as it changes",
    ),
    _R(
        "procedure_on_change", ("admin_procedure",), "changed", None, "working_days", "Đ7.2d",
        "Thủ tục hành chính: khi có thay đổi",
        "Administrative procedures: as they change",
    ),
    _R(
        "tree_proposal", ("category_change",), "submitted", None, "working_days", "Đ6.2a",
        "Đề xuất điều chỉnh danh sách mục, chuyên mục: Ban Biên tập xem xét, phê duyệt; quy chế không quy định "
        "thời hạn",
        "Category tree proposals: the Board reviews and approves them; the regulation sets no deadline",
    ),
    # Đ11.1a, Hỏi - đáp: the Q&A desk's steps.
    _R(
        "qa_classify", (), "received", 5, "working_days", "Đ11.1a",
        "Hỏi - đáp: tiếp nhận, phân loại câu hỏi để trả lời hoặc chuyển đơn vị liên quan trong 02 đến 05 "
        "ngày làm việc",
        "Q&A: receive and classify a question, answer it or forward it within 2 to 5 working days",
        amount_min=2,
    ),
    _R(
        "qa_out_of_scope_same_day", (), "received", 0, "same_day", "Đ11.1a",
        "Hỏi - đáp: câu hỏi ngoài phạm vi hoặc không rõ nghĩa, thông báo ngay trong ngày cho người hỏi",
        "Q&A: a question out of scope or unclear, tell the asker the same day",
    ),
    _R(
        "qa_unit_answer_7wd", (), "received", 7, "working_days", "Đ11.1a",
        "Hỏi - đáp: đơn vị trả lời hoặc thông báo quá trình xử lý trong 07 ngày làm việc kể từ khi tiếp nhận "
        "câu hỏi",
        "Q&A: the unit answers, or reports progress with an answer date, within 7 working days of receipt",
    ),
    _R(
        "qa_complex_10wd", (), "received", 10, "working_days", "Đ11.1a",
        "Hỏi - đáp: câu hỏi phức tạp, liên quan nhiều đơn vị, xử lý trong 10 ngày làm việc kể từ khi nhận "
        "được câu hỏi",
        "Q&A: a complex question involving several units, within 10 working days of receipt",
    ),
    _R(
        "qa_publish_2wd", ("qa_answer",), "answer_received", 2, "working_days", "Đ11.1a",
        "Hỏi - đáp: gửi câu trả lời tới người hỏi và đăng công khai không quá 02 ngày làm việc sau khi tiếp "
        "nhận câu trả lời",
        "Q&A: send the answer to the asker and publish it within 2 working days of receiving it",
        event_field="answer_received_on",
    ),
)


def rules_by_key(rules: Iterable[DeadlineRule] = DEFAULT_RULES) -> dict[str, DeadlineRule]:
    """Rules by key; a key given twice is refused (a workspace replaces a rule by merging first)."""
    out: dict[str, DeadlineRule] = {}
    for r in rules:
        if r.key in out:
            raise ValueError(f"deadline rule {r.key!r} given twice")
        out[r.key] = r
    return out


def merge_rules(base: Iterable[DeadlineRule], overrides: Iterable[DeadlineRule]) -> tuple[DeadlineRule, ...]:
    """The shipped rules with a workspace's own: same key replaces, a new key is added."""
    merged = {r.key: r for r in base}
    for r in overrides:
        merged[r.key] = r
    return tuple(merged.values())


class RuleBook:
    """Rules by key, with each rule's variants indexed: what :func:`due_for_item` looks rules up in.

    Build one per workspace (``RuleBook(merge_rules(DEFAULT_RULES, workspace_rules))``) and reuse it."""

    __slots__ = ("by_key", "variants")

    def __init__(self, rules: Iterable[DeadlineRule] = DEFAULT_RULES) -> None:
        self.by_key = rules_by_key(rules)
        self.variants: dict[str, list[DeadlineRule]] = {}
        for r in self.by_key.values():
            if r.variant_of is not None:
                self.variants.setdefault(r.variant_of, []).append(r)

    def __contains__(self, key: object) -> bool:
        return key in self.by_key

    def __getitem__(self, key: str) -> DeadlineRule:
        return self.by_key[key]

    def rule_for(self, rule_key: str, meta: Mapping[str, Any] | None = None) -> DeadlineRule:
        """The rule for an item whose content type names ``rule_key``: a variant whose condition holds
        on the item's metadata (ad hoc statistics), else the rule itself."""
        base = self.by_key[rule_key]
        variants = self.variants.get(rule_key)
        if variants and meta:
            for r in variants:
                assert r.applies_when is not None
                field, value = r.applies_when
                if field in meta and _nfc(meta[field]) == _nfc(value):
                    return r
        return base


DEFAULT_BOOK = RuleBook(DEFAULT_RULES)


def _nfc(value: Any) -> str:
    return unicodedata.normalize("NFC", str(value)).strip()


def _book(rules: RuleBook | Iterable[DeadlineRule] | None) -> RuleBook:
    if rules is None:
        return DEFAULT_BOOK
    return rules if isinstance(rules, RuleBook) else RuleBook(rules)


def rule_for(
    rule_key: str, meta: Mapping[str, Any] | None = None, rules: RuleBook | Iterable[DeadlineRule] | None = None
) -> DeadlineRule:
    """The rule that applies to an item whose content type names ``rule_key``, given its metadata
    (a variant such as ad hoc statistics replaces the base rule when its condition holds)."""
    return _book(rules).rule_for(rule_key, meta)


def event_date_from_meta(rule: DeadlineRule, meta: Mapping[str, Any] | None) -> date | None:
    """The event date held in the item's metadata (ISO text, as the metadata stores it), if any."""
    if rule.event_field is None or not meta:
        return None
    value = meta.get(rule.event_field)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return parse_day(value)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None


# --------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Due:
    """An item's due date and its status at ``now``.

    :attr:`steps` explain the computation (built when first asked for, so that computing the due
    dates of a whole queue stays cheap); :meth:`explain` prints them in either language. Treat it as
    read-only (not frozen only because frozen dataclasses are slower to build, 100k at a time)."""

    rule_key: str
    due_at: datetime | None
    status: Status
    working_days_overdue: int = 0
    provisional: bool = False
    start_day: date | None = None
    due_day: date | None = None
    counted_from: Literal["event", "received", "none"] = "none"
    # What it was computed from, so that the steps can be built when asked for.
    rule: DeadlineRule | None = field(default=None, repr=False, compare=False)
    event_at: datetime | date | None = field(default=None, repr=False, compare=False)
    received_at: datetime | None = field(default=None, repr=False, compare=False)
    calendar: WorkingCalendar | None = field(default=None, repr=False, compare=False)
    now: datetime | None = field(default=None, repr=False, compare=False)

    @property
    def steps(self) -> tuple[Step, ...]:
        if self.rule is None or self.calendar is None or self.received_at is None or self.now is None:
            return ()
        return _steps(self.rule, self.event_at, self.received_at, self.calendar, self.now)

    @property
    def sort_key(self) -> tuple[int, datetime]:
        """Queue order: overdue first, then by due time; no deadline last."""
        return (STATUS_RANK[self.status], self.due_at or _FAR)

    def status_text(self, lang: str | None = None) -> str:
        return _status_step(self.status, self.working_days_overdue).text(lang)

    def explain(self, lang: str | None = None) -> list[str]:
        return [s.text(lang) for s in self.steps]

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule_key,
            "due_at": self.due_at.isoformat() if self.due_at else None,
            "due_day": self.due_day.isoformat() if self.due_day else None,
            "status": self.status,
            "working_days_overdue": self.working_days_overdue,
            "provisional": self.provisional,
            "counted_from": self.counted_from,
        }


_FAR = datetime.max.replace(tzinfo=UTC)


def _field_label(rule: DeadlineRule) -> Text:
    """The metadata field's display name, from the content types (the key when none names it)."""
    from models.content_types import CONTENT_TYPES

    key = rule.event_field or ""
    for ct in CONTENT_TYPES:
        if ct.code in rule.content_types:
            for f in ct.fields:
                if f.key == key:
                    return Text(f.name_vi, f.name_en)
    return Text(key, key)


def status_at(calendar: WorkingCalendar, due_at: datetime, due_day: date, now: datetime) -> tuple[Status, int]:
    """(status, working days overdue) of a deadline at ``now``.

    Overdue: past ``due_at``; the count is the working days after the due day up to today, at least 1.
    Due today: the due day is today. Due soon: the due day is the next working day."""
    today = calendar.local_date(now)
    if now > due_at:
        return "overdue", max(1, calendar.working_days_between(due_day, today))
    if today == due_day:
        return "due_today", 0
    if calendar.working_days_between(today, due_day) <= 1:
        return "due_soon", 0
    return "on_time", 0


def compute_due(
    rule: DeadlineRule,
    *,
    event_at: datetime | date | None,
    received_at: datetime,
    calendar: WorkingCalendar,
    now: datetime,
) -> Due:
    """The due date of an item under ``rule`` and its status at ``now``.

    ``event_at`` is the date of the event the rule counts from (a metadata date, or an aware
    datetime); when it is None the period counts from ``received_at`` and the steps say so. Times
    are timezone-aware (UTC in, UTC out). ``Due.steps`` explains the computation."""
    amount = rule.amount
    if amount is None:
        calendar.local(received_at)  # refuse naive times here too
        return Due(
            rule.key, None, "no_deadline", 0, False, None, None, "none",
            rule, event_at, received_at, calendar, now,
        )  # fmt: skip
    if event_at is not None:
        start: datetime | date = event_at
        counted_from: Literal["event", "received"] = "event"
    else:
        start, counted_from = received_at, "received"
    start_day, due_day = calendar.due_day(start, amount, "same_day" if amount == 0 else rule.unit)
    due_at = calendar.end_of_day(due_day)
    provisional = calendar.span_is_provisional(start_day, due_day)
    status, overdue = status_at(calendar, due_at, due_day, now)
    return Due(
        rule.key, due_at, status, overdue, provisional, start_day, due_day, counted_from,
        rule, event_at, received_at, calendar, now,
    )  # fmt: skip


def _steps(
    rule: DeadlineRule,
    event_at: datetime | date | None,
    received_at: datetime,
    calendar: WorkingCalendar,
    now: datetime,
) -> tuple[Step, ...]:
    """The explanation of :func:`compute_due`, step by step, with the calendar's day-by-day detail."""
    name = Text(rule.name_vi, rule.name_en)
    steps: list[Step] = [Step("deadline.step.rule", {"article": rule.article, "name": name})]
    if rule.amount is None:
        steps.append(Step("deadline.step.no_fixed"))
        return tuple(steps)
    event = Step(f"deadline.event.{rule.event}")
    steps.append(Step("deadline.step.period", {"period": rule.period_step(), "event": event}))
    start: datetime | date
    if event_at is not None:
        start = event_at
        if rule.event_field and not isinstance(event_at, datetime):
            steps.append(Step("deadline.step.from_event", {"field": _field_label(rule), "day": event_at}))
        else:
            steps.append(Step("deadline.step.from_given", {"when": _local(calendar, event_at)}))
    else:
        start = received_at
        when = _local(calendar, received_at)
        if rule.event_field:
            steps.append(Step("deadline.step.no_event", {"field": _field_label(rule), "when": when}))
        else:
            steps.append(Step("deadline.step.from_received", {"when": when}))
    ex = calendar.explain(start, rule.amount, "same_day" if rule.amount == 0 else rule.unit)
    steps.extend(s for s in ex.steps if s.key != "calendar.step.event")
    status, overdue = status_at(calendar, ex.due_at, ex.due_day, now)
    steps.append(Step("deadline.step.status", {"now": _local(calendar, now), "status": _status_step(status, overdue)}))
    return tuple(steps)


def _status_step(status: str, overdue: int) -> Step:
    if status == "overdue":
        return Step("deadline.overdue_by_one") if overdue == 1 else Step("deadline.overdue_by", {"n": overdue})
    return Step(f"deadline.status.{status}")


def _local(calendar: WorkingCalendar, value: datetime | date) -> datetime | date:
    return calendar.local(value) if isinstance(value, datetime) else value


def due_for_item(
    rule_key: str,
    meta: Mapping[str, Any] | None,
    *,
    received_at: datetime,
    calendar: WorkingCalendar,
    now: datetime,
    rules: RuleBook | Iterable[DeadlineRule] | None = None,
) -> Due:
    """:func:`compute_due` for an item: picks the rule (and its variant) from ``rules`` (pass a
    :class:`RuleBook` when computing many) and reads the event date from the item's metadata."""
    rule = _book(rules).rule_for(rule_key, meta)
    return compute_due(
        rule,
        event_at=event_date_from_meta(rule, meta),
        received_at=received_at,
        calendar=calendar,
        now=now,
    )
