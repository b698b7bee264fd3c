"""Seed data of a new workspace, taken from the regulation (Quy chế 2021) and its appendix.

Names are as the regulation writes them, NFC, with the PDF extraction scars mended
("Văn bản pháp quyMục" -> "Văn bản pháp quy", "bảo hiểm thấ nghiệp" -> "bảo hiểm thất nghiệp",
"Việ Nam" -> "Việt Nam"). English entries keep the regulation's own English wording
(e.g. "Work injury and Occupation diseases", "History Development").
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class PortalSeed:
    code: str
    language: str
    domain: str
    name_vi: str
    name_en: str


PORTALS: tuple[PortalSeed, ...] = (
    PortalSeed(
        "vi",
        "vi",
        "baohiemxahoi.gov.vn",
        "Cổng Thông tin điện tử Bảo hiểm xã hội Việt Nam",
        "Viet Nam Social Security Portal (Vietnamese)",
    ),
    PortalSeed(
        "en",
        "en",
        "vss.gov.vn",
        "Cổng Thông tin điện tử Bảo hiểm xã hội Việt Nam (tiếng Anh)",
        "Viet Nam Social Security Portal",
    ),
)


@dataclass(frozen=True, slots=True)
class CategorySeed:
    """A chuyên mục (or, as a child, a mục). ``name`` is in the portal's language; ``name_vi``
    is the Vietnamese name the appendix gives for English entries."""

    key: str
    name: str
    name_vi: str
    unit: str
    content_types: tuple[str, ...] = ()
    sections: tuple[CategorySeed, ...] = field(default=())
    counterpart: str | None = None  # key of the matching node on the other portal


def _s(key: str, name: str, name_vi: str | None = None, counterpart: str | None = None) -> CategorySeed:
    # A section inherits its unit and content types from its category (filled in when seeded).
    return CategorySeed(key, name, name_vi or name, "", (), (), counterpart)


def _vi(
    key: str, name: str, unit: str, types: tuple[str, ...], *sections: CategorySeed, counterpart: str | None = None
) -> CategorySeed:
    return CategorySeed(key, name, name, unit, types, tuple(sections), counterpart)


def _en(
    key: str, name: str, name_vi: str, types: tuple[str, ...], *sections: CategorySeed, counterpart: str | None = None
) -> CategorySeed:
    # Vụ Hợp tác quốc tế proposes and coordinates the English portal's content (Đ7.2đ).
    return CategorySeed(key, name, name_vi, "VHTQT", types, tuple(sections), counterpart)


BHXH = "Bảo hiểm xã hội Việt Nam"

VI_CATEGORIES: tuple[CategorySeed, ...] = (
    _vi(
        "vi.1",
        f"Giới thiệu {BHXH}",
        "TTTT",
        ("leadership_bio", "unit_activity", "contact_info"),
        _s("vi.1.1", "Hội đồng quản lý"),
        _s("vi.1.2", f"Lãnh đạo {BHXH}"),
        _s("vi.1.3", f"Nhiệm vụ, quyền hạn của {BHXH}", counterpart="en.1.3"),
        _s("vi.1.4", f"Tổ chức bộ máy của {BHXH}", counterpart="en.1.5"),
        _s("vi.1.5", "Lịch sử hình thành, phát triển", counterpart="en.1.4"),
        counterpart="en.1",
    ),
    _vi(
        "vi.2",
        "Tin tức",
        "TTTT",
        ("news_event", "unit_activity", "award", "training_recruitment", "provincial_info"),
        counterpart="en.2",
    ),
    _vi(
        "vi.3",
        "Hệ thống văn bản",
        "VP",
        ("legal_document", "direction_document"),
        _s("vi.3.1", "Văn bản pháp quy", counterpart="en.5"),
        _s("vi.3.2", f"Văn bản của {BHXH}"),
    ),
    _vi("vi.4", "Chỉ đạo, điều hành", "VP", ("direction_document", "unit_activity", "strategy_plan")),
    _vi("vi.5", "PBGDPL", "TTTT", ("policy_guidance",)),
    _vi(
        "vi.6",
        "Hỏi - đáp",
        "TTCSKH",
        ("qa_answer",),
        _s("vi.6.1", "Câu hỏi tổng hợp"),
        _s("vi.6.2", "Bảo hiểm xã hội"),
        _s("vi.6.3", "Bảo hiểm y tế"),
        _s("vi.6.4", "Bảo hiểm thất nghiệp"),
        counterpart="en.6",
    ),
    _vi("vi.7", "Diễn đàn nghiệp vụ", "TTTT", ("policy_guidance", "unit_activity", "news_event")),
    _vi("vi.8", "Danh bạ điện thoại", "VP", ("contact_info", "provincial_info"), counterpart="en.7"),
    _vi("vi.9", "Các dự án đầu tư", "BQLDA-DTXD", ("investment_project",)),
    _vi("vi.10", "Hội nhập và hợp tác", "VHTQT", ("news_event", "unit_activity")),
    _vi("vi.11", "Thủ tục hành chính Bảo hiểm xã hội", "VP", ("admin_procedure",)),
    _vi("vi.12", "Dịch vụ công trực tuyến và Giao dịch điện tử", "TTCNTT", ("admin_procedure", "news_event")),
    _vi("vi.13", "Công bố đề tài khoa học", "VKH", ("research",)),
    _vi("vi.14", "Công khai tài chính", "VTCKT", ("direction_document", "statistics")),
    _vi("vi.15", "Đóng góp ý kiến dự thảo văn bản", "VP", ("draft_for_comment",)),
    _vi("vi.16", "Đề xuất, kiến nghị với Ngành Bảo hiểm xã hội Việt Nam", "TTCSKH", ("qa_answer",)),
    _vi("vi.17", "Số liệu thống kê Ngành Bảo hiểm xã hội Việt Nam", "TTCNTT", ("statistics", "strategy_plan")),
)

EN_CATEGORIES: tuple[CategorySeed, ...] = (
    _en(
        "en.1",
        "About us",
        "Giới thiệu về Bảo hiểm xã hội Việt Nam",
        ("leadership_bio", "unit_activity", "contact_info"),
        _s("en.1.1", "Director General’s Message", "Thông điệp của Tổng Giám đốc"),
        _s("en.1.2", "Vision", "Tầm nhìn"),
        _s("en.1.3", "Duties and Responsibilities", "Chức năng nhiệm vụ"),
        _s("en.1.4", "History Development", "Lịch sử hình thành, phát triển"),
        _s("en.1.5", "Organizational Structure", "Tổ chức bộ máy của Bảo hiểm xã hội Việt Nam"),
    ),
    _en(
        "en.2",
        "News",
        "Tin tức",
        ("news_event", "unit_activity"),
        _s("en.2.1", "Viet Nam Social Security News", "Tin tức Bảo hiểm xã hội Việt Nam"),
        _s("en.2.2", "International Social Security News", "Tin ASXH quốc tế"),
        _s("en.2.3", "External Information", "Tin tức đối ngoại"),
        _s("en.2.4", "Gallery", "Tin ảnh, phóng sự"),
    ),
    _en(
        "en.3",
        "Research and Statistics",
        "Nghiên cứu và Thống kê",
        ("research", "statistics", "strategy_plan"),
        _s("en.3.1", "Research", "Nghiên cứu chuyên sâu"),
        _s("en.3.2", "Statistics", "Các số liệu thống kê"),
        _s("en.3.3", "Others", "Các thông tin chuyên ngành khác liên quan"),
    ),
    _en(
        "en.4",
        "Benefits",
        "Giới thiệu về các chế độ bảo hiểm",
        ("policy_guidance",),
        _s("en.4.1", "Sickness", "Giới thiệu chung về Chế độ ốm, đau"),
        _s("en.4.2", "Maternity", "Giới thiệu chung về Chế độ thai sản"),
        _s(
            "en.4.3",
            "Work injury and Occupation diseases",
            "Giới thiệu chung về Chế độ tai nạn lao động và bệnh nghề nghiệp",
        ),
        _s("en.4.4", "Old-age", "Giới thiệu chung về Chế độ hưu trí"),
        _s("en.4.5", "Survivors", "Giới thiệu chung về Chế độ tử tuất"),
        _s("en.4.6", "Unemployment", "Giới thiệu chung về Chế độ bảo hiểm thất nghiệp"),
        _s("en.4.7", "Medical benefit (Healthcare insurance)", "Giới thiệu chung về Chế độ bảo hiểm y tế"),
        _s("en.4.8", "Certificate of Coverage", "Mẫu xác nhận chế độ"),
    ),
    _en("en.5", "Legal Documents", "Văn bản quy phạm pháp luật", ("legal_document",)),
    _en("en.6", "FAQs", "Các câu hỏi thường gặp", ("qa_answer",)),
    _en("en.7", "Contact Us", "Liên hệ", ("contact_info",)),
    _en("en.8", "External Information by topics", "Thông tin đối ngoại theo chuyên đề", ("news_event",)),
    _en("en.9", "Website links", "Các tổ chức liên quan", ("contact_info",)),
    _en("en.10", "VSS Introduction Video clip", "Phim phóng sự giới thiệu Bảo hiểm xã hội Việt Nam", ("news_event",)),
    _en("en.11", "Posters", "Tranh cổ động", ("news_event",)),
    _en("en.12", "Call Center", "Dịch vụ khách hàng", ("contact_info",)),
    _en("en.13", "Member login", "Thành viên đăng nhập", ()),
)

CATEGORIES: dict[str, tuple[CategorySeed, ...]] = {"vi": VI_CATEGORIES, "en": EN_CATEGORIES}


@dataclass(frozen=True, slots=True)
class UnitSeed:
    code: str
    name: str
    kind: str  # board | centre | department | institute | project_board | sector | provincial | leadership
    name_en: str = ""


UNITS: tuple[UnitSeed, ...] = (
    UnitSeed("LD", "Lãnh đạo Bảo hiểm xã hội Việt Nam", "leadership", "VSS leadership"),
    UnitSeed("BBT", "Ban Biên tập Cổng Thông tin điện tử", "board", "Editorial Board"),
    UnitSeed("TTTT", "Trung tâm Truyền thông", "centre", "Communications Centre"),
    UnitSeed("TTCSKH", "Trung tâm Dịch vụ hỗ trợ, chăm sóc khách hàng", "centre", "Customer Service Centre"),
    UnitSeed("TTCNTT", "Trung tâm Công nghệ thông tin", "centre", "IT Centre"),
    UnitSeed("VP", "Văn phòng", "department", "Office"),
    UnitSeed("VHTQT", "Vụ Hợp tác quốc tế", "department", "International Cooperation Department"),
    UnitSeed("VTCCB", "Vụ Tổ chức cán bộ", "department", "Personnel and Organisation Department"),
    UnitSeed("VTDKT", "Vụ Thi đua - Khen thưởng", "department", "Emulation and Commendation Department"),
    UnitSeed("VTCKT", "Vụ Tài chính - Kế toán", "department", "Finance and Accounting Department"),
    UnitSeed("VKH", "Viện Khoa học Bảo hiểm xã hội", "institute", "Social Security Science Institute"),
    UnitSeed(
        "BQLDA-DTXD",
        "Ban Quản lý Dự án Đầu tư và Xây dựng Ngành Bảo hiểm xã hội",
        "project_board",
        "Investment and Construction Project Management Board",
    ),
    UnitSeed("BQLDA-CNTT", "Ban Quản lý các dự án Công nghệ thông tin", "project_board", "IT Project Management Board"),
    UnitSeed("BQP", "Bảo hiểm xã hội Bộ Quốc phòng", "sector", "Social Security of the Ministry of National Defence"),
    UnitSeed("CAND", "Bảo hiểm xã hội Công an nhân dân", "sector", "Social Security of the People's Public Security"),
)

# Provincial BHXH (Đ2.1, Đ11.1h). The 34 provinces and centrally-run cities after the 2025
# merger (Nghị quyết 202/2025/QH15). An editable list: `vss-console unit add/disable`.
PROVINCES: tuple[str, ...] = (
    "thành phố Hà Nội",
    "thành phố Huế",
    "thành phố Hải Phòng",
    "thành phố Đà Nẵng",
    "Thành phố Hồ Chí Minh",
    "thành phố Cần Thơ",
    "tỉnh Tuyên Quang",
    "tỉnh Cao Bằng",
    "tỉnh Lai Châu",
    "tỉnh Lào Cai",
    "tỉnh Thái Nguyên",
    "tỉnh Điện Biên",
    "tỉnh Lạng Sơn",
    "tỉnh Sơn La",
    "tỉnh Phú Thọ",
    "tỉnh Bắc Ninh",
    "tỉnh Quảng Ninh",
    "tỉnh Hưng Yên",
    "tỉnh Ninh Bình",
    "tỉnh Thanh Hóa",
    "tỉnh Nghệ An",
    "tỉnh Hà Tĩnh",
    "tỉnh Quảng Trị",
    "tỉnh Quảng Ngãi",
    "tỉnh Gia Lai",
    "tỉnh Khánh Hòa",
    "tỉnh Lâm Đồng",
    "tỉnh Đắk Lắk",
    "tỉnh Đồng Nai",
    "tỉnh Tây Ninh",
    "tỉnh Vĩnh Long",
    "tỉnh Đồng Tháp",
    "tỉnh Cà Mau",
    "tỉnh An Giang",
)
