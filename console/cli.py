"""The ``vss-console`` command line: the same services as the TUI, for admins and scripts.

Only ``argparse`` is imported at start; each command imports what it needs, and only ``open`` and
``demo`` import the TUI (lazily), so every other command starts fast.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from console.errors import EXIT_CODES_HELP, ConsoleError, InvalidInput, WorkspaceError
from console.i18n import current_language, default_language, number, register, set_language, size, t

if TYPE_CHECKING:
    from console.permissions import Actor
    from console.workspace import Workspace

EXIT_AUDIT_BROKEN = 8
EXIT_EXPORT_STOPPED = 9
EXIT_EXPORT_DIFFERS = 10

register(
    {
        "cli.description": (
            "Bảng điều khiển biên tập Cổng Thông tin điện tử Bảo hiểm xã hội Việt Nam.",
            "Editorial console of the Viet Nam Social Security e-Portal.",
        ),
        "cli.exit_codes": ("Mã thoát", "Exit codes"),
        "cli.opt.db": (
            "không gian làm việc: thư mục (SQLite) hoặc URL cơ sở dữ liệu; "
            "mặc định VSS_CONSOLE_DB, VSS_CONSOLE_WORKSPACE",
            "workspace: a folder (SQLite) or a database URL; default VSS_CONSOLE_DB, VSS_CONSOLE_WORKSPACE",
        ),
        "cli.opt.lang": ("ngôn ngữ giao diện (vi, en)", "interface language (vi, en)"),
        "cli.opt.user": ("người dùng thực hiện (hoặc VSS_CONSOLE_USER)", "acting user (or VSS_CONSOLE_USER)"),
        "cli.opt.format": ("định dạng đầu ra", "output format"),
        "cli.opt.debug": ("in traceback khi có lỗi không mong đợi", "print tracebacks of unexpected errors"),
        "cli.cmd.init": ("tạo không gian làm việc mới", "create a workspace"),
        "cli.cmd.demo": ("tạo không gian làm việc mẫu rồi mở bảng điều khiển", "build a demo workspace and open it"),
        "cli.cmd.open": ("mở bảng điều khiển (TUI)", "open the console (TUI)"),
        "cli.cmd.migrate": ("nâng cấp lược đồ không gian làm việc", "upgrade the workspace schema"),
        "cli.cmd.user": ("quản lý tài khoản", "manage accounts"),
        "cli.cmd.unit": ("đơn vị", "units"),
        "cli.cmd.category": ("chuyên mục, mục", "categories and sections"),
        "cli.cmd.item": ("nội dung", "content items"),
        "cli.cmd.queue": ("hàng đợi duyệt", "review queues"),
        "cli.cmd.decide": ("ra quyết định: duyệt, trả lại, từ chối, ...", "decide: approve, return, reject, ..."),
        "cli.cmd.audit": ("nhật ký kiểm tra", "audit log"),
        "cli.decide.help_document_number": ("Lãnh đạo duyệt: số, ký hiệu văn bản duyệt (471/QĐ-BHXH)",
                                            "leadership approval: the approval document's number (471/QĐ-BHXH)"),
        "cli.decide.help_for": ("thư ký ghi nhận thay Lãnh đạo này", "a secretary records it for this leader"),
        "cli.decide.help_document_file": (
            "Lãnh đạo duyệt: tệp văn bản duyệt (bắt buộc khi thư ký ghi nhận)",
            "leadership approval: the approval document's file (required of a secretary)",
        ),
        "cli.decide.document_one_item": ("Văn bản duyệt chỉ ghi cho từng mục một.",
                                         "An approval document is recorded one item at a time."),
        "cli.decide.help_session": ("quyết định trong phiên duyệt này (mục phải có trong chương trình)",
                                    "decided in this approval session (the item must be on its agenda)"),
        "cli.cmd.session": ("phiên duyệt của Ban Biên tập và biên bản", "Board approval sessions and their minutes"),
        "cli.session.help_open": ("lập và mở phiên duyệt (kiểm tra số lượng tối thiểu)",
                                  "plan and open a session (the quorum is checked)"),
        "cli.session.help_attend": ("thành viên có mặt, cách nhau bằng dấu phẩy", "members present, comma-separated"),
        "cli.session.opened": ("Đã mở phiên duyệt #{id} với {n} mục trong chương trình.",
                               "Session #{id} is open with {n} agenda entries."),
        "cli.session.closed": ("Đã kết thúc phiên #{id}; biên bản số {number}.",
                               "Session #{id} closed; minutes No. {number}."),
        "cli.session.corrected": ("Đã lập biên bản đính chính số {number} cho phiên #{id}; biên bản cũ giữ nguyên.",
                                  "Correcting minutes No. {number} made for session #{id}; the old ones stand."),
        "cli.session.help_correct": ("đính chính biên bản: một biên bản mới dẫn chiếu biên bản cũ",
                                     "correct the minutes: new minutes that refer to the old"),
        "cli.session.written": ("Đã ghi {path}.", "Wrote {path}."),
        "cli.session.output_needed": ("Định dạng {format} là tệp nhị phân: thêm --output TỆP.",
                                      "The {format} format is binary: add --output FILE."),
        "cli.session.chair": ("Chủ trì", "Chair"),
        "cli.session.entries": ("Số mục", "Entries"),
        "cli.session.entry": ("Mục", "Entry"),
        "cli.session.minutes": ("Biên bản", "Minutes"),
        "cli.session.status.planned": ("Chuẩn bị", "Planned"),
        "cli.session.status.open": ("Đang họp", "Under way"),
        "cli.session.status.closed": ("Đã kết thúc", "Closed"),
        "cli.session.entry.pending": ("Chưa xét", "Pending"),
        "cli.session.entry.decided": ("Đã quyết định", "Decided"),
        "cli.session.entry.deferred": ("Hoãn", "Deferred"),
        "cli.cmd.delegate": ("ủy quyền của Trưởng Ban Biên tập (Điều 6.3b)",
                             "the Board head's delegations (Art. 6.3b)"),
        "cli.delegate.help_add": ("Trưởng Ban ủy quyền cho một thành viên Ban trong các ngày đã chọn",
                                  "the head delegates to a Board member for the days given"),
        "cli.delegate.help_category": ("chỉ chuyên mục này (cả các mục của nó); lặp lại được",
                                       "only this category (and its sections); may be repeated"),
        "cli.delegate.help_type": ("chỉ loại nội dung này; lặp lại được", "only this content type; may be repeated"),
        "cli.delegate.help_all": ("cả ủy quyền đã hết hạn hoặc bị thu hồi", "ended and revoked ones too"),
        "cli.delegate.added": ("Đã ủy quyền #{id}.", "Delegation #{id} granted."),
        "cli.delegate.head": ("Người ủy quyền", "Granted by"),
        "cli.delegate.deputy": ("Người được ủy quyền", "Deputy"),
        "cli.delegate.days": ("Thời hạn", "Days"),
        "cli.delegate.scope": ("Phạm vi", "Scope"),
        "cli.delegate.state.active": ("Đang hiệu lực", "In force"),
        "cli.delegate.state.coming": ("Chưa đến ngày", "Not yet"),
        "cli.delegate.state.ended": ("Hết hạn", "Ended"),
        "cli.delegate.state.revoked": ("Đã thu hồi", "Revoked"),
        "cli.password_prompt": ("Mật khẩu của {user}: ", "Password for {user}: "),
        "cli.new_password_prompt": ("Mật khẩu mới cho {user}: ", "New password for {user}: "),
        "cli.repeat_prompt": ("Nhập lại: ", "Repeat: "),
        "cli.password_mismatch": ("Hai lần nhập không khớp.", "The two entries differ."),
        "cli.init_done": ("Đã tạo không gian làm việc {where}.", "Created workspace {where}."),
        "cli.admin_created": (
            "Tài khoản quản trị: {user}. Mật khẩu: {password}  (hãy đổi ngay: vss-console user passwd {user})",
            "Administrator account: {user}. Password: {password}  (change it: vss-console user passwd {user})",
        ),
        "cli.admin_created_short": ("Tài khoản quản trị: {user}.", "Administrator account: {user}."),
        "cli.demo_built": (
            "Đã tạo không gian làm việc mẫu {where}: {items} mục nội dung ({seconds} giây).",
            "Built demo workspace {where}: {items} items ({seconds} s).",
        ),
        "cli.demo_notice": (
            "Dữ liệu mẫu — mật khẩu chung {password}. Thử: hattt (biên tập viên), longbd (Ban Biên tập), "
            "thangvv (Trưởng Ban), baotq (Lãnh đạo), maint (đơn vị Văn phòng), huynq (quản trị).",
            "Demo data — shared password {password}. Try: hattt (editor), longbd (Board member), "
            "thangvv (Board head), baotq (leadership), maint (Office contributor), huynq (admin).",
        ),
        "cli.demo_progress": ("Đang tạo dữ liệu mẫu…", "Building demo data…"),
        "cli.demo_exists": ("Dùng lại không gian làm việc mẫu {where}.", "Reusing demo workspace {where}."),
        "cli.demo_users": (
            "Tài khoản mẫu (mật khẩu chung: {password}):",
            "Demo accounts (shared password: {password}):",
        ),
        "cli.migrate_current": ("Lược đồ đã ở phiên bản mới nhất ({rev}).", "Schema is current ({rev})."),
        "cli.submitted": ("Đã tạo mục #{id} ({state}).", "Created item #{id} ({state})."),
        "cli.decided": ("#{id}: {state} (phiên bản {version}).", "Item #{id}: {state} (version {version})."),
        "cli.done": ("Xong.", "Done."),
        "cli.no_rows": ("(không có)", "(none)"),
        "cli.not_tty": (
            "Không có terminal tương tác; mở bằng: vss-console open {where}",
            "No interactive terminal; open it with: vss-console open {where}",
        ),
        "cli.interrupted": ("Đã dừng.", "Interrupted."),
    }
)


register(
    {
        "col.id": ("ID", "ID"),
        "col.username": ("Tên đăng nhập", "Username"),
        "col.full_name": ("Họ tên", "Full name"),
        "col.roles": ("Vai trò", "Roles"),
        "col.active": ("Hoạt động", "Active"),
        "col.locked_until": ("Khóa đến", "Locked until"),
        "col.code": ("Mã", "Code"),
        "col.unit": ("Đơn vị", "Unit"),
        "col.type": ("Loại", "Type"),
        "col.users": ("Người dùng", "Users"),
        "col.portal": ("Cổng", "Portal"),
        "col.name": ("Tên", "Name"),
        "col.name_vi": ("Tên tiếng Việt", "Vietnamese name"),
        "col.state": ("Trạng thái", "State"),
        "col.title": ("Tiêu đề", "Title"),
        "col.submitted": ("Gửi lúc", "Submitted"),
        "col.assignee": ("Phụ trách", "Assignee"),
        "col.lock": ("Khóa", "Lock"),
        "col.at": ("Lúc", "At"),
        "col.actor": ("Người", "By"),
        "col.action": ("Hành động", "Action"),
        "col.entity": ("Đối tượng", "Entity"),
        "col.data": ("Dữ liệu", "Data"),
        "col.portal_category": ("Cổng / chuyên mục", "Portal / category"),
        "col.author": ("Tác giả", "Author"),
        "col.source": ("Nguồn", "Source"),
        "col.version": ("Phiên bản", "Version"),
        "col.actions": ("Có thể làm", "Possible actions"),
        "col.summary": ("Tóm tắt", "Summary"),
        "col.due": ("Hạn", "Due"),
        "col.provisional": ("dự kiến", "provisional"),
        "col.date": ("Ngày", "Date"),
        "col.weekday": ("Thứ", "Day"),
        "col.kind": ("Loại", "Kind"),
        "col.rule": ("Quy tắc", "Rule"),
        "col.period": ("Thời hạn", "Period"),
        "col.event": ("Tính từ", "Counted from"),
        "col.article": ("Điều", "Article"),
        "col.changed": ("Đã chỉnh", "Changed here"),
        "cli.calendar.kind.holiday": ("Nghỉ lễ, Tết", "Public holiday"),
        "cli.calendar.kind.off": ("Ngày nghỉ (theo thông báo)", "Day off (announced)"),
        "cli.calendar.kind.workday": ("Làm việc bù", "Make-up working day"),
        "cli.calendar.provisional": (
            "Năm {year} chưa có lịch nghỉ được công bố cho: {windows} — các hạn rơi vào đó là dự kiến.",
            "{year} has no announced schedule yet for: {windows} — deadlines falling there are provisional.",
        ),
        "cli.calendar.changed": ("Đã cập nhật lịch; {n} mục được tính lại hạn.",
                                 "Calendar updated; {n} items had their due dates recomputed."),
        "cli.calendar.imported": ("Đã nhập {days} ngày và {windows} đợt nghỉ; {n} mục được tính lại hạn.",
                                  "Imported {days} days and {windows} holiday periods; {n} items recomputed."),
        "cli.deadline.changed": ("Đã cập nhật quy tắc; {n} mục được tính lại hạn.",
                                 "Rule updated; {n} items had their due dates recomputed."),
        "cli.deadline.explain_head": ("#{id}: {title}", "Item #{id}: {title}"),
        "cli.cmd.calendar": ("lịch ngày làm việc (nghỉ lễ, nghỉ bù, làm bù)",
                             "working-day calendar (holidays, days off, make-up days)"),
        "cli.cmd.deadline": ("thời hạn cung cấp thông tin (Điều 11)", "provision deadlines (Art. 11)"),
        "col.version_value": ("{version}; bản sửa {revision}", "{version}; revision {revision}"),
        "col.text": ("Nội dung", "Text"),
        "col.result": ("Kết quả", "Result"),
        "col.detail": ("Chi tiết", "Detail"),
        "cli.cmd.reason": ("mẫu lý do trả lại, từ chối", "reason templates for returning and rejecting"),
        "cli.cmd.export": ("xuất bản sang cơ sở dữ liệu của cổng", "export to the live portal database"),
        "cli.export.added": (
            "Đã lưu đích xuất «{name}»: {url}. Mật khẩu (nếu cần) đặt ở biến môi trường {env} hoặc tệp {path} "
            "(chmod 600); tệp cấu hình không bao giờ chứa mật khẩu.",
            "Saved the export target “{name}”: {url}. Its password, if it needs one, goes in the environment "
            "variable {env} or the file {path} (chmod 600); the targets file never holds a password.",
        ),
        "cli.export.removed": ("Đã bỏ đích xuất «{name}».", "Removed the export target “{name}”."),
        "cli.export.plan_title": ("Kế hoạch xuất sang «{name}» (chưa ghi gì)",
                                  "Export plan for “{name}” (nothing written)"),
        "cli.export.plan_size": ("HTML sẽ ghi: {size}; số dòng sẽ ghi: {writes}.",
                                 "HTML to write: {size}; rows to write: {writes}."),
        "cli.export.orphans": ("Đích có {n} dòng mà không gian làm việc không biết (để nguyên): {first}…",
                               "The target holds {n} rows the workspace does not know (left alone): {first}…"),
        "cli.export.incremental": ("Chỉ so những bài đổi từ lần xuất xong gần nhất (--full: so tất cả).",
                                   "Only articles changed since the last finished run were compared (--full: all)."),
        "cli.export.confirm": ("Ghi vào đích xuất «{name}»? [c/K] ", "Write to export target “{name}”? [y/N] "),
        "cli.export.confirm_needed": ("Không có bàn phím để xác nhận: thêm --yes để ghi.",
                                      "No keyboard to confirm on: add --yes to write."),
        "cli.export.not_confirmed": ("Đã huỷ; không có gì được ghi.", "Cancelled; nothing was written."),
        "cli.export.progress": ("Xuất sang «{name}»", "Exporting to “{name}”"),
        "cli.export.stopping": ("Đang dừng sau lô hiện tại…", "Stopping after the current batch…"),
        "cli.export.finished": ("Xuất sang «{name}»: {status} sau {seconds} giây ({done}). Lần chạy {run}.",
                                "Export to “{name}”: {status} after {seconds} s ({done}). Run {run}."),
        "cli.export.verified": ("Đã đọc lại đích «{name}»: {checked}.", "Read back “{name}”: {checked}."),
        "cli.export.clean": ("Không có khác biệt: đích khớp sổ xuất và không gian làm việc.",
                             "No differences: the target matches its ledger and the workspace."),
        "cli.export.more": ("… và {n} khác biệt nữa (--limit, --format json).",
                            "… and {n} more differences (--limit, --format json)."),
        "cli.export.target": ("Đích", "Target"),
        "cli.export.seconds": ("Giây", "Seconds"),
        "cli.export.rendered": ("Đã dựng lại {n} bản HTML.", "Rendered {n} revisions."),
        "cli.export.help_plan": ("xem trước những gì sẽ ghi (không ghi gì)",
                                 "show what would be written (writes nothing)"),
        "cli.export.help_run": ("xuất theo lô, có thanh tiến độ; Ctrl-C dừng sau lô hiện tại",
                                "export in batches with a progress bar; Ctrl-C stops after the current batch"),
        "cli.export.help_full": ("so mọi bài, không chỉ những bài đổi từ lần xuất xong gần nhất",
                                 "compare every article, not only those changed since the last finished run"),
        "cli.export.help_files": ("thư mục kho tệp của cổng: tệp đính kèm được chép vào theo mã băm",
                                  "the portal's file store, a folder: attachments are copied there by hash"),
        "cli.export.help_yes": ("không hỏi lại trước khi ghi", "do not ask before writing"),
        "cli.export.help_repair": ("trước hết đọc lại đích và ghi lại những dòng bị sửa, mất hoặc thêm bởi người khác",
                                   "first read the target back and rewrite rows changed, removed or added by others"),
        "cli.export.help_batch": ("số bài trong một giao dịch", "articles per transaction"),
        "cli.export.help_verify": ("đọc lại đích và so sánh", "read the target back and compare"),
        "cli.export.help_history": ("các lần xuất đã chạy", "past export runs"),
        "cli.export.help_render": ("dựng HTML còn thiếu hoặc cũ (nhiều tiến trình)",
                                   "render missing or stale HTML (several processes)"),
        "cli.export.password_from": ("Mật khẩu lấy từ", "Password from"),
        "cli.export.password_env": ("biến môi trường {env}", "environment variable {env}"),
        "cli.export.password_file": ("tệp {path}", "file {path}"),
        "cli.created": ("Đã tạo #{id}.", "Created #{id}."),
        "cli.bulk.done": ("Đã làm", "Done"),
        "cli.bulk.refused": ("Bị từ chối", "Refused"),
        "cli.bad_ids": ("«{value}» không phải số mục hoặc danh sách số mục (12 hoặc 12,15,18).",
                        "“{value}” is not an item number or a list of them (12 or 12,15,18)."),
        "cli.help.ids": ("số mục, hoặc nhiều số cách nhau bằng dấu phẩy (mỗi mục xử lý riêng)",
                         "an item number, or several separated by commas (each decided on its own)"),
        "cli.help.retired": ("cả các mẫu đã thôi dùng", "include retired templates"),
        "input.version_one_item": ("--version chỉ dùng khi quyết định một mục.",
                                   "--version applies to a decision on one item only."),
    }
)


register(
    {
        "cli.cmd.category.list": ("chuyên mục dạng bảng phẳng (gồm cả mục đã lưu trữ)",
                                  "the categories as a flat list (archived ones included)"),
        "cli.cmd.category.tree": ("cây chuyên mục của hai cổng", "the category tree of both portals"),
        "cli.cmd.category.propose": ("lập đề xuất điều chỉnh cây chuyên mục từ tệp TOML hoặc YAML",
                                     "file a proposal to change the tree, from a TOML or YAML file"),
        "cli.cmd.category.check": ("kiểm tra thử tệp đề xuất: thay đổi, cây trước và sau, vấn đề; không ghi gì",
                                   "dry-run a proposal file: its changes, the tree before and after, its problems; "
                                   "files nothing"),
        "cli.cmd.category.proposals": ("các đề xuất điều chỉnh chuyên mục (mặc định: đang chờ)",
                                       "proposals to change the tree (by default the pending ones)"),
        "cli.cmd.category.show": ("xem một đề xuất (số) hoặc hồ sơ một mục (mã, ví dụ vi.2)",
                                  "show a proposal (a number) or a node's record (a key such as vi.2)"),
        "cli.cmd.category.rebase": ("cập nhật đề xuất theo cây hiện tại", "rebase a proposal on the current tree"),
        "cli.cmd.category.revise": ("sửa đề xuất nháp hoặc bị trả lại bằng một tệp mới",
                                    "revise a draft or returned proposal from a new file"),
        "cli.cmd.category.redirects": ("đường dẫn cũ và đường dẫn hiện tại chúng chuyển tới",
                                       "old paths and the current paths they lead to"),
        "cli.help.all_nodes": ("cả mục đã lưu trữ (ghi ở cột Trạng thái)",
                               "include archived nodes (marked in the Status column)"),
        "cli.help.all_proposals": ("mọi trạng thái, không chỉ đề xuất đang chờ", "every state, not only pending ones"),
        "cli.help.proposal_file": ("tệp .toml, .yaml hoặc .yml; «-» đọc TOML từ đầu vào chuẩn",
                                   "a .toml, .yaml or .yml file; “-” reads TOML from standard input"),
        "cli.help.draft": ("chỉ lưu nháp, chưa gửi Ban Biên tập", "keep it as a draft, not sent to the Board yet"),
        "cli.help.proposal_or_key": ("số đề xuất (12) hoặc mã mục (vi.2)",
                                     "a proposal number (12) or a node key (vi.2)"),
        "cli.tree.col.key": ("Mã", "Key"),
        "cli.tree.col.path": ("Đường dẫn", "Path"),
        "cli.tree.col.counterpart": ("Mục tương ứng", "Counterpart"),
        "cli.tree.col.old_path": ("Đường dẫn cũ", "Old path"),
        "cli.tree.col.current_path": ("Đường dẫn hiện tại", "Current path"),
        "cli.tree.col.proposer": ("Người đề xuất", "Proposed by"),
        "cli.tree.col.changes": ("Số thay đổi", "Changes"),
        "cli.tree.col.nodes": ("Mục liên quan", "Nodes"),
        "cli.tree.proposed": ("Đã lập đề xuất #{id} ({state}).", "Filed proposal #{id} ({state})."),
        "cli.tree.revised": ("Đã sửa đề xuất #{id}: bản sửa {revision} ({state}).",
                             "Revised proposal #{id}: revision {revision} ({state})."),
        "cli.tree.rebased": ("Đã cập nhật đề xuất #{id} theo cây hiện tại: bản sửa {revision} ({state}).",
                             "Rebased proposal #{id} on the current tree: revision {revision} ({state})."),
        "cli.tree.changes": ("Thay đổi ({n}):", "Changes ({n}):"),
        "cli.tree.change_invalid": ("{kind}: chưa hợp lệ, xem phần Vấn đề", "{kind}: not valid, see Problems"),
        "cli.tree.diff": ("Cây sau thay đổi (chỉ các mục bị ảnh hưởng):",
                          "The tree after the changes (affected nodes):"),
        "cli.tree.no_diff": ("(cây không đổi)", "(the tree does not change)"),
        "cli.tree.problems": ("Vấn đề ({n}):", "Problems ({n}):"),
        "cli.tree.no_problems": ("Không có vấn đề: đề xuất gửi được.", "No problems: the proposal can be filed."),
        "cli.tree.new_redirects": ("Đường dẫn cũ sẽ được chuyển hướng ({n}):", "Old paths that will redirect ({n}):"),
        "cli.tree.portal": ("Cổng {portal}", "Portal {portal}"),
        "cli.tree.from_parent": ("từ «{parent}»", "from “{parent}”"),
        "cli.tree.into": ("nội dung chuyển tới «{node}»", "its content goes to “{node}”"),
        "cli.tree.stale": ("Đã thay đổi sau khi lập đề xuất ({n}):", "Changed since the proposal was made ({n}):"),
        "cli.tree.stale_by": ("«{node}» ({node_key}): bởi đề xuất #{other} «{title}» ({who}, {when})",
                              "“{node}” ({node_key}): by proposal #{other} “{title}” ({who}, {when})"),
        "cli.tree.stale_unknown": ("«{node}» ({node_key}): đã thay đổi, không rõ bởi đề xuất nào",
                                   "“{node}” ({node_key}): changed, by no proposal on record"),
        "cli.tree.rebase_hint": ("Người đề xuất cập nhật bằng: vss-console category rebase {id}",
                                 "The proposer rebases it with: vss-console category rebase {id}"),
        "cli.tree.applied": ("Đã áp dụng vào cây chuyên mục.", "Applied to the category tree."),
        "cli.tree.rationale": ("Lý do", "Rationale"),
        "cli.tree.url": ("Địa chỉ", "Address"),
        "cli.tree.types": ("Loại tin, bài", "Content types"),
        "cli.tree.rule": ("Quy tắc thời hạn", "Deadline rule"),
        "cli.tree.description": ("Mô tả", "Description"),
        "cli.tree.items": ("Tin, bài theo trạng thái", "Items by state"),
        "cli.tree.pending": ("Đề xuất đang chờ", "Pending proposals"),
        "cli.tree.history": ("Lịch sử", "History"),
        "cli.tree.redirects_here": ("Đường dẫn cũ chuyển về đây", "Old paths leading here"),
    }
)


# ------------------------------------------------------------------------------------ output


def _jsonable(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {k: _jsonable(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def emit(
    args: argparse.Namespace,
    data: Any,
    columns: Sequence[tuple[str, Callable[[Any], Any]]] = (),
    title: str | None = None,
    wrap: bool = True,
) -> None:
    """Print rows as JSON (``--format json``) or as a table."""
    if getattr(args, "format", "table") == "json":
        json.dump(_jsonable(data), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    rows = data if isinstance(data, list) else [data]
    if not rows:
        print(t("cli.no_rows"))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, show_lines=False)
    for name, _ in columns:  # a list of items keeps one line per row (titles widest); reference tables wrap
        if wrap:
            table.add_column(name, overflow="fold")
        else:
            table.expand = True
            ratio = 4 if name == t("col.title") else 2 if name == t("col.due") else 1
            table.add_column(name, no_wrap=True, overflow="ellipsis", ratio=ratio, min_width=len(name))
    for row in rows:
        table.add_row(*("" if (v := get(row)) is None else v if isinstance(v, Text) else str(v) for _, get in columns))
    Console().print(table)


def _local(dt: datetime | None) -> str:
    from console.timefmt import local_text

    return local_text(dt)


# ------------------------------------------------------------------------------ workspace, auth


def _workspace(args: argparse.Namespace) -> Workspace:
    from console.workspace import open_workspace

    ws = open_workspace(args.db)
    if ws.migrated:
        old, new, backup = ws.migrated
        print(t("ws.migrated", where=ws.location.display(), old=old, new=new, backup=backup or "—"), file=sys.stderr)
    return ws


def _password(prompt_key: str, user: str, env: str = "VSS_CONSOLE_PASSWORD", confirm: bool = False) -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise InvalidInput("auth.no_password")
    first = getpass.getpass(t(prompt_key, user=user))
    if confirm and getpass.getpass(t("cli.repeat_prompt")) != first:
        raise InvalidInput("cli.password_mismatch")
    return first


def _login(args: argparse.Namespace, ws: Workspace) -> Actor:
    from console.services import auth

    username = args.user or os.environ.get("VSS_CONSOLE_USER")
    if not username:
        raise InvalidInput("auth.no_user")
    actor = auth.login(ws, username, _password("cli.password_prompt", username))
    from console.permissions import Actor

    return Actor(actor.user_id, actor.username, actor.full_name, args.lang or actor.language, actor.memberships)


def _grants(values: list[str] | None) -> list[tuple[str, str]]:
    out = []
    for v in values or []:
        unit, sep, role = v.partition(":")
        if not sep:
            raise InvalidInput("input.required", field=f"--role UNIT:ROLE ({v})")
        out.append((unit, role))
    return out


# --------------------------------------------------------------------------------- commands


def cmd_init(args: argparse.Namespace) -> int:
    import secrets

    from console.services import people
    from console.workspace import init_workspace

    ws = init_workspace(args.path or args.db)
    print(t("cli.init_done", where=ws.location.display()))
    if args.no_admin:
        return 0
    password = os.environ.get("VSS_CONSOLE_PASSWORD")
    generated = False
    if not password:
        if sys.stdin.isatty():
            password = _password("cli.new_password_prompt", args.admin, confirm=True)
        else:
            password, generated = secrets.token_urlsafe(12), True
    people.add_user(ws, None, args.admin, args.admin_name, password, [("TTCNTT", "admin")])
    if generated:
        print(t("cli.admin_created", user=args.admin, password=password))
    else:
        print(t("cli.admin_created_short", user=args.admin))
    return 0


def _open_tui(target: str, lang: str | None, user: str | None = None, notice: str | None = None) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print(t("cli.not_tty", where=target), file=sys.stderr)
        return 0
    from screens.app import run_app  # the only import of the TUI, here, on demand

    return run_app(target, lang, user, notice)


def cmd_open(args: argparse.Namespace) -> int:
    target = args.path or args.db
    _workspace(argparse.Namespace(db=target)).close()  # clear errors (missing, too new) before the TUI starts
    from console.config import locate

    return _open_tui(
        str(locate(target).root) if locate(target).is_sqlite else locate(target).url, args.lang, args.user
    )


def cmd_demo(args: argparse.Namespace) -> int:
    from console.config import locate
    from console.demo import DEMO_PASSWORD, build_demo, demo_accounts

    target = args.path or "demo-workspace"
    location = locate(target)
    path = location.sqlite_path
    if args.fresh and path is not None and location.root.exists():
        import shutil

        shutil.rmtree(location.root)
    if path is not None and path.exists():
        print(t("cli.demo_exists", where=location.display()))
        _workspace(argparse.Namespace(db=target)).close()  # migrates an old demo, refuses a foreign file
    else:
        result = build_demo(target, progress=_progress_printer())
        print(t("cli.demo_built", where=location.display(), items=result.total_items, seconds=f"{result.seconds:.0f}"))
    users = demo_accounts()
    print(t("cli.demo_users", password=DEMO_PASSWORD))
    from models.workflow import ROLE_LABELS, Role

    i = 1 if (args.lang or "vi") == "en" else 0
    for username, full_name, roles in users:
        print(f"  {username:<12} {full_name:<24} {', '.join(ROLE_LABELS[Role(r)][i] for r in roles)}")
    if args.no_open:
        return 0
    notice = t("cli.demo_notice", password=DEMO_PASSWORD)
    return _open_tui(str(location.root), args.lang, args.user, notice)


def _progress_printer() -> Callable[[int, int], None] | None:
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        print(f"\r{t('cli.demo_progress')} {done}/{total}", end="" if done < total else "\n", file=sys.stderr)

    return show


def cmd_migrate(args: argparse.Namespace) -> int:
    ws = _workspace(argparse.Namespace(db=args.path or args.db))
    if not ws.migrated:
        from models.migrations import HEAD

        print(t("cli.migrate_current", rev=HEAD))
    ws.close()
    return 0


def cmd_user(args: argparse.Namespace) -> int:
    from console.services import people

    ws = _workspace(args)
    actor = _login(args, ws)
    if args.user_cmd == "list":
        rows = people.list_users(ws, actor)
        emit(
            args,
            rows,
            [
                (t("col.id"), lambda r: r.id),
                (t("col.username"), lambda r: r.username),
                (t("col.full_name"), lambda r: r.full_name),
                (t("col.roles"), lambda r: ", ".join(f"{u}:{role}" for u, role in r.memberships)),
                (t("col.active"), lambda r: "✓" if r.active else "✗"),
                (t("col.locked_until"), lambda r: r.locked_until or ""),
            ],
        )
        return 0
    if args.user_cmd == "add":
        password = _password("cli.new_password_prompt", args.username, env="VSS_CONSOLE_NEW_PASSWORD", confirm=True)
        uid = people.add_user(
            ws, actor, args.username, args.name, password, _grants(args.role), args.email, args.user_lang
        )
        emit(
            args,
            {"id": uid, "username": args.username},
            [(t("col.id"), lambda r: r["id"]), (t("col.username"), lambda r: r["username"])],
        )
        return 0
    if args.user_cmd == "passwd":
        password = _password("cli.new_password_prompt", args.username, env="VSS_CONSOLE_NEW_PASSWORD", confirm=True)
        people.set_password(ws, actor, args.username, password)
    elif args.user_cmd in ("disable", "enable"):
        people.set_active(ws, actor, args.username, args.user_cmd == "enable")
    elif args.user_cmd == "grant":
        people.grant(ws, actor, args.username, _grants(args.role))
    print(t("cli.done"))
    return 0


def cmd_unit(args: argparse.Namespace) -> int:
    from console.services import people

    ws = _workspace(args)
    if args.unit_cmd == "list":
        rows = people.list_units(ws, include_inactive=args.all)
        en = (args.lang or "vi") == "en"
        emit(
            args,
            rows,
            [
                (t("col.code"), lambda r: r.code),
                (t("col.unit"), lambda r: (r.name_en or r.name) if en else r.name),
                (t("col.type"), lambda r: r.kind),
                (t("col.users"), lambda r: r.members),
                (t("col.active"), lambda r: "✓" if r.active else "✗"),
            ],
        )
        return 0
    actor = _login(args, ws)
    if args.unit_cmd == "add":
        people.add_unit(ws, actor, args.code, args.name, args.kind, args.name_en)
    else:
        people.set_unit_active(ws, actor, args.code, args.unit_cmd == "enable")
    print(t("cli.done"))
    return 0


def cmd_category(args: argparse.Namespace) -> int:
    if args.cat_cmd != "list":
        return _cmd_tree(args)
    ws = _workspace(args)
    if args.portal and args.portal not in ("vi", "en"):
        raise InvalidInput("input.unknown_portal", value=args.portal)
    from console.services import tree

    rows = tree.rows(ws, args.portal)
    emit(
        args,
        rows,
        [
            (t("col.code"), lambda r: r.key),
            (t("col.portal"), lambda r: r.portal),
            (t("col.name"), lambda r: ("  " * r.depth) + r.name),
            (t("col.name_vi"), lambda r: r.name_vi if r.portal == "en" else ""),
            (t("col.unit"), lambda r: r.unit),
            (t("col.state"), lambda r: r.status),
        ],
    )
    return 0


# ------------------------------------------------------------------ the category tree (issue 6)


def _cmd_tree(args: argparse.Namespace) -> int:
    """``category tree|propose|check|proposals|show|rebase|revise|redirects``: the tree and its proposals."""
    ws = _workspace(args)
    if args.cat_cmd == "tree":
        return _tree_list(args, ws)
    if args.cat_cmd == "redirects":
        return _tree_redirects(args, ws)
    if args.cat_cmd == "check":
        return _tree_check(args, ws)
    actor = _tree_actor(args, ws)
    if args.cat_cmd == "propose":
        return _tree_propose(args, ws, actor)
    if args.cat_cmd == "proposals":
        return _tree_proposals(args, ws, actor)
    if args.cat_cmd == "show":
        return _tree_show(args, ws, actor)
    from console.services import tree

    if args.cat_cmd == "rebase":
        ref = tree.rebase(ws, actor, args.id)
        key = "cli.tree.rebased"
    else:  # revise
        from console.proposal_file import read_proposal

        pf = read_proposal(args.file)
        ref = tree.revise(ws, actor, args.id, title=pf.title, changes=pf.changes, rationale=pf.rationale)
        key = "cli.tree.revised"
    if args.format == "json":
        emit(args, ref)
    else:
        print(t(key, id=ref.id, revision=ref.revision, state=_state_label(ref.state, actor.language)))
    return 0


def _tree_actor(args: argparse.Namespace, ws: Workspace) -> Actor:
    """The logged-in user, speaking the CLI's language, so that the service's sentences (summaries,
    problems) and the CLI's own headings come out in one language."""
    from console.permissions import Actor

    a = _login(args, ws)
    return Actor(a.user_id, a.username, a.full_name, current_language(), a.memberships)


def _status_label(status: str) -> str:
    key = f"tree.status.{status}"
    text = t(key)
    return status if text == key else text


def _type_names(codes: Sequence[str]) -> str:
    from models.content_types import content_type

    i = 1 if current_language() == "en" else 0
    out = []
    for code in codes:
        try:
            ct = content_type(code)
        except KeyError:
            out.append(code)
        else:
            out.append((ct.name_vi, ct.name_en)[i])
    return ", ".join(out)


def _tree_list(args: argparse.Namespace, ws: Workspace) -> int:
    from console.services import tree

    rows = tree.rows(ws, args.portal, archived=args.all)
    if args.format == "json":
        emit(args, rows)
        return 0
    if not rows:
        print(t("cli.no_rows"))
        return 0
    # An outline rather than a boxed table: a tree reads by its indentation, and long paths never fold.
    head = [t("col.name"), t("cli.tree.col.key"), t("cli.tree.col.path"), t("col.state"), t("col.unit"),
            t("cli.tree.col.counterpart")]  # fmt: skip
    _print_aligned(head, [[("  " * r.depth) + r.name, r.key, r.path, _status_label(r.status), r.unit or "",
                           r.counterpart or ""] for r in rows])  # fmt: skip
    return 0


def _print_aligned(head: list[str], lines: list[list[str]]) -> None:
    """Plain columns, padded to the widest cell: for paths and outlines, which a boxed table would fold."""
    widths = [max(len(x[i]) for x in [head, *lines]) for i in range(len(head))]
    for cells in [head, *lines]:
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())


def _tree_redirects(args: argparse.Namespace, ws: Workspace) -> int:
    from console.services import tree

    rows = [{"portal": p, "old_path": old, "key": key, "current_path": path}
            for p, old, key, path in tree.redirects(ws, args.portal)]  # fmt: skip
    if args.format == "json" or not rows:
        emit(args, rows)
        return 0
    head = [t("col.portal"), t("cli.tree.col.old_path"), "", t("cli.tree.col.current_path"), t("cli.tree.col.key")]
    _print_aligned(head, [[r["portal"], r["old_path"], "→", r["current_path"], r["key"]] for r in rows])
    return 0


def _tree_propose(args: argparse.Namespace, ws: Workspace, actor: Actor) -> int:
    from console.proposal_file import read_proposal
    from console.services import tree

    pf = read_proposal(args.file)
    ref = tree.propose(ws, actor, pf.title, pf.changes, rationale=pf.rationale, submit=not args.draft)
    if args.format == "json":
        emit(args, ref)
    else:
        print(t("cli.tree.proposed", id=ref.id, state=_state_label(ref.state, actor.language)))
    return 0


def _tree_check(args: argparse.Namespace, ws: Workspace) -> int:
    """The dry run: what the proposal would do and what stops it. Files nothing; exit 2 on problems."""
    from console.proposal_file import read_proposal
    from console.services import tree

    lang = current_language()
    pf = read_proposal(args.file)
    result = tree.check(ws, pf.changes)
    # Only the changes that passed the service's normalisation are described (a list where a key belongs
    # would not describe); the others are numbered too, so the problems' "Change N" still match.
    valid = {c["index"]: c for c in result.changes}
    summaries = [tree.describe(valid[i], result.before, lang) if i in valid
                 else t("cli.tree.change_invalid", kind=str(c.get("kind", "?"))) for i, c in enumerate(pf.changes)]
    diff = tree.diff_rows(result)
    problems = result.messages(lang)
    new_paths = result.after.paths()
    redirects = [{"portal": p, "old_path": old, "key": key, "new_path": new_paths[key]}
                 for p, old, key in result.redirects()] if not problems else []  # fmt: skip
    if args.format == "json":
        emit(args, {"title": pf.title, "rationale": pf.rationale, "changes": pf.changes, "summaries": summaries,
                    "diff": diff, "problems": problems, "redirects": redirects, "ok": not problems})
        return 2 if problems else 0
    print(f"{pf.title}")
    _print_changes(summaries)
    _print_diff(diff)
    if redirects:
        print(t("cli.tree.new_redirects", n=len(redirects)))
        for r in redirects:
            print(f"  {r['portal']} {r['old_path']} → {r['new_path']}")
    if problems:
        print(t("cli.tree.problems", n=len(problems)))
        for m in problems:
            print(f"  - {m}")
        return 2
    print(t("cli.tree.no_problems"))
    return 0


def _print_changes(summaries: Sequence[str]) -> None:
    print(t("cli.tree.changes", n=len(summaries)))
    for n, line in enumerate(summaries, start=1):
        print(f"  {n}. {line}")


def _print_diff(rows: Sequence[Any]) -> None:
    """The before/after tree diff, one node a line, indented by depth under its portal."""
    print(t("cli.tree.diff"))
    if not rows:
        print("  " + t("cli.tree.no_diff"))
    portal = None
    for r in rows:
        if r.portal != portal:
            portal = r.portal
            print("  " + t("cli.tree.portal", portal=portal))
        line = "    " + "  " * r.depth + f"{r.name} ({r.key})"
        if r.marks:
            line += "  [" + ", ".join(t(f"tree.mark.{m}") for m in r.marks) + "]"
        parts = []
        if r.old_name:
            parts.append(f"«{r.old_name}» → «{r.name}»")
        if r.old_parent:
            parts.append(t("cli.tree.from_parent", parent=r.old_parent))
        if r.old_path:
            parts.append(f"{r.old_path} → {r.new_path}")
        elif "added" in r.marks and r.new_path:
            parts.append(f"→ {r.new_path}")
        if r.into:
            parts.append(t("cli.tree.into", node=r.into))
        if parts:
            line += "  " + "; ".join(parts)
        print(line)


def _tree_proposals(args: argparse.Namespace, ws: Workspace, actor: Actor) -> int:
    from console.services import tree
    from models.workflow import State

    rows = tree.proposals(ws, actor, list(State) if args.all else None)
    emit(
        args,
        rows,
        [
            ("#", lambda r: r.id),
            (t("col.title"), lambda r: r.title),
            (t("col.state"), lambda r: _state_label(r.state, actor.language)),
            (t("cli.tree.col.proposer"), lambda r: r.proposer),
            (t("col.submitted"), lambda r: _local(r.submitted_at)),
            (t("cli.tree.col.changes"), lambda r: f"{r.changes}: " + ", ".join(t(f"tree.kind.{k}") for k in r.kinds)),
            (t("cli.tree.col.nodes"), lambda r: ", ".join(r.keys)),
        ],
    )
    return 0


def _tree_show(args: argparse.Namespace, ws: Workspace, actor: Actor) -> int:
    from console.services import tree

    target = args.target.strip().lstrip("#")
    if target.isdigit():
        view = tree.proposal(ws, actor, int(target))
        if args.format == "json":
            emit(args, view)
        else:
            _print_proposal(view, actor.language)
        return 0
    detail = tree.node_detail(ws, actor, args.target.strip())
    if args.format == "json":
        emit(args, detail)
    else:
        _print_node(detail, actor.language)
    return 0


def _print_proposal(view: Any, lang: str) -> None:
    print(f"#{view.id}  {view.title}")
    applied = f" · {t('cli.tree.applied')}" if view.applied else ""
    print(f"{t('col.state')}: {_state_label(view.state, lang)}{applied}")
    if view.rationale:
        print(f"{t('cli.tree.rationale')}: {view.rationale}")
    _print_changes(view.summaries)
    _print_diff(view.diff)
    if view.stale:
        print(t("cli.tree.stale", n=len(view.stale)))
        for st in view.stale:
            if st.proposal_id is None:
                print("  - " + t("cli.tree.stale_unknown", node=st.name, node_key=st.key))
            else:
                when = _local(st.when) if st.when else "?"
                print("  - " + t("cli.tree.stale_by", node=st.name, node_key=st.key, other=st.proposal_id,
                                 title=st.proposal_title, who=st.who, when=when))  # fmt: skip
        print("  " + t("cli.tree.rebase_hint", id=view.id))
    if view.problems:
        print(t("cli.tree.problems", n=len(view.problems)))
        for m in view.problems:
            print(f"  - {m}")


def _print_node(d: Any, lang: str) -> None:
    r = d.row
    print(f"{r.key}  {r.name}" + (f" ({r.name_vi})" if r.portal == "en" and r.name_vi else ""))
    fields = [
        (t("cli.tree.col.path"), r.path),
        (t("cli.tree.url"), d.url),
        (t("col.state"), _status_label(r.status)),
        (t("col.unit"), f"{d.unit_name} ({r.unit})" if d.unit_name else r.unit or ""),
        (t("cli.tree.types"), _type_names(r.content_types)),
        (t("cli.tree.rule"), d.deadline_rule or ""),
        (t("cli.tree.col.counterpart"), f"{d.counterpart_name} ({r.counterpart})" if r.counterpart else ""),
        (t("cli.tree.description"), d.description),
    ]
    for label, value in fields:
        if value:
            print(f"  {label}: {value}")
    items = ", ".join(f"{_state_label(s, lang)}: {n}" for s, n in sorted(d.items_by_state.items()))
    print(f"{t('cli.tree.items')}: {items or t('cli.no_rows')}")
    print(f"{t('cli.tree.pending')}:" + ("" if d.pending else " " + t("cli.no_rows")))
    for p in d.pending:
        print(f"  #{p.id} «{p.title}» ({_state_label(p.state, lang)}, {p.proposer})")
    print(f"{t('cli.tree.history')}:" + ("" if d.history else " " + t("cli.no_rows")))
    for h in d.history:
        parts = []
        before, after = h.before or {}, h.after or {}
        if before.get("name") and before["name"] != after.get("name"):
            parts.append(f"«{before['name']}» → «{after.get('name')}»")
        if before.get("path") and before["path"] != after.get("path"):
            parts.append(f"{before['path']} → {after.get('path')}")
        marks = ", ".join(t(f"tree.mark.{m}") for m in h.marks)
        tail = ("; " + "; ".join(parts)) if parts else ""
        print(f"  {_local(h.at)} #{h.proposal_id} «{h.proposal_title}» ({h.actor}): {marks}{tail}")
    print(f"{t('cli.tree.redirects_here')}:" + ("" if d.redirects else " " + t("cli.no_rows")))
    for old in d.redirects:
        print(f"  {old}")


def _due_text(status: str, overdue: int, provisional: bool) -> str:
    if status == "overdue":
        text = t("deadline.overdue_by_one") if overdue == 1 else t("deadline.overdue_by", n=overdue)
    else:
        text = t(f"deadline.status.{status}")
    return text + (f" ({t('col.provisional')})" if provisional else "")


DUE_STYLES = {"overdue": "bold red", "due_today": "red", "due_soon": "yellow", "on_time": "green"}


def _due_cell(r: Any) -> Any:
    """The due date and its status, coloured as the queues colour it."""
    from rich.text import Text

    if r.due_at is None:
        return ""
    text = f"{_local(r.due_at)} · {_due_text(r.due_status, r.working_days_overdue, r.provisional)}"
    return Text(text, style=DUE_STYLES.get(r.due_status, ""))


def _item_columns() -> list[tuple[str, Callable[[Any], Any]]]:
    return [
        ("#", lambda r: r.id),
        (t("col.title"), lambda r: r.title[:60]),
        (t("col.type"), lambda r: r.type_name),
        (t("col.unit"), lambda r: r.unit),
        (t("col.portal"), lambda r: r.portal),
        (t("col.state"), lambda r: r.state_label),
        (t("col.submitted"), lambda r: _local(r.submitted_at)),
        (t("col.due"), _due_cell),
        (t("col.assignee"), lambda r: r.assignee),
        (t("col.lock"), lambda r: f"{r.lock_holder} → {_local(r.lock_until)}" if r.lock_holder else ""),
    ]


def cmd_item(args: argparse.Namespace) -> int:
    from console.services import items, queries

    ws = _workspace(args)
    actor = _login(args, ws)
    if args.item_cmd == "submit":
        from console.submission import draft_from_file

        units = {u for u, r in actor.memberships if r.value == "contributor"}
        default_unit = None
        if len(units) == 1:
            from console.services.people import list_units

            default_unit = next((u.code for u in list_units(ws) if u.id in units), None)
        draft = draft_from_file(Path(args.file), default_unit)
        ref = items.create(ws, actor, draft, submit=not args.draft)
        if args.format == "json":
            emit(args, ref)
        else:
            print(t("cli.submitted", id=ref.id, state=ref.state))
        return 0
    if args.item_cmd == "show":
        d = queries.item_detail(ws, actor, args.id)
        if args.format == "json":
            emit(args, d)
            return 0
        _print_item(d)
        return 0
    if args.item_cmd == "comment":
        items.comment(ws, actor, args.id, args.text, args.reply_to)
    elif args.item_cmd == "attach":
        items.attach(ws, actor, args.id, Path(args.file))
    elif args.item_cmd == "assign":
        items.assign(ws, actor, args.id, args.username or None)
    elif args.item_cmd == "lock":
        items.claim(ws, actor, args.id)
    elif args.item_cmd == "unlock":
        items.release(ws, actor, args.id)
    elif args.item_cmd == "break-lock":
        items.break_lock(ws, actor, args.id, args.reason or "")
    print(t("cli.done"))
    return 0


def _print_item(d: Any) -> None:
    from rich.console import Console
    from rich.markdown import Markdown
    from rich.table import Table

    from models.workflow import ACTION_LABELS, STATE_LABELS, Action, State

    i = 1 if current_language() == "en" else 0
    actions = ", ".join(ACTION_LABELS[Action(a)][i] for a in d.actions)
    console = Console()
    meta = Table.grid(padding=(0, 2))
    for k, v in [
        ("#", d.id),
        (t("col.title"), d.current.title),
        (t("col.summary"), d.current.summary),
        (t("col.state"), d.state_label),
        (t("col.type"), d.type_name),
        (t("col.portal_category"), f"{d.portal} / {d.category} ({d.category_key})"),
        (t("col.unit"), f"{d.unit_name} ({d.unit})"),
        (t("col.author"), d.current.author),
        (t("col.source"), d.current.source),
        (t("col.submitted"), _local(d.submitted_at)),
        (t("col.version"), t("col.version_value", version=d.version, revision=d.current.number)),
        (t("col.assignee"), d.assignee or ""),
        (t("col.lock"), f"{d.lock_holder} → {_local(d.lock_until)}" if d.lock_holder else ""),
        (t("col.actions"), actions),
    ]:
        meta.add_row(str(k), str(v))
    for key, value in d.current.meta.items():
        meta.add_row(key, str(value))
    console.print(meta)
    console.print(Markdown(d.current.body_md or ""))
    for dec in d.decisions:
        reason = f" — {dec.reason}" if dec.reason else ""
        action = ACTION_LABELS[Action(dec.action)][i]
        move = f"{STATE_LABELS[State(dec.from_state)][i]} → {STATE_LABELS[State(dec.to_state)][i]}"
        console.print(f"[dim]{_local(dec.at)}[/] {dec.actor}: {action} ({move}){reason}", highlight=False)


def cmd_queue(args: argparse.Namespace) -> int:
    from console.services import queries

    ws = _workspace(args)
    actor = _login(args, ws)
    rows = queries.list_queue(ws, actor, args.queue, portal=args.portal, limit=args.limit, offset=args.offset)
    emit(args, rows, _item_columns(), title=args.queue, wrap=False)
    return 0


def cmd_decide(args: argparse.Namespace) -> int:
    from console.services import items

    ws = _workspace(args)
    actor = _login(args, ws)
    if len(args.id) > 1:
        if args.version is not None:
            raise InvalidInput("input.version_one_item")
        if args.document_number or args.for_leader or args.document_file or args.session:
            raise InvalidInput("cli.decide.document_one_item")
        results = items.decide_many(ws, actor, args.id, args.action, reason=args.reason or "")
        emit(
            args,
            [{"id": r.item_id, "ok": r.ok, "state": r.ref.state if r.ref else None,
              "error": r.error.message() if r.error else None} for r in results]
            if args.format == "json" else results,
            [
                (t("col.id"), lambda r: r.item_id),
                (t("col.result"), lambda r: t("cli.bulk.done") if r.ok else t("cli.bulk.refused")),
                (t("col.detail"), lambda r: _state_label(r.ref.state, actor.language) if r.ref else r.error.message()),
            ],
        )
        refused = [r.error for r in results if r.error is not None]
        return max((e.exit_code for e in refused), default=0)
    ref = items.decide(ws, actor, args.id[0], args.action, reason=args.reason or "", expected_version=args.version,
                       document_number=args.document_number, for_leader=args.for_leader,
                       document_file=args.document_file, session_id=args.session)  # fmt: skip
    if args.format == "json":
        emit(args, ref)
    else:
        print(t("cli.decided", id=ref.id, state=_state_label(ref.state, actor.language), version=ref.version))
    return 0


def _state_label(state: str, lang: str) -> str:
    from models.workflow import STATE_LABELS, State

    return STATE_LABELS[State(state)][1 if lang == "en" else 0]


def _ids(value: str) -> list[int]:
    """``12`` or ``12,15,18``: the items of one decision."""
    try:
        ids = [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli.bad_ids", value=value)) from None
    if not ids:
        raise argparse.ArgumentTypeError(t("cli.bad_ids", value=value))
    return ids


def cmd_export(args: argparse.Namespace) -> int:
    """``export target ...`` (targets, by ``exports.targets``), and ``export plan|run|verify|history|render``
    (by ``console.services.export``): plan, apply and verify exports to the live portal database."""
    from console.services import export
    from exports import targets

    try:
        if args.export_cmd == "target":
            return _export_target(args, targets)
        ws = _workspace(args)
        actor = _login(args, ws)
        return _EXPORT_COMMANDS[args.export_cmd](args, ws, actor)
    except targets.TargetError as exc:
        raise export.console_error(exc) from None


def _plan_table(args: argparse.Namespace, name: str, plan: Any) -> None:
    from console.services.export import plan_rows
    from exports.publish import ACTIONS

    if getattr(args, "format", "table") == "json":
        emit(args, {"target": name, **plan.as_dict()})
        return
    rows = plan_rows(plan)
    columns: list[tuple[str, Callable[[Any], Any]]] = [(t("col.kind"), lambda r: t(f"export.kind.{r[0]}"))]
    for i, a in enumerate(ACTIONS):
        columns.append((t(f"export.action.{a}"), _count_at(i)))
    emit(args, rows, columns, title=t("cli.export.plan_title", name=name))
    print(t("cli.export.plan_size", size=size(plan.html_bytes), writes=number(plan.writes)))
    if plan.incremental:
        print(t("cli.export.incremental"))
    if plan.orphans:
        print(t("cli.export.orphans", n=len(plan.orphans), first=", ".join(o.ref for o in plan.orphans[:5])))


def _count_at(i: int) -> Callable[[Any], Any]:
    return lambda r: number(r[1][i]) if r[1][i] else "·"


def _export_plan(args: argparse.Namespace, ws: Workspace, actor: Actor) -> int:
    from console.services import export

    _plan_table(args, args.name, export.plan(ws, actor, args.name, full=args.full))
    return 0


def _export_run(args: argparse.Namespace, ws: Workspace, actor: Actor) -> int:
    import signal

    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from console.services import export

    stop = {"asked": False}
    console = Console(stderr=True)

    def on_plan(plan: Any) -> None:
        _plan_table(args, args.name, plan)
        if plan.empty:
            return
        if not args.yes:
            if not sys.stdin.isatty():
                raise InvalidInput("cli.export.confirm_needed")
            if input(t("cli.export.confirm", name=args.name)).strip().lower() not in ("y", "yes", "c", "có", "co"):
                raise InvalidInput("cli.export.not_confirmed")

    def interrupt(signum: int, frame: Any) -> None:
        stop["asked"] = True
        console.print(t("cli.export.stopping"))

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TimeRemainingColumn())  # fmt: skip
    previous = signal.signal(signal.SIGINT, interrupt)
    try:
        # The bar starts with the first batch: the plan and its question come first, on a quiet terminal.
        bar = Progress(*columns, console=console, transient=False)
        task: list[Any] = []

        def progress(done: int, total: int) -> None:
            if not task:
                bar.start()
                task.append(bar.add_task(t("cli.export.progress", name=args.name), total=total))
            bar.update(task[0], completed=done, total=total)

        try:
            outcome = export.run(ws, actor, args.name, batch=args.batch, progress=progress,
                                 should_stop=lambda: stop["asked"], on_plan=on_plan, repair=args.repair,
                                 full=args.full)  # fmt: skip
        finally:
            bar.stop()
    finally:
        signal.signal(signal.SIGINT, previous)
    print(t("cli.export.finished", name=args.name, status=export.status_label(outcome.status, current_language()),
            done=export.done_text(outcome.done) or "—", seconds=number(outcome.seconds, 1),
            run=outcome.run_id))  # fmt: skip
    return 0 if outcome.status == "done" else EXIT_EXPORT_STOPPED


def _export_verify(args: argparse.Namespace, ws: Workspace, actor: Actor) -> int:
    from console.services import export

    report = export.verify(ws, actor, args.name)
    if args.format == "json":
        emit(args, {"target": args.name, "clean": report.clean, "checked": dict(report.checked),
                    "counts": report.counts(), "differences": report.differences})  # fmt: skip
    else:
        checked = ", ".join(f"{t(f'export.kind.{k}')}: {number(n)}" for k, n in sorted(report.checked.items()))
        print(t("cli.export.verified", name=args.name, checked=checked or "0"))
        if report.differences:
            emit(args, report.differences[: args.limit], [
                (t("col.kind"), lambda d: t(f"export.kind.{d.kind}")), (t("col.code"), lambda d: d.ref),
                (t("col.result"), lambda d: t(f"export.problem.{d.problem}")),
                (t("col.detail"), lambda d: export.detail_text(d.detail)),
            ])  # fmt: skip
            if len(report.differences) > args.limit:
                print(t("cli.export.more", n=len(report.differences) - args.limit))
        else:
            print(t("cli.export.clean"))
    return 0 if report.clean else EXIT_EXPORT_DIFFERS


def _export_history(args: argparse.Namespace, ws: Workspace, actor: Actor) -> int:
    from console.services import export

    lang = current_language()
    emit(args, export.history(ws, args.name), [
        (t("col.at"), lambda r: _local(r.started_at)), (t("cli.export.target"), lambda r: r.target),
        (t("col.actor"), lambda r: r.by), (t("col.state"), lambda r: export.status_label(r.status, lang)),
        (t("cli.export.seconds"), lambda r: "" if r.seconds is None else number(r.seconds, 1)),
        (t("col.result"), lambda r: export.done_text(r.done) or r.error or "—"),
    ])  # fmt: skip
    return 0


def _export_render(args: argparse.Namespace, ws: Workspace, actor: Actor) -> int:
    from console.permissions import check_admin
    from console.services import renditions

    check_admin(actor)
    n = renditions.render_pending(ws, processes=args.processes)
    print(t("cli.export.rendered", n=n))
    return 0


_EXPORT_COMMANDS: dict[str, Callable[[argparse.Namespace, Workspace, Actor], int]] = {
    "plan": _export_plan, "run": _export_run, "verify": _export_verify, "history": _export_history,
    "render": _export_render,
}


def _export_target(args: argparse.Namespace, targets: Any) -> int:
    cmd = args.target_cmd
    if cmd == "add":
        added = targets.add_target(args.name, args.url, args.files)
        target = added.target
        print(t("cli.export.added", name=target.name, url=target.display_url, env=target.password_env,
                path=targets.password_file(target.name)))
        notice = added.notice(current_language())
        if notice:
            print(notice, file=sys.stderr)
        return 0
    if cmd == "list":
        def source(target: Any) -> str:  # where a password would come from; never the password
            if os.environ.get(target.password_env):
                return t("cli.export.password_env", env=target.password_env)
            if targets.password_file(target.name).exists():
                return t("cli.export.password_file", path=targets.password_file(target.name))
            return "—"

        emit(args, targets.list_targets(), [
            (t("col.name"), lambda r: r.name), ("URL", lambda r: r.display_url),
            (t("cli.export.password_from"), source),
        ])  # fmt: skip
        return 0
    if cmd == "remove":
        print(t("cli.export.removed", name=targets.remove_target(args.name).name))
        return 0
    target = targets.get_target(args.name)
    status = targets.init_target(target) if cmd == "init" else targets.check_target(target)
    print(t(status.key, **status.params))
    return 0 if status.state in ("ok", "created", "upgraded", "current") else WorkspaceError.exit_code


def cmd_reason(args: argparse.Namespace) -> int:
    from console.services import reasons

    ws = _workspace(args)
    if args.reason_cmd == "list":
        rows = reasons.templates(ws, args.action, args.lang or current_language(), retired=args.all)
        emit(
            args,
            rows,
            [
                (t("col.id"), lambda r: r.id),
                (t("col.action"), lambda r: r.action),
                (t("col.text"), lambda r: r.text),
                (t("col.active"), lambda r: "✓" if r.active else "✗"),
            ],
        )
        return 0
    actor = _login(args, ws)
    if args.reason_cmd == "add":
        new_id = reasons.add(ws, actor, args.action, args.text_vi, args.text_en or "")
        print(t("cli.created", id=new_id))
    else:
        reasons.retire(ws, actor, args.id)
        print(t("cli.done"))
    return 0


def cmd_delegate(args: argparse.Namespace) -> int:
    """``delegate add|list|revoke``: the Board head's authority handed to a member for some days (Đ6.3b)."""
    from console.services import delegation

    ws = _workspace(args)
    actor = _login(args, ws)
    if args.delegate_cmd == "add":
        new_id = delegation.add(ws, actor, args.user_to, _date_arg(args.start), _date_arg(args.end),
                                reason=args.reason, categories=args.category or (),
                                content_types=args.type or ())  # fmt: skip
        print(t("cli.delegate.added", id=new_id))
        return 0
    if args.delegate_cmd == "revoke":
        delegation.revoke(ws, actor, args.id, reason=args.reason)
        print(t("cli.done"))
        return 0
    on = delegation.today()
    every = t("delegate.all")
    emit(args, delegation.listing(ws, include_past=args.all), [
        (t("col.id"), lambda r: r.id), (t("cli.delegate.head"), lambda r: r.head),
        (t("cli.delegate.deputy"), lambda r: f"{r.deputy} ({r.deputy_username})"),
        (t("cli.delegate.days"), lambda r: f"{_day(r.starts_on)} – {_day(r.ends_on)}"),
        (t("cli.delegate.scope"), lambda r: ", ".join(r.categories + r.content_types) or every),
        (t("col.state"), lambda r: t(f"cli.delegate.state.{r.state(on)}")), (t("col.text"), lambda r: r.reason),
    ])  # fmt: skip
    return 0


def cmd_session(args: argparse.Namespace) -> int:
    """``session open|list|show|close|minutes``: Board approval sessions and their minutes (issue 8)."""
    from console.services import sessions

    ws = _workspace(args)
    actor = _login(args, ws)
    cmd = args.session_cmd
    if cmd == "open":
        absent = dict(_pair(v) for v in args.absent or ())
        sid, quorum = sessions.open_now(ws, actor, args.title, _date_arg(args.date), attendees=_names(args.attend),
                                        absentees=absent, place=args.place, secretary=args.secretary,
                                        quorum=args.quorum, items=args.items)  # fmt: skip
        print(quorum)
        print(t("cli.session.opened", id=sid, n=len(sessions.agenda(ws, sid))))
        return 0
    if cmd == "list":
        emit(args, sessions.listing(ws), [
            (t("col.id"), lambda r: r.id), (t("col.date"), lambda r: _day(r.held_on)),
            (t("col.title"), lambda r: r.title), (t("cli.session.chair"), lambda r: r.chair),
            (t("col.state"), lambda r: t(f"cli.session.status.{r.status}")),
            (t("cli.session.entries"), lambda r: r.entries),
            (t("cli.session.minutes"), lambda r: r.minutes_number or ""),
        ])  # fmt: skip
        return 0
    if cmd == "show":
        print(sessions.progress(ws, args.id).text(current_language()))
        emit(args, sessions.agenda(ws, args.id), [
            (t("cli.session.entry"), lambda r: r.id), ("#", lambda r: r.item_id),
            (t("col.title"), lambda r: r.title),
            (t("col.state"), lambda r: t(f"cli.session.entry.{r.status}")),
            (t("col.action"), lambda r: _action_label(r.decision) if r.decision else ""),
            (t("col.detail"), lambda r: "; ".join(x for x in (r.reason, r.note) if x)),
        ])  # fmt: skip
        return 0
    if cmd == "close":
        print(t("cli.session.closed", id=args.id, number=sessions.close(ws, actor, args.id, language=actor.language)))
        return 0
    if cmd == "correct":
        print(t("cli.session.corrected", id=args.id, number=sessions.correct(ws, actor, args.id, args.text)))
        return 0
    data = sessions.document(ws, args.id, args.format)
    if args.output:
        Path(args.output).write_bytes(data)
        print(t("cli.session.written", path=args.output))
    elif args.format == "md":
        sys.stdout.write(data.decode("utf-8"))
    else:
        raise InvalidInput("cli.session.output_needed", format=args.format)
    return 0


def _names(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _pair(value: str) -> tuple[str, str]:
    user, _, reason = value.partition(":")
    return user.strip(), reason.strip()


def _action_label(action: str) -> str:
    from models.workflow import ACTION_LABELS, Action

    vi, en = ACTION_LABELS[Action(action)]
    return en if current_language() == "en" else vi


def _day(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def cmd_audit(args: argparse.Namespace) -> int:
    from console import audit
    from console.services import queries

    ws = _workspace(args)
    if args.audit_cmd == "verify":
        with ws.db.read() as s:
            result = audit.verify(s)
        if args.format == "json":
            emit(args, result)
        elif result.ok:
            print(t("audit.ok", count=result.count))
        else:
            print(t("audit.broken", id=result.bad_id, problem=t(result.problem or "")), file=sys.stderr)
        return 0 if result.ok else EXIT_AUDIT_BROKEN
    rows = queries.audit_log(
        ws, limit=args.limit, entity="item" if args.item else None, entity_id=str(args.item) if args.item else None
    )
    emit(
        args,
        [
            {
                "id": e.id,
                "at": e.at,
                "actor": e.actor_name,
                "action": e.action,
                "entity": e.entity,
                "entity_id": e.entity_id,
                "data": json.loads(e.data),
            }
            for e in rows
        ],
        [
            ("#", lambda r: r["id"]),
            (t("col.at"), lambda r: _local(r["at"])),
            (t("col.actor"), lambda r: r["actor"]),
            (t("col.action"), lambda r: r["action"]),
            (t("col.entity"), lambda r: f"{r['entity']} {r['entity_id']}"),
            (t("col.data"), lambda r: json.dumps(r["data"], ensure_ascii=False)[:60]),
        ],
    )
    return 0


def _date_arg(value: str) -> date:
    from console.calendar import parse_day

    day = parse_day(value)
    if day is None:
        raise InvalidInput("input.meta_date", field="DATE", value=value)
    return day


def cmd_calendar(args: argparse.Namespace) -> int:
    from console.services import due

    ws = _workspace(args)
    if args.cal_cmd == "show":
        cal = due.working_calendar(ws)
        days = due.calendar_days(ws, args.year)
        if args.format == "json":
            emit(args, {"year": args.year, "days": [d.as_dict() for d in days],
                        "provisional_windows": [{"from": a, "to": b, "occasion": o}
                                                for a, b, o in cal.provisional_windows(args.year)]})
            return 0
        names = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
        if current_language() == "en":
            names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
        emit(args, days, [
            (t("col.date"), lambda d: d.date.strftime("%d/%m/%Y")),
            (t("col.weekday"), lambda d: names[d.date.weekday()]),
            (t("col.kind"), lambda d: t(f"cli.calendar.kind.{d.kind}")),
            (t("col.name"), lambda d: d.name),
            (t("col.source"), lambda d: d.source),
        ], title=str(args.year))
        windows = cal.provisional_windows(args.year)
        if windows:
            text = ", ".join(f"{t('calendar.occasion.' + o)} ({a:%d/%m}–{b:%d/%m})" for a, b, o in windows)
            print(t("cli.calendar.provisional", year=args.year, windows=text))
        return 0
    actor = _login(args, ws)
    if args.cal_cmd in ("add-off", "add-workday"):
        kind = "off" if args.cal_cmd == "add-off" else "workday"
        moved = due.set_override(ws, actor, _date_arg(args.date), kind, args.name, args.source,
                                 _date_arg(args.checked) if args.checked else None)
        print(t("cli.calendar.changed", n=moved))
    elif args.cal_cmd == "remove":
        print(t("cli.calendar.changed", n=due.remove_override(ws, actor, _date_arg(args.date))))
    elif args.cal_cmd == "import":
        n_days, n_windows, moved = due.import_calendar(ws, actor, Path(args.file))
        print(t("cli.calendar.imported", days=n_days, windows=n_windows, n=moved))
    return 0


def cmd_deadline(args: argparse.Namespace) -> int:
    from console.services import due

    ws = _workspace(args)
    if args.dl_cmd == "rules":
        rows = due.rules(ws)
        if args.format == "json":
            emit(args, [{**rule.as_dict(), "changed_here": changed} for rule, changed in rows])
            return 0
        emit(args, rows, [
            (t("col.rule"), lambda r: r[0].key),
            (t("col.name"), lambda r: r[0].name()),
            (t("col.period"), lambda r: r[0].period_text()),
            (t("col.event"), lambda r: t(f"deadline.event.{r[0].event}")),
            (t("col.article"), lambda r: r[0].article),
            (t("col.changed"), lambda r: "✓" if r[1] else ""),
        ])
        return 0
    actor = _login(args, ws)
    if args.dl_cmd == "explain":
        result = due.item_due(ws, actor, args.id)
        if args.format == "json":
            emit(args, {"item": result.item_id, **result.due.as_dict(), "steps": result.due.explain()})
            return 0
        print(t("cli.deadline.explain_head", id=result.item_id, title=result.title))
        for n, line in enumerate(result.due.explain(), start=1):
            print(f"  {n}. {line}")
        return 0
    if args.dl_cmd == "set":
        moved = due.set_rule(ws, actor, args.key, amount=args.amount, unit=args.unit, event_field=args.event_field,
                             article=args.article)
    else:
        moved = due.reset_rule(ws, actor, args.key)
    print(t("cli.deadline.changed", n=moved))
    return 0


# ----------------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    from models.workflow import Action

    codes = "\n".join(f"  {code}  {text}" for code, text in EXIT_CODES_HELP.items())
    p = argparse.ArgumentParser(
        prog="vss-console",
        description=t("cli.description"),
        epilog=f"{t('cli.exit_codes')}:\n{codes}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--db", help=t("cli.opt.db"))
    p.add_argument("--lang", choices=("vi", "en"), help=t("cli.opt.lang"))
    p.add_argument("--user", help=t("cli.opt.user"))
    p.add_argument("--debug", action="store_true", help=t("cli.opt.debug"))
    fmt = argparse.ArgumentParser(add_help=False)
    fmt.add_argument("--format", choices=("table", "json"), default="table", help=t("cli.opt.format"))
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    c = sub.add_parser("init", help=t("cli.cmd.init"))
    c.add_argument("path", nargs="?")
    c.add_argument("--admin", default="admin")
    c.add_argument("--admin-name", default="Quản trị hệ thống")
    c.add_argument("--no-admin", action="store_true")
    c.set_defaults(func=cmd_init)

    c = sub.add_parser("demo", help=t("cli.cmd.demo"))
    c.add_argument("path", nargs="?")
    c.add_argument("--no-open", action="store_true")
    c.add_argument("--fresh", action="store_true")
    c.set_defaults(func=cmd_demo)

    c = sub.add_parser("open", help=t("cli.cmd.open"))
    c.add_argument("path", nargs="?")
    c.set_defaults(func=cmd_open)

    c = sub.add_parser("migrate", help=t("cli.cmd.migrate"))
    c.add_argument("path", nargs="?")
    c.set_defaults(func=cmd_migrate)

    u = sub.add_parser("user", help=t("cli.cmd.user")).add_subparsers(dest="user_cmd", required=True)
    u.add_parser("list", parents=[fmt])
    c = u.add_parser("add", parents=[fmt])
    c.add_argument("username")
    c.add_argument("--name", required=True)
    c.add_argument("--role", action="append", metavar="UNIT:ROLE", required=True)
    c.add_argument("--email", default="")
    c.add_argument("--user-lang", choices=("vi", "en"), default="vi")
    for name in ("passwd", "disable", "enable"):
        u.add_parser(name).add_argument("username")
    c = u.add_parser("grant")
    c.add_argument("username")
    c.add_argument("--role", action="append", metavar="UNIT:ROLE", required=True)
    for parser in u.choices.values():
        parser.set_defaults(func=cmd_user)

    un = sub.add_parser("unit", help=t("cli.cmd.unit")).add_subparsers(dest="unit_cmd", required=True)
    un.add_parser("list", parents=[fmt]).add_argument("--all", action="store_true")
    c = un.add_parser("add")
    c.add_argument("code")
    c.add_argument("name")
    c.add_argument("--kind", default="provincial")
    c.add_argument("--name-en", default="")
    for name in ("disable", "enable"):
        un.add_parser(name).add_argument("code")
    for parser in un.choices.values():
        parser.set_defaults(func=cmd_unit)

    cat = sub.add_parser("category", help=t("cli.cmd.category")).add_subparsers(dest="cat_cmd", required=True)
    c = cat.add_parser("list", parents=[fmt], help=t("cli.cmd.category.list"))
    c.add_argument("--portal", choices=("vi", "en"))
    c = cat.add_parser("tree", parents=[fmt], help=t("cli.cmd.category.tree"))
    c.add_argument("--portal", choices=("vi", "en"))
    c.add_argument("--all", action="store_true", help=t("cli.help.all_nodes"))
    c = cat.add_parser("propose", parents=[fmt], help=t("cli.cmd.category.propose"))
    c.add_argument("file", help=t("cli.help.proposal_file"))
    c.add_argument("--draft", action="store_true", help=t("cli.help.draft"))
    c = cat.add_parser("check", parents=[fmt], help=t("cli.cmd.category.check"))
    c.add_argument("file", help=t("cli.help.proposal_file"))
    cat.add_parser("proposals", parents=[fmt], help=t("cli.cmd.category.proposals")).add_argument(
        "--all", action="store_true", help=t("cli.help.all_proposals")
    )
    cat.add_parser("show", parents=[fmt], help=t("cli.cmd.category.show")).add_argument(
        "target", metavar="ID|KEY", help=t("cli.help.proposal_or_key")
    )
    cat.add_parser("rebase", parents=[fmt], help=t("cli.cmd.category.rebase")).add_argument("id", type=int)
    c = cat.add_parser("revise", parents=[fmt], help=t("cli.cmd.category.revise"))
    c.add_argument("id", type=int)
    c.add_argument("file", help=t("cli.help.proposal_file"))
    cat.add_parser("redirects", parents=[fmt], help=t("cli.cmd.category.redirects")).add_argument(
        "--portal", choices=("vi", "en")
    )
    for parser in cat.choices.values():
        parser.set_defaults(func=cmd_category)

    it = sub.add_parser("item", help=t("cli.cmd.item")).add_subparsers(dest="item_cmd", required=True)
    c = it.add_parser("submit", parents=[fmt])
    c.add_argument("file")
    c.add_argument("--draft", action="store_true")
    it.add_parser("show", parents=[fmt]).add_argument("id", type=int)
    c = it.add_parser("comment")
    c.add_argument("id", type=int)
    c.add_argument("text")
    c.add_argument("--reply-to", type=int)
    c = it.add_parser("attach")
    c.add_argument("id", type=int)
    c.add_argument("file")
    c = it.add_parser("assign")
    c.add_argument("id", type=int)
    c.add_argument("username", nargs="?")
    for name in ("lock", "unlock"):
        it.add_parser(name).add_argument("id", type=int)
    c = it.add_parser("break-lock")
    c.add_argument("id", type=int)
    c.add_argument("--reason", required=True)
    for parser in it.choices.values():
        parser.set_defaults(func=cmd_item)

    q = sub.add_parser("queue", help=t("cli.cmd.queue")).add_subparsers(dest="queue_cmd", required=True)
    c = q.add_parser("list", parents=[fmt])
    from console.queues import QUEUE_KEYS

    c.add_argument("--queue", choices=QUEUE_KEYS, default="inbox")
    c.add_argument("--portal", choices=("vi", "en"))
    c.add_argument("--limit", type=int, default=50)
    c.add_argument("--offset", type=int, default=0)
    c.set_defaults(func=cmd_queue)

    c = sub.add_parser("decide", help=t("cli.cmd.decide"), parents=[fmt])
    c.add_argument("id", type=_ids, help=t("cli.help.ids"))
    c.add_argument("action", choices=[a.value for a in Action if a is not Action.PUBLISH])
    c.add_argument("--reason")
    c.add_argument("--version", type=int, help="expected item version (refused if someone changed it)")
    c.add_argument("--document-number", help=t("cli.decide.help_document_number"))
    c.add_argument("--for", dest="for_leader", metavar="USER", help=t("cli.decide.help_for"))
    c.add_argument("--document-file", metavar="FILE", help=t("cli.decide.help_document_file"))
    c.add_argument("--session", type=int, metavar="ID", help=t("cli.decide.help_session"))
    c.set_defaults(func=cmd_decide)

    ex = sub.add_parser("export", help=t("cli.cmd.export")).add_subparsers(dest="export_cmd", required=True)
    tg = ex.add_parser("target").add_subparsers(dest="target_cmd", required=True)
    c = tg.add_parser("add")
    c.add_argument("name")
    c.add_argument("url")
    c.add_argument("--files", help=t("cli.export.help_files"))
    tg.add_parser("list", parents=[fmt])
    for name in ("remove", "check", "init"):
        tg.add_parser(name).add_argument("name")
    for parser in tg.choices.values():
        parser.set_defaults(func=cmd_export)
    c = ex.add_parser("plan", parents=[fmt], help=t("cli.export.help_plan"))
    c.add_argument("name")
    c.add_argument("--full", action="store_true", help=t("cli.export.help_full"))
    c = ex.add_parser("run", help=t("cli.export.help_run"))
    c.add_argument("name")
    c.add_argument("--full", action="store_true", help=t("cli.export.help_full"))
    c.add_argument("--yes", "-y", action="store_true", help=t("cli.export.help_yes"))
    c.add_argument("--batch", type=int, default=500, help=t("cli.export.help_batch"))
    c.add_argument("--repair", action="store_true", help=t("cli.export.help_repair"))
    c = ex.add_parser("verify", parents=[fmt], help=t("cli.export.help_verify"))
    c.add_argument("name")
    c.add_argument("--limit", type=int, default=50)
    ex.add_parser("history", parents=[fmt], help=t("cli.export.help_history")).add_argument("name", nargs="?")
    ex.add_parser("render", help=t("cli.export.help_render")).add_argument("--processes", type=int)
    for name in ("plan", "run", "verify", "history", "render"):
        ex.choices[name].set_defaults(func=cmd_export)

    rs = sub.add_parser("reason", help=t("cli.cmd.reason")).add_subparsers(dest="reason_cmd", required=True)
    c = rs.add_parser("list", parents=[fmt])
    c.add_argument("--action", choices=("return", "reject"))
    c.add_argument("--all", action="store_true", help=t("cli.help.retired"))
    c = rs.add_parser("add")
    c.add_argument("action", choices=("return", "reject", "any"))
    c.add_argument("text_vi")
    c.add_argument("--text-en")
    rs.add_parser("retire").add_argument("id", type=int)
    for parser in rs.choices.values():
        parser.set_defaults(func=cmd_reason)

    se = sub.add_parser("session", help=t("cli.cmd.session")).add_subparsers(dest="session_cmd", required=True)
    c = se.add_parser("open", help=t("cli.session.help_open"))
    c.add_argument("title")
    c.add_argument("--date", required=True, help="YYYY-MM-DD")
    c.add_argument("--attend", help=t("cli.session.help_attend"))
    c.add_argument("--absent", action="append", metavar="USER:REASON")
    c.add_argument("--place", default="Hà Nội")
    c.add_argument("--secretary", metavar="USER")
    c.add_argument("--quorum", default="majority", choices=("majority", "two_thirds", "all"))
    c.add_argument("--items", type=_ids, help=t("cli.help.ids"))
    se.add_parser("list", parents=[fmt])
    se.add_parser("show", parents=[fmt]).add_argument("id", type=int)
    se.add_parser("close").add_argument("id", type=int)
    c = se.add_parser("correct", help=t("cli.session.help_correct"))
    c.add_argument("id", type=int)
    c.add_argument("--text", required=True)
    c = se.add_parser("minutes")
    c.add_argument("id", type=int)
    c.add_argument("--format", default="md", choices=("md", "odt", "docx"))
    c.add_argument("--output", "-o", metavar="FILE")
    for parser in se.choices.values():
        parser.set_defaults(func=cmd_session)

    dg = sub.add_parser("delegate", help=t("cli.cmd.delegate")).add_subparsers(dest="delegate_cmd", required=True)
    c = dg.add_parser("add", help=t("cli.delegate.help_add"))
    c.add_argument("user_to", metavar="USER")
    c.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
    c.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
    c.add_argument("--reason", required=True)
    c.add_argument("--category", action="append", help=t("cli.delegate.help_category"))
    c.add_argument("--type", action="append", help=t("cli.delegate.help_type"))
    dg.add_parser("list", parents=[fmt]).add_argument("--all", action="store_true", help=t("cli.delegate.help_all"))
    c = dg.add_parser("revoke")
    c.add_argument("id", type=int)
    c.add_argument("--reason", required=True)
    for parser in dg.choices.values():
        parser.set_defaults(func=cmd_delegate)

    a = sub.add_parser("audit", help=t("cli.cmd.audit")).add_subparsers(dest="audit_cmd", required=True)
    a.add_parser("verify", parents=[fmt])
    c = a.add_parser("log", parents=[fmt])
    c.add_argument("--limit", type=int, default=50)
    c.add_argument("--item", type=int)
    for parser in a.choices.values():
        parser.set_defaults(func=cmd_audit)

    cal = sub.add_parser("calendar", help=t("cli.cmd.calendar")).add_subparsers(dest="cal_cmd", required=True)
    c = cal.add_parser("show", parents=[fmt])
    c.add_argument("year", type=int)
    for name in ("add-off", "add-workday"):
        c = cal.add_parser(name)
        c.add_argument("date", help="YYYY-MM-DD")
        c.add_argument("--name", required=True)
        c.add_argument("--source", required=True, help="the announcement, e.g. Thông báo 6150/TB-BNV")
        c.add_argument("--checked", help="YYYY-MM-DD (default: today)")
    cal.add_parser("remove").add_argument("date")
    cal.add_parser("import").add_argument("file")
    for parser in cal.choices.values():
        parser.set_defaults(func=cmd_calendar)

    dl = sub.add_parser("deadline", help=t("cli.cmd.deadline")).add_subparsers(dest="dl_cmd", required=True)
    dl.add_parser("rules", parents=[fmt])
    dl.add_parser("explain", parents=[fmt]).add_argument("id", type=int)
    c = dl.add_parser("set")
    c.add_argument("key")
    c.add_argument("--amount", type=int)
    c.add_argument("--unit", choices=("working_days", "calendar_days", "same_day"))
    c.add_argument("--event-field")
    c.add_argument("--article")
    dl.add_parser("reset").add_argument("key")
    for parser in dl.choices.values():
        parser.set_defaults(func=cmd_deadline)
    return p


def _prescan_lang(argv: Sequence[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _prescan_lang(argv)
    set_language(lang if lang in ("vi", "en") else default_language())
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ConsoleError as exc:
        print(f"{t(exc.title_key)}: {exc.message()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(t("cli.interrupted"), file=sys.stderr)
        return 130
    except Exception as exc:
        if args.debug:
            raise
        detail = f"{exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        print(t("error.unexpected", detail=detail) + "  (--debug)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
