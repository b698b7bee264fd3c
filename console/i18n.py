"""The one message catalogue: every user-visible string, Vietnamese first, English available.

Rooms add their strings with :func:`register` (``screens/strings.py`` does for the TUI), so all
lookups go through :func:`t`. Vietnamese is the default language (``VSS_CONSOLE_LANG`` or
``--lang`` changes it). Missing keys fall back to Vietnamese, then to the key itself.
"""

from __future__ import annotations

import os
import unicodedata
from typing import Any, NamedTuple

LANGUAGES = ("vi", "en")


def default_language() -> str:
    """``VSS_CONSOLE_LANG`` if it names a known language, else Vietnamese."""
    lang = os.environ.get("VSS_CONSOLE_LANG", "vi")
    return lang if lang in LANGUAGES else "vi"


_current = default_language()

_CATALOGUE: dict[str, tuple[str, str]] = {}


class Localized(NamedTuple):
    """A parameter that is itself text in both languages (e.g. a parser's own explanation)."""

    vi: str
    en: str


def register(messages: dict[str, tuple[str, str]]) -> None:
    """Add ``key -> (vi, en)`` entries. A key registered twice with other text is a bug."""
    for key, pair in messages.items():
        old = _CATALOGUE.get(key)
        if old is not None and old != pair:
            raise ValueError(f"catalogue key {key!r} registered twice with different text")
        _CATALOGUE[key] = (unicodedata.normalize("NFC", pair[0]), unicodedata.normalize("NFC", pair[1]))


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _current = lang


def current_language() -> str:
    return _current


def t(key: str, lang: str | None = None, **params: Any) -> str:
    pair = _CATALOGUE.get(key)
    if pair is None:
        return key
    english = (lang or _current) == "en"
    text = pair[1] if english and pair[1] else pair[0]
    if not params:
        return text
    return text.format(**{k: (v.en if english else v.vi) if isinstance(v, Localized) else v for k, v in params.items()})


def has(key: str) -> bool:
    return key in _CATALOGUE


def keys() -> list[str]:
    return sorted(_CATALOGUE)


register(
    {
        # Error titles.
        "error.title": ("Lỗi", "Error"),
        "error.invalid": ("Dữ liệu không hợp lệ", "Invalid input"),
        "error.reason_required": ("Cần nêu lý do", "A reason is required"),
        "error.permission": ("Không có quyền", "Permission denied"),
        "error.conflict": ("Xung đột chỉnh sửa", "Conflicting change"),
        "error.not_found": ("Không tìm thấy", "Not found"),
        "error.auth": ("Đăng nhập không thành công", "Login failed"),
        "error.workspace": ("Lỗi không gian làm việc", "Workspace error"),
        "error.unexpected": ("Lỗi không mong đợi: {detail}", "Unexpected error: {detail}"),
        # Authentication.
        "auth.bad_credentials": (
            "Sai tên đăng nhập hoặc mật khẩu.",
            "Wrong username or password.",
        ),
        "auth.locked": (
            "Tài khoản {username} tạm khóa do đăng nhập sai nhiều lần; thử lại sau {until}.",
            "Account {username} is locked after repeated failed logins; try again after {until}.",
        ),
        "auth.disabled": ("Tài khoản {username} đã bị vô hiệu hóa.", "Account {username} is disabled."),
        "auth.password_short": (
            "Mật khẩu cần ít nhất {min} ký tự.",
            "The password needs at least {min} characters.",
        ),
        "auth.no_password": (
            "Chưa có mật khẩu: nhập khi được hỏi hoặc đặt VSS_CONSOLE_PASSWORD.",
            "No password given: type it at the prompt or set VSS_CONSOLE_PASSWORD.",
        ),
        "auth.no_user": (
            "Cần chỉ rõ người dùng: --user TÊN hoặc VSS_CONSOLE_USER.",
            "Say who you are: --user NAME or VSS_CONSOLE_USER.",
        ),
        # Permissions.
        "perm.transition": (
            "{user} không có quyền «{action}» ở trạng thái «{state}»: cần vai trò {roles}.",
            "{user} may not “{action}” in state “{state}”: it needs the role {roles}.",
        ),
        "perm.own_unit": (
            "{user} chỉ được thao tác với nội dung của đơn vị mình; mục này thuộc {unit}.",
            "{user} may act only on their own unit's content; this item belongs to {unit}.",
        ),
        "perm.separation": (
            "{user} không được duyệt nội dung do chính mình viết hoặc gửi (phân tách nhiệm vụ).",
            "{user} may not approve content they wrote or submitted (separation of duties).",
        ),
        "perm.edit": (
            "{user} không được sửa mục ở trạng thái «{state}».",
            "{user} may not edit an item in state “{state}”.",
        ),
        "perm.assign": ("{user} không có quyền phân công.", "{user} may not assign items."),
        "perm.break_lock": (
            "{user} không có quyền phá khóa của người khác.",
            "{user} may not break another editor's lock.",
        ),
        "perm.admin": (
            "{user} cần vai trò Quản trị hệ thống để làm việc này.",
            "{user} needs the Administrator role for this.",
        ),
        "perm.view": ("{user} không được xem mục #{item}.", "{user} may not see item #{item}."),
        "perm.system_only": (
            "Thao tác «{action}» chỉ do tiến trình xuất bản thực hiện.",
            "“{action}” is done only by the export process.",
        ),
        # Conflicts and locks.
        "conflict.version": (
            "#{item} vừa được {who} thay đổi ({what}) lúc {when} (phiên bản {current}, bạn đang xem "
            "{expected}). Mục đã được tải lại; hãy xem rồi thao tác lại.",
            "Item #{item} was changed by {who} ({what}) at {when} (version {current}; you had {expected}). "
            "It has been reloaded; look at it and try again.",
        ),
        "conflict.locked": (
            "#{item} đang được {who} giữ khóa đến {until}. Chờ họ nhả khóa hoặc nhờ người có quyền phá khóa.",
            "Item #{item} is locked by {who} until {until}. Wait for them to release it, or ask someone "
            "allowed to break the lock.",
        ),
        "conflict.not_locked": ("Bạn không giữ khóa mục #{item}.", "You do not hold the lock on item #{item}."),
        "conflict.state": (
            "Không thể «{action}» mục #{item} ở trạng thái «{state}». Có thể làm: {allowed}.",
            "Cannot “{action}” item #{item} in state “{state}”. Possible: {allowed}.",
        ),
        "conflict.no_forward": (
            "#{item} ở trạng thái «{state}» không có bước tiếp theo.",
            "Item #{item} in state “{state}” has no next step.",
        ),
        "conflict.exists": ("{what} «{name}» đã tồn tại.", "{what} “{name}” already exists."),
        # What an item event was, in a conflict message ("who did what and when").
        "change.create": ("tạo mới", "created"),
        "change.edit": ("sửa nội dung", "edited"),
        "change.assign": ("phân công", "assigned"),
        "change.lock": ("giữ khóa", "locked"),
        "change.unlock": ("nhả khóa", "released the lock"),
        "change.lock_broken": ("phá khóa", "broke the lock"),
        "change.comment": ("bình luận", "commented"),
        "change.attach": ("đính kèm tệp", "attached a file"),
        # Input.
        "input.reason": (
            "Thao tác «{action}» cần nêu lý do để người gửi biết.",
            "“{action}” needs a reason, so the submitter knows why.",
        ),
        "input.reason_action": (
            "Mẫu lý do dành cho «{value}» không hợp lệ; chọn một trong: {choices}.",
            "“{value}” is not a reason template action; one of: {choices}.",
        ),
        "input.required": ("Thiếu trường bắt buộc: {field}.", "Missing required field: {field}."),
        "input.too_long": (
            "Trường {field} dài quá {max} ký tự.",
            "Field {field} is longer than {max} characters.",
        ),
        "input.unknown_type": (
            "Loại nội dung «{value}» không có. Các loại: {choices}.",
            "Unknown content type “{value}”. Types: {choices}.",
        ),
        "input.unknown_category": (
            "Chuyên mục «{value}» không có trên cổng {portal}.",
            "No category “{value}” on the {portal} portal.",
        ),
        "input.ambiguous_category": (
            "Tên chuyên mục «{value}» trùng ở nhiều chỗ: {choices}. Hãy dùng mã (key).",
            "Category name “{value}” matches several: {choices}. Use its key.",
        ),
        "input.type_not_allowed": (
            "Chuyên mục «{category}» không nhận loại «{type}». Loại được nhận: {allowed}.",
            "Category “{category}” does not take “{type}”. It takes: {allowed}.",
        ),
        "input.category_inactive": (
            "Chuyên mục «{category}» đang ở trạng thái {status}, không nhận nội dung mới.",
            "Category “{category}” is {status} and takes no new content.",
        ),
        "input.unit_not_member": (
            "{user} không thuộc đơn vị {unit} nên không gửi thay đơn vị đó được.",
            "{user} is not a member of {unit}, so cannot submit for it.",
        ),
        "input.unknown_unit": ("Không có đơn vị «{value}».", "No unit “{value}”."),
        "input.unknown_user": ("Không có người dùng «{value}».", "No user “{value}”."),
        "input.unknown_role": (
            "Vai trò «{value}» không có. Các vai trò: {choices}.",
            "Unknown role “{value}”. Roles: {choices}.",
        ),
        "input.unknown_portal": ("Không có cổng «{value}» (vi hoặc en).", "No portal “{value}” (vi or en)."),
        "input.meta_field": (
            "Trường «{field}» không thuộc loại {type}. Các trường: {fields}.",
            "Field “{field}” does not belong to type {type}. Fields: {fields}.",
        ),
        "input.meta_choice": (
            "Trường «{field}» nhận một trong: {choices}.",
            "Field “{field}” takes one of: {choices}.",
        ),
        "input.meta_docnumber": ("Trường «{field}»: {detail}", "Field “{field}”: {detail}"),
        "leadership.only_approval": (
            "Số văn bản, người được thay mặt và văn bản đính kèm chỉ dùng khi Lãnh đạo duyệt.",
            "A document number, a leader to act for and an attached document go with the leadership's approval only.",
        ),
        "leadership.for_required": (
            "Thư ký ghi nhận thay Lãnh đạo: cần nêu Lãnh đạo đã duyệt (--for TÊN).",
            "A secretary records the approval for a leader: name the leader who approved (--for NAME).",
        ),
        "leadership.not_leader": ("{user} không phải Lãnh đạo BHXH Việt Nam.", "{user} is not a VSS leader."),
        "leadership.document_required": (
            "Thư ký ghi nhận thay Lãnh đạo phải đính kèm văn bản duyệt (--document-file TỆP).",
            "A secretary recording for a leader must attach the approval document (--document-file FILE).",
        ),
        "input.meta_date": (
            "Trường «{field}» cần ngày dạng YYYY-MM-DD, nhận được «{value}».",
            "Field “{field}” needs a date as YYYY-MM-DD, got “{value}”.",
        ),
        "input.source_required": (
            "Nội dung sử dụng lại phải ghi rõ nguồn chính thức (Điều 8.3): điền trường source.",
            "Reused material must name its official source (Art. 8.3): fill in source.",
        ),
        "input.encoding": (
            "Tệp {path} không phải UTF-8 (lỗi ở byte {pos}). Hãy lưu lại dưới dạng UTF-8 Unicode.",
            "File {path} is not UTF-8 (bad byte at {pos}). Save it as UTF-8 Unicode.",
        ),
        "input.front_matter": (
            "Tệp {path}: phần đầu (front matter) không đọc được: {detail}.",
            "File {path}: the front matter cannot be read: {detail}.",
        ),
        "input.file_missing": ("Không có tệp {path}.", "No file {path}."),
        "input.attachment_format": (
            "Tệp đính kèm {name} không thuộc định dạng mở được chấp nhận (Điều 10): {allowed}.",
            "Attachment {name} is not in an accepted open format (Art. 10): {allowed}.",
        ),
        "input.attachment_mismatch": (
            "Nội dung tệp {name} không khớp với phần mở rộng {ext}.",
            "The contents of {name} do not match its extension {ext}.",
        ),
        "input.comment_empty": ("Bình luận không được để trống.", "A comment cannot be empty."),
        "input.username": (
            "Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch: «{value}».",
            "A username is lowercase ASCII letters, digits, dots and dashes: “{value}”.",
        ),
        "input.no_change": ("Không có gì thay đổi.", "Nothing changed."),
        # Not found.
        "notfound.item": ("Không tìm thấy #{item}.", "No item #{item}."),  # not "mục": that is a section (Đ3.3)
        "notfound.category": ("Không có mục, chuyên mục «{node}».", "No category or section “{node}”."),
        "notfound.comment": ("Không có bình luận #{comment}.", "No comment #{comment}."),
        "notfound.reason": ("Không có mẫu lý do #{id}.", "No reason template #{id}."),
        # Workspace.
        "ws.missing": (
            "Chưa có không gian làm việc tại {where}. Tạo bằng: vss-console init {where}",
            "No workspace at {where}. Create one with: vss-console init {where}",
        ),
        "ws.exists": ("Đã có không gian làm việc tại {where}.", "A workspace already exists at {where}."),
        "ws.too_new": (
            "Không gian làm việc {where} ở phiên bản lược đồ {found}, mới hơn phiên bản phần mềm này biết "
            "({known}). Hãy cập nhật vss-console.",
            "Workspace {where} is at schema revision {found}, newer than this program knows ({known}). "
            "Upgrade vss-console.",
        ),
        "ws.not_workspace": (
            "{where} không phải là không gian làm việc của vss-console.",
            "{where} is not a vss-console workspace.",
        ),
        "ws.migrated": (
            "Đã nâng cấp lược đồ {where} từ {old} lên {new}; bản sao lưu: {backup}",
            "Migrated {where} from {old} to {new}; backup: {backup}",
        ),
        "ws.connect": ("Không kết nối được cơ sở dữ liệu {where}: {detail}", "Cannot connect to {where}: {detail}"),
        # Audit.
        "audit.ok": ("Chuỗi nhật ký toàn vẹn: {count} bản ghi.", "Audit chain intact: {count} events."),
        "audit.broken": (
            "Chuỗi nhật ký bị phá tại bản ghi #{id}: {problem}.",
            "Audit chain broken at event #{id}: {problem}.",
        ),
        "audit.problem.hash": ("nội dung đã bị sửa", "its content was edited"),
        "audit.problem.prev": (
            "không nối với bản ghi trước (bản ghi bị xóa hoặc đổi thứ tự)",
            "it does not follow the previous event (a row was deleted or reordered)",
        ),
        "audit.problem.head": (
            "đỉnh chuỗi không khớp (bản ghi cuối bị xóa)",
            "the chain's tip does not match (the last events were deleted)",
        ),
        "audit.problem.gap": ("thiếu bản ghi trước đó", "events before it are missing"),
    }
)

register(
    {
        "word.user": ("Người dùng", "User"),
        "word.unit": ("Đơn vị", "Unit"),
        "input.unknown_queue": (
            "Không có hàng đợi «{value}». Các hàng đợi: {choices}.",
            "No queue “{value}”. Queues: {choices}.",
        ),
    }
)

register({"input.invalid_rule": ("Quy tắc thời hạn không hợp lệ: {detail}", "Invalid deadline rule: {detail}")})


def number(value: float, decimals: int = 0, lang: str | None = None) -> str:
    """A number as the language writes it: Vietnamese groups thousands with «.» and uses «,» for decimals
    (1.234.567,5); English the other way round (1,234,567.5)."""
    text = f"{value:,.{decimals}f}"
    if (lang or current_language()) == "vi":
        text = text.translate(str.maketrans(",.", ".,"))
    return text


def size(n: int, lang: str | None = None) -> str:
    """Bytes as a person reads them (1 KB = 1024 bytes), numbers in the language's style: «43,5 KB»."""
    value = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{number(value, 0 if unit == 'B' else 1, lang)} {unit}"
        value /= 1024
    return f"{n} B"  # pragma: no cover
