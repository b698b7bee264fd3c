"""Every string the TUI shows, registered in the one catalogue (``console.i18n``), Vietnamese first.

Keys start with ``tui.``. A binding's description is ``tui.binding.<binding id>``, so the footer,
the help modal and a user keymap all speak of a binding by the same id.
"""

from __future__ import annotations

from console.i18n import register

BINDING_PREFIX = "tui.binding."

register(
    {
        # The app.
        "tui.app.title": (
            "Cổng Thông tin điện tử Bảo hiểm xã hội Việt Nam",
            "Viet Nam Social Security Portal",
        ),
        "tui.app.subtitle": ("Bàn biên tập nội dung", "Editorial console"),
        "tui.app.quit_hint": ("Nhấn {keys} để thoát.", "Press {keys} to quit."),
        # Screen names (the help modal's title).
        "tui.screen.login": ("Đăng nhập", "Log in"),
        "tui.screen.dashboard": ("Tổng quan", "Dashboard"),
        "tui.screen.help": ("Trợ giúp", "Help"),
        "tui.screen.error": ("Lỗi", "Error"),
        # Login.
        "tui.login.heading": ("Đăng nhập", "Log in"),
        "tui.login.username": ("Tên đăng nhập", "Username"),
        "tui.login.username_hint": ("ví dụ: nguyenvanan", "e.g. nguyenvanan"),
        "tui.login.password": ("Mật khẩu", "Password"),
        "tui.login.hint": ("Nhấn Enter để đăng nhập.", "Press Enter to log in."),
        "tui.login.empty": ("Hãy nhập tên đăng nhập và mật khẩu.", "Enter your username and password."),
        "tui.login.opening": ("Đang mở không gian làm việc…", "Opening the workspace…"),
        "tui.login.unreachable": (
            "Chưa mở được không gian làm việc; Enter để thử lại.",
            "The workspace could not be opened; press Enter to retry.",
        ),
        "tui.login.workspace": ("Không gian làm việc: {where}", "Workspace: {where}"),
        "tui.login.checking": ("Đang kiểm tra…", "Checking…"),
        # Dashboard.
        "tui.dashboard.user": ("Người dùng: {user}", "User: {user}"),
        "tui.dashboard.roles": ("Vai trò: {roles}", "Roles: {roles}"),
        "tui.dashboard.no_roles": ("(chưa được phân vai trò)", "(no roles yet)"),
        "tui.dashboard.queues": ("Hàng đợi", "Queues"),
        "tui.dashboard.states": ("Nội dung theo trạng thái", "Items by state"),
        "tui.dashboard.col.queue": ("Hàng đợi", "Queue"),
        "tui.dashboard.col.actionable": ("Cần xử lý", "To act on"),
        "tui.dashboard.col.total": ("Tổng", "Total"),
        "tui.dashboard.col.state": ("Trạng thái", "State"),
        "tui.dashboard.total_row": ("Tổng cộng", "Total"),
        "tui.dashboard.loading": ("Đang tải số liệu…", "Loading counts…"),
        "tui.dashboard.summary": (
            "Bạn được xem {total} mục nội dung.",
            "You can see {total} items.",
        ),
        # Help.
        "tui.help.title": ("Phím tắt: {screen}", "Keys: {screen}"),
        "tui.help.col.key": ("Phím", "Key"),
        "tui.help.col.action": ("Chức năng", "Action"),
        "tui.help.hint": ("Nhấn Esc để đóng.", "Press Esc to close."),
        # Errors.
        "tui.error.close": ("Đóng", "Close"),
        "tui.error.hint": ("Nhấn Esc hoặc Enter để đóng.", "Press Esc or Enter to close."),
        # Command palette.
        "tui.palette.placeholder": ("Tìm lệnh…", "Search for commands…"),
        "tui.cmd.refresh": ("Làm mới bảng tổng quan", "Refresh the dashboard"),
        "tui.cmd.refresh.help": ("Tải lại số liệu các hàng đợi.", "Reload the queue counts."),
        "tui.cmd.lang_vi": ("Giao diện tiếng Việt", "Vietnamese interface (tiếng Việt)"),
        "tui.cmd.lang_en": ("Giao diện tiếng Anh (English)", "English interface"),
        "tui.cmd.lang.help": ("Đổi ngôn ngữ hiển thị.", "Change the display language."),
        "tui.cmd.help": ("Xem phím tắt", "Show the keys"),
        "tui.cmd.help.help": ("Các phím dùng được ở màn hình này.", "The keys that work on this screen."),
        "tui.cmd.logout": ("Đăng xuất", "Log out"),
        "tui.cmd.logout.help": ("Quay lại màn hình đăng nhập.", "Return to the login screen."),
        "tui.cmd.quit": ("Thoát chương trình", "Quit the console"),
        "tui.cmd.quit.help": ("Đóng bàn biên tập.", "Close the editorial console."),
        # Binding descriptions, by binding id.
        BINDING_PREFIX + "app.help": ("Trợ giúp", "Help"),
        BINDING_PREFIX + "app.palette": ("Lệnh", "Commands"),
        BINDING_PREFIX + "app.language": ("Ngôn ngữ", "Language"),
        BINDING_PREFIX + "app.quit": ("Thoát", "Quit"),
        BINDING_PREFIX + "dashboard.refresh": ("Làm mới", "Refresh"),
        BINDING_PREFIX + "dashboard.logout": ("Đăng xuất", "Log out"),
        BINDING_PREFIX + "help.close": ("Đóng", "Close"),
        BINDING_PREFIX + "error.close": ("Đóng", "Close"),
    }
)
