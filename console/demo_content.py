"""The text corpus of the demo workspace: items that read like the VSS portal's own.

Each :class:`Template` names a content type, a portal, the categories and units it belongs to and how
many items it yields; its ``make`` function writes one item (title, summary, Markdown body, metadata)
from a :class:`Ctx` — the seeded random source, the item's date and the province it is about. All
choices come from that random source, so a given seed gives the same corpus every time. Nothing here
touches the database: :mod:`console.demo` plans the items and files them through the services.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple, TypeVar

_T = TypeVar("_T")

PROVINCE = "*province"  # in Template.units: any provincial unit (the demo spreads them over all 34)

# Figures used across the corpus (the reference amount of Luật BHXH 2024 is the base salary today).
BASE_SALARY = 2_340_000
HOTLINE = "1900 9068"
# The (fictional) leadership the corpus writes about, the same people in every story. The first
# deputy is the demo's leadership account (console.demo.STAFF).
DIRECTOR_GENERAL = "Đào Việt Hưng"
DEPUTIES = ("Trịnh Quốc Bảo", "Lại Thu Hằng", "Phùng Văn Tiến", "Hà Minh Châu")
VSS_ADDRESS = "Số 7 Tràng Thi, phường Hoàn Kiếm, thành phố Hà Nội"


class Piece(NamedTuple):
    title: str
    summary: str
    body: str
    meta: dict[str, Any]


# ------------------------------------------------------------------------------------ formatting


def vn_date(d: date) -> str:
    """The portal's short date: ``01/7/2026`` (day padded, month not)."""
    return f"{d.day:02d}/{d.month}/{d.year}"


def en_date(d: date) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"


def vn_int(n: int) -> str:
    """1234567 -> ``1.234.567``."""
    return f"{n:,}".replace(",", ".")


def vn_dec(x: float, places: int = 1) -> str:
    """93.25 -> ``93,3``."""
    return f"{x:.{places}f}".replace(".", ",")


def number_in(title: str) -> str:
    """The document number a title cites: the word after "số" (or "No.")."""
    words = title.split()
    for i, w in enumerate(words[:-1]):
        if w in ("số", "No."):
            return words[i + 1]
    raise ValueError(title)


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


ROMAN = ("", "I", "II", "III", "IV")


def vn_quarter(d: date) -> str:
    return f"quý {ROMAN[quarter_of(d)]}/{d.year}"


def fold(text: str) -> str:
    """ASCII spelling of a Vietnamese name, as the English portal writes places (Hà Nội -> Ha Noi)."""
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def md(*parts: str) -> str:
    """Markdown paragraphs, lists and tables, separated by blank lines."""
    return "\n\n".join(p.strip("\n") for p in parts if p)


def bullets(items: Sequence[str], numbered: bool = False) -> str:
    return "\n".join(f"{i}. {x}" if numbered else f"- {x}" for i, x in enumerate(items, start=1))


def table(head: Sequence[str], rows: Sequence[Sequence[object]], right: int = 1) -> str:
    """A Markdown table; columns from index ``right`` on are right-aligned (figures)."""
    align = ["---" if i < right else "---:" for i in range(len(head))]
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


# ----------------------------------------------------------------------------------- people

FAMILY = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Cao", "Lương", "Tạ", "Đoàn", "Vương", "Lại", "Quách",
)  # fmt: skip
MALE_MIDDLE = ("Văn", "Đức", "Minh", "Quang", "Hữu", "Thành", "Công", "Xuân", "Anh", "Ngọc", "Thế", "Mạnh", "Trọng")
FEMALE_MIDDLE = ("Thị", "Thu", "Thanh", "Ngọc", "Hồng", "Phương", "Minh", "Kim", "Thúy", "Bích", "Diệu", "Hải")
MALE_GIVEN = (
    "Hùng", "Dũng", "Tuấn", "Long", "Nam", "Sơn", "Hải", "Thắng", "Phong", "Khánh", "Quân", "Trung", "Hiếu",
    "Bình", "Cường", "Đạt", "Tùng", "Hưng", "Kiên", "Lâm", "Thịnh", "Vinh",
)  # fmt: skip
FEMALE_GIVEN = (
    "Lan", "Hương", "Hoa", "Mai", "Hạnh", "Trang", "Linh", "Ngân", "Thảo", "Yến", "Hà", "Nhung", "Vân",
    "Giang", "Oanh", "Thủy", "Loan", "Huyền", "Quyên", "Phượng", "Duyên", "Tâm",
)  # fmt: skip


def person(rng: random.Random, female: bool | None = None) -> tuple[str, bool]:
    """A realistic Vietnamese full name and whether it is a woman's."""
    if female is None:
        female = rng.random() < 0.5
    middle = FEMALE_MIDDLE if female else MALE_MIDDLE
    given = FEMALE_GIVEN if female else MALE_GIVEN
    return f"{rng.choice(FAMILY)} {rng.choice(middle)} {rng.choice(given)}", female


# ---------------------------------------------------------------------------------- context


@dataclass
class Ctx:
    """What a template writes from: the random source, the item's date, its unit and province."""

    rng: random.Random
    day: date
    unit: str
    unit_name: str
    province: str  # "tỉnh Nghệ An": the unit's own province, or the one the story is about
    category: str  # the category key the planner filed the item under
    n: int = 0  # the item's number within its template (0, 1, 2, ...): varies the story deterministically

    def pick(self, seq: Sequence[_T]) -> _T:
        return self.rng.choice(seq)

    def sample(self, seq: Sequence[_T], k: int) -> list[_T]:
        return self.rng.sample(list(seq), k)

    def num(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)

    def before(self, lo: int, hi: int) -> date:
        return self.day - timedelta(days=self.rng.randint(lo, hi))

    def after(self, lo: int, hi: int) -> date:
        return self.day + timedelta(days=self.rng.randint(lo, hi))

    def name(self, female: bool | None = None) -> str:
        return person(self.rng, female)[0]

    def mr(self, female: bool | None = None) -> str:
        """``ông Nguyễn Văn Hùng`` / ``bà Trần Thị Lan``."""
        full, is_female = person(self.rng, female)
        return f"{'bà' if is_female else 'ông'} {full}"

    @property
    def place(self) -> str:
        """The province's bare name: ``Nghệ An``, ``Hà Nội``, ``Hồ Chí Minh``."""
        p = self.province
        for prefix in ("thành phố ", "tỉnh "):
            if p.lower().startswith(prefix):
                return p[len(prefix) :]
        return p

    @property
    def place_en(self) -> str:
        name = fold(self.place)
        return "Ho Chi Minh City" if name == "Ho Chi Minh" else name

    @property
    def bhxh(self) -> str:
        """``BHXH tỉnh Nghệ An`` — how the portal names a provincial unit in headlines."""
        return f"BHXH {self.province}"

    def doc_no(self, suffix: str, lo: int = 120, hi: int = 3900) -> str:
        return f"{self.num(lo, hi)}/{suffix}"


Make = Callable[[Ctx], Piece]


@dataclass(frozen=True, slots=True)
class Template:
    content_type: str
    portal: str
    categories: tuple[str, ...]
    units: tuple[str, ...]  # unit codes; PROVINCE for any provincial unit
    count: int
    make: Make


TEMPLATES: list[Template] = []


def template(
    content_type: str, portal: str, categories: tuple[str, ...], units: tuple[str, ...], count: int
) -> Callable[[Make], Make]:
    """Register the decorated function as a template yielding ``count`` items (decorators may stack)."""

    def register(fn: Make) -> Make:
        TEMPLATES.append(Template(content_type, portal, categories, units, count, fn))
        return fn

    return register


INTL_ORGS = (
    ("Hiệp hội An sinh xã hội quốc tế (ISSA)", "Thụy Sĩ"),
    ("Cơ quan Bảo hiểm Hưu trí Quốc gia Hàn Quốc (NPS)", "Hàn Quốc"),
    ("Tổ chức Bảo hiểm xã hội Nhật Bản", "Nhật Bản"),
    ("Hiệp hội An sinh xã hội ASEAN (ASSA)", "Indonesia"),
    ("Quỹ Bảo hiểm xã hội Cộng hòa Liên bang Đức (DRV)", "Đức"),
    ("Bảo hiểm xã hội Lào", "Lào"),
)
CENTRES = (
    "Trung tâm Truyền thông",
    "Trung tâm Công nghệ thông tin",
    "Trung tâm Dịch vụ hỗ trợ, chăm sóc khách hàng",
    "Viện Khoa học Bảo hiểm xã hội",
    "Trung tâm Lưu trữ",
)
PRESS = (
    ("Báo điện tử Chính phủ", "baochinhphu.vn"),
    ("Thông tấn xã Việt Nam", "vnanet.vn"),
    ("Báo Nhân Dân", "nhandan.vn"),
    ("Báo Lao Động", "laodong.vn"),
)


# ======================================================================== Vietnamese portal: news


@template("news_event", "vi", ("vi.2",), (PROVINCE,), 7)
def news_pension_paid(c: Ctx) -> Piece:
    m, y = c.day.month, c.day.year
    people = c.num(45, 420) * 1000 + c.num(0, 999)
    money = c.num(600, 4800)
    pct = c.num(720, 985) / 10
    bank = round(people * pct / 100)
    title = f"{c.bhxh} hoàn thành chi trả lương hưu, trợ cấp BHXH tháng {m}/{y}"
    summary = (
        f"Tháng {m}/{y}, {c.bhxh} đã chi trả lương hưu, trợ cấp BHXH hằng tháng cho {vn_int(people)} người "
        f"với tổng số tiền hơn {vn_int(money)} tỷ đồng, bảo đảm đầy đủ, kịp thời và an toàn."
    )
    body = md(
        summary,
        f"Theo {c.bhxh}, việc chi trả được thực hiện từ ngày 02 đến ngày 25 hằng tháng tại các điểm chi trả "
        f"của Bưu điện trên địa bàn và qua tài khoản cá nhân. Tỷ lệ người hưởng nhận qua tài khoản đạt "
        f"{vn_dec(pct)}%, tiếp tục tăng so với cùng kỳ năm trước.",
        table(
            ("Hình thức chi trả", "Số người hưởng", "Tỷ lệ (%)"),
            (
                ("Qua tài khoản cá nhân", vn_int(bank), vn_dec(pct)),
                ("Bằng tiền mặt tại điểm chi trả", vn_int(people - bank), vn_dec(100 - pct)),
                ("**Tổng cộng**", f"**{vn_int(people)}**", "**100**"),
            ),
        ),
        f"Để bảo đảm quyền lợi, {c.bhxh} đề nghị người hưởng thông báo kịp thời khi thay đổi nơi cư trú, "
        f"số tài khoản hoặc hình thức nhận; mọi vướng mắc xin liên hệ Tổng đài {HOTLINE}.",
    )
    return Piece(title, summary, body, {"event_date": c.day.isoformat(), "location": c.province})


@template("news_event", "vi", ("vi.2",), (PROVINCE,), 8)
def news_dialogue(c: Ctx) -> Piece:
    firms = c.num(45, 260)
    title = f"{c.bhxh} đối thoại chính sách BHXH, BHYT với {firms} doanh nghiệp"
    leader = c.mr()
    summary = (
        f"Ngày {vn_date(c.day)}, {c.bhxh} tổ chức hội nghị đối thoại, giải đáp vướng mắc về chính sách "
        f"BHXH, BHYT, BHTN cho đại diện {firms} doanh nghiệp trên địa bàn."
    )
    asks = c.sample(
        (
            "thủ tục báo tăng, báo giảm lao động qua giao dịch điện tử",
            "thời điểm chốt sổ BHXH khi người lao động nghỉ việc",
            "mức đóng BHXH đối với các khoản phụ cấp, bổ sung khác",
            "cấp lại thẻ BHYT khi người lao động chuyển nơi làm việc",
            "giải quyết chế độ ốm đau, thai sản theo Luật BHXH năm 2024",
            "xử lý trường hợp doanh nghiệp chậm đóng do khó khăn tạm thời",
        ),
        3,
    )
    body = md(
        summary,
        f"Phát biểu khai mạc, {leader}, Phó Giám đốc {c.bhxh}, cho biết việc đối thoại định kỳ giúp cơ quan "
        "BHXH nắm bắt kịp thời khó khăn của doanh nghiệp, đồng thời tuyên truyền những điểm mới của Luật "
        "Bảo hiểm xã hội năm 2024 có hiệu lực từ ngày 01/7/2025.",
        "Tại hội nghị, các doanh nghiệp tập trung nêu các vấn đề:",
        bullets([a[0].upper() + a[1:] + ";" for a in asks[:-1]] + [asks[-1][0].upper() + asks[-1][1:] + "."]),
        "Các câu hỏi đã được lãnh đạo các phòng nghiệp vụ giải đáp trực tiếp. Những nội dung cần xin ý kiến "
        f"cấp trên sẽ được {c.bhxh} tổng hợp, trả lời bằng văn bản trong thời gian sớm nhất.",
    )
    return Piece(title, summary, body, {"event_date": c.day.isoformat(), "location": c.province})


@template("news_event", "vi", ("vi.2",), (PROVINCE,), 6)
def news_voluntary_growth(c: Ctx) -> Piece:
    months = c.day.month
    extra = c.num(800, 26000)
    share = c.num(105, 168)
    when = f"Tháng {months}/{c.day.year}" if months < 3 else f"{months} tháng đầu năm {c.day.year}"
    title = f"{when}, {c.bhxh} phát triển thêm {vn_int(extra)} người tham gia BHXH tự nguyện"
    summary = (
        f"Lũy kế {months} tháng, số người tham gia BHXH tự nguyện trên địa bàn {c.province} tăng "
        f"{vn_int(extra)} người, đạt {share}% kế hoạch giao."
    )
    body = md(
        summary,
        f"Kết quả trên có được nhờ {c.bhxh} phối hợp chặt chẽ với Bưu điện, các tổ chức dịch vụ thu và chính "
        "quyền các xã, phường tổ chức hội nghị khách hàng, tư vấn trực tiếp tại khu dân cư, đồng thời vận "
        "động các nhà hảo tâm hỗ trợ đóng BHXH tự nguyện cho người có hoàn cảnh khó khăn.",
        "Từ ngày 01/7/2025, người tham gia BHXH tự nguyện ngoài chế độ hưu trí, tử tuất còn được hưởng trợ "
        f"cấp thai sản {vn_int(2 * BASE_SALARY)} đồng cho mỗi con được sinh ra, và được Nhà nước hỗ trợ "
        "một phần tiền đóng:",
        bullets(
            [
                "30% mức đóng đối với người thuộc hộ nghèo, người đang sinh sống tại xã đảo, đặc khu;",
                "25% mức đóng đối với người thuộc hộ cận nghèo;",
                "20% mức đóng đối với người dân tộc thiểu số;",
                "10% mức đóng đối với các đối tượng khác.",
            ]
        ),
        f"Trong những tháng cuối năm, {c.bhxh} tiếp tục tập trung khai thác nhóm lao động tự do, hộ kinh doanh "
        "cá thể và người lao động đã hưởng BHXH một lần.",
    )
    return Piece(title, summary, body, {"event_date": c.day.isoformat(), "location": c.province})


@template("news_event", "vi", ("vi.2",), (PROVINCE,), 4)
def news_gift_books(c: Ctx) -> Piece:
    books = c.num(20, 160)
    cards = c.num(50, 400)
    title = f"{c.bhxh} trao tặng {books} sổ BHXH, {cards} thẻ BHYT cho người có hoàn cảnh khó khăn"
    summary = (
        f"Hưởng ứng đợt cao điểm vận động, {c.bhxh} và các đơn vị đồng hành đã trao tặng {books} sổ BHXH "
        f"tự nguyện và {cards} thẻ BHYT, tổng trị giá hơn {vn_int(c.num(300, 1900))} triệu đồng."
    )
    body = md(
        summary,
        "Kinh phí được huy động từ cán bộ, công chức, viên chức trong ngành, các doanh nghiệp, ngân hàng và "
        "nhà hảo tâm. Người được tặng sổ BHXH được hỗ trợ đóng từ 6 đến 12 tháng, sau đó tiếp tục tự đóng "
        "để duy trì quá trình tham gia.",
        f"Lãnh đạo {c.bhxh} mong muốn các hộ gia đình được hỗ trợ coi đây là điểm khởi đầu, chủ động tiếp tục "
        "tham gia để hướng tới lương hưu khi về già và được bảo vệ trước rủi ro ốm đau, bệnh tật.",
    )
    return Piece(title, summary, body, {"event_date": c.day.isoformat(), "location": c.province})


@template("news_event", "vi", ("vi.2", "vi.12"), (PROVINCE,), 4)
def news_vssid(c: Ctx) -> Piece:
    accounts = c.num(120, 1900) * 1000
    pct = c.num(58, 91)
    title = f"{c.bhxh}: {vn_int(accounts)} người dân đã sử dụng ứng dụng VssID - BHXH số"
    summary = (
        f"Đến {vn_date(c.day)}, trên địa bàn {c.province} có {vn_int(accounts)} tài khoản VssID đang hoạt "
        f"động, đạt {pct}% số người tham gia BHXH, BHYT."
    )
    body = md(
        summary,
        "Ứng dụng VssID cho phép người dân tra cứu quá trình đóng, hưởng BHXH, BHYT, BHTN; sử dụng hình ảnh "
        "thẻ BHYT trên ứng dụng để khám bệnh, chữa bệnh; gửi ý kiến, kiến nghị và thực hiện một số dịch vụ "
        "công trực tuyến mà không phải đến cơ quan BHXH.",
        "Người dân có thể đăng nhập VssID bằng tài khoản định danh điện tử VNeID mức độ 2. Các bước thực hiện:",
        bullets(
            [
                "Tải ứng dụng VssID - BHXH số từ App Store hoặc Google Play;",
                "Chọn **Đăng nhập bằng tài khoản định danh điện tử VNeID**;",
                "Xác thực trên ứng dụng VNeID và đồng ý chia sẻ thông tin;",
                "Thiết lập mã PIN hoặc sinh trắc học để đăng nhập các lần sau.",
            ],
            numbered=True,
        ),
        f"Mọi vướng mắc trong quá trình sử dụng, người dân liên hệ Tổng đài {HOTLINE} để được hỗ trợ.",
    )
    return Piece(title, summary, body, {"event_date": c.day.isoformat(), "location": c.province})


@template("news_event", "vi", ("vi.2",), (PROVINCE,), 6)
def news_customer_conference(c: Ctx) -> Piece:
    people = c.num(80, 450)
    new = c.num(15, 140)
    title = f"{c.bhxh} tổ chức hội nghị khách hàng tuyên truyền BHXH tự nguyện, BHYT hộ gia đình tháng {c.day.month}"
    summary = (
        f"Hội nghị thu hút {people} người dân tham dự; ngay tại hội nghị có {new} người đăng ký tham gia "
        "BHXH tự nguyện."
    )
    body = md(
        f"Ngày {vn_date(c.day)}, {c.bhxh} phối hợp với Bưu điện {c.province} và chính quyền địa phương tổ chức "
        f"hội nghị khách hàng tuyên truyền, phát triển người tham gia BHXH tự nguyện, BHYT hộ gia đình. "
        f"Hội nghị thu hút {people} người dân tham dự.",
        "Tại hội nghị, cán bộ BHXH đã thông tin về quyền lợi khi tham gia, phương thức đóng linh hoạt (hằng "
        "tháng, 3 tháng, 6 tháng, 12 tháng hoặc đóng một lần cho nhiều năm về sau) và mức hỗ trợ của Nhà nước.",
        f"Kết thúc hội nghị, {new} người đã đăng ký tham gia BHXH tự nguyện và nhiều hộ gia đình đăng ký gia "
        "hạn thẻ BHYT.",
    )
    return Piece(title, summary, body, {"event_date": c.day.isoformat(), "location": c.province})


@template("news_event", "vi", ("vi.2",), ("TTTT",), 5)
def news_national(c: Ctx) -> Piece:
    y = c.day.year
    kind = c.n % 5
    if kind == 0:
        pct = c.pick((7.2, 8.0, 8.5, 9.0))
        title = f"BHXH Việt Nam triển khai kỳ điều chỉnh lương hưu từ 01/7/{y}"
        summary = (
            f"Từ ngày 01/7/{y}, lương hưu, trợ cấp BHXH và trợ cấp hằng tháng được điều chỉnh tăng "
            f"{vn_dec(pct)}%; BHXH Việt Nam yêu cầu BHXH các tỉnh, thành phố chi trả mức mới ngay trong kỳ."
        )
        body = md(
            summary,
            f"Thực hiện Nghị định của Chính phủ về điều chỉnh lương hưu, trợ cấp BHXH và trợ cấp hằng tháng, "
            f"BHXH Việt Nam đã ban hành văn bản hướng dẫn BHXH các tỉnh, thành phố, BHXH Bộ Quốc phòng, BHXH "
            f"Công an nhân dân triển khai thực hiện. Mức tăng {vn_dec(pct)}% áp dụng cho các nhóm đối tượng:",
            bullets(
                [
                    "Cán bộ, công chức, viên chức, người lao động đang hưởng lương hưu hằng tháng;",
                    "Người đang hưởng trợ cấp mất sức lao động, trợ cấp hằng tháng;",
                    "Người đang hưởng trợ cấp tai nạn lao động, bệnh nghề nghiệp hằng tháng;",
                    "Người đang hưởng trợ cấp tuất hằng tháng.",
                ]
            ),
            "Các đơn vị được yêu cầu hoàn thành việc tính toán, điều chỉnh trên hệ thống phần mềm, in danh sách "
            "chi trả và thông báo cho người hưởng biết mức mới trước kỳ chi trả.",
        )
    elif kind == 1:
        title = f"Hướng tới kỷ niệm Ngày Bảo hiểm y tế Việt Nam 01/7/{y}"
        summary = (
            f"Tỷ lệ bao phủ BHYT năm {y} ước đạt {vn_dec(c.num(940, 955) / 10)}% dân số; toàn Ngành tổ chức "
            "nhiều hoạt động truyền thông hướng tới mục tiêu BHYT toàn dân."
        )
        body = md(
            summary,
            "Các hoạt động trọng tâm trong tháng cao điểm gồm:",
            bullets(
                [
                    "Tuyên truyền những điểm mới của Luật Bảo hiểm y tế sửa đổi, bổ sung;",
                    "Đối thoại chính sách BHYT với người bệnh tại các cơ sở khám bệnh, chữa bệnh;",
                    "Vận động hỗ trợ thẻ BHYT cho người có hoàn cảnh khó khăn;",
                    "Hướng dẫn sử dụng căn cước, VNeID thay thẻ BHYT giấy khi đi khám bệnh.",
                ]
            ),
            "BHXH Việt Nam đề nghị BHXH các tỉnh, thành phố chủ động phối hợp với ngành Y tế, ngành Giáo dục và "
            "chính quyền địa phương để tổ chức các hoạt động thiết thực, hiệu quả.",
        )
    elif kind == 2:
        period = c.pick(("6 tháng đầu năm", "9 tháng đầu năm", f"{vn_quarter(c.day)}"))
        title = f"BHXH Việt Nam tổ chức hội nghị sơ kết công tác {period} {y}"
        summary = f"Hội nghị đánh giá kết quả thực hiện nhiệm vụ {period} và triển khai giải pháp cho thời gian tới."
        body = md(
            summary,
            table(
                ("Chỉ tiêu", "Kết quả", "So với cùng kỳ"),
                (
                    ("Người tham gia BHXH", f"{vn_dec(c.num(200, 215) / 10)} triệu", f"+{vn_dec(c.num(20, 60) / 10)}%"),
                    ("Người tham gia BHTN", f"{vn_dec(c.num(163, 171) / 10)} triệu", f"+{vn_dec(c.num(10, 45) / 10)}%"),
                    ("Người tham gia BHYT", f"{vn_dec(c.num(940, 965) / 10)} triệu", f"+{vn_dec(c.num(5, 25) / 10)}%"),
                ),
            ),
            "Phát biểu chỉ đạo, Tổng Giám đốc yêu cầu các đơn vị tập trung giảm số tiền chậm đóng, đẩy mạnh "
            "chuyển đổi số và nâng cao chất lượng phục vụ người dân, doanh nghiệp.",
        )
    elif kind == 3:
        title = f"Từ {vn_date(c.after(10, 40))}, thêm nhiều thủ tục BHXH được thực hiện hoàn toàn trực tuyến"
        summary = "BHXH Việt Nam tiếp tục tái cấu trúc quy trình, cung cấp dịch vụ công trực tuyến toàn trình."
        body = md(
            summary,
            "Các thủ tục được bổ sung lần này gồm giải quyết hưởng trợ cấp dưỡng sức, phục hồi sức khỏe; cấp lại "
            "thẻ BHYT do hỏng, mất; điều chỉnh thông tin cá nhân trên sổ BHXH khi đã được xác thực với Cơ sở dữ "
            "liệu quốc gia về dân cư.",
            "Người dân nộp hồ sơ trên Cổng Dịch vụ công quốc gia hoặc ứng dụng VssID, nhận kết quả điện tử và có "
            "thể theo dõi tiến độ giải quyết bất cứ lúc nào.",
        )
    else:
        title = f"Ngành BHXH Việt Nam hưởng ứng Tháng hành động vì an toàn, vệ sinh lao động năm {y}"
        summary = "Chủ đề năm nay tập trung vào phòng ngừa tai nạn lao động và bảo đảm quyền lợi người lao động."
        body = md(
            summary,
            "BHXH các tỉnh, thành phố phối hợp với công đoàn và cơ quan quản lý lao động tuyên truyền chế độ "
            "bảo hiểm tai nạn lao động, bệnh nghề nghiệp; kiểm tra việc đóng quỹ của người sử dụng lao động.",
        )
    return Piece(
        title, summary, body, {"event_date": c.day.isoformat(), "location": "Hà Nội", "lead_unit": "BHXH Việt Nam"}
    )


@template("news_event", "vi", ("vi.2",), ("BQP", "CAND"), 5)
def news_sector(c: Ctx) -> Piece:
    military = c.unit == "BQP"
    name = "BHXH Bộ Quốc phòng" if military else "BHXH Công an nhân dân"
    topic = c.pick(
        (
            "tập huấn nghiệp vụ giám định BHYT",
            "sơ kết công tác thu, chi BHXH, BHYT",
            "kiểm tra việc thực hiện chế độ BHXH tại các đơn vị",
            "triển khai BHYT cho thân nhân",
        )
    )
    title = f"{name} {topic} {vn_quarter(c.day)}"
    summary = f"Ngày {vn_date(c.day)}, {name} tổ chức {topic} cho cán bộ làm công tác BHXH các đơn vị."
    body = md(
        summary,
        f"Tham dự có đại diện {c.num(40, 160)} đơn vị đầu mối. Nội dung tập trung vào các quy định mới của Luật "
        "BHXH năm 2024, quy trình phối hợp với BHXH Việt Nam trong cấp thẻ BHYT, chuyển tiếp quá trình đóng "
        "khi quân nhân, chiến sĩ chuyển ngành hoặc xuất ngũ.",
        "Kết thúc chương trình, các đơn vị thống nhất kiến nghị để tổng hợp, báo cáo cấp có thẩm quyền.",
    )
    return Piece(title, summary, body, {"event_date": c.day.isoformat(), "lead_unit": name})


@template("news_event", "vi", ("vi.12",), ("TTCNTT",), 3)
def news_it_services(c: Ctx) -> Piece:
    kind = c.n % 3
    if kind == 0:
        when = c.after(3, 12)
        title = f"Tạm dừng Cổng Dịch vụ công BHXH Việt Nam để nâng cấp hệ thống ngày {vn_date(when)}"
        summary = f"Hệ thống tạm dừng từ 20 giờ 00 ngày {vn_date(when)} đến 06 giờ 00 ngày hôm sau."
        body = md(
            summary,
            "Trong thời gian này, người dân và doanh nghiệp không thể nộp hồ sơ giao dịch điện tử và tra cứu "
            "trực tuyến. Hồ sơ nộp trước thời điểm tạm dừng vẫn được xử lý bình thường.",
            "BHXH Việt Nam xin lỗi vì sự bất tiện này.",
        )
    elif kind == 1:
        n = c.num(95, 99)
        title = f"Kết quả xác thực thông tin người tham gia với Cơ sở dữ liệu quốc gia về dân cư tháng {c.day.month}"
        summary = f"Đã có trên {n} triệu người tham gia BHXH, BHYT được xác thực thông tin nhân thân."
        body = md(
            summary,
            table(
                ("Nhóm dữ liệu", "Đã xác thực (triệu người)", "Tỷ lệ (%)"),
                (
                    ("Người tham gia BHXH, BHYT, BHTN", n, vn_dec(c.num(960, 995) / 10)),
                    ("Người hưởng lương hưu, trợ cấp", vn_dec(c.num(30, 34) / 10), vn_dec(c.num(970, 998) / 10)),
                ),
            ),
            "Việc xác thực giúp cắt giảm giấy tờ khi thực hiện thủ tục và làm sạch cơ sở dữ liệu của Ngành.",
        )
    else:
        title = "Hướng dẫn sử dụng căn cước và tài khoản VNeID thay thẻ BHYT khi khám bệnh, chữa bệnh"
        summary = "Người tham gia BHYT có thể xuất trình căn cước gắn chip hoặc VNeID thay cho thẻ BHYT giấy."
        body = md(
            summary,
            bullets(
                [
                    "Xuất trình căn cước gắn chip tại quầy tiếp đón của cơ sở khám bệnh, chữa bệnh;",
                    "Hoặc mở ứng dụng VNeID, chọn mục **Thẻ BHYT** để nhân viên quét mã;",
                    "Trường hợp thông tin chưa đồng bộ, liên hệ cơ quan BHXH nơi cấp thẻ để được hỗ trợ.",
                ]
            ),
        )
    return Piece(title, summary, body, {"event_date": c.day.isoformat(), "lead_unit": "Trung tâm Công nghệ thông tin"})


@template("news_event", "vi", ("vi.10",), ("VHTQT",), 3)
def news_cooperation(c: Ctx) -> Piece:
    org, country = INTL_ORGS[c.n % len(INTL_ORGS)]
    leader = DEPUTIES[c.n % len(DEPUTIES)]
    visiting = c.n % 2 == 0
    if visiting:
        title = f"BHXH Việt Nam tiếp và làm việc với đoàn {org}"
        where = "Hà Nội"
    else:
        title = f"Đoàn công tác BHXH Việt Nam làm việc với {org} tại {country}"
        where = country
    summary = "Hai bên trao đổi kinh nghiệm về mở rộng diện bao phủ và chuyển đổi số trong lĩnh vực an sinh xã hội."
    body = md(
        f"Ngày {vn_date(c.day)}, tại {where}, đoàn công tác do Phó Tổng Giám đốc {leader} dẫn đầu đã có buổi "
        f"làm việc với {org}.",
        summary + " Hai bên cũng thảo luận kế hoạch hợp tác giai đoạn tới, trong đó có chương trình đào tạo "
        "cán bộ và chia sẻ dữ liệu phục vụ thực hiện hiệp định về BHXH.",
        "Kết thúc buổi làm việc, hai bên thống nhất giao đầu mối là Vụ Hợp tác quốc tế phối hợp triển khai các "
        "nội dung đã trao đổi.",
    )
    return Piece(
        title, summary, body, {"event_date": c.day.isoformat(), "location": where, "lead_unit": "Vụ Hợp tác quốc tế"}
    )


@template("news_event", "vi", ("vi.7",), ("TTTT",), 2)
def news_forum(c: Ctx) -> Piece:
    topic = (
        "Giải pháp hạn chế tình trạng chậm đóng, trốn đóng BHXH",
        "Kinh nghiệm phát triển người tham gia BHXH tự nguyện ở khu vực nông thôn",
    )[c.n % 2]
    title = f"Diễn đàn nghiệp vụ: {topic}"
    summary = (
        f"Chuyên mục tổng hợp ý kiến, kinh nghiệm của BHXH các địa phương về chủ đề {topic[0].lower() + topic[1:]}."
    )
    body = md(
        summary,
        f"Theo BHXH {c.province}, giải pháp hiệu quả nhất là phối hợp liên ngành với cơ quan thuế, lao động và "
        "công đoàn để chia sẻ dữ liệu, kịp thời phát hiện đơn vị chưa đóng hoặc đóng không đủ số người.",
        "Bạn đọc là cán bộ trong Ngành có thể gửi bài viết trao đổi về Trung tâm Truyền thông theo địa chỉ "
        "thư điện tử của chuyên mục.",
    )
    return Piece(title, summary, body, {"event_date": c.day.isoformat()})


# ================================================================================= unit activity


@template("unit_activity", "vi", ("vi.4",), ("VP",), 6)
def act_dg_visit(c: Ctx) -> Piece:
    who, name = ("Tổng Giám đốc", DIRECTOR_GENERAL) if c.n % 2 == 0 else ("Phó Tổng Giám đốc", c.pick(DEPUTIES))
    title = f"{who} {name} làm việc với {c.bhxh}"
    summary = f"Đoàn công tác đánh giá tình hình thực hiện nhiệm vụ {vn_quarter(c.day)} của {c.bhxh}."
    body = md(
        f"Ngày {vn_date(c.day)}, {who} BHXH Việt Nam {name} và đoàn công tác đã làm việc với {c.bhxh} về "
        "tình hình thực hiện nhiệm vụ chính trị được giao.",
        f"Báo cáo tại buổi làm việc cho biết, đến nay toàn tỉnh có {vn_int(c.num(150, 1900) * 1000)} người tham "
        f"gia BHXH bắt buộc, tỷ lệ bao phủ BHYT đạt {vn_dec(c.num(900, 985) / 10)}% dân số. Số tiền chậm đóng "
        f"chiếm {vn_dec(c.num(20, 65) / 10)}% số phải thu.",
        f"Kết luận buổi làm việc, {who} đề nghị đơn vị:",
        bullets(
            [
                "Bám sát chỉ tiêu được giao, phối hợp với chính quyền địa phương trong phát triển người tham gia;",
                "Tăng cường thanh tra, kiểm tra chuyên ngành đóng, giảm số tiền chậm đóng;",
                "Kiểm soát chặt chẽ chi phí khám bệnh, chữa bệnh BHYT;",
                "Đẩy mạnh giao dịch điện tử, nâng cao chất lượng phục vụ.",
            ]
        ),
    )
    return Piece(title, summary, body, {"occurred_on": c.day.isoformat()})


@template("unit_activity", "vi", ("vi.1.1",), ("TTTT",), 2)
def act_council(c: Ctx) -> Piece:
    q = vn_quarter(c.day)
    title = f"Hội đồng quản lý BHXH Việt Nam họp phiên thường kỳ {q}"
    if c.n % 2:
        title = f"Hội đồng quản lý BHXH Việt Nam họp phiên chuyên đề về đầu tư quỹ {q}"
    summary = "Hội đồng xem xét báo cáo tình hình thu, chi và quản lý, đầu tư các quỹ bảo hiểm."
    body = md(
        f"Ngày {vn_date(c.day)}, Hội đồng quản lý BHXH Việt Nam họp phiên thường kỳ {q}.",
        summary + " Hội đồng cũng cho ý kiến về dự toán chi phí quản lý năm sau và kế hoạch kiểm tra, giám sát.",
        bullets(
            [
                "Thông qua báo cáo kết quả đầu tư quỹ, bảo đảm an toàn, có lãi;",
                "Yêu cầu tiếp tục kiểm soát chặt chẽ chi khám bệnh, chữa bệnh BHYT;",
                "Thống nhất chương trình giám sát tại một số địa phương trong quý tới.",
            ]
        ),
    )
    return Piece(title, summary, body, {"occurred_on": c.day.isoformat()})


@template("unit_activity", "vi", ("vi.2",), ("VKH", "VTCCB", "VTDKT", "VTCKT", "BQLDA-CNTT", "BQLDA-DTXD"), 6)
def act_units(c: Ctx) -> Piece:
    by_unit = {
        "VKH": (
            "Viện Khoa học BHXH tổ chức hội thảo “Chính sách BHXH trước xu hướng già hóa dân số”",
            "Hội thảo thu hút nhiều nhà khoa học, chuyên gia trong và ngoài Ngành tham gia.",
        ),
        "VTCCB": (
            f"Vụ Tổ chức cán bộ triển khai đánh giá, xếp loại công chức, viên chức năm {c.day.year}",
            "Việc đánh giá thực hiện theo tiêu chí lượng hóa, gắn với kết quả thực hiện nhiệm vụ.",
        ),
        "VTDKT": (
            f"Phát động phong trào thi đua hoàn thành nhiệm vụ chính trị năm {c.day.year}",
            "Phong trào hướng tới mục tiêu phục vụ người dân, doanh nghiệp ngày càng tốt hơn.",
        ),
        "VTCKT": (
            f"Tập huấn công tác quyết toán tài chính năm {c.day.year} cho BHXH các tỉnh",
            "Lớp tập huấn cập nhật quy định mới về quản lý tài chính đối với BHXH, BHYT, BHTN.",
        ),
        "BQLDA-CNTT": (
            "Ban Quản lý các dự án Công nghệ thông tin kiểm tra tiến độ nâng cấp trung tâm dữ liệu",
            "Các hạng mục chính bảo đảm tiến độ, dự kiến vận hành thử trong quý tới.",
        ),
        "BQLDA-DTXD": (
            f"Kiểm tra tiến độ xây dựng trụ sở {c.bhxh}",
            "Công trình đã hoàn thành phần thô, đang thi công hoàn thiện và lắp đặt thiết bị.",
        ),
    }
    title, summary = by_unit[c.unit]
    body = md(
        f"Ngày {vn_date(c.day)}, {c.unit_name} đã tổ chức triển khai nội dung trên với sự tham gia của đại diện "
        "lãnh đạo các đơn vị liên quan.",
        summary,
        f"Lãnh đạo {c.unit_name} đề nghị các đơn vị chủ động phối hợp, báo cáo kết quả thực hiện đúng thời hạn.",
    )
    return Piece(title, summary, body, {"occurred_on": c.day.isoformat()})


@template("unit_activity", "vi", ("vi.2",), ("TTCSKH",), 2)
def act_call_centre(c: Ctx) -> Piece:
    calls = c.num(60, 140) * 1000
    title = f"Tổng đài {HOTLINE} tiếp nhận {vn_int(calls)} cuộc gọi trong tháng {c.day.month}/{c.day.year}"
    summary = f"Tỷ lệ cuộc gọi được giải đáp ngay đạt {c.num(88, 97)}%, chủ yếu về chế độ BHYT và BHXH một lần."
    body = md(
        summary,
        table(
            ("Nhóm nội dung", "Số cuộc gọi", "Tỷ lệ (%)"),
            (
                ("Bảo hiểm y tế", vn_int(calls * 38 // 100), "38"),
                ("Bảo hiểm xã hội", vn_int(calls * 34 // 100), "34"),
                ("Bảo hiểm thất nghiệp", vn_int(calls * 9 // 100), "9"),
                ("Ứng dụng VssID, giao dịch điện tử", vn_int(calls * 19 // 100), "19"),
            ),
        ),
        "Các câu hỏi phức tạp được chuyển đến đơn vị nghiệp vụ và trả lời lại người dân trong thời hạn quy định.",
    )
    return Piece(title, summary, body, {"occurred_on": c.day.isoformat()})


@template("unit_activity", "vi", ("vi.10",), ("VHTQT",), 1)
def act_bilateral(c: Ctx) -> Piece:
    title = "Tập huấn triển khai các Hiệp định song phương về BHXH"
    summary = "Lớp tập huấn hướng dẫn việc cấp giấy chứng nhận áp dụng pháp luật và cộng dồn thời gian đóng."
    body = md(
        summary,
        "Việt Nam hiện đã ký hiệp định về BHXH với Hàn Quốc và Nhật Bản, đang đàm phán với một số nước khác. "
        "Người lao động thuộc phạm vi hiệp định được miễn đóng trùng và bảo đảm quyền lợi khi làm việc ở nước ngoài.",
    )
    return Piece(title, summary, body, {"occurred_on": c.day.isoformat()})


# ============================================================================ documents


LAWS = (
    ("Luật Bảo hiểm xã hội số 41/2024/QH15", date(2024, 6, 29)),
    ("Luật Bảo hiểm y tế số 51/2024/QH15 sửa đổi, bổ sung", date(2024, 11, 27)),
    ("Luật Việc làm số 74/2025/QH15", date(2025, 6, 16)),
    ("Luật An toàn, vệ sinh lao động số 84/2015/QH13", date(2015, 6, 25)),
)


@template("legal_document", "vi", ("vi.3.1",), ("VP",), 7)
def doc_legal(c: Ctx) -> Piece:
    y = c.day.year
    n = c.num(12, 380)
    issued = c.before(6, 25)
    specs = (
        (
            f"Nghị định số {n}/{y}/NĐ-CP điều chỉnh lương hưu, trợ cấp BHXH và trợ cấp hằng tháng",
            "Chính phủ",
            "điều chỉnh lương hưu, trợ cấp BHXH và trợ cấp hằng tháng đối với người đang hưởng",
        ),
        (
            f"Thông tư số {n % 60 + 1}/{y}/TT-BNV hướng dẫn điều chỉnh tiền lương và thu nhập tháng đã đóng BHXH",
            "Bộ Nội vụ",
            "hướng dẫn điều chỉnh tiền lương và thu nhập tháng đã đóng BHXH",
        ),
        (
            f"Thông tư số {n % 50 + 1}/{y}/TT-BYT quy định danh mục thuốc thuộc phạm vi được hưởng của người "
            "tham gia BHYT",
            "Bộ Y tế",
            "quy định danh mục, tỷ lệ, điều kiện thanh toán đối với thuốc thuộc phạm vi được hưởng BHYT",
        ),
        (
            f"Nghị định số {n}/{y}/NĐ-CP quy định chi tiết một số điều của Luật Bảo hiểm y tế",
            "Chính phủ",
            "quy định chi tiết đối tượng, mức đóng, mức hưởng và phương thức thanh toán chi phí BHYT",
        ),
        (
            f"Thông tư số {n % 90 + 1}/{y}/TT-BTC hướng dẫn cơ chế quản lý tài chính về BHXH, BHYT, BHTN",
            "Bộ Tài chính",
            "hướng dẫn cơ chế quản lý tài chính về BHXH, BHYT, BHTN và chi phí quản lý",
        ),
        (
            f"Nghị định số {n}/{y}/NĐ-CP quy định chi tiết Luật Việc làm về bảo hiểm thất nghiệp",
            "Chính phủ",
            "quy định chi tiết về đóng, hưởng bảo hiểm thất nghiệp và hỗ trợ đào tạo, duy trì việc làm",
        ),
        (
            f"Nghị định số {n}/{y}/NĐ-CP quy định mức hỗ trợ tiền đóng BHXH tự nguyện",
            "Chính phủ",
            "quy định mức hỗ trợ của Nhà nước đối với người tham gia BHXH tự nguyện",
        ),
    )
    title, issuer, scope = specs[c.n % len(specs)]
    effective = issued + timedelta(days=c.pick((15, 30, 45)))
    summary = f"Văn bản {scope}, có hiệu lực thi hành từ ngày {vn_date(effective)}."
    body = md(
        f"Ngày {vn_date(issued)}, {issuer} ban hành {title[0].lower() + title[1:]}.",
        summary,
        "Những nội dung chính:",
        bullets(
            [
                "Phạm vi điều chỉnh và đối tượng áp dụng;",
                "Nguyên tắc, mức điều chỉnh và thời điểm áp dụng;",
                "Trách nhiệm của các bộ, ngành, Ủy ban nhân dân cấp tỉnh và BHXH Việt Nam;",
                "Điều khoản chuyển tiếp.",
            ]
        ),
        "Toàn văn văn bản được đăng tải kèm theo.",
    )
    meta = {
        "number": number_in(title),
        "issuer": issuer,
        "issued_on": issued.isoformat(),
        "effective_on": effective.isoformat(),
        "cleared_on": c.before(0, 3).isoformat(),
    }
    return Piece(title, summary, body, meta)


@template("legal_document", "vi", ("vi.3.2",), ("VP",), 3)
def doc_vss_procedure(c: Ctx) -> Piece:
    no = c.doc_no("QĐ-BHXH")
    subject = (
        "Quy trình thu BHXH, BHYT, BHTN, bảo hiểm tai nạn lao động, bệnh nghề nghiệp; quản lý sổ BHXH, thẻ BHYT",
        "Quy trình giải quyết hưởng các chế độ BHXH, chi trả các chế độ BHXH, BHTN",
        "Quy trình giám định BHYT",
    )[c.n % 3]
    title = f"Quyết định số {no} ban hành {subject}"
    issued = c.before(3, 20)
    summary = (
        f"Quyết định có hiệu lực từ ngày {vn_date(issued + timedelta(days=15))}, thay thế các quy trình trước đây."
    )
    body = md(
        f"Ngày {vn_date(issued)}, Tổng Giám đốc BHXH Việt Nam ký Quyết định số {no} ban hành {subject}.",
        summary,
        "Quy trình mới rút ngắn thời gian giải quyết, tăng cường giao dịch điện tử và khai thác dữ liệu dân cư "
        "để giảm thành phần hồ sơ người dân phải nộp.",
    )
    meta = {
        "number": no,
        "issuer": "Bảo hiểm xã hội Việt Nam",
        "issued_on": issued.isoformat(),
        "effective_on": (issued + timedelta(days=15)).isoformat(),
        "cleared_on": c.before(0, 2).isoformat(),
    }
    return Piece(title, summary, body, meta)


@template("direction_document", "vi", ("vi.3.2", "vi.4"), ("VP",), 9)
def doc_direction(c: Ctx) -> Piece:
    y = c.day.year
    specs = (
        ("BHXH-CSXH", "Công văn", "hướng dẫn thực hiện chế độ thai sản theo Luật BHXH năm 2024"),
        ("CĐ-BHXH", "Công điện", f"chi trả lương hưu, trợ cấp BHXH trước Tết Nguyên đán {y + 1}"),
        ("CT-BHXH", "Chỉ thị", "tăng cường công tác thu, giảm số tiền chậm đóng BHXH, BHYT, BHTN"),
        ("BHXH-TST", "Công văn", "cấp lại, đổi thẻ BHYT khi thông tin được xác thực với dữ liệu dân cư"),
        ("QĐ-BHXH", "Quyết định", f"giao chỉ tiêu phát triển người tham gia BHXH, BHYT năm {y + 1}"),
        ("BHXH-CSYT", "Công văn", "tăng cường kiểm soát chi phí khám bệnh, chữa bệnh BHYT"),
        ("BHXH-VP", "Công văn", "thực hiện cải cách hành chính, nâng cao chỉ số hài lòng"),
        ("CĐ-BHXH", "Công điện", "bảo đảm quyền lợi người tham gia BHXH, BHYT tại vùng bị ảnh hưởng bởi bão, lũ"),
        ("BHXH-CNTT", "Công văn", "bảo đảm an toàn thông tin hệ thống giao dịch điện tử"),
    )
    suffix, kind, subject = specs[c.n % len(specs)]
    no = c.doc_no(suffix)
    issued = c.before(1, 12)
    title = f"{kind} số {no} về việc {subject}"
    summary = "BHXH Việt Nam yêu cầu BHXH các tỉnh, thành phố và các đơn vị trực thuộc khẩn trương triển khai."
    body = md(
        f"Ngày {vn_date(issued)}, BHXH Việt Nam ban hành {kind.lower()} số {no} về việc {subject}.",
        summary,
        "Các đơn vị được yêu cầu:",
        bullets(
            [
                "Quán triệt nội dung văn bản đến từng cán bộ, công chức, viên chức;",
                "Chủ động phối hợp với các sở, ngành liên quan tại địa phương;",
                f"Báo cáo kết quả thực hiện về BHXH Việt Nam trước ngày {vn_date(issued + timedelta(days=30))}.",
            ]
        ),
    )
    meta = {
        "number": no,
        "issuer": "Bảo hiểm xã hội Việt Nam",
        "issued_on": issued.isoformat(),
        "cleared_on": c.before(0, 1).isoformat(),
    }
    return Piece(title, summary, body, meta)


@template("direction_document", "vi", ("vi.14",), ("VTCKT",), 4)
def doc_finance(c: Ctx) -> Piece:
    y = c.day.year
    no = c.doc_no("QĐ-BHXH")
    subject = (
        f"công bố công khai dự toán ngân sách năm {y} của BHXH Việt Nam",
        f"công bố công khai quyết toán ngân sách năm {y - 1}",
        f"công khai tình hình thực hiện dự toán ngân sách {vn_quarter(c.day)}",
        f"công khai tình hình quản lý, sử dụng tài sản công năm {y - 1}",
    )[c.n % 4]
    issued = c.before(2, 15)
    title = f"Quyết định số {no} về việc {subject}"
    summary = "Số liệu chi tiết được công khai theo biểu mẫu quy định tại Thông tư hướng dẫn của Bộ Tài chính."
    body = md(
        f"Thực hiện quy định về công khai ngân sách, ngày {vn_date(issued)}, BHXH Việt Nam ban hành Quyết định "
        f"số {no} về việc {subject}.",
        table(
            ("Nội dung", "Dự toán (tỷ đồng)", "Thực hiện (tỷ đồng)"),
            (
                ("Chi quản lý bộ máy", vn_int(c.num(9000, 14000)), vn_int(c.num(6000, 9000))),
                ("Chi đầu tư phát triển", vn_int(c.num(1200, 2600)), vn_int(c.num(500, 1200))),
                ("Chi ứng dụng công nghệ thông tin", vn_int(c.num(900, 1800)), vn_int(c.num(400, 900))),
            ),
        ),
        summary,
    )
    meta = {
        "number": no,
        "issuer": "Bảo hiểm xã hội Việt Nam",
        "issued_on": issued.isoformat(),
        "cleared_on": c.before(0, 2).isoformat(),
    }
    return Piece(title, summary, body, meta)


@template("draft_for_comment", "vi", ("vi.15",), ("VP",), 7)
def doc_draft(c: Ctx) -> Piece:
    specs = (
        ("Quyết định ban hành Quy trình giám định BHYT", "Ban Thực hiện chính sách BHYT"),
        ("Quyết định sửa đổi, bổ sung Quy trình thu BHXH, BHYT, BHTN", "Ban Quản lý Thu - Sổ, Thẻ"),
        ("Quy định về quản lý, sử dụng chữ ký số trong Ngành BHXH Việt Nam", "Trung tâm Công nghệ thông tin"),
        ("Quy chế phối hợp giữa BHXH Việt Nam và Tổng Liên đoàn Lao động Việt Nam", "Vụ Pháp chế"),
        ("Quyết định ban hành Quy trình giải quyết hưởng chế độ BHXH một lần", "Ban Thực hiện chính sách BHXH"),
        ("Quy chế tiếp nhận, xử lý phản ánh, kiến nghị của người dân, doanh nghiệp", "Văn phòng"),
        ("Quy định về cung cấp dịch vụ công trực tuyến toàn trình của Ngành BHXH", "Trung tâm Công nghệ thông tin"),
    )
    what, drafter = specs[c.n % len(specs)]
    opens = c.day
    closes = opens + timedelta(days=c.pick((30, 45, 60)))
    title = f"Lấy ý kiến góp ý Dự thảo {what}"
    summary = f"Ý kiến góp ý gửi về {drafter} trước ngày {vn_date(closes)}."
    body = md(
        f"Thực hiện quy định về xây dựng, ban hành văn bản, {drafter} chủ trì soạn thảo Dự thảo {what}. Để hoàn "
        "thiện dự thảo trước khi trình ban hành, BHXH Việt Nam trân trọng đề nghị các cơ quan, tổ chức, cá nhân "
        "nghiên cứu, góp ý.",
        "Nội dung góp ý tập trung vào:",
        bullets(
            [
                "Sự phù hợp với Luật BHXH, Luật BHYT và các văn bản hướng dẫn;",
                "Tính khả thi của các bước thực hiện và thời hạn giải quyết;",
                "Các thành phần hồ sơ, biểu mẫu có thể cắt giảm.",
            ]
        ),
        f"Thời gian lấy ý kiến: từ ngày {vn_date(opens)} đến hết ngày {vn_date(closes)}. Ý kiến góp ý gửi bằng "
        f"văn bản hoặc thư điện tử về {drafter}, BHXH Việt Nam, {VSS_ADDRESS}.",
    )
    meta = {"drafting_unit": drafter, "comment_from": opens.isoformat(), "comment_until": closes.isoformat()}
    return Piece(title, summary, body, meta)


# ====================================================================== policy guidance (vi)

POLICY_TOPICS: tuple[tuple[str, int, str, str, tuple[str, ...]], ...] = (
    # (title, law index in LAWS, field, lead paragraph, list)
    (
        "Hướng dẫn thủ tục hưởng chế độ thai sản",
        0,
        "BHXH",
        "Lao động nữ sinh con được hưởng chế độ thai sản khi đã đóng BHXH từ đủ 6 tháng trở lên trong thời gian "
        "12 tháng trước khi sinh con. Hồ sơ gồm:",
        (
            "Bản sao giấy khai sinh hoặc trích lục khai sinh của con (nếu chưa được liên thông dữ liệu);",
            "Giấy ra viện hoặc giấy xác nhận của cơ sở khám bệnh, chữa bệnh nếu sinh con phải phẫu thuật;",
            "Người lao động nộp hồ sơ cho người sử dụng lao động trong thời hạn 45 ngày kể từ ngày trở lại làm việc;",
            "Người sử dụng lao động lập danh sách đề nghị gửi cơ quan BHXH, ưu tiên qua giao dịch điện tử.",
        ),
    ),
    (
        "Điều kiện hưởng lương hưu theo Luật BHXH năm 2024",
        0,
        "BHXH",
        "Từ ngày 01/7/2025, số năm đóng BHXH tối thiểu để hưởng lương hưu giảm từ 20 năm xuống 15 năm. Người lao "
        "động được hưởng lương hưu khi:",
        (
            "Đủ tuổi nghỉ hưu theo lộ trình của Bộ luật Lao động (năm 2026: nam 61 tuổi 6 tháng, nữ 57 tuổi);",
            "Có thời gian đóng BHXH bắt buộc từ đủ 15 năm trở lên;",
            "Người suy giảm khả năng lao động hoặc làm nghề nặng nhọc, độc hại được nghỉ hưu sớm hơn theo quy định.",
        ),
    ),
    (
        "Trợ cấp hưu trí xã hội: ai được hưởng, mức hưởng bao nhiêu?",
        0,
        "BHXH",
        "Trợ cấp hưu trí xã hội là chính sách mới của Luật BHXH năm 2024, dành cho công dân Việt Nam không có "
        "lương hưu hoặc trợ cấp BHXH hằng tháng. Điều kiện hưởng:",
        (
            "Từ đủ 75 tuổi trở lên; hoặc từ đủ 70 đến dưới 75 tuổi thuộc hộ nghèo, hộ cận nghèo;",
            "Không hưởng lương hưu, trợ cấp BHXH hằng tháng hoặc trợ cấp ưu đãi người có công hằng tháng;",
            "Có văn bản đề nghị hưởng trợ cấp hưu trí xã hội gửi Ủy ban nhân dân cấp xã.",
        ),
    ),
    (
        "Những trường hợp được hưởng BHXH một lần",
        0,
        "BHXH",
        "Luật BHXH năm 2024 quy định chặt chẽ hơn việc hưởng BHXH một lần nhằm bảo đảm an sinh lâu dài cho người "
        "lao động. Người lao động được hưởng BHXH một lần khi thuộc một trong các trường hợp:",
        (
            "Đủ tuổi nghỉ hưu mà chưa đủ 15 năm đóng BHXH và không tiếp tục tham gia;",
            "Ra nước ngoài để định cư;",
            "Đang mắc bệnh ung thư, bại liệt, xơ gan mất bù, lao nặng, AIDS hoặc bệnh hiểm nghèo theo danh mục;",
            "Có thời gian đóng trước ngày 01/7/2025, sau 12 tháng không thuộc diện tham gia bắt buộc và không "
            "tham gia tự nguyện, thời gian đóng chưa đủ 20 năm.",
        ),
    ),
    (
        "Chế độ ốm đau: điều kiện, thời gian và mức hưởng",
        0,
        "BHXH",
        "Người lao động nghỉ việc do ốm đau, tai nạn không phải tai nạn lao động hoặc để chăm sóc con dưới 7 tuổi "
        "bị ốm được hưởng chế độ ốm đau. Thời gian hưởng trong một năm:",
        (
            "30 ngày nếu đã đóng BHXH dưới 15 năm;",
            "40 ngày nếu đã đóng từ đủ 15 năm đến dưới 30 năm;",
            "60 ngày nếu đã đóng từ đủ 30 năm trở lên;",
            "Mức hưởng bằng 75% tiền lương làm căn cứ đóng BHXH của tháng gần nhất trước khi nghỉ việc.",
        ),
    ),
    (
        "Điều kiện hưởng trợ cấp thất nghiệp theo Luật Việc làm năm 2025",
        2,
        "BHTN",
        "Từ ngày 01/01/2026, chế độ bảo hiểm thất nghiệp được thực hiện theo Luật Việc làm năm 2025. Người lao "
        "động được hưởng trợ cấp thất nghiệp khi:",
        (
            "Chấm dứt hợp đồng lao động, hợp đồng làm việc (trừ trường hợp đơn phương chấm dứt trái pháp luật);",
            "Đã đóng BHTN từ đủ 12 tháng trở lên trong thời gian 24 tháng trước khi chấm dứt hợp đồng;",
            "Đã nộp hồ sơ hưởng trong thời hạn 3 tháng kể từ ngày chấm dứt hợp đồng;",
            "Chưa tìm được việc làm sau 10 ngày kể từ ngày nộp đủ hồ sơ.",
        ),
    ),
    (
        "Quyền lợi khi khám bệnh, chữa bệnh BHYT",
        1,
        "BHYT",
        "Luật BHYT sửa đổi, bổ sung năm 2024 mở rộng quyền lợi cho người tham gia, đặc biệt khi khám bệnh, chữa "
        "bệnh không qua cơ sở đăng ký ban đầu. Một số điểm cần lưu ý:",
        (
            "Mang theo căn cước hoặc sử dụng VNeID, VssID thay thẻ BHYT giấy;",
            "Đi khám đúng cấp chuyên môn kỹ thuật để được hưởng đầy đủ quyền lợi;",
            "Người có thời gian tham gia BHYT 5 năm liên tục được miễn cùng chi trả khi số tiền cùng chi trả "
            "trong năm vượt 6 tháng lương cơ sở;",
            "Trường hợp cấp cứu được khám bệnh, chữa bệnh tại bất kỳ cơ sở nào.",
        ),
    ),
    (
        "Mức đóng BHYT hộ gia đình",
        1,
        "BHYT",
        f"Mức đóng BHYT hộ gia đình bằng 4,5% mức lương cơ sở ({vn_int(BASE_SALARY)} đồng), giảm dần từ "
        "người thứ hai trong hộ:",
        (
            f"Người thứ nhất: {vn_int(BASE_SALARY * 45 // 1000 * 12)} đồng/năm;",
            f"Người thứ hai: {vn_int(BASE_SALARY * 45 // 1000 * 12 * 70 // 100)} đồng/năm (70% người thứ nhất);",
            f"Người thứ ba: {vn_int(BASE_SALARY * 45 // 1000 * 12 * 60 // 100)} đồng/năm (60%);",
            f"Người thứ tư: {vn_int(BASE_SALARY * 45 // 1000 * 12 * 50 // 100)} đồng/năm (50%);",
            f"Từ người thứ năm: {vn_int(BASE_SALARY * 45 // 1000 * 12 * 40 // 100)} đồng/năm (40%).",
        ),
    ),
    (
        "Chế độ tử tuất: trợ cấp mai táng và trợ cấp tuất",
        0,
        "BHXH",
        "Khi người tham gia hoặc đang hưởng BHXH qua đời, thân nhân được hưởng các chế độ sau:",
        (
            f"Trợ cấp mai táng bằng 10 lần mức tham chiếu ({vn_int(10 * BASE_SALARY)} đồng);",
            "Trợ cấp tuất hằng tháng cho thân nhân đủ điều kiện (con chưa đủ 18 tuổi, cha mẹ, vợ hoặc chồng "
            "hết tuổi lao động không có thu nhập...);",
            "Trợ cấp tuất một lần nếu không có thân nhân hưởng trợ cấp hằng tháng hoặc thân nhân lựa chọn.",
        ),
    ),
    (
        "Chế độ tai nạn lao động, bệnh nghề nghiệp: những điều người lao động cần biết",
        3,
        "BHXH",
        "Quỹ bảo hiểm tai nạn lao động, bệnh nghề nghiệp do người sử dụng lao động đóng, người lao động không "
        "phải đóng. Quyền lợi gồm:",
        (
            "Trợ cấp một lần hoặc hằng tháng tùy theo mức suy giảm khả năng lao động;",
            "Hỗ trợ phương tiện trợ giúp sinh hoạt, dụng cụ chỉnh hình;",
            "Trợ cấp phục vụ đối với người bị suy giảm từ 81% trở lên mà bị liệt cột sống, mù hai mắt;",
            "Hỗ trợ chuyển đổi nghề nghiệp khi trở lại làm việc.",
        ),
    ),
    (
        "Chế độ thai sản đối với lao động nam khi vợ sinh con",
        0,
        "BHXH",
        "Lao động nam đang đóng BHXH khi vợ sinh con được nghỉ việc hưởng chế độ thai sản trong 60 ngày đầu kể "
        "từ ngày vợ sinh con (có thể nghỉ nhiều lần, tối đa 3 lần):",
        (
            "05 ngày làm việc;",
            "07 ngày làm việc khi vợ sinh con phải phẫu thuật hoặc sinh con dưới 32 tuần tuổi;",
            "10 ngày làm việc khi vợ sinh đôi; từ sinh ba trở lên thì thêm 03 ngày cho mỗi con;",
            "14 ngày làm việc khi vợ sinh đôi trở lên mà phải phẫu thuật.",
        ),
    ),
    (
        "Những điểm mới về BHXH tự nguyện từ ngày 01/7/2025",
        0,
        "BHXH",
        "Người tham gia BHXH tự nguyện có thêm quyền lợi và được hỗ trợ nhiều hơn so với trước đây:",
        (
            f"Được hưởng trợ cấp thai sản {vn_int(2 * BASE_SALARY)} đồng khi sinh con;",
            "Được Nhà nước hỗ trợ tiền đóng từ 10% đến 30% tùy đối tượng;",
            "Được hưởng BHYT do quỹ BHXH đóng khi đang hưởng lương hưu;",
            "Thời gian đóng tối thiểu để hưởng lương hưu là 15 năm.",
        ),
    ),
)


def _guidance_meta(c: Ctx, law: str, fld: str, en: bool = False) -> dict[str, str]:
    """Guidance is due 10 working days after the text it explains is issued (Đ11.1a): the demo's
    guidance explains a recent decree detailing the law, so its clock is a live one."""
    n, issued = c.num(100, 380), c.before(2, 14)
    ref = (f"Decree No. {n}/{issued.year}/ND-CP detailing the {law}" if en
           else f"Nghị định số {n}/{issued.year}/NĐ-CP quy định chi tiết {law}")
    return {"law_reference": ref, "law_issued_on": issued.isoformat(), "field": fld}


@template("policy_guidance", "vi", ("vi.5",), ("TTTT",), 12)
@template("policy_guidance", "vi", ("vi.5",), (PROVINCE,), 14)
def policy_vi(c: Ctx) -> Piece:
    topic, law_i, fld, lead, items = POLICY_TOPICS[c.n % len(POLICY_TOPICS)]
    law, law_date = LAWS[law_i]
    round_ = c.n // len(POLICY_TOPICS)
    if c.unit == "TTTT":
        title = f"Tìm hiểu chính sách (kỳ {c.n + 1}): {topic}" if round_ else topic
    else:
        rest = topic.removeprefix("Hướng dẫn ")
        title = (
            f"{c.bhxh} hướng dẫn {rest}" if rest != topic else f"{c.bhxh} hướng dẫn về {topic[0].lower() + topic[1:]}"
        )
    summary = f"Những nội dung người lao động, người dân cần nắm theo {law}."
    body = md(
        lead,
        bullets(list(items)),
        f"Căn cứ pháp lý: {law}, ban hành ngày {vn_date(law_date)} và các văn bản hướng dẫn thi hành.",
        f"Mọi vướng mắc, người dân liên hệ cơ quan BHXH nơi cư trú hoặc Tổng đài {HOTLINE} để được giải đáp.",
    )
    return Piece(title, summary, body, _guidance_meta(c, law, fld))


@template("policy_guidance", "vi", ("vi.7",), ("TTTT",), 2)
def policy_forum(c: Ctx) -> Piece:
    title = (
        "Trao đổi nghiệp vụ: xác định tiền lương tháng đóng BHXH đối với các khoản phụ cấp",
        "Trao đổi nghiệp vụ: giải quyết chế độ cho người lao động có thời gian đóng ở nhiều tỉnh",
    )[c.n % 2]
    law = LAWS[0][0]
    summary = "Bài viết tổng hợp ý kiến trao đổi của cán bộ nghiệp vụ BHXH các tỉnh, thành phố."
    body = md(
        summary,
        "Thực tế giải quyết cho thấy còn cách hiểu khác nhau giữa các địa phương. Trung tâm Truyền thông đã tổng "
        "hợp, xin ý kiến các đơn vị nghiệp vụ và xin giới thiệu để cán bộ trong Ngành tham khảo.",
        f"Căn cứ: {law}.",
    )
    return Piece(title, summary, body, _guidance_meta(c, law, "BHXH"))


# ====================================================================== people and awards


@template("leadership_bio", "vi", ("vi.1.2",), ("VTCCB",), 4)
def bio_vi(c: Ctx) -> Piece:
    name = DEPUTIES[c.n % len(DEPUTIES)]
    born = c.num(1968, 1978)
    home = c.pick(("tỉnh Nghệ An", "tỉnh Thanh Hóa", "tỉnh Hưng Yên", "tỉnh Quảng Trị", "thành phố Hải Phòng"))
    position = "Phó Tổng Giám đốc Bảo hiểm xã hội Việt Nam"
    appointed = c.before(1, 20)
    title = f"Tiểu sử tóm tắt đồng chí {name}, {position}"
    degree = c.pick(("Tiến sĩ Kinh tế", "Thạc sĩ Quản lý công", "Tiến sĩ Luật", "Thạc sĩ Tài chính - Ngân hàng"))
    duties = c.pick(
        (
            "Phụ trách lĩnh vực thu, phát triển người tham gia và quản lý sổ, thẻ",
            "Phụ trách lĩnh vực thực hiện chính sách BHYT và giám định BHYT",
            "Phụ trách lĩnh vực công nghệ thông tin, chuyển đổi số và truyền thông",
            "Phụ trách lĩnh vực tài chính - kế toán, đầu tư quỹ",
        )
    )
    summary = f"Đồng chí {name} được bổ nhiệm giữ chức {position} từ ngày {vn_date(appointed)}."
    body = md(
        bullets(
            [
                f"Họ và tên: **{name}**",
                f"Năm sinh: {born}",
                f"Quê quán: {home}",
                f"Trình độ chuyên môn: {degree}; Cao cấp lý luận chính trị",
            ]
        ),
        "**Quá trình công tác:**",
        table(
            ("Thời gian", "Chức vụ, đơn vị công tác"),
            (
                (f"{born + 23} – {born + 31}", "Chuyên viên, BHXH " + c.pick(("tỉnh Nghệ An", "thành phố Hà Nội"))),
                (f"{born + 31} – {born + 39}", "Phó Trưởng ban, Trưởng ban thuộc BHXH Việt Nam"),
                (f"{born + 39} – {appointed.year}", f"Giám đốc {c.bhxh}"),
                (f"{appointed.month}/{appointed.year} – nay", position),
            ),
            right=99,
        ),
        f"**Nhiệm vụ được phân công:** {duties}.",
    )
    meta = {"person": name, "position": position, "appointed_on": appointed.isoformat(), "duties": duties}
    return Piece(title, summary, body, meta)


@template("training_recruitment", "vi", ("vi.2",), ("VTCCB",), 7)
def training(c: Ctx) -> Piece:
    y = c.day.year
    kind = c.n % 3
    centre = CENTRES[c.n % len(CENTRES)]
    if kind == 0:
        seats = c.num(6, 30)
        title = f"Thông báo tuyển dụng viên chức năm {y} của {centre}"
        until = c.after(20, 30)
        summary = f"{centre} tuyển dụng {seats} chỉ tiêu viên chức; hạn nộp phiếu đăng ký dự tuyển {vn_date(until)}."
        body = md(
            summary,
            table(
                ("Vị trí việc làm", "Trình độ", "Chỉ tiêu"),
                (
                    ("Chuyên viên công nghệ thông tin", "Đại học trở lên", seats // 3),
                    ("Chuyên viên truyền thông", "Đại học trở lên", seats // 3),
                    ("Kế toán viên", "Đại học trở lên", seats - 2 * (seats // 3)),
                ),
                right=2,
            ),
            "Hình thức tuyển dụng: thi tuyển qua hai vòng. Người dự tuyển nộp Phiếu đăng ký dự tuyển theo mẫu "
            "trực tiếp hoặc qua đường bưu chính.",
        )
        meta = {"kind": "tuyển dụng", "announce_on": c.day.isoformat(), "apply_until": until.isoformat()}
    elif kind == 1:
        title = f"Khai giảng lớp bồi dưỡng chương trình chuyên viên chính năm {y} (đợt {c.n // 3 + 1})"
        summary = f"Lớp học dành cho {c.num(60, 120)} công chức, viên chức của BHXH các tỉnh, thành phố."
        body = md(
            summary,
            "Chương trình gồm 3 phần: kiến thức chung về nền hành chính nhà nước; kỹ năng quản lý nhà nước; "
            "tìm hiểu thực tế và viết tiểu luận cuối khóa.",
        )
        meta = {"kind": "đào tạo", "announce_on": c.day.isoformat()}
    else:
        title = f"Thông báo kết quả xét tuyển viên chức đợt {c.n // 3 + 1} năm {y}"
        summary = "Danh sách thí sinh trúng tuyển được niêm yết tại trụ sở BHXH Việt Nam và đăng tải kèm theo."
        body = md(
            summary,
            f"Người trúng tuyển hoàn thiện hồ sơ tuyển dụng trong thời hạn 30 ngày kể từ ngày {vn_date(c.day)}.",
        )
        meta = {"kind": "tuyển dụng", "announce_on": c.day.isoformat()}
    return Piece(title, summary, body, meta)


@template("award", "vi", ("vi.2",), ("VTDKT",), 7)
def award(c: Ctx) -> Piece:
    no = c.doc_no("QĐ-BHXH")
    y = c.day.year
    kind = c.n % 3
    if kind == 0:
        n = c.num(25, 140)
        field = c.pick(("thu, phát triển người tham gia", "chuyển đổi số", "cải cách hành chính", "giám định BHYT"))
        title = f"Tặng Bằng khen của Tổng Giám đốc cho {n} tập thể, cá nhân có thành tích xuất sắc trong {field}"
        recipients = f"{n} tập thể, cá nhân thuộc BHXH các tỉnh, thành phố và các đơn vị trực thuộc"
    elif kind == 1:
        title = f"{c.bhxh} đón nhận Cờ thi đua của Chính phủ năm {y - 1}"
        recipients = c.bhxh
    else:
        n = c.num(30, 90)
        title = f"Công nhận danh hiệu Chiến sĩ thi đua Ngành BHXH Việt Nam năm {y - 1} (đợt {c.n // 3 + 1})"
        recipients = f"{n} cá nhân"
    summary = f"Theo Quyết định số {no}, khen thưởng {recipients}."
    body = md(
        summary,
        "Phong trào thi đua được phát động từ đầu năm với nhiều mô hình, cách làm hay, góp phần hoàn thành toàn "
        "diện các chỉ tiêu, nhiệm vụ được giao.",
        "Danh sách chi tiết kèm theo Quyết định.",
    )
    return Piece(
        title,
        summary,
        body,
        {"decision_number": no, "recipients": recipients, "cleared_on": c.before(0, 3).isoformat()},
    )


# ============================================================================ statistics, plans


def coverage_table(c: Ctx) -> tuple[str, int, int, int]:
    si = c.num(20_300, 21_400) * 1000 + c.num(0, 999)
    ui = c.num(16_400, 17_300) * 1000 + c.num(0, 999)
    hi = c.num(94_500, 96_800) * 1000 + c.num(0, 999)
    vol = c.num(2_200, 2_900) * 1000 + c.num(0, 999)
    rows = (
        ("BHXH bắt buộc", vn_int(si - vol)),
        ("BHXH tự nguyện", vn_int(vol)),
        ("Bảo hiểm thất nghiệp", vn_int(ui)),
        ("Bảo hiểm y tế", vn_int(hi)),
    )
    return table(("Loại hình", "Số người tham gia"), rows), si, ui, hi


@template("statistics", "vi", ("vi.17",), ("TTCNTT",), 6)
def stats_monthly(c: Ctx) -> Piece:
    # Three subjects, each once for the last month and once for the last quarter: titles never repeat.
    last = c.day.replace(day=1) - timedelta(days=1)
    period = f"tháng {last.month}/{last.year}" if c.n < 3 else vn_quarter(last - timedelta(days=31))
    subject = c.n % 3
    if subject == 0:
        tbl, si, _, hi = coverage_table(c)
        title = f"Số liệu người tham gia BHXH, BHYT, BHTN {period}"
        summary = (
            f"Cả nước có {vn_int(si)} người tham gia BHXH; tỷ lệ bao phủ BHYT đạt {vn_dec(hi / 1_012_000)}% dân số."
        )
    elif subject == 1:
        rows = (
            ("Hưởng lương hưu, trợ cấp BHXH hằng tháng", vn_int(c.num(3_300, 3_500) * 1000)),
            ("Hưởng BHXH một lần", vn_int(c.num(60, 95) * 1000)),
            ("Hưởng chế độ ốm đau, thai sản, dưỡng sức", vn_int(c.num(700, 1_400) * 1000)),
            ("Hưởng trợ cấp thất nghiệp", vn_int(c.num(70, 140) * 1000)),
        )
        tbl = table(("Chế độ", "Số người (lượt người)"), rows)
        title = f"Số liệu giải quyết hưởng các chế độ BHXH, BHTN {period}"
        summary = "Số người, lượt người được giải quyết hưởng các chế độ trong kỳ báo cáo."
    else:
        visits = c.num(14_000, 48_000) * 1000
        cost = c.num(9_000, 38_000)
        tbl = table(
            ("Chỉ tiêu", "Kết quả"),
            (
                ("Lượt khám bệnh, chữa bệnh BHYT", vn_int(visits)),
                ("Chi phí đề nghị thanh toán (tỷ đồng)", vn_int(cost)),
                ("Chi phí bình quân một lượt (nghìn đồng)", vn_int(cost * 1_000_000 // visits)),
            ),
        )
        title = f"Số liệu khám bệnh, chữa bệnh BHYT {period}"
        summary = f"Cả nước có {vn_int(visits)} lượt khám bệnh, chữa bệnh BHYT trong kỳ."
    body = md(summary, tbl, "Số liệu được tổng hợp từ cơ sở dữ liệu quốc gia về bảo hiểm, tính đến ngày cuối kỳ.")
    return Piece(title, summary, body, {"periodic": "định kỳ", "period": period})


@template("statistics", "vi", ("vi.14", "vi.17"), ("VTCKT",), 3)
def stats_funds(c: Ctx) -> Piece:
    q = vn_quarter(c.day - timedelta(days=92))  # the last full quarter
    collected = c.num(120_000, 190_000)
    paid = c.num(90_000, 150_000)
    subject = (
        "Tình hình thu, chi quỹ BHXH, BHYT, BHTN",
        "Kết quả thu và số tiền chậm đóng BHXH, BHYT, BHTN",
        "Tình hình đầu tư quỹ BHXH, BHYT, BHTN",
    )[c.n % 3]
    title = f"{subject} {q}"
    summary = f"Tổng thu {vn_int(collected)} tỷ đồng; tổng chi các chế độ {vn_int(paid)} tỷ đồng."
    body = md(
        summary,
        table(
            ("Quỹ", "Thu (tỷ đồng)", "Chi (tỷ đồng)"),
            (
                ("Quỹ hưu trí và tử tuất", vn_int(collected * 55 // 100), vn_int(paid * 62 // 100)),
                ("Quỹ ốm đau và thai sản", vn_int(collected * 6 // 100), vn_int(paid * 7 // 100)),
                ("Quỹ bảo hiểm y tế", vn_int(collected * 33 // 100), vn_int(paid * 28 // 100)),
                ("Quỹ bảo hiểm thất nghiệp", vn_int(collected * 6 // 100), vn_int(paid * 3 // 100)),
            ),
        ),
    )
    return Piece(title, summary, body, {"periodic": "định kỳ", "period": q})


@template("statistics", "vi", ("vi.17",), ("TTCNTT",), 2)
def stats_adhoc(c: Ctx) -> Piece:
    subject = ("người hưởng lương hưu theo nhóm tuổi", "người hưởng BHXH một lần theo thời gian đóng")[c.n % 2]
    title = f"Số liệu thống kê {subject} năm {c.day.year - 1}"
    groups = ("Dưới 60 tuổi", "Từ 60 đến 69 tuổi", "Từ 70 đến 79 tuổi", "Từ 80 tuổi trở lên")
    if c.n % 2:
        groups = ("Dưới 5 năm", "Từ 5 đến dưới 10 năm", "Từ 10 đến dưới 15 năm", "Từ 15 năm trở lên")
    rows = [(g, vn_int(c.num(90, 1400) * 1000)) for g in groups]
    summary = "Số liệu phục vụ nghiên cứu, hoạch định chính sách, được công bố theo đề nghị của Viện Khoa học BHXH."
    body = md(summary, table(("Nhóm", "Số người"), rows))
    return Piece(title, summary, body, {"periodic": "không định kỳ", "period": f"năm {c.day.year - 1}"})


@template("strategy_plan", "vi", ("vi.4",), ("VP",), 3)
def plan_vi(c: Ctx) -> Piece:
    y = c.day.year + 1
    title = (
        f"Kế hoạch thực hiện nhiệm vụ trọng tâm năm {y} của Ngành BHXH Việt Nam",
        f"Kế hoạch tuyên truyền chính sách BHXH, BHYT, BHTN năm {y}",
        f"Kế hoạch cải cách hành chính Ngành BHXH Việt Nam năm {y}",
    )[c.n % 3]
    summary = "Kế hoạch xác định mục tiêu, chỉ tiêu, nhiệm vụ và giải pháp, phân công trách nhiệm cho từng đơn vị."
    body = md(
        "**I. Mục tiêu**",
        bullets(
            [
                f"Tỷ lệ lực lượng lao động tham gia BHXH đạt {c.num(45, 50)}%;",
                f"Tỷ lệ bao phủ BHYT đạt trên {vn_dec(c.num(950, 960) / 10)}% dân số;",
                f"Tỷ lệ hồ sơ giao dịch điện tử đạt trên {c.num(95, 99)}%.",
            ]
        ),
        "**II. Nhiệm vụ, giải pháp**",
        bullets(
            [
                "Hoàn thiện thể chế, quy trình nghiệp vụ;",
                "Đẩy mạnh chuyển đổi số, khai thác cơ sở dữ liệu quốc gia;",
                "Nâng cao chất lượng phục vụ, lấy người dân, doanh nghiệp làm trung tâm.",
            ]
        ),
        "**III. Tổ chức thực hiện:** các đơn vị xây dựng kế hoạch chi tiết, báo cáo định kỳ hằng quý.",
    )
    return Piece(title, summary, body, {"period": f"năm {y}"})


@template("strategy_plan", "vi", ("vi.17",), ("TTCNTT",), 2)
def plan_digital(c: Ctx) -> Piece:
    title = (
        "Kế hoạch chuyển đổi số Ngành BHXH Việt Nam giai đoạn 2026 – 2030",
        f"Kế hoạch ứng dụng công nghệ thông tin, bảo đảm an toàn thông tin năm {c.day.year + 1}",
    )[c.n % 2]
    summary = "Kế hoạch hướng tới xây dựng BHXH số, dữ liệu là trung tâm, phục vụ người dân trên môi trường số."
    body = md(
        summary,
        table(
            ("Chỉ tiêu", "Năm 2026", "Năm 2030"),
            (
                ("Dịch vụ công trực tuyến toàn trình", "90%", "100%"),
                ("Hồ sơ được số hóa", "80%", "100%"),
                ("Người dân có tài khoản VssID", "60%", "80%"),
            ),
        ),
    )
    return Piece(title, summary, body, {"period": "2026 – 2030" if c.n % 2 == 0 else f"năm {c.day.year + 1}"})


@template("research", "vi", ("vi.13",), ("VKH",), 6)
def research_vi(c: Ctx) -> Piece:
    topics = (
        ("Giải pháp mở rộng diện bao phủ BHXH tự nguyện đối với lao động khu vực phi chính thức", "BHXH"),
        ("Đánh giá tác động của việc giảm số năm đóng tối thiểu để hưởng lương hưu", "BHXH"),
        ("Ứng dụng trí tuệ nhân tạo trong giám định chi phí khám bệnh, chữa bệnh BHYT", "BHYT"),
        ("Giải pháp hạn chế tình trạng hưởng BHXH một lần", "BHXH"),
        ("Dự báo cân đối quỹ hưu trí và tử tuất giai đoạn 2026 – 2060", "Tài chính bảo hiểm"),
        ("Mô hình chăm sóc dài hạn cho người cao tuổi và khả năng áp dụng tại Việt Nam", "An sinh xã hội"),
    )
    topic, fld = topics[c.n % len(topics)]
    accepted = c.n % 2 == 1
    stage = "nghiệm thu" if accepted else "phê duyệt"
    code = f"ĐT-{c.day.year - (1 if accepted else 0)}-{c.num(1, 24):02d}"
    level = c.pick(("cấp Ngành", "cấp cơ sở", "cấp Bộ"))
    title = f"{'Nghiệm thu' if accepted else 'Phê duyệt'} đề tài khoa học {level}: {topic}"
    lead = c.name()
    summary = f"Đề tài mã số {code}, chủ nhiệm: {lead}; đơn vị chủ trì: Viện Khoa học BHXH."
    result = (
        "Hội đồng nghiệm thu đánh giá đề tài đạt loại Khá, kết quả có giá trị tham khảo cho việc hoàn thiện chính sách."
        if accepted
        else "Đề tài được phê duyệt thực hiện trong 12 tháng, dự kiến nghiệm thu vào quý cuối năm."
    )
    body = md(summary, f"**Mục tiêu:** {topic[0].lower() + topic[1:]}.", result)
    meta = {
        "code": code,
        "level": level,
        "field": fld,
        "lead_unit": "Viện Khoa học Bảo hiểm xã hội",
        "duration": "12 tháng",
        "stage": stage,
        "approved_on": c.before(1, 15).isoformat(),
    }
    return Piece(title, summary, body, meta)


@template("investment_project", "vi", ("vi.9",), ("BQLDA-DTXD",), 4)
def project_building(c: Ctx) -> Piece:
    budget = c.num(35, 180) * 1_000_000_000
    status = c.pick(("chuẩn bị đầu tư", "đang triển khai", "đã hoàn tất"))
    title = f"Dự án đầu tư xây dựng trụ sở làm việc {c.bhxh}"
    summary = f"Tổng mức đầu tư {vn_int(budget)} đồng; tình trạng: {status}."
    body = md(
        summary,
        table(
            ("Thông tin", "Nội dung"),
            (
                ("Chủ đầu tư", "Ban Quản lý Dự án Đầu tư và Xây dựng Ngành BHXH"),
                ("Địa điểm", c.province),
                ("Quy mô", f"Nhà làm việc {c.num(5, 9)} tầng, diện tích sàn khoảng {vn_int(c.num(3000, 8000))} m²"),
                ("Thời gian thực hiện", f"{c.day.year} – {c.day.year + 2}"),
            ),
            right=99,
        ),
    )
    meta = {
        "objective": "Bảo đảm điều kiện làm việc và phục vụ người dân, doanh nghiệp",
        "field": "Xây dựng dân dụng",
        "project_type": "Dự án nhóm B" if budget > 120_000_000_000 else "Dự án nhóm C",
        "duration": f"{c.day.year} – {c.day.year + 2}",
        "budget": budget,
        "funding": "Nguồn chi đầu tư phát triển từ chi phí quản lý BHXH, BHYT, BHTN",
        "status": status,
        "bidding": "Đấu thầu rộng rãi trong nước, qua mạng",
        "approved_on": c.before(10, 60).isoformat(),
    }
    return Piece(title, summary, body, meta)


@template("investment_project", "vi", ("vi.9",), ("BQLDA-CNTT",), 4)
def project_it(c: Ctx) -> Piece:
    names = (
        "Nâng cấp hạ tầng Trung tâm dữ liệu Ngành BHXH Việt Nam",
        "Xây dựng hệ thống giám định BHYT thông minh",
        "Mua sắm thiết bị bảo đảm an toàn thông tin cho hệ thống giao dịch điện tử",
        "Xây dựng trung tâm dữ liệu dự phòng",
    )
    name = names[c.n % len(names)]
    budget = c.num(20, 420) * 1_000_000_000
    status = c.pick(("chuẩn bị đầu tư", "đang triển khai"))
    title = f"Dự án: {name}"
    summary = f"Tổng mức đầu tư {vn_int(budget)} đồng, thực hiện {c.day.year} – {c.day.year + 1}."
    body = md(
        summary,
        "Dự án nhằm bảo đảm hệ thống công nghệ thông tin của Ngành vận hành ổn định, an toàn, đáp ứng yêu cầu "
        "kết nối, chia sẻ dữ liệu với các cơ sở dữ liệu quốc gia.",
        "Thông tin lựa chọn nhà thầu được công khai trên Hệ thống mạng đấu thầu quốc gia.",
    )
    meta = {
        "objective": name,
        "field": "Công nghệ thông tin",
        "project_type": "Dự án nhóm B" if budget > 200_000_000_000 else "Dự án nhóm C",
        "duration": f"{c.day.year} – {c.day.year + 1}",
        "budget": budget,
        "funding": "Chi phí quản lý BHXH, BHYT, BHTN",
        "status": status,
        "bidding": "Đấu thầu rộng rãi quốc tế" if budget > 300_000_000_000 else "Đấu thầu rộng rãi trong nước",
        "approved_on": c.before(10, 60).isoformat(),
    }
    return Piece(title, summary, body, meta)


# ======================================================================== contact, provincial


def phone(c: Ctx) -> str:
    return f"0{c.num(203, 299)} {c.num(100, 999)} {c.num(1000, 9999)}"


def province_email(c: Ctx) -> str:
    return f"bhxh.{fold(c.place).lower().replace(' ', '')}@vss.gov.vn"


@template("provincial_info", "vi", ("vi.8", "vi.2"), (PROVINCE,), 24)
@template("provincial_info", "vi", ("vi.8",), ("BQP", "CAND"), 2)
def provincial_info(c: Ctx) -> Piece:
    sector = c.unit in ("BQP", "CAND")
    name = c.unit_name.replace("Bảo hiểm xã hội", "BHXH") if sector else c.bhxh
    director, deputy1, deputy2 = c.name(), c.name(), c.name()
    street = c.pick(("Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Hùng Vương", "Lý Thường Kiệt", "Quang Trung"))
    address = f"Số {c.num(2, 260)} đường {street}, {c.province}" if not sector else "Số 7 Tràng Thi, Hà Nội"
    tel = phone(c)
    email = province_email(c) if not sector else ("bhxh.bqp@vss.gov.vn" if c.unit == "BQP" else "bhxh.cand@vss.gov.vn")
    kind = c.n % 3
    if kind == 0:
        title = f"Thông tin liên hệ và lãnh đạo {name}"
    elif kind == 1:
        title = f"{name} thông báo số điện thoại đường dây nóng tiếp nhận phản ánh, kiến nghị"
    else:
        title = f"{name} thông báo thay đổi địa điểm tiếp nhận hồ sơ từ {vn_date(c.after(3, 20))}"
    summary = f"{name}: {address}; điện thoại {tel}; thư điện tử {email}."
    body = md(
        summary,
        table(
            ("Chức vụ", "Họ và tên", "Điện thoại"),
            (
                ("Giám đốc", director, phone(c)),
                ("Phó Giám đốc", deputy1, phone(c)),
                ("Phó Giám đốc", deputy2, phone(c)),
            ),
            right=99,
        ),
        "Thời gian tiếp nhận hồ sơ: sáng từ 7 giờ 30 đến 11 giờ 30, chiều từ 13 giờ 30 đến 17 giờ, từ thứ Hai đến "
        "thứ Sáu (trừ ngày lễ, Tết).",
    )
    meta = {
        "leaders": f"Giám đốc {director}; Phó Giám đốc {deputy1}, {deputy2}",
        "address": address,
        "phone": tel,
        "email": email,
    }
    return Piece(title, summary, body, meta)


@template("contact_info", "vi", ("vi.8", "vi.1.4"), ("VP",), 3)
def contact_vi(c: Ctx) -> Piece:
    title = (
        "Danh bạ điện thoại các đơn vị trực thuộc BHXH Việt Nam",
        "Địa chỉ, số điện thoại liên hệ của BHXH Việt Nam",
        "Đường dây nóng tiếp nhận phản ánh về thực hiện chính sách BHXH, BHYT",
    )[c.n % 3]
    summary = f"Trụ sở: {VSS_ADDRESS}. Tổng đài hỗ trợ: {HOTLINE}."
    body = md(
        summary,
        table(
            ("Đơn vị", "Điện thoại", "Thư điện tử"),
            (
                ("Văn phòng", "024 3936 1525", "vanphong@vss.gov.vn"),
                ("Trung tâm Truyền thông", "024 3995 6677", "truyenthong@vss.gov.vn"),
                ("Trung tâm Dịch vụ hỗ trợ, chăm sóc khách hàng", HOTLINE, "hotro@vss.gov.vn"),
                ("Trung tâm Công nghệ thông tin", "024 3995 6699", "cntt@vss.gov.vn"),
            ),
            right=99,
        ),
    )
    meta = {
        "address": VSS_ADDRESS,
        "phone": "024 3936 1525",
        "fax": "024 3936 1524",
        "email": "bhxhvn@vss.gov.vn",
        "website": "https://baohiemxahoi.gov.vn",
        "approved_on": c.before(0, 3).isoformat(),
    }
    return Piece(title, summary, body, meta)


# =================================================================================== Q&A (vi)


def retirement_age(female: bool) -> str:
    return "57 tuổi" if female else "61 tuổi 6 tháng"


def pension_rate(years: int, female: bool) -> int:
    if female:
        return min(75, 45 + 2 * (years - 15))
    if years >= 20:
        return min(75, 45 + 2 * (years - 20))
    return 40 + (years - 15)


def asker(c: Ctx) -> str:
    return f"{c.mr()} ({c.place})"


def qa_pension_rate(c: Ctx) -> tuple[str, str, str, str]:
    years = c.pick((15, 16, 18, 20, 22, 25, 28, 30))
    female = c.rng.random() < 0.5
    who = "lao động nữ" if female else "lao động nam"
    rate = pension_rate(years, female)
    q = f"Tôi là {who}, đã đóng BHXH được {years} năm. Khi nghỉ hưu, lương hưu của tôi được tính thế nào?"
    title = f"{who.capitalize()} đóng BHXH {years} năm thì lương hưu được tính bao nhiêu phần trăm?"
    rule = (
        "lao động nữ có 15 năm đóng BHXH được tính bằng 45%, sau đó cứ thêm mỗi năm đóng được tính thêm 2%, tối đa 75%"
        if female
        else "lao động nam có 20 năm đóng BHXH được tính bằng 45%, sau đó cứ thêm mỗi năm đóng được tính thêm 2%, "
        "tối đa 75%; trường hợp đóng từ đủ 15 năm đến dưới 20 năm thì 15 năm được tính bằng 40%, thêm mỗi năm "
        "được tính thêm 1%"
    )
    a = md(
        f"Theo Điều 66 Luật BHXH năm 2024, mức lương hưu hằng tháng của {rule}.",
        f"Như vậy, với {years} năm đóng BHXH, tỷ lệ hưởng lương hưu của bạn là **{rate}%** mức bình quân tiền "
        "lương làm căn cứ đóng BHXH. Trường hợp nghỉ hưu trước tuổi do suy giảm khả năng lao động thì mỗi năm "
        "nghỉ trước tuổi giảm 2%.",
        f"Năm 2026, tuổi nghỉ hưu trong điều kiện lao động bình thường của {who} là {retirement_age(female)}.",
    )
    return title, q, a, "BHXH"


def qa_maternity(c: Ctx) -> tuple[str, str, str, str]:
    months = c.pick((4, 5, 6, 7, 9))
    title = f"Sinh con khi mới đóng BHXH {months} tháng có được hưởng chế độ thai sản?"
    q = f"Tôi mới đi làm và đóng BHXH được {months} tháng thì sinh con. Tôi có được hưởng chế độ thai sản không?"
    if months >= 6:
        verdict = (
            f"Bạn đã đóng BHXH {months} tháng trong 12 tháng trước khi sinh con nên **đủ điều kiện** hưởng chế độ "
            "thai sản: nghỉ 6 tháng hưởng 100% mức bình quân tiền lương đóng BHXH và trợ cấp một lần bằng 2 lần "
            "mức tham chiếu cho mỗi con."
        )
    else:
        verdict = (
            f"Bạn mới đóng BHXH {months} tháng nên **chưa đủ điều kiện** hưởng chế độ thai sản. Tuy nhiên, nếu "
            "chồng bạn đang đóng BHXH thì chồng được nhận trợ cấp một lần khi vợ sinh con."
        )
    a = md(
        "Theo Điều 50 Luật BHXH năm 2024, lao động nữ sinh con phải đóng BHXH từ đủ 6 tháng trở lên trong thời "
        "gian 12 tháng trước khi sinh con.",
        verdict,
    )
    return title, q, a, "BHXH"


def qa_unemployment(c: Ctx) -> tuple[str, str, str, str]:
    months = c.pick((12, 18, 30, 36, 48, 60, 75, 100, 144))
    benefit = 0 if months < 12 else min(12, 3 + max(0, (months - 36) // 12))
    title = f"Đóng BHTN {months} tháng thì được hưởng trợ cấp thất nghiệp bao lâu?"
    q = f"Tôi đã đóng bảo hiểm thất nghiệp {months} tháng, nay nghỉ việc. Tôi được hưởng trợ cấp bao nhiêu tháng?"
    a = md(
        "Theo Luật Việc làm năm 2025, người lao động đóng đủ 12 tháng đến đủ 36 tháng được hưởng 3 tháng trợ "
        "cấp thất nghiệp; sau đó cứ đóng thêm đủ 12 tháng thì được hưởng thêm 1 tháng, tối đa không quá 12 tháng.",
        f"Với {months} tháng đóng, bạn được hưởng **{benefit} tháng** trợ cấp thất nghiệp. Mức hưởng hằng tháng "
        "bằng 60% bình quân tiền lương đóng BHTN của 6 tháng liền kề gần nhất trước khi nghỉ việc.",
        "Bạn cần nộp hồ sơ tại Trung tâm dịch vụ việc làm trong thời hạn 3 tháng kể từ ngày chấm dứt hợp đồng.",
    )
    return title, q, a, "BHTN"


def qa_family_hi(c: Ctx) -> tuple[str, str, str, str]:
    n = c.pick((2, 3, 4, 5, 6))
    base = BASE_SALARY * 45 // 1000 * 12
    shares = [100, 70, 60, 50] + [40] * 10
    total = sum(base * s // 100 for s in shares[:n])
    title = f"Mua BHYT hộ gia đình cho {n} thành viên phải đóng bao nhiêu tiền một năm?"
    q = f"Gia đình tôi có {n} người chưa có thẻ BHYT. Nếu tham gia BHYT hộ gia đình thì phải đóng bao nhiêu?"
    rows = [(f"Người thứ {i + 1}", f"{shares[i]}%", vn_int(base * shares[i] // 100)) for i in range(n)]
    a = md(
        f"Mức đóng BHYT hộ gia đình bằng 4,5% mức lương cơ sở ({vn_int(BASE_SALARY)} đồng/tháng) đối với người "
        "thứ nhất; từ người thứ hai đóng lần lượt bằng 70%, 60%, 50% và từ người thứ năm bằng 40% mức của người "
        "thứ nhất.",
        table(("Thành viên", "Tỷ lệ", "Số tiền/năm (đồng)"), rows),
        f"Tổng số tiền gia đình bạn phải đóng cho 12 tháng là **{vn_int(total)} đồng**.",
    )
    return title, q, a, "BHYT"


def qa_card_expired(c: Ctx) -> tuple[str, str, str, str]:
    d = c.before(2, 20)
    title = f"Thẻ BHYT hết hạn ngày {vn_date(d)}, đi khám có được quỹ BHYT thanh toán không?"
    q = f"Thẻ BHYT của tôi hết hạn ngày {vn_date(d)} nhưng chưa kịp gia hạn. Tôi đi khám bệnh có được hưởng BHYT?"
    a = md(
        "Quỹ BHYT chỉ thanh toán chi phí khám bệnh, chữa bệnh trong thời gian thẻ BHYT còn giá trị sử dụng.",
        "Trường hợp người bệnh đang điều trị nội trú mà thẻ hết hạn thì vẫn được quỹ BHYT thanh toán đến khi ra "
        "viện. Bạn nên gia hạn thẻ sớm, tránh gián đoạn thời gian tham gia BHYT liên tục.",
    )
    return title, q, a, "BHYT"


def qa_student(c: Ctx) -> tuple[str, str, str, str]:
    year = c.pick(("năm nhất", "năm hai", "năm ba", "năm cuối"))
    full = BASE_SALARY * 45 // 1000 * 12
    title = f"Sinh viên {year} tại {c.province} tham gia BHYT học sinh, sinh viên như thế nào?"
    q = f"Tôi là sinh viên {year}, đang học tại {c.province}. Tôi tham gia BHYT ở đâu và mức đóng bao nhiêu?"
    a = md(
        "Học sinh, sinh viên thuộc nhóm được ngân sách nhà nước hỗ trợ một phần tiền đóng BHYT và tham gia theo "
        "danh sách do cơ sở giáo dục lập, không phải tự đến cơ quan BHXH.",
        f"Mức đóng toàn phần bằng 4,5% mức lương cơ sở, tức {vn_int(full)} đồng/năm; phần người học phải đóng là "
        "số tiền còn lại sau khi trừ mức hỗ trợ của ngân sách trung ương và của địa phương (nếu có).",
        "Trường hợp bạn đã có thẻ BHYT theo nhóm khác (hộ nghèo, con của người có công...) thì không phải tham gia "
        "theo nhóm học sinh, sinh viên.",
    )
    return title, q, a, "BHYT"


def qa_hospital(c: Ctx) -> tuple[str, str, str, str]:
    title = f"Tự đi khám tại bệnh viện tỉnh ở {c.province}, có được quỹ BHYT chi trả không?"
    q = (
        f"Tôi đăng ký khám bệnh ban đầu ở trạm y tế xã nhưng muốn lên bệnh viện tỉnh ở {c.province} khám. "
        "Không có giấy chuyển tuyến thì có được hưởng BHYT không?"
    )
    a = md(
        "Theo Luật BHYT sửa đổi, bổ sung năm 2024, mức hưởng khi tự đi khám bệnh, chữa bệnh phụ thuộc vào cấp "
        "chuyên môn kỹ thuật của cơ sở (ban đầu, cơ bản, chuyên sâu) chứ không còn theo tuyến hành chính.",
        "Nếu bệnh viện bạn đến được xếp cấp cơ bản, bạn được quỹ BHYT thanh toán theo mức hưởng khi điều trị nội "
        "trú và một phần chi phí ngoại trú theo quy định; trường hợp cấp cứu thì được hưởng đầy đủ quyền lợi.",
        f"Để được tư vấn cụ thể theo bệnh viện, bạn liên hệ Tổng đài {HOTLINE}.",
    )
    return title, q, a, "BHYT"


def qa_lump_sum(c: Ctx) -> tuple[str, str, str, str]:
    years = c.pick((3, 5, 7, 8, 10, 12))
    title = f"Nghỉ việc sau {years} năm đóng BHXH, có được rút BHXH một lần?"
    q = f"Tôi đóng BHXH từ năm {2025 - years}, được {years} năm thì nghỉ việc. Tôi có được hưởng BHXH một lần không?"
    a = md(
        "Do bạn có thời gian đóng BHXH trước ngày 01/7/2025, theo điểm d khoản 1 Điều 70 Luật BHXH năm 2024, bạn "
        "được hưởng BHXH một lần nếu sau 12 tháng không thuộc diện tham gia BHXH bắt buộc, không tham gia BHXH tự "
        "nguyện và có thời gian đóng chưa đủ 20 năm.",
        "Tuy nhiên, BHXH Việt Nam khuyến nghị bạn cân nhắc bảo lưu thời gian đóng để tiếp tục tham gia, hướng tới "
        "hưởng lương hưu và được cấp thẻ BHYT miễn phí khi nghỉ hưu.",
    )
    return title, q, a, "BHXH"


def qa_vssid(c: Ctx) -> tuple[str, str, str, str]:
    title = c.pick(
        (
            "Quên mật khẩu ứng dụng VssID thì lấy lại thế nào?",
            "Tra cứu quá trình đóng BHXH ở đâu nhanh nhất?",
            "Thay đổi họ tên, ngày sinh trên sổ BHXH cần giấy tờ gì?",
        )
    )
    q = f"{title} Mong được hướng dẫn cụ thể."
    a = md(
        "Bạn có thể thực hiện trực tuyến trên ứng dụng VssID hoặc Cổng Dịch vụ công quốc gia:",
        bullets(
            [
                "Đăng nhập bằng tài khoản định danh điện tử VNeID mức độ 2;",
                "Chọn chức năng tương ứng và làm theo hướng dẫn;",
                "Nếu thông tin chưa khớp với Cơ sở dữ liệu quốc gia về dân cư, liên hệ cơ quan BHXH nơi cư trú.",
            ],
            numbered=True,
        ),
    )
    return title, q, a, "tổng hợp"


def qa_where(c: Ctx) -> tuple[str, str, str, str]:
    title = f"Làm việc tại {c.province} nhưng thường trú ở tỉnh khác thì nộp hồ sơ hưởng BHXH ở đâu?"
    q = f"Tôi làm việc tại {c.province} nhưng hộ khẩu thường trú ở tỉnh khác. Tôi nộp hồ sơ hưởng chế độ ở đâu?"
    a = md(
        "Bạn có thể nộp hồ sơ tại cơ quan BHXH bất kỳ trên toàn quốc, không phụ thuộc nơi cư trú hay nơi đóng BHXH.",
        "Cách thuận tiện nhất là nộp trực tuyến trên Cổng Dịch vụ công quốc gia hoặc ứng dụng VssID; kết quả được "
        "trả qua tài khoản VssID và tiền trợ cấp được chuyển vào tài khoản cá nhân của bạn.",
    )
    return title, q, a, "tổng hợp"


QA_MAKERS: dict[str, tuple[Callable[[Ctx], tuple[str, str, str, str]], ...]] = {
    "vi.6.2": (qa_pension_rate, qa_maternity, qa_lump_sum),
    "vi.6.3": (qa_family_hi, qa_card_expired, qa_student, qa_hospital),
    "vi.6.4": (qa_unemployment,),
    "vi.6.1": (qa_vssid, qa_where),
}


@template("qa_answer", "vi", ("vi.6.2", "vi.6.3", "vi.6.4", "vi.6.1", "vi.6.2", "vi.6.3"), ("TTCSKH",), 34)
def qa_vi(c: Ctx) -> Piece:
    maker = c.pick(QA_MAKERS[c.category])
    title, q, a, topic = maker(c)
    meta = {
        "question": q,
        "asker": asker(c),
        "topic": topic,
        "answer_received_on": c.before(0, 3).isoformat(),
    }
    return Piece(title, q, md("**Trả lời:**", a), meta)


@template("qa_answer", "vi", ("vi.16",), ("TTCSKH",), 4)
def qa_proposal(c: Ctx) -> Piece:
    proposals = (
        "Đề nghị bổ sung chức năng nhắc hạn đóng BHXH tự nguyện trên ứng dụng VssID",
        f"Kiến nghị rút ngắn thời gian cấp lại thẻ BHYT tại {c.bhxh}",
        "Đề nghị cho phép nộp hồ sơ hưởng chế độ ốm đau trực tiếp qua VssID",
        "Kiến nghị về việc niêm yết thủ tục hành chính tại bộ phận một cửa",
    )
    title = proposals[c.n % len(proposals)]
    q = f"{title}. Rất mong cơ quan BHXH xem xét."
    a = md(
        "BHXH Việt Nam cảm ơn ý kiến đóng góp của bạn.",
        "Nội dung kiến nghị đã được chuyển đến đơn vị nghiệp vụ nghiên cứu. Một số nội dung đã được đưa vào kế "
        "hoạch nâng cấp hệ thống trong năm; kết quả sẽ được thông báo trên Cổng Thông tin điện tử.",
    )
    meta = {"question": q, "asker": asker(c), "topic": "tổng hợp", "answer_received_on": c.before(0, 5).isoformat()}
    return Piece(f"Trả lời: {title[0].lower() + title[1:]}", q, a, meta)


# =========================================================================== procedures (vi)

PROCEDURES: tuple[tuple[str, str, str, tuple[str, ...], str], ...] = (
    # (name, field, service level, documents, time limit)
    (
        "Giải quyết hưởng chế độ thai sản đối với lao động nữ sinh con",
        "Thực hiện chính sách BHXH",
        "toàn trình",
        ("Danh sách đề nghị giải quyết hưởng chế độ thai sản (mẫu 01B-HSB);", "Bản sao giấy khai sinh của con."),
        "06 ngày làm việc",
    ),
    (
        "Giải quyết hưởng lương hưu",
        "Thực hiện chính sách BHXH",
        "một phần",
        ("Sổ BHXH;", "Quyết định nghỉ việc hoặc văn bản chấm dứt hợp đồng lao động;", "Tờ khai cá nhân (mẫu 14-HSB)."),
        "15 ngày",
    ),
    (
        "Giải quyết hưởng BHXH một lần",
        "Thực hiện chính sách BHXH",
        "toàn trình",
        ("Sổ BHXH;", "Đơn đề nghị hưởng BHXH một lần (mẫu 14-HSB);", "Giấy tờ chứng minh thuộc trường hợp được hưởng."),
        "10 ngày",
    ),
    (
        "Giải quyết hưởng trợ cấp mai táng, trợ cấp tuất",
        "Thực hiện chính sách BHXH",
        "một phần",
        ("Sổ BHXH của người chết;", "Trích lục khai tử;", "Tờ khai của thân nhân (mẫu 09-HSB)."),
        "08 ngày làm việc",
    ),
    (
        "Đăng ký, điều chỉnh đóng BHXH bắt buộc, BHYT, BHTN, bảo hiểm TNLĐ-BNN",
        "Thu BHXH, BHYT, BHTN",
        "toàn trình",
        ("Tờ khai đơn vị tham gia, điều chỉnh thông tin (mẫu TK3-TS);", "Danh sách lao động tham gia (mẫu D02-LT)."),
        "05 ngày làm việc",
    ),
    (
        "Đăng ký đóng BHXH tự nguyện",
        "Thu BHXH, BHYT, BHTN",
        "toàn trình",
        ("Tờ khai tham gia, điều chỉnh thông tin BHXH, BHYT (mẫu TK1-TS).",),
        "05 ngày làm việc",
    ),
    (
        "Cấp lại, đổi, điều chỉnh thông tin trên sổ BHXH, thẻ BHYT",
        "Cấp sổ BHXH, thẻ BHYT",
        "toàn trình",
        ("Tờ khai tham gia, điều chỉnh thông tin BHXH, BHYT (mẫu TK1-TS);", "Giấy tờ chứng minh thông tin thay đổi."),
        "03 ngày làm việc đối với thẻ BHYT; 10 ngày đối với sổ BHXH",
    ),
    (
        "Giải quyết hưởng chế độ ốm đau",
        "Thực hiện chính sách BHXH",
        "toàn trình",
        ("Giấy chứng nhận nghỉ việc hưởng BHXH hoặc giấy ra viện;", "Danh sách đề nghị (mẫu 01B-HSB)."),
        "06 ngày làm việc",
    ),
    (
        "Giải quyết hưởng trợ cấp dưỡng sức, phục hồi sức khỏe",
        "Thực hiện chính sách BHXH",
        "toàn trình",
        ("Danh sách đề nghị giải quyết hưởng trợ cấp dưỡng sức, phục hồi sức khỏe (mẫu 01B-HSB).",),
        "06 ngày làm việc",
    ),
    (
        "Giải quyết hưởng chế độ tai nạn lao động, bệnh nghề nghiệp",
        "Thực hiện chính sách BHXH",
        "một phần",
        ("Biên bản điều tra tai nạn lao động;", "Giấy ra viện;", "Biên bản giám định mức suy giảm khả năng lao động."),
        "06 ngày làm việc",
    ),
    (
        "Thanh toán trực tiếp chi phí khám bệnh, chữa bệnh BHYT",
        "Thực hiện chính sách BHYT",
        "một phần",
        ("Giấy đề nghị thanh toán (mẫu 01/TTTT);", "Hóa đơn, chứng từ chi phí khám bệnh, chữa bệnh;", "Giấy ra viện."),
        "40 ngày",
    ),
    (
        "Đăng ký tham gia BHYT đối với người chỉ tham gia BHYT",
        "Thu BHXH, BHYT, BHTN",
        "toàn trình",
        ("Tờ khai tham gia, điều chỉnh thông tin BHXH, BHYT (mẫu TK1-TS).",),
        "05 ngày làm việc",
    ),
)


@template("admin_procedure", "vi", ("vi.11",), ("VP",), 12)
def procedure(c: Ctx) -> Piece:
    name, fld, level, docs, limit = PROCEDURES[c.n % len(PROCEDURES)]
    code = f"1.0{c.num(10000, 13999)}"
    decision = c.doc_no("QĐ-BHXH")
    title = f"Thủ tục: {name}"
    summary = f"Mã thủ tục {code}; thời hạn giải quyết: {limit}; mức độ dịch vụ công trực tuyến: {level}."
    body = md(
        "**1. Trình tự thực hiện**",
        bullets(
            [
                "Người dân, đơn vị chuẩn bị hồ sơ theo quy định;",
                "Nộp hồ sơ qua giao dịch điện tử, dịch vụ bưu chính hoặc trực tiếp tại bộ phận một cửa;",
                "Cơ quan BHXH tiếp nhận, kiểm tra và giải quyết;",
                "Nhận kết quả qua tài khoản VssID, thư điện tử hoặc tại nơi nộp hồ sơ.",
            ],
            numbered=True,
        ),
        "**2. Thành phần hồ sơ**",
        bullets(list(docs)),
        f"**3. Thời hạn giải quyết:** {limit} kể từ ngày nhận đủ hồ sơ theo quy định.",
        "**4. Phí, lệ phí:** Không.",
        f"Thủ tục được công bố tại Quyết định số {decision} của Tổng Giám đốc BHXH Việt Nam.",
    )
    meta = {"procedure_code": code, "field": fld, "service_level": level, "decision_ref": decision}
    return Piece(title, summary, body, meta)


@template("admin_procedure", "vi", ("vi.12",), ("TTCNTT",), 2)
def procedure_online(c: Ctx) -> Piece:
    name = (
        "Đăng ký sử dụng phương thức giao dịch điện tử trong lĩnh vực BHXH",
        "Cấp lại mật khẩu giao dịch điện tử cho cá nhân",
    )[c.n % 2]
    code = f"1.0{c.num(10000, 13999)}"
    title = f"Dịch vụ công trực tuyến: {name}"
    summary = "Thực hiện toàn trình trên Cổng Dịch vụ công quốc gia và ứng dụng VssID."
    body = md(
        summary,
        bullets(
            [
                "Truy cập dichvucong.gov.vn, đăng nhập bằng tài khoản VNeID;",
                "Chọn thủ tục, kê khai thông tin và ký số (đối với tổ chức);",
                "Nhận kết quả qua thư điện tử hoặc tin nhắn.",
            ],
            numbered=True,
        ),
    )
    meta = {"procedure_code": code, "field": "Giao dịch điện tử", "service_level": "toàn trình"}
    return Piece(title, summary, body, meta)


# ====================================================================== English portal (en)

EN_ORGS = (
    "the International Social Security Association (ISSA)",
    "the Korean National Pension Service",
    "the Japan Pension Service",
    "the International Labour Organization (ILO)",
    "the ASEAN Social Security Association (ASSA)",
    "the German Federal Pension Insurance (DRV)",
)


@template("news_event", "en", ("en.2.1",), ("VHTQT",), 4)
def en_news_vss(c: Ctx) -> Piece:
    kind = c.n % 4
    y = c.day.year
    if kind == 0:
        pct = c.pick(("7.2", "8.0", "8.5"))
        title = f"Viet Nam Social Security adjusts pensions and allowances from 1 July {y}"
        summary = f"Pensions, social insurance allowances and monthly allowances rise by {pct}% from 1 July {y}."
        body = md(
            summary,
            "Provincial social security offices have been instructed to pay the new amounts in the July payment "
            "round. Beneficiaries receive a notice of the adjusted amount before payment.",
        )
    elif kind == 1:
        people = c.num(2_200, 2_900)
        title = f"Voluntary social insurance reaches {people:,},000 participants"
        summary = "Coverage of the informal sector keeps growing thanks to State support for contributions."
        body = md(
            summary,
            bullets(
                [
                    "30% support for poor households and people living on islands;",
                    "25% for near-poor households;",
                    "20% for ethnic minority people;",
                    "10% for other participants.",
                ]
            ),
        )
    elif kind == 2:
        title = f"{c.place_en} Social Security holds a policy dialogue with {c.num(40, 200)} enterprises"
        summary = "Employers raised questions on contribution wages, sick leave and electronic transactions."
        body = md(
            f"On {en_date(c.day)}, {c.place_en} Social Security held a dialogue on social, health and "
            "unemployment insurance policies with local employers.",
            summary,
        )
    else:
        title = f"Health insurance coverage reaches {c.num(940, 955) / 10}% of the population"
        summary = "Viet Nam moves closer to universal health coverage."
        body = md(summary, "Patients can now use their chip-based ID card or the VNeID app instead of a paper card.")
    return Piece(title, summary, body, {"event_date": c.day.isoformat()})


@template("news_event", "en", ("en.2.2", "en.2.3", "en.8"), ("VHTQT",), 6)
def en_news_intl(c: Ctx) -> Piece:
    org = EN_ORGS[c.n % len(EN_ORGS)]
    title = (
        f"VSS delegation works with {org}",
        f"VSS receives a delegation of {org}",
        f"Webinar with {org} on digital transformation in social security",
    )[c.n % 3]
    summary = "The two sides shared experience in extending coverage and modernising service delivery."
    body = md(
        f"On {en_date(c.day)}, a delegation led by a Deputy Director General of Viet Nam Social Security met "
        f"representatives of {org}.",
        summary,
        "Both sides agreed to continue cooperation on staff training and the implementation of bilateral social "
        "security agreements.",
    )
    return Piece(
        title, summary, body, {"event_date": c.day.isoformat(), "lead_unit": "International Cooperation Department"}
    )


@template("news_event", "en", ("en.2.4", "en.10", "en.11"), ("VHTQT",), 3)
def en_media(c: Ctx) -> Piece:
    kind = c.n % 3
    if kind == 0:
        title = f"Photo report: Viet Nam Health Insurance Day, 1 July {c.day.year}"
        summary = "Pictures from events held across the country."
    elif kind == 1:
        title = f"Introduction video: Viet Nam Social Security {c.day.year}"
        summary = "A short film presenting the functions, duties and achievements of Viet Nam Social Security."
    else:
        title = "Poster: Voluntary social insurance — a secure retirement for everyone"
        summary = "Poster of the campaign promoting voluntary social insurance."
    return Piece(
        title, summary, md(summary, "Media files are attached in open formats."), {"event_date": c.day.isoformat()}
    )


@template("unit_activity", "en", ("en.2.1", "en.1"), ("VHTQT",), 3)
def en_activity(c: Ctx) -> Piece:
    title = (
        f"VSS leadership works with {c.place_en} Social Security",
        f"VSS Management Board holds its meeting for Q{quarter_of(c.day)} {c.day.year}",
        "International Cooperation Department trains staff on bilateral agreements",
    )[c.n % 3]
    summary = "The meeting reviewed results and set priorities for the coming months."
    return Piece(title, summary, md(f"On {en_date(c.day)}: {summary}"), {"occurred_on": c.day.isoformat()})


EN_BENEFITS = (
    ("en.4.1", "Sickness benefit", "Employees who are absent from work because of sickness or accident receive 75% "
     "of their contribution wage for 30 to 60 days a year, depending on their years of contribution."),
    ("en.4.2", "Maternity benefit", "Female employees with at least six months of contributions in the twelve months "
     "before giving birth are entitled to six months of leave at 100% of their average contribution wage."),
    ("en.4.3", "Work injury and occupational disease benefit", "The fund is financed by employers only and provides "
     "lump-sum or monthly allowances depending on the degree of working capacity lost."),
    ("en.4.4", "Old-age benefit", "Since 1 July 2025 a minimum of 15 years of contributions gives the right to a "
     "monthly pension at the statutory retirement age."),
    ("en.4.5", "Survivors' benefit", "A funeral grant of ten times the reference amount is paid, together with a "
     "monthly or lump-sum survivors' allowance."),
    ("en.4.6", "Unemployment benefit", "Under the 2025 Law on Employment, insured persons with 12 months of "
     "contributions in the last 24 months receive 60% of their average wage for 3 to 12 months."),
    ("en.4.7", "Medical benefit (health insurance)", "Health insurance covers outpatient and inpatient care, "
     "medicines and technical services on the benefit lists."),
    ("en.4.8", "Certificate of Coverage", "Workers posted abroad under a bilateral agreement may request a "
     "certificate of coverage to avoid double contributions."),
)  # fmt: skip


@template("policy_guidance", "en", tuple(k for k, _, _ in EN_BENEFITS), ("VHTQT",), 8)
def en_benefit(c: Ctx) -> Piece:
    key, name, text = next(b for b in EN_BENEFITS if b[0] == c.category)
    law = (
        "Law on Employment No. 74/2025/QH15"
        if key == "en.4.6"
        else "Law on Health Insurance No. 51/2024/QH15"
        if key == "en.4.7"
        else "Law on Social Insurance No. 41/2024/QH15"
    )
    title = f"{name}: who is covered and what it pays"
    summary = text.split(". ")[0].rstrip(".") + "."
    body = md(text, f"Legal basis: {law}.", f"For more information, call the VSS call centre at {HOTLINE}.")
    fld = "BHTN" if key == "en.4.6" else "BHYT" if key == "en.4.7" else "BHXH"
    return Piece(title, summary, body, _guidance_meta(c, law, fld, en=True))


@template("legal_document", "en", ("en.5",), ("VHTQT",), 3)
def en_legal(c: Ctx) -> Piece:
    n = c.num(20, 360)
    y = c.day.year
    title, issuer = (
        (f"Decree No. {n}/{y}/ND-CP on adjusting pensions and social insurance allowances", "The Government"),
        (
            f"Circular No. {n % 70 + 1}/{y}/TT-BNV guiding the adjustment of contribution wages",
            "Ministry of Home Affairs",
        ),
        (f"Decree No. {n}/{y}/ND-CP detailing the Law on Health Insurance", "The Government"),
    )[c.n % 3]
    issued = c.before(10, 40)
    summary = f"Issued on {en_date(issued)}; English translation for reference only."
    body = md(summary, "The Vietnamese original prevails in case of any discrepancy.")
    meta = {
        # English titles spell the symbol in ASCII; the metadata keeps the official one (NĐ, not ND).
        "number": number_in(title).replace("/ND-", "/NĐ-"),
        "issuer": issuer,
        "issued_on": issued.isoformat(),
        "cleared_on": c.before(0, 5).isoformat(),
    }
    return Piece(title, summary, body, meta)


EN_FAQ = (
    ("Do foreign workers in Viet Nam have to join compulsory social insurance?", "BHXH",
     "Yes. Foreign employees with a work permit and a labour contract of 12 months or more are covered by "
     "compulsory social insurance, unless exempted by a bilateral agreement."),
    ("How is the monthly pension calculated?", "BHXH",
     "The pension equals a replacement rate times the average contribution wage. The rate starts at 45% and grows "
     "by 2% per additional year of contributions, up to 75%."),
    ("Can I use my chip-based ID card instead of the health insurance card?", "BHYT",
     "Yes. Health facilities can check your coverage with your chip-based ID card or the VNeID app."),
    ("How long can I receive unemployment benefits?", "BHTN",
     "Three months for 12 to 36 months of contributions, plus one month for every further 12 months, up to 12 months."),
    ("How do I look up my contribution history?", "tổng hợp",
     "Install the VssID app, log in with your VNeID account and open the contribution history screen."),
)  # fmt: skip


@template("qa_answer", "en", ("en.6",), ("VHTQT",), 5)
def en_faq(c: Ctx) -> Piece:
    q, topic, a = EN_FAQ[c.n % len(EN_FAQ)]
    meta = {"question": q, "asker": f"{c.pick(('Mr', 'Ms'))} {c.pick(('Kim', 'Tanaka', 'Smith', 'Müller'))}",
            "topic": topic, "answer_received_on": c.before(0, 4).isoformat()}  # fmt: skip
    return Piece(q, q, md(f"**Answer:** {a}"), meta)


@template("contact_info", "en", ("en.7", "en.12", "en.9"), ("VHTQT",), 3)
def en_contact(c: Ctx) -> Piece:
    key = c.category
    title = {
        "en.7": "Contact information of Viet Nam Social Security",
        "en.12": f"VSS call centre: {HOTLINE}",
        "en.9": "Links to international social security organisations",
    }[key]
    summary = "7 Trang Thi Street, Hoan Kiem Ward, Ha Noi, Viet Nam."
    body = md(
        summary,
        bullets([f"Call centre: {HOTLINE}", "Phone: +84 24 3936 1525", "Email: bhxhvn@vss.gov.vn"])
        if key != "en.9"
        else bullets(["ISSA — https://ww1.issa.int", "ASSA — https://www.assa-asean.org", "ILO — https://www.ilo.org"]),
    )
    meta = {
        "address": "7 Trang Thi Street, Hoan Kiem Ward, Ha Noi",
        "phone": "+84 24 3936 1525",
        "email": "bhxhvn@vss.gov.vn",
        "website": "https://vss.gov.vn",
        "approved_on": c.before(0, 3).isoformat(),
    }
    return Piece(title, summary, body, meta)


@template("research", "en", ("en.3.1",), ("VHTQT",), 2)
def en_research(c: Ctx) -> Piece:
    topic = (
        "Extending voluntary social insurance to informal workers",
        "Long-term care for older people: options for Viet Nam",
    )[c.n % 2]
    title = f"Research summary: {topic}"
    summary = "Summary of a sector-level study by the Social Security Science Institute."
    meta = {
        "code": f"ĐT-{c.day.year - 1}-{c.num(1, 24):02d}",
        "level": "cấp Ngành",
        "field": "An sinh xã hội",
        "lead_unit": "Viện Khoa học Bảo hiểm xã hội",
        "duration": "12 tháng",
        "stage": "nghiệm thu",
        "approved_on": c.before(5, 40).isoformat(),
    }
    return Piece(title, summary, md(summary, "The full report is available in Vietnamese."), meta)


@template("statistics", "en", ("en.3.2",), ("VHTQT",), 2)
def en_stats(c: Ctx) -> Piece:
    subject = ("Social insurance coverage figures", "Health insurance coverage figures")[c.n % 2]
    title = f"{subject}, {c.day.strftime('%B')} {c.day.year}"
    si = c.num(203, 214) / 10
    hi = c.num(945, 968) / 10
    summary = f"{si} million people contribute to social insurance; health insurance covers {hi} million people."
    body = md(
        summary,
        table(("Scheme", "Participants (million)"), (("Social insurance", si), ("Health insurance", hi))),
    )
    return Piece(title, summary, body, {"periodic": "định kỳ", "period": f"tháng {c.day.month}/{c.day.year}"})


@template("strategy_plan", "en", ("en.3.3",), ("VHTQT",), 2)
def en_strategy(c: Ctx) -> Piece:
    title = (
        "Viet Nam Social Security development strategy to 2030",
        f"International cooperation plan of Viet Nam Social Security for {c.day.year + 1}",
    )[c.n % 2]
    summary = "Goals: wider coverage, sustainable funds and modern, digital services."
    return Piece(title, summary, md(summary), {"period": "2026 – 2030" if c.n % 2 == 0 else str(c.day.year + 1)})


@template("leadership_bio", "en", ("en.1",), ("VHTQT",), 2)
def en_bio(c: Ctx) -> Piece:
    name = (DIRECTOR_GENERAL, *DEPUTIES)[c.n % (len(DEPUTIES) + 1)]
    position = f"{'Deputy ' if name != DIRECTOR_GENERAL else ''}Director General of Viet Nam Social Security"
    appointed = c.before(5, 30)
    title = f"Profile of {fold(name)}, {position}"
    summary = f"Appointed on {en_date(appointed)}."
    body = md(summary, bullets([f"Name: {fold(name)}", "Education: PhD in Economics", f"Position: {position}"]))
    return Piece(title, summary, body, {"person": name, "position": position, "appointed_on": appointed.isoformat()})


# ================================================================================ workflow text

NEWS_TYPES = frozenset(
    {
        "news_event",
        "unit_activity",
        "provincial_info",
        "award",
        "training_recruitment",
        "leadership_bio",
        "contact_info",
    }
)
DOCUMENT_TYPES = frozenset(
    {"legal_document", "direction_document", "draft_for_comment", "policy_guidance", "admin_procedure"}
)
FAMILIES = ("news", "docs", "figures", "qa", "en")


def family(content_type: str, portal: str) -> str:
    """Which set of reasons fits an item (a missing document number makes no sense on a news story)."""
    if portal == "en":
        return "en"
    if content_type == "qa_answer":
        return "qa"
    if content_type in NEWS_TYPES:
        return "news"
    if content_type in DOCUMENT_TYPES:
        return "docs"
    return "figures"  # statistics, plans, research, investment projects


_SOURCE = "Đề nghị ghi rõ nguồn tin, tác giả và đơn vị cung cấp thông tin theo Điều 8 Quy chế."
_UNIT_HEAD = "Văn bản chưa có ý kiến đồng ý của Lãnh đạo đơn vị; đề nghị gửi lại sau khi được duyệt."
_DUPLICATE = "Nội dung trùng với tin, bài đã đăng tải trước đó."
_TITLE = "Tiêu đề chưa phản ánh đúng nội dung chính; đề nghị Trung tâm Truyền thông biên tập lại."

# Reasons by who gives them and the kind of content.
DESK_RETURN: dict[str, tuple[str, ...]] = {
    "news": (
        _SOURCE,
        "Phần mở đầu (sapo) còn dài; đề nghị biên tập lại không quá 50 từ.",
        "Ảnh minh họa có độ phân giải thấp, chưa có chú thích; đề nghị gửi ảnh gốc.",
        "Tin chưa nêu rõ thời gian, địa điểm diễn ra sự kiện; đề nghị bổ sung.",
    ),
    "docs": (
        "Thiếu số, ký hiệu và ngày ban hành của văn bản được trích dẫn; đề nghị bổ sung.",
        "Trích dẫn điều, khoản chưa chính xác so với văn bản gốc; đề nghị rà soát lại.",
        _UNIT_HEAD,
    ),
    "figures": (
        "Số liệu tại đoạn thứ hai chưa khớp với báo cáo tháng; đề nghị đơn vị rà soát lại.",
        "Bảng số liệu thiếu đơn vị tính và nguồn số liệu; đề nghị bổ sung.",
        _UNIT_HEAD,
    ),
    "qa": (
        "Câu trả lời cần dẫn chiếu điều, khoản cụ thể của Luật; đề nghị bổ sung.",
        "Đề nghị lược bỏ thông tin cá nhân của người hỏi trước khi đăng tải.",
        "Nội dung trả lời chưa thống nhất với ý kiến của đơn vị nghiệp vụ; đề nghị xin ý kiến lại.",
    ),
    "en": (
        "Bản tiếng Anh cần thống nhất thuật ngữ với bản tiếng Việt đã đăng; đề nghị rà soát lại.",
        "Một số câu dịch chưa sát nghĩa bản tiếng Việt; đề nghị Vụ Hợp tác quốc tế hiệu đính.",
    ),
}
BOARD_RETURN: dict[str, tuple[str, ...]] = {
    "news": (_TITLE, "Đề nghị bổ sung ý kiến của người dân, doanh nghiệp để bài viết sinh động hơn."),
    "docs": (
        "Đề nghị làm rõ đối tượng áp dụng và thời điểm có hiệu lực của văn bản.",
        "Cần đối chiếu lại với văn bản mới ban hành trước khi đăng tải.",
        _TITLE,
    ),
    "figures": (
        "Bảng số liệu thiếu đơn vị tính và nguồn số liệu.",
        "Đề nghị bổ sung so sánh với cùng kỳ năm trước.",
    ),
    "qa": (
        "Cần đối chiếu lại mức hưởng với văn bản mới ban hành trước khi đăng tải.",
        "Đề nghị xin ý kiến đơn vị nghiệp vụ về nội dung trả lời trước khi trình lại.",
    ),
    "en": (_TITLE, "Cần đối chiếu với bản tiếng Việt đã đăng trước đó."),
}
LEADERSHIP_RETURN = (
    "Số liệu cần cập nhật đến hết kỳ báo cáo trước khi công bố.",
    "Đề nghị thống nhất số liệu với báo cáo đã gửi Bộ Tài chính.",
    "Bổ sung phần thuyết minh biến động so với cùng kỳ năm trước.",
)
APPROVED_RETURN = (
    "Có thông tin mới liên quan; đề nghị cập nhật trước khi xuất bản.",
    "Tạm dừng xuất bản theo chỉ đạo của Trưởng Ban để rà soát lại.",
)
REJECT: dict[str, tuple[str, ...]] = {
    "news": (
        _DUPLICATE,
        "Sự kiện đã diễn ra quá lâu, không còn tính thời sự.",
        "Nội dung mang tính quảng bá cho doanh nghiệp, không phù hợp đăng tải.",
        "Thông tin không thuộc phạm vi đăng tải của Cổng Thông tin điện tử theo Điều 9 Quy chế.",
    ),
    "docs": (
        "Văn bản đã hết hiệu lực, không đăng tải.",
        "Văn bản đã được đăng tải tại chuyên mục Hệ thống văn bản.",
        "Văn bản chưa được cấp có thẩm quyền cho phép công bố.",
    ),
    "figures": (
        "Số liệu chưa được cấp có thẩm quyền cho phép công bố.",
        "Trùng với số liệu đã công bố trong kỳ trước.",
    ),
    "qa": (
        "Câu hỏi trùng với nội dung đã trả lời và đăng tải trước đó.",
        "Câu hỏi liên quan đến hồ sơ cá nhân cụ thể; đã trả lời trực tiếp cho người hỏi, không đăng tải.",
    ),
    "en": (_DUPLICATE, "Bản tiếng Việt tương ứng đã bị gỡ; không đăng bản tiếng Anh."),
}
LEADERSHIP_REJECT = (
    "Số liệu chưa được cấp có thẩm quyền cho phép công bố.",
    "Kế hoạch đã được thay thế bằng kế hoạch mới.",
)
WITHDRAW = (
    "Thông tin đã được thay thế; gỡ bỏ để tránh nhầm lẫn cho người đọc.",
    "Đơn vị cung cấp đề nghị gỡ để đính chính.",
)

# Why an item goes back to its unit before being sent again, and the line the unit adds to fix it
# (``{credit}``: the writer, ``{unit}``: the unit's name).
LOOP: dict[str, tuple[str, str]] = {
    "news": (_SOURCE, "*Nguồn: {credit} – {unit}.*"),
    "docs": (
        "Đề nghị ghi rõ đơn vị cung cấp thông tin và đầu mối liên hệ để người đọc hỏi thêm.",
        "*Đơn vị cung cấp thông tin: {unit}; đầu mối liên hệ: {credit}.*",
    ),
    "figures": (
        "Đề nghị ghi rõ nguồn số liệu và đơn vị chịu trách nhiệm về số liệu.",
        "*Nguồn số liệu: {unit}; người tổng hợp: {credit}.*",
    ),
    "qa": (
        "Đề nghị bổ sung hướng dẫn liên hệ để người hỏi được hỗ trợ thêm.",
        f"Nếu còn vướng mắc, bạn vui lòng liên hệ Tổng đài {HOTLINE} để được hỗ trợ.",
    ),
    "en": (
        "Đề nghị ghi rõ nguồn (Source) ở cuối bản tiếng Anh theo Điều 8 Quy chế.",
        "*Source: {credit}, International Cooperation Department, Viet Nam Social Security.*",
    ),
}

# Comments, by who writes them.
DESK_COMMENTS = (
    "Đã liên hệ đơn vị để xin ảnh có độ phân giải cao hơn.",
    "Đã biên tập lại tiêu đề và phần mở đầu; đề nghị kiểm tra lại số liệu ở bảng.",
    "Tin này nên đăng cùng thời điểm với thông cáo báo chí của Văn phòng.",
    "Đề nghị ưu tiên xử lý vì liên quan đến kỳ chi trả tháng này.",
)
BOARD_COMMENTS = (
    "Đề nghị kiểm tra lại số liệu ở bảng trước khi trình duyệt.",
    "Nội dung ổn; lưu ý thống nhất cách viết tắt BHXH, BHYT trong toàn bài.",
    "Đề nghị bổ sung đường dẫn đến văn bản gốc.",
    "Cần đối chiếu với bản tiếng Việt đã đăng trước đó.",
)
REPLIES = (
    "Đã tiếp thu, sẽ chỉnh sửa trong ngày.",
    "Đơn vị đã kiểm tra lại, số liệu khớp với báo cáo.",
    "Đã bổ sung theo ý kiến.",
)
AUTHOR_REPLIES = (
    "Đơn vị đã tiếp thu ý kiến, sẽ bổ sung và gửi lại trong ngày.",
    "Đơn vị đang xin ý kiến Lãnh đạo, sẽ gửi lại trong tuần.",
)
LOCK_NOTES = ("Đang biên tập lại phần mở đầu", "Đang kiểm tra số liệu với đơn vị")
PRESS_SOURCES = tuple(f"{name} ({site})" for name, site in PRESS)
