"""Content types of Đ11 with their metadata fields and the deadline rule each one uses.

Pure data, seeded into the ``content_type`` table. The deadline rules' amounts (working days and
the event they count from) belong to the working-day calendar; here each type names its rule and
the article it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# "docnumber": a document number and symbol as NĐ 30/2020 writes them (43/2011/NĐ-CP, 471/QĐ-BHXH).
TREE_PROPOSAL = "category_change"  # the content type of a proposed change to the category tree

FieldKind = Literal["text", "date", "number", "money", "choice", "email", "phone", "url", "docnumber"]


@dataclass(frozen=True, slots=True)
class MetaField:
    key: str
    name_vi: str
    name_en: str
    kind: FieldKind = "text"
    required: bool = False
    choices: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "name_vi": self.name_vi,
            "name_en": self.name_en,
            "kind": self.kind,
            "required": self.required,
            "choices": list(self.choices),
        }


@dataclass(frozen=True, slots=True)
class ContentTypeDef:
    code: str
    name_vi: str
    name_en: str
    deadline_rule: str
    article: str
    fields: tuple[MetaField, ...] = field(default=())
    needs_leadership: bool = False


_F = MetaField
CONTENT_TYPES: tuple[ContentTypeDef, ...] = (
    ContentTypeDef(
        "contact_info",
        "Thông tin liên hệ",
        "Contact information",
        "contact_1wd",
        "Đ11.1a",
        (
            _F("address", "Địa chỉ", "Address", required=True),
            _F("phone", "Số điện thoại", "Phone", "phone", required=True),
            _F("fax", "Số fax", "Fax", "phone"),
            _F("email", "Địa chỉ email", "Email", "email", required=True),
            _F("website", "Địa chỉ Cổng/Trang thông tin điện tử", "Web portal", "url"),
            _F(
                "leaders",
                "Lãnh đạo đơn vị, lãnh đạo các phòng (tên, điện thoại, email)",
                "Unit and department leaders (name, phone, email)",
            ),
            _F("approved_on", "Ngày được phép công bố", "Cleared for publication on", "date", required=True),
        ),
    ),
    ContentTypeDef(
        "news_event",
        "Tin tức - Sự kiện",
        "News and events",
        "news_prompt",
        "Đ11.1a",
        (
            _F("event_date", "Ngày diễn ra sự kiện", "Event date", "date"),
            _F("location", "Địa điểm", "Location"),
            _F("lead_unit", "Đơn vị chủ trì", "Lead unit"),
        ),
    ),
    ContentTypeDef(
        "unit_activity",
        "Thông tin về hoạt động của đơn vị",
        "Unit activity",
        "activity_1wd",
        "Đ11.1a",
        (_F("occurred_on", "Ngày có thông tin mới", "Information available on", "date", required=True),),
    ),
    ContentTypeDef(
        "legal_document",
        "Văn bản quy phạm pháp luật",
        "Legal document",
        "document_1wd",
        "Đ11.1a",
        (
            _F("number", "Số, ký hiệu", "Number and symbol", "docnumber", required=True),
            _F("issuer", "Cơ quan ban hành", "Issued by", required=True),
            _F("issued_on", "Ngày ban hành", "Issued on", "date", required=True),
            _F("effective_on", "Ngày hiệu lực", "Effective from", "date"),
            _F("cleared_on", "Ngày được phép công bố", "Cleared for publication on", "date", required=True),
        ),
    ),
    ContentTypeDef(
        "direction_document",
        "Văn bản chỉ đạo điều hành",
        "Direction document",
        "document_1wd",
        "Đ11.1a",
        (
            _F("number", "Số, ký hiệu", "Number and symbol", "docnumber", required=True),
            _F("issuer", "Cơ quan ban hành", "Issued by", required=True),
            _F("issued_on", "Ngày ban hành", "Issued on", "date", required=True),
            _F("cleared_on", "Ngày được phép công bố", "Cleared for publication on", "date", required=True),
        ),
    ),
    ContentTypeDef(
        "draft_for_comment",
        "Dự thảo văn bản xin ý kiến",
        "Draft for comment",
        "draft_comment",
        "Đ11.1a",
        (
            _F("drafting_unit", "Đơn vị chủ trì soạn thảo", "Drafting unit", required=True),
            _F("comment_from", "Ngày bắt đầu lấy ý kiến", "Comments open on", "date", required=True),
            _F("comment_until", "Hạn góp ý", "Comments close on", "date", required=True),
        ),
    ),
    ContentTypeDef(
        "policy_guidance",
        "Giới thiệu, tuyên truyền, hướng dẫn chính sách BHXH, BHYT, BHTN",
        "Policy guidance (social, health and unemployment insurance)",
        "policy_10wd",
        "Đ11.1a",
        (
            _F(
                "law_reference",
                "Văn bản pháp luật, chính sách được hướng dẫn",
                "Law or policy explained",
                required=True,
            ),
            _F("law_issued_on", "Ngày văn bản chính thức ban hành", "Law or policy issued on", "date", required=True),
            _F("field", "Lĩnh vực", "Field", "choice", choices=("BHXH", "BHYT", "BHTN")),
        ),
    ),
    ContentTypeDef(
        "leadership_bio",
        "Tiểu sử tóm tắt và nhiệm vụ của Lãnh đạo",
        "Leadership biography and duties",
        "bio_same_day",
        "Đ11.1b",
        (
            _F("person", "Họ và tên", "Full name", required=True),
            _F("position", "Chức vụ", "Position", required=True),
            _F("appointed_on", "Ngày bổ nhiệm", "Appointed on", "date", required=True),
            _F("duties", "Nhiệm vụ được phân công", "Assigned duties"),
        ),
    ),
    ContentTypeDef(
        "training_recruitment",
        "Đào tạo, tuyển dụng cán bộ",
        "Training and recruitment",
        "training_asap",
        "Đ11.1b",
        (
            _F("kind", "Loại thông tin", "Kind", "choice", choices=("đào tạo", "tuyển dụng")),
            _F("announce_on", "Ngày cần công bố", "To be announced on", "date"),
            _F("apply_until", "Hạn nộp hồ sơ", "Applications close on", "date"),
        ),
    ),
    ContentTypeDef(
        "statistics",
        "Số liệu thống kê",
        "Statistics",
        "statistics",
        "Đ11.1c",
        (
            _F(
                "periodic",
                "Định kỳ hay không định kỳ",
                "Periodic or ad hoc",
                "choice",
                required=True,
                choices=("định kỳ", "không định kỳ"),
            ),
            _F("period", "Kỳ số liệu", "Reporting period"),
            _F("leadership_approved_on", "Ngày Lãnh đạo đồng ý công bố", "Leadership approval date", "date"),
        ),
        needs_leadership=True,
    ),
    ContentTypeDef(
        "strategy_plan",
        "Chiến lược, định hướng, quy hoạch, kế hoạch phát triển",
        "Strategies, orientations and development plans",
        "strategy_10d",
        "Đ11.1d",
        (
            _F("period", "Giai đoạn", "Period covered"),
            _F("leadership_approved_on", "Ngày Lãnh đạo đồng ý công bố", "Leadership approval date", "date"),
        ),
        needs_leadership=True,
    ),
    ContentTypeDef(
        "award",
        "Thông tin khen thưởng",
        "Awards",
        "award_5wd",
        "Đ11.1đ",
        (
            _F("decision_number", "Số quyết định khen thưởng", "Award decision number", "docnumber", required=True),
            _F("recipients", "Tổ chức, cá nhân được khen thưởng", "Recipients", required=True),
            _F("cleared_on", "Ngày được phép công bố", "Cleared for publication on", "date", required=True),
        ),
    ),
    ContentTypeDef(
        "research",
        "Chương trình, đề tài khoa học",
        "Research programmes and topics",
        "research_20wd",
        "Đ11.1e",
        (
            _F("code", "Mã số", "Code", required=True),
            _F("level", "Cấp quản lý", "Management level", required=True),
            _F("field", "Lĩnh vực", "Field", required=True),
            _F("lead_unit", "Đơn vị chủ trì", "Lead unit", required=True),
            _F("duration", "Thời gian thực hiện", "Duration", required=True),
            _F("stage", "Giai đoạn", "Stage", "choice", choices=("phê duyệt", "nghiệm thu")),
            _F("approved_on", "Ngày phê duyệt hoặc nghiệm thu", "Approved or accepted on", "date", required=True),
        ),
    ),
    ContentTypeDef(
        "investment_project",
        "Dự án, hạng mục đầu tư, mua sắm công",
        "Investment projects and public procurement",
        "project_10wd",
        "Đ11.1g",
        (
            _F("objective", "Mục tiêu chính", "Main objective", required=True),
            _F("field", "Lĩnh vực chuyên môn", "Field", required=True),
            _F("project_type", "Loại dự án", "Project type", required=True),
            _F("duration", "Thời gian thực hiện", "Duration", required=True),
            _F("budget", "Kinh phí dự án", "Budget", "money", required=True),
            _F("funding", "Loại hình tài trợ", "Funding", required=True),
            _F(
                "status",
                "Tình trạng dự án",
                "Status",
                "choice",
                required=True,
                choices=("chuẩn bị đầu tư", "đang triển khai", "đã hoàn tất"),
            ),
            _F("bidding", "Thông tin đấu thầu", "Bidding information"),
            _F("approved_on", "Ngày được phê duyệt", "Approved on", "date", required=True),
        ),
    ),
    ContentTypeDef(
        "provincial_info",
        "Thông tin BHXH tỉnh, BHXH Bộ Quốc phòng, BHXH Công an nhân dân",
        "Provincial, military and police social security information",
        "provincial_on_change",
        "Đ11.1h",
        (
            _F("leaders", "Lãnh đạo đơn vị", "Unit leaders"),
            _F("address", "Địa chỉ trụ sở", "Head office address"),
            _F("phone", "Điện thoại", "Phone", "phone"),
            _F("email", "Thư điện tử", "Email", "email"),
        ),
    ),
    ContentTypeDef(
        "qa_answer",
        "Câu trả lời hỏi - đáp",
        "Q&A answer",
        "qa_publish_2wd",
        "Đ11.1a",
        (
            _F("question", "Câu hỏi", "Question", required=True),
            _F("asker", "Người hỏi", "Asked by"),
            _F("topic", "Phân loại", "Topic", "choice", required=True, choices=("tổng hợp", "BHXH", "BHYT", "BHTN")),
            _F("answer_received_on", "Ngày nhận câu trả lời", "Answer received on", "date"),
        ),
    ),
    ContentTypeDef(
        "admin_procedure",
        "Thủ tục hành chính",
        "Administrative procedure",
        "procedure_on_change",
        "Đ7.2d",
        (
            _F("procedure_code", "Mã thủ tục", "Procedure code", required=True),
            _F("field", "Lĩnh vực", "Field", required=True),
            _F(
                "service_level",
                "Mức độ dịch vụ công trực tuyến",
                "Online service level",
                "choice",
                choices=("toàn trình", "một phần", "cung cấp thông tin"),
            ),
            _F("decision_ref", "Quyết định công bố", "Publication decision", "docnumber"),
        ),
    ),
    # Not one of Đ11's types: a proposed change to the category tree, which the Board approves (Đ6.2a, Đ7.1a).
    # It is reviewed like any submission; its revision holds the changes (console/services/tree.py).
    ContentTypeDef(
        TREE_PROPOSAL,
        "Đề xuất điều chỉnh mục, chuyên mục",
        "Category tree proposal",
        "tree_proposal",
        "Đ6.2a",
    ),
)

CONTENT_TYPE_CODES = frozenset(t.code for t in CONTENT_TYPES)


def content_type(code: str) -> ContentTypeDef:
    for t in CONTENT_TYPES:
        if t.code == code:
            return t
    raise KeyError(code)
