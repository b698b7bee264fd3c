"""Exports to the live portal, for administrators (issue 7): the targets, the plan (a dry run), the run with its
progress, cancelling after the current batch, verification, and the history of runs.

Every call goes through ``console.services.export`` in thread workers; the screen never writes anything itself.
The run's progress comes back from the worker through ``app.call_from_thread``; cancelling sets a flag the
service's ``should_stop`` reads between batches, so a run stops only after a whole batch has committed.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, ProgressBar, Static
from textual.worker import Worker, WorkerState

from console.i18n import current_language, number, t
from console.i18n import size as i18n_size  # bytes, in the language's style
from console.timefmt import local_text
from screens.base import OnWorkspace, bind, localize_bindings, worker_error

if TYPE_CHECKING:
    from console.permissions import Actor
    from console.services.export import ExportPlan, RunOutcome, RunRow, VerifyReport
    from console.services.export_targets import TargetRow, TargetState

KINDS = ("category", "redirect", "article", "proposal")  # exports.publish.KINDS (not imported on the first frame)
ACTIONS = ("insert", "update", "withdraw", "delete", "publish")  # exports.publish.ACTIONS
DIFFERENCES_SHOWN = 200  # a verify listing more stops there, with the count of the rest
STATE_STYLE = {"ok": "green", "older": "yellow", "missing": "yellow"}


def is_admin(actor: Actor) -> bool:
    from console.permissions import Role

    return actor.has(Role.ADMIN)


def seconds_text(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 60:
        return f"{number(seconds, 1)} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s"


def counts_table(counts: dict[str, dict[str, int]]) -> RenderableType:
    """Kind × action counts (only the kinds and actions with something in them), with a total column."""
    kinds = [k for k in KINDS if any(counts.get(k, {}).values())]
    actions = [a for a in ACTIONS if any(counts.get(k, {}).get(a, 0) for k in kinds)]
    table = Table(box=None, padding=(0, 2), show_edge=False, header_style="bold")
    table.add_column(t("tui.export.col.kind"))
    for action in actions:
        table.add_column(t(f"export.action.{action}"), justify="right")
    table.add_column(t("tui.export.col.total"), justify="right", style="bold")
    for kind in kinds:
        row = counts[kind]
        table.add_row(t(f"export.kind.{kind}"), *(number(row.get(a, 0)) for a in actions), number(sum(row.values())))
    return table


def done_counts(done: dict[str, int]) -> dict[str, dict[str, int]]:
    """``{"article.insert": 3}`` as ``{"article": {"insert": 3}}``."""
    out: dict[str, dict[str, int]] = {}
    for key, n in done.items():
        kind, _, action = key.partition(".")
        out.setdefault(kind, {})[action] = n
    return out


def plan_view(plan: ExportPlan, target: str) -> RenderableType:
    """The dry run: what a run would write, and that nothing is written yet."""
    parts: list[RenderableType] = [Text(t("tui.export.plan_title", target=target), style="bold underline")]
    if plan.empty:
        parts.append(Text(t("tui.export.plan_empty"), style="green"))
    else:
        parts.append(counts_table(plan.counts()))
        facts = Table.grid(padding=(0, 2))
        facts.add_column(style="bold")
        facts.add_column()
        facts.add_row(t("tui.export.html"), i18n_size(plan.html_bytes))
        facts.add_row(t("tui.export.writes"), str(plan.writes))
        facts.add_row(t("tui.export.steps"), str(plan.steps))
        parts.extend([Text(""), facts])
    parts.append(_orphans(plan))
    if plan.incremental:
        parts.append(Text("\n" + t("tui.export.incremental"), style="dim"))
    parts.append(Text("\n" + t("tui.export.dry_run"), style="bold yellow"))
    return Group(*parts)


def _orphans(plan: ExportPlan) -> RenderableType:
    if not plan.orphans:
        return Text("\n" + t("tui.export.no_orphans"), style="dim")
    shown = ", ".join(f"{t(f'export.kind.{o.kind}')} {o.ref}" for o in plan.orphans[:10])
    more = len(plan.orphans) - 10
    text = Text("\n" + t("tui.export.orphans", n=len(plan.orphans)), style="bold yellow")
    text.append("\n" + shown + (f", … (+{more})" if more > 0 else ""), style="")
    return text


def outcome_view(outcome: RunOutcome, target: str) -> RenderableType:
    from console.services.export import status_label

    style = {"done": "bold green", "cancelled": "bold yellow"}.get(outcome.status, "bold red")
    head = Text.assemble((t("tui.export.outcome_title", target=target), "bold underline"), "\n",
                         (status_label(outcome.status, current_language()), style),
                         f" · {seconds_text(outcome.seconds)}")
    parts: list[RenderableType] = [head]
    if outcome.status == "cancelled":
        parts.append(Text(t("tui.export.cancelled_note")))
    if any(outcome.done.values()):
        parts.append(Text("\n" + t("tui.export.done"), style="bold"))
        parts.append(counts_table(done_counts(outcome.done)))
    else:
        parts.append(Text(t("tui.export.nothing_done"), style="dim"))
    parts.append(Text("\n" + t("tui.export.planned"), style="bold"))
    parts.append(counts_table(outcome.plan.counts()) if not outcome.plan.empty
                 else Text(t("tui.export.plan_empty"), style="dim"))
    return Group(*parts)


def verify_view(report: VerifyReport, target: str) -> RenderableType:
    from console.services.export import detail_text

    checked = ", ".join(f"{t(f'export.kind.{k}')}: {n}" for k, n in sorted(report.checked.items()) if n)
    parts: list[RenderableType] = [Text(t("tui.export.verify_title", target=target), style="bold underline")]
    if checked:
        parts.append(Text(t("tui.export.checked", what=checked), style="dim"))
    if report.clean:
        parts.append(Text(t("tui.export.clean"), style="bold green"))
        return Group(*parts)
    summary = ", ".join(f"{t(f'export.problem.{p}')}: {n}" for p, n in sorted(report.counts().items()))
    parts.append(Text(t("tui.export.differences", n=len(report.differences), summary=summary), style="bold yellow"))
    table = Table(box=None, padding=(0, 2), show_edge=False, header_style="bold")
    for key in ("kind", "ref", "problem", "detail"):
        table.add_column(t(f"tui.export.col.{key}"), overflow="fold")
    for d in report.differences[:DIFFERENCES_SHOWN]:
        table.add_row(t(f"export.kind.{d.kind}"), d.ref, t(f"export.problem.{d.problem}"),
                      detail_text(d.detail) if d.detail else "")
    parts.append(table)
    if len(report.differences) > DIFFERENCES_SHOWN:
        parts.append(Text(t("tui.export.more", n=len(report.differences) - DIFFERENCES_SHOWN), style="dim"))
    return Group(*parts)


def run_view(row: RunRow) -> RenderableType:
    """One run of the history: when, who, how it ended, its plan and what was done."""
    from console.services.export import status_label

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column(overflow="fold")
    grid.add_row(t("tui.export.col.started"), local_text(row.started_at))
    grid.add_row(t("tui.export.col.finished"), local_text(row.finished_at) or "—")
    grid.add_row(t("tui.export.col.target"), f"{row.target} ({row.target_url})")
    grid.add_row(t("tui.export.col.by"), row.by)
    grid.add_row(t("tui.export.col.status"), status_label(row.status, current_language()))
    grid.add_row(t("tui.export.col.seconds"), seconds_text(row.seconds))
    grid.add_row(t("tui.export.col.run_id"), row.id)
    if row.error:
        grid.add_row(t("tui.export.col.error"), Text(_error_text(row.error), style="red"))
    parts: list[RenderableType] = [grid, Text("\n" + t("tui.export.planned"), style="bold")]
    counts = row.plan.get("counts") or {}
    parts.append(counts_table(counts) if any(any(v.values()) for v in counts.values())
                 else Text(t("tui.export.plan_empty"), style="dim"))
    if row.plan.get("html_bytes"):
        parts.append(Text(f"{t('tui.export.html')}: {i18n_size(int(row.plan['html_bytes']))}"))
    parts.append(Text("\n" + t("tui.export.done"), style="bold"))
    parts.append(counts_table(done_counts(row.done)) if any(row.done.values())
                 else Text(t("tui.export.nothing_done"), style="dim"))
    return Group(*parts)


def _error_text(error: str) -> str:
    """A run's error: a catalogue key (the export room's) in the current language, or the exception's name."""
    from console.i18n import has

    return t(error) if has(error) else error


class ExportScreen(OnWorkspace, Screen[None]):
    """The export targets; on the one under the cursor: plan, run (with progress and cancel), verify."""

    HELP_KEY: ClassVar[str] = "tui.screen.export"
    BINDINGS = [
        bind("escape", "back", "export.back", show=False),
        bind("p", "plan", "export.plan"),
        bind("enter,r", "run", "export.run"),
        bind("c", "cancel", "export.cancel"),
        bind("v", "verify", "export.verify"),
        bind("h", "history", "export.history"),
        bind("f5", "reload", "export.reload", show=False),
    ]

    def __init__(self, actor: Actor, batch: int | None = None) -> None:
        super().__init__()
        self.actor = actor
        self.batch_size = batch  # items per target transaction (None: the service's own)
        self.targets: list[TargetRow] = []
        self.states: dict[str, TargetState] = {}
        self.running: str | None = None  # the target a run is writing to
        self.stop = threading.Event()  # set by cancel; the run's should_stop reads it between batches
        self.outcome: RunOutcome | None = None
        self.plan: ExportPlan | None = None
        self._view: tuple[str, Any] | None = None  # what the panel shows: ("plan"|"outcome"|"verify", its data)
        self._view_target = ""
        self._busy: str | None = None  # "plan" or "verify" while its worker reads
        self._steps: tuple[int, int] | None = None  # the run's (done, total) steps, as last reported

    # ---------------------------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="export-head", markup=False)
        yield DataTable(id="export-targets", cursor_type="row", zebra_stripes=True)
        yield Static(id="export-state", markup=False)
        with VerticalScroll(id="export-panel"):
            yield Static(id="export-body")
        yield ProgressBar(id="export-progress", show_eta=True)
        yield Static(id="export-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        localize_bindings(self)
        self.query_one("#export-progress").display = False
        self.relabel()
        self.query_one("#export-targets", DataTable).focus()
        self.action_reload()

    def relabel(self) -> None:
        self.query_one("#export-head", Static).update(t("tui.export.title"))
        self.query_one("#export-targets", DataTable).border_title = t("tui.export.targets")
        self._fill_targets()
        self._show_view()
        self._show_status()

    # ---------------------------------------------------------------------------------- targets

    def action_reload(self) -> None:
        self._targets_worker()

    @work(thread=True, exclusive=True, group="export.targets", exit_on_error=False)
    def _targets_worker(self) -> None:
        from console.services import export_targets

        found = export_targets.list_targets()
        self.app.call_from_thread(self._targets_listed, found)
        for target in found:
            status = export_targets.check(target.name)
            self.app.call_from_thread(self._target_checked, target.name, status)

    def _targets_listed(self, found: list[TargetRow]) -> None:
        self.targets = found
        self.states = {k: v for k, v in self.states.items() if any(x.name == k for x in found)}
        self._fill_targets()

    def _target_checked(self, name: str, status: TargetState) -> None:
        self.states[name] = status
        self._fill_targets()

    def _fill_targets(self) -> None:
        table = self.query_one("#export-targets", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        table.add_column(t("tui.export.col.name"), key="name")
        table.add_column(t("tui.export.col.url"), key="url")
        table.add_column(t("tui.export.col.state"), key="state")
        for target in self.targets:
            status = self.states.get(target.name)
            if status is None:
                state = Text(t("tui.export.checking"), style="dim italic")
            else:
                state = Text(t(f"tui.export.state.{status.state}"), style=STATE_STYLE.get(status.state, "red"))
            table.add_row(Text(target.name, style="bold"), target.url, state, key=target.name)
        if table.row_count:
            table.move_cursor(row=min(max(cursor, 0), table.row_count - 1))
        self._show_state()

    @on(DataTable.RowHighlighted, "#export-targets")
    def _highlighted(self) -> None:
        self._show_state()

    @on(DataTable.RowSelected, "#export-targets")
    def _selected(self) -> None:
        self.action_run()  # Enter on the table (the DataTable takes the key before the screen's binding)

    def _show_state(self) -> None:
        line = self.query_one("#export-state", Static)
        if not self.targets:
            line.update(Text(t("tui.export.no_targets"), style="yellow"))
            return
        target = self.target
        status = None if target is None else self.states.get(target.name)
        if status is None:
            line.update("")
        else:
            line.update(Text(status.message(current_language()), style="" if status.ok else "yellow"))

    @property
    def target(self) -> TargetRow | None:
        table = self.query_one("#export-targets", DataTable)
        if not self.targets or table.row_count == 0:
            return None
        return self.targets[min(table.cursor_row, len(self.targets) - 1)]

    # ---------------------------------------------------------------------------------- the panel

    def _show(self, kind: str, data: Any, target: str) -> None:
        self._view, self._view_target = (kind, data), target
        self._show_view()

    def _show_view(self) -> None:
        body = self.query_one("#export-body", Static)
        panel = self.query_one("#export-panel", VerticalScroll)
        if self._view is None:
            panel.border_title = t("tui.export.panel")
            body.update(Text(t("tui.export.hint"), style="dim"))
            return
        kind, data = self._view
        target = self._view_target
        panel.border_title = t(f"tui.export.panel.{kind}")
        if kind == "plan":
            body.update(plan_view(data, target))
        elif kind == "outcome":
            body.update(outcome_view(data, target))
        elif kind == "verify":
            body.update(verify_view(data, target))
        elif kind == "planned":  # the run's own plan, while it writes
            body.update(Group(Text(t("tui.export.running_plan", target=target), style="bold underline"),
                              counts_table(data.counts())))

    def _show_status(self, text: str | None = None, style: str = "") -> None:
        line = self.query_one("#export-status", Static)
        if text is None:
            if self.running is not None:
                key = "tui.export.stopping" if self.stop.is_set() else "tui.export.running"
                done, total = self._steps or (0, 0)
                text, style = t(key, target=self.running, done=done, total=total or "?"), "bold"
            elif self._busy is not None:
                text, style = t(f"tui.export.busy.{self._busy}"), "italic"
            else:
                text = ""
        line.update(Text(text, style=style))

    # ---------------------------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":
            return self.running is not None and not self.stop.is_set()
        # one thing at a time on the target; nothing to do without a target
        return action not in ("plan", "run", "verify") or (self.running is None and self.target is not None)

    def action_back(self) -> None:
        if self.running is not None:
            self.action_cancel()
            return
        self.app.pop_screen()

    def action_history(self) -> None:
        target = self.target
        self.app.push_screen(ExportHistoryScreen(None if target is None else target.name))

    def action_plan(self) -> None:
        target = self.target
        if target is None or self.running is not None:
            return
        self._busy = "plan"
        self._show_status()
        self._plan_worker(target.name)

    @work(thread=True, exclusive=True, group="export.read", exit_on_error=False)
    def _plan_worker(self, name: str) -> None:
        from console.services import export

        plan = export.plan(self.ws, self.actor, name)
        self.app.call_from_thread(self._planned, name, plan)

    def _planned(self, name: str, plan: ExportPlan) -> None:
        self._busy = None
        self.plan = plan
        self._show("plan", plan, name)
        self._show_status()

    def action_verify(self) -> None:
        target = self.target
        if target is None or self.running is not None:
            return
        self._busy = "verify"
        self._show_status()
        self._verify_worker(target.name)

    @work(thread=True, exclusive=True, group="export.read", exit_on_error=False)
    def _verify_worker(self, name: str) -> None:
        from console.services import export

        report = export.verify(self.ws, self.actor, name)
        self.app.call_from_thread(self._verified, name, report)

    def _verified(self, name: str, report: VerifyReport) -> None:
        self._busy = None
        self._show("verify", report, name)
        self._show_status()

    def action_run(self) -> None:
        from screens.dialogs import ConfirmDialog

        target = self.target
        if target is None or self.running is not None:
            return
        name = target.name

        def answered(yes: bool | None) -> None:
            if yes and self.running is None:
                self._start(name)

        self.app.push_screen(ConfirmDialog(t("tui.export.confirm", target=name, url=target.url)), answered)

    def _start(self, name: str) -> None:
        self.running = name
        self.stop.clear()
        self._steps = None
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self._show_status()
        self.refresh_bindings()
        self._run_worker(name, self.batch_size)

    @work(thread=True, exclusive=True, group="export.run", exit_on_error=False)
    def _run_worker(self, name: str, batch: int | None) -> None:
        from console.services import export

        call = self.app.call_from_thread
        options: dict[str, Any] = {} if batch is None else {"batch": batch}
        outcome = export.run(self.ws, self.actor, name, should_stop=self.stop.is_set,
                             progress=lambda done, total: call(self._progressed, done, total),
                             on_plan=lambda plan: call(self._run_planned, name, plan), **options)
        call(self._finished, name, outcome)

    def _run_planned(self, name: str, plan: ExportPlan) -> None:
        self.plan = plan
        self._show("planned", plan, name)

    def _progressed(self, done: int, total: int) -> None:
        self._steps = (done, total)
        self.query_one("#export-progress", ProgressBar).update(total=max(total, 1), progress=done if total else 1)
        self._show_status()

    def _finished(self, name: str, outcome: RunOutcome) -> None:
        self.running = None
        self.outcome = outcome
        self._show("outcome", outcome, name)
        done, total = self._steps or (0, 0)
        self._show_status(t("tui.export.steps_done", done=done, total=total), "dim")
        self.refresh_bindings()
        from console.services.export import status_label

        self.notify(t("tui.export.finished", target=name, status=status_label(outcome.status, current_language())),
                    severity="information" if outcome.status == "done" else "warning")
        self.app.action_refresh_dashboard()  # type: ignore[attr-defined]

    def action_cancel(self) -> None:
        from screens.dialogs import ConfirmDialog

        if self.running is None or self.stop.is_set():
            return

        def answered(yes: bool | None) -> None:
            if yes and self.running is not None:
                self.stop.set()
                self._show_status()
                self.refresh_bindings()

        self.app.push_screen(ConfirmDialog(t("tui.export.cancel_ask", target=self.running)), answered)

    # ---------------------------------------------------------------------------------- failures

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR:
            return
        if event.worker.group == "export.run":
            self.running = None
            self.query_one("#export-progress").display = False
            self.refresh_bindings()
        elif event.worker.group == "export.read":
            self._busy = None
        self._show_status()
        worker_error(event)


class ExportHistoryScreen(OnWorkspace, Screen[None]):
    """Every export run, newest first; Enter shows a run's plan and what it did."""

    HELP_KEY: ClassVar[str] = "tui.screen.export_history"
    BINDINGS = [
        bind("escape", "back", "export_history.back"),
        bind("a", "all_targets", "export_history.all"),
        bind("f5", "reload", "export_history.reload", show=False),
    ]

    def __init__(self, target: str | None = None) -> None:
        super().__init__()
        self.target = target  # the runs of this target only (None: of every target)
        self.rows: list[RunRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="export-head", markup=False)
        yield DataTable(id="export-runs", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="export-panel"):
            yield Static(id="export-body")
        yield Footer()

    def on_mount(self) -> None:
        localize_bindings(self)
        self.relabel()
        self.query_one("#export-runs", DataTable).focus()
        self.action_reload()

    def relabel(self) -> None:
        head = t("tui.export.history_title")
        if self.target is not None:
            head += " · " + t("tui.export.history_of", target=self.target)
        self.query_one("#export-head", Static).update(head)
        self.query_one("#export-runs", DataTable).border_title = t("tui.export.runs")
        self.query_one("#export-panel", VerticalScroll).border_title = t("tui.export.panel.run")
        self._fill()
        self._show_run()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_all_targets(self) -> None:
        self.target = None
        self.relabel()
        self.action_reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "all_targets":
            return self.target is not None
        return True

    def action_reload(self) -> None:
        self._load(self.target)

    @work(thread=True, exclusive=True, group="export.history", exit_on_error=False)
    def _load(self, target: str | None) -> None:
        from console.services import export

        rows = export.history(self.ws, target)
        self.app.call_from_thread(self._loaded, rows)

    def _loaded(self, rows: list[RunRow]) -> None:
        self.rows = rows
        self._fill()
        self._show_run()
        self.refresh_bindings()

    def _fill(self) -> None:
        from console.services.export import done_text, status_label

        table = self.query_one("#export-runs", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        for key in ("started", "target", "by", "status", "seconds", "result"):
            table.add_column(t(f"tui.export.col.{key}"), key=key)
        lang = current_language()
        for row in self.rows:
            style = {"done": "green", "cancelled": "yellow", "running": "bold"}.get(row.status, "red")
            result = Text(_error_text(row.error), style="red") if row.error else Text(done_text(row.done) or "—")
            result.truncate(48, overflow="ellipsis")
            table.add_row(local_text(row.started_at), row.target, row.by, Text(status_label(row.status, lang),
                                                                               style=style),
                          Text(seconds_text(row.seconds), justify="right"), result, key=row.id)
        if table.row_count:
            table.move_cursor(row=min(max(cursor, 0), table.row_count - 1))

    @on(DataTable.RowSelected, "#export-runs")
    def _selected(self) -> None:
        self._show_run(chosen=True)

    @on(DataTable.RowHighlighted, "#export-runs")
    def _highlighted(self) -> None:
        self._show_run()

    def _show_run(self, chosen: bool = False) -> None:
        body = self.query_one("#export-body", Static)
        table = self.query_one("#export-runs", DataTable)
        if not self.rows:
            body.update(Text(t("tui.export.no_runs"), style="dim"))
            return
        row = self.rows[min(table.cursor_row, len(self.rows) - 1)]
        body.update(run_view(row))
        if chosen:
            self.query_one("#export-panel", VerticalScroll).scroll_home(animate=False)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        worker_error(event)
