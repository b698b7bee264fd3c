"""The seed of a new workspace against the regulation: the appendix's two category trees (names,
order, sections, the English entries' Vietnamese names), the units it names, the 34 provinces, and
the 17 content types of Đ11. Expected values are written out here, not read from models.seed."""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from sqlalchemy import select

from models import Category, ContentType, Portal, Unit
from models.content_types import CONTENT_TYPES
from models.seed import CATEGORIES

B = "Bảo hiểm xã hội Việt Nam"

# The appendix (seed text lines 943-1009), in order; PDF scars mended ("Văn bản pháp quyMục").
VI_TREE: list[tuple[str, list[str]]] = [
    (f"Giới thiệu {B}", [
        "Hội đồng quản lý",
        f"Lãnh đạo {B}",
        f"Nhiệm vụ, quyền hạn của {B}",
        f"Tổ chức bộ máy của {B}",
        "Lịch sử hình thành, phát triển",
    ]),
    ("Tin tức", []),
    ("Hệ thống văn bản", ["Văn bản pháp quy", f"Văn bản của {B}"]),
    ("Chỉ đạo, điều hành", []),
    ("PBGDPL", []),
    ("Hỏi - đáp", ["Câu hỏi tổng hợp", "Bảo hiểm xã hội", "Bảo hiểm y tế", "Bảo hiểm thất nghiệp"]),
    ("Diễn đàn nghiệp vụ", []),
    ("Danh bạ điện thoại", []),
    ("Các dự án đầu tư", []),
    ("Hội nhập và hợp tác", []),
    ("Thủ tục hành chính Bảo hiểm xã hội", []),
    ("Dịch vụ công trực tuyến và Giao dịch điện tử", []),
    ("Công bố đề tài khoa học", []),
    ("Công khai tài chính", []),
    ("Đóng góp ý kiến dự thảo văn bản", []),
    ("Đề xuất, kiến nghị với Ngành Bảo hiểm xã hội Việt Nam", []),
    ("Số liệu thống kê Ngành Bảo hiểm xã hội Việt Nam", []),
]

# (English name, Vietnamese name) as the appendix writes them (seed text lines 1010-1099), with the
# regulation's own English ("Occupation diseases", "History Development") and its curly apostrophe,
# and the broken lines joined ("bảo hiểm thấ / nghiệp", "Việ / Nam").
EN_TREE: list[tuple[tuple[str, str], list[tuple[str, str]]]] = [
    (("About us", "Giới thiệu về Bảo hiểm xã hội Việt Nam"), [
        ("Director General’s Message", "Thông điệp của Tổng Giám đốc"),
        ("Vision", "Tầm nhìn"),
        ("Duties and Responsibilities", "Chức năng nhiệm vụ"),
        ("History Development", "Lịch sử hình thành, phát triển"),
        ("Organizational Structure", "Tổ chức bộ máy của Bảo hiểm xã hội Việt Nam"),
    ]),
    (("News", "Tin tức"), [
        ("Viet Nam Social Security News", "Tin tức Bảo hiểm xã hội Việt Nam"),
        ("International Social Security News", "Tin ASXH quốc tế"),
        ("External Information", "Tin tức đối ngoại"),
        ("Gallery", "Tin ảnh, phóng sự"),
    ]),
    (("Research and Statistics", "Nghiên cứu và Thống kê"), [
        ("Research", "Nghiên cứu chuyên sâu"),
        ("Statistics", "Các số liệu thống kê"),
        ("Others", "Các thông tin chuyên ngành khác liên quan"),
    ]),
    (("Benefits", "Giới thiệu về các chế độ bảo hiểm"), [
        ("Sickness", "Giới thiệu chung về Chế độ ốm, đau"),
        ("Maternity", "Giới thiệu chung về Chế độ thai sản"),
        ("Work injury and Occupation diseases",
         "Giới thiệu chung về Chế độ tai nạn lao động và bệnh nghề nghiệp"),
        ("Old-age", "Giới thiệu chung về Chế độ hưu trí"),
        ("Survivors", "Giới thiệu chung về Chế độ tử tuất"),
        ("Unemployment", "Giới thiệu chung về Chế độ bảo hiểm thất nghiệp"),
        ("Medical benefit (Healthcare insurance)", "Giới thiệu chung về Chế độ bảo hiểm y tế"),
        ("Certificate of Coverage", "Mẫu xác nhận chế độ"),
    ]),
    (("Legal Documents", "Văn bản quy phạm pháp luật"), []),
    (("FAQs", "Các câu hỏi thường gặp"), []),
    (("Contact Us", "Liên hệ"), []),
    (("External Information by topics", "Thông tin đối ngoại theo chuyên đề"), []),
    (("Website links", "Các tổ chức liên quan"), []),
    (("VSS Introduction Video clip", "Phim phóng sự giới thiệu Bảo hiểm xã hội Việt Nam"), []),
    (("Posters", "Tranh cổ động"), []),
    (("Call Center", "Dịch vụ khách hàng"), []),
    (("Member login", "Thành viên đăng nhập"), []),
]

# Every unit the regulation names (Đ6, Đ7, Đ11, Đ16), by the name it uses.
REGULATION_UNITS: dict[str, str] = {
    "LD": "Lãnh đạo Bảo hiểm xã hội Việt Nam",
    "BBT": "Ban Biên tập Cổng Thông tin điện tử",
    "TTTT": "Trung tâm Truyền thông",
    "TTCSKH": "Trung tâm Dịch vụ hỗ trợ, chăm sóc khách hàng",
    "TTCNTT": "Trung tâm Công nghệ thông tin",
    "VP": "Văn phòng",
    "VHTQT": "Vụ Hợp tác quốc tế",
    "VTCCB": "Vụ Tổ chức cán bộ",
    "VTDKT": "Vụ Thi đua - Khen thưởng",
    "VTCKT": "Vụ Tài chính - Kế toán",
    "VKH": "Viện Khoa học Bảo hiểm xã hội",
    "BQLDA-DTXD": "Ban Quản lý Dự án Đầu tư và Xây dựng Ngành Bảo hiểm xã hội",
    "BQLDA-CNTT": "Ban Quản lý các dự án Công nghệ thông tin",
    "BQP": "Bảo hiểm xã hội Bộ Quốc phòng",
    "CAND": "Bảo hiểm xã hội Công an nhân dân",
}

# The content types of Đ11 (and Đ7.2d for procedures): code -> (Vietnamese name, article).
CONTENT_TYPE_NAMES: dict[str, tuple[str, str]] = {
    "contact_info": ("Thông tin liên hệ", "Đ11.1a"),
    "news_event": ("Tin tức - Sự kiện", "Đ11.1a"),
    "unit_activity": ("Thông tin về hoạt động của đơn vị", "Đ11.1a"),
    "legal_document": ("Văn bản quy phạm pháp luật", "Đ11.1a"),
    "direction_document": ("Văn bản chỉ đạo điều hành", "Đ11.1a"),
    "draft_for_comment": ("Dự thảo văn bản xin ý kiến", "Đ11.1a"),
    "policy_guidance": ("Giới thiệu, tuyên truyền, hướng dẫn chính sách BHXH, BHYT, BHTN", "Đ11.1a"),
    "leadership_bio": ("Tiểu sử tóm tắt và nhiệm vụ của Lãnh đạo", "Đ11.1b"),
    "training_recruitment": ("Đào tạo, tuyển dụng cán bộ", "Đ11.1b"),
    "statistics": ("Số liệu thống kê", "Đ11.1c"),
    "strategy_plan": ("Chiến lược, định hướng, quy hoạch, kế hoạch phát triển", "Đ11.1d"),
    "award": ("Thông tin khen thưởng", "Đ11.1đ"),
    "research": ("Chương trình, đề tài khoa học", "Đ11.1e"),
    "investment_project": ("Dự án, hạng mục đầu tư, mua sắm công", "Đ11.1g"),
    "provincial_info": ("Thông tin BHXH tỉnh, BHXH Bộ Quốc phòng, BHXH Công an nhân dân", "Đ11.1h"),
    "qa_answer": ("Câu trả lời hỏi - đáp", "Đ11.1a"),
    "admin_procedure": ("Thủ tục hành chính", "Đ7.2d"),
}
# Not a type of content the portal publishes: a proposed change to the category tree, which the Board approves.
PROPOSAL_TYPE = {"category_change": ("Đề xuất điều chỉnh mục, chuyên mục", "Đ6.2a")}

# Nodes that stand for each other on the two portals.
COUNTERPARTS = {
    ("vi.1", "en.1"), ("vi.1.3", "en.1.3"), ("vi.1.4", "en.1.5"), ("vi.1.5", "en.1.4"),
    ("vi.2", "en.2"), ("vi.3.1", "en.5"), ("vi.6", "en.6"), ("vi.8", "en.7"),
}


def _tree(s, portal: str) -> list[tuple[Category, list[Category]]]:  # type: ignore[no-untyped-def]
    p = s.execute(select(Portal).where(Portal.code == portal)).scalar_one()
    rows = s.execute(select(Category).where(Category.portal_id == p.id)).scalars().all()
    children: dict[int | None, list[Category]] = defaultdict(list)
    for c in rows:
        children[c.parent_id].append(c)
    for v in children.values():
        v.sort(key=lambda c: c.position)
    return [(top, children[top.id]) for top in children[None]]


def test_there_are_17_vietnamese_and_13_english_categories(sqlite_env):
    with sqlite_env.ws.db.read() as s:
        vi, en = _tree(s, "vi"), _tree(s, "en")
    assert len(vi) == 17 and len(en) == 13
    assert [len(sections) for _, sections in vi] == [5, 0, 2, 0, 0, 4] + [0] * 11
    assert [len(sections) for _, sections in en] == [5, 4, 3, 8] + [0] * 9
    # Nothing deeper than a section.
    for _, sections in vi + en:
        with sqlite_env.ws.db.read() as s:
            for c in sections:
                assert s.execute(select(Category).where(Category.parent_id == c.id)).first() is None


def test_vietnamese_tree_is_the_appendix_in_order(sqlite_env):
    with sqlite_env.ws.db.read() as s:
        got = [(top.name, [c.name for c in sections]) for top, sections in _tree(s, "vi")]
        keys = [(top.key, [c.key for c in sections]) for top, sections in _tree(s, "vi")]
        same = all(c.name_vi == c.name for top, sections in _tree(s, "vi") for c in [top, *sections])
    assert got == VI_TREE
    assert [k for k, _ in keys] == [f"vi.{n}" for n in range(1, 18)]
    assert keys[0][1] == [f"vi.1.{n}" for n in range(1, 6)]
    assert same


def test_english_tree_is_the_appendix_in_order_with_vietnamese_names(sqlite_env):
    with sqlite_env.ws.db.read() as s:
        got = [((top.name, top.name_vi), [(c.name, c.name_vi) for c in sections]) for top, sections in _tree(s, "en")]
    assert got == EN_TREE
    flat = dict(pair for top, sections in EN_TREE for pair in [top, *sections])
    # The entries the PDF text scarred (a broken line, a lost letter).
    assert flat["Director General’s Message"] == "Thông điệp của Tổng Giám đốc"
    assert flat["Unemployment"] == "Giới thiệu chung về Chế độ bảo hiểm thất nghiệp"
    assert flat["VSS Introduction Video clip"] == "Phim phóng sự giới thiệu Bảo hiểm xã hội Việt Nam"
    assert dict(p for top, secs in got for p in [top, *secs]) == flat


def test_names_are_nfc_and_clean(sqlite_env):
    with sqlite_env.ws.db.read() as s:
        texts = [t for c in s.scalars(select(Category)) for t in (c.name, c.name_vi)]
        texts += [t for u in s.scalars(select(Unit)) for t in (u.name, u.name_en)]
        texts += [t for ct in s.scalars(select(ContentType)) for t in (ct.name_vi, ct.name_en)]
        texts += [f[k] for ct in s.scalars(select(ContentType)) for f in ct.fields for k in ("name_vi", "name_en")]
    assert len(texts) > 200
    for t in texts:
        assert unicodedata.is_normalized("NFC", t), repr(t)
        assert t == t.strip() and "  " not in t and "\n" not in t, repr(t)
        assert t, "empty name"


def test_slugs_are_ascii_and_unique_among_siblings(sqlite_env):
    with sqlite_env.ws.db.read() as s:
        cats = s.scalars(select(Category)).all()
    siblings: dict[tuple[int, int | None], list[str]] = defaultdict(list)
    for c in cats:
        assert c.slug and c.slug.isascii(), c.slug
        assert c.slug == c.slug.lower() and " " not in c.slug, c.slug
        siblings[(c.portal_id, c.parent_id)].append(c.slug)
    for group in siblings.values():
        assert len(group) == len(set(group)), group
    by_key = {c.key: c.slug for c in cats}
    assert by_key["vi.1"] == "gioi-thieu-bao-hiem-xa-hoi-viet-nam"
    assert by_key["vi.6.4"] == "bao-hiem-that-nghiep"
    assert by_key["vi.16"] == "de-xuat-kien-nghi-voi-nganh-bao-hiem-xa-hoi-viet-nam"  # đ -> d


def test_every_unit_the_regulation_names_exists(sqlite_env):
    with sqlite_env.ws.db.read() as s:
        units = {u.code: u for u in s.scalars(select(Unit))}
    for code, name in REGULATION_UNITS.items():
        assert code in units, code
        assert units[code].name == name and units[code].active, code
        assert units[code].name_en, code
    central = {c for c, u in units.items() if u.kind != "provincial"}
    assert central == set(REGULATION_UNITS)


def test_34_provincial_units(sqlite_env):
    with sqlite_env.ws.db.read() as s:
        provinces = s.scalars(select(Unit).where(Unit.kind == "provincial")).all()
    assert len(provinces) == 34
    assert len({u.code for u in provinces}) == 34 and len({u.name for u in provinces}) == 34
    names = {u.name for u in provinces}
    for expected in ("Bảo hiểm xã hội thành phố Hà Nội", "Bảo hiểm xã hội Thành phố Hồ Chí Minh",
                     "Bảo hiểm xã hội thành phố Huế", "Bảo hiểm xã hội tỉnh Đắk Lắk", "Bảo hiểm xã hội tỉnh Cà Mau"):
        assert expected in names
    for u in provinces:
        assert u.code.startswith("T-") and u.code.isascii() and u.code == u.code.upper(), u.code
        assert u.name.startswith("Bảo hiểm xã hội "), u.name
    codes = {u.code for u in provinces}
    assert {"T-HA-NOI", "T-HUE", "T-DAK-LAK", "T-THANH-HOA"} <= codes


def test_provincial_codes_drop_the_kind_of_province(sqlite_env):
    with sqlite_env.ws.db.read() as s:
        codes = set(s.scalars(select(Unit.code).where(Unit.kind == "provincial")))
    assert not any(c.startswith(("T-TINH-", "T-THANH-PHO-")) for c in codes), sorted(codes)
    assert "T-HO-CHI-MINH" in codes


def test_the_17_content_types_of_article_11_and_the_tree_proposal(sqlite_env):
    with sqlite_env.ws.db.read() as s:
        types = {ct.code: ct for ct in s.scalars(select(ContentType))}
    assert len(types) == 17 + 1
    assert {code: (ct.name_vi, ct.article) for code, ct in types.items()} == CONTENT_TYPE_NAMES | PROPOSAL_TYPE
    for code, ct in types.items():
        assert ct.deadline_rule and ct.deadline_rule.strip(), code
        assert ct.name_en.strip(), code
        keys = [f["key"] for f in ct.fields]
        assert len(keys) == len(set(keys)), code
    assert {c for c, ct in types.items() if ct.needs_leadership} == {"statistics", "strategy_plan"}
    assert len({ct.code for ct in CONTENT_TYPES}) == len(CONTENT_TYPES) == 17 + 1


def test_category_content_types_are_known_and_sections_inherit(sqlite_env):
    with sqlite_env.ws.db.read() as s:
        known = set(s.scalars(select(ContentType.code)))
        cats = {c.id: c for c in s.scalars(select(Category))}
    for c in cats.values():
        assert set(c.content_types) <= known, c.key
        if c.parent_id is not None:
            parent = cats[c.parent_id]
            assert c.content_types == parent.content_types, c.key
            assert c.responsible_unit_id == parent.responsible_unit_id, c.key
        elif c.key != "en.13":  # "Member login" is a login page, not content
            assert c.content_types, c.key
            assert c.responsible_unit_id is not None, c.key


def test_counterpart_links_are_symmetric(sqlite_env):
    with sqlite_env.ws.db.read() as s:
        cats = {c.id: c for c in s.scalars(select(Category))}
    pairs = set()
    for c in cats.values():
        if c.counterpart_id is None:
            continue
        other = cats[c.counterpart_id]
        assert other.counterpart_id == c.id, (c.key, other.key)
        assert other.portal_id != c.portal_id, (c.key, other.key)
        pairs.add(tuple(sorted((c.key, other.key), key=lambda k: not k.startswith("vi."))))
    assert pairs == COUNTERPARTS


def test_names_round_trip_exactly_on_every_database(env):
    """Vietnamese diacritics, the curly apostrophe and every name come back byte for byte."""
    expected = {}
    for portal, tree in CATEGORIES.items():
        todo = list(tree)
        while todo:
            node = todo.pop()
            expected[node.key] = (portal, node.name, node.name_vi)
            todo.extend(node.sections)
    with env.ws.db.read() as s:
        got = {c.key: (c.portal.code, c.name, c.name_vi) for c in s.scalars(select(Category))}
        units = {u.code: u.name for u in s.scalars(select(Unit))}
        types = {ct.code: ct.name_vi for ct in s.scalars(select(ContentType))}
        apostrophe = s.scalar(select(Category.name).where(Category.name == "Director General’s Message"))
    assert got == expected
    assert len(got) == 17 + 11 + 13 + 20
    assert {c: units[c] for c in REGULATION_UNITS} == REGULATION_UNITS
    assert types == {c: n for c, (n, _) in (CONTENT_TYPE_NAMES | PROPOSAL_TYPE).items()}
    assert apostrophe == "Director General’s Message"
    assert got["en.4.6"][2].encode("utf-8") == "Giới thiệu chung về Chế độ bảo hiểm thất nghiệp".encode()
