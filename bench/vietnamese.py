"""Vietnamese text budgets, measured against baselines in the same run.

    .venv/bin/python bench/vietnamese.py [--n 100000] [--runs 5]

(a) Sort n generated Vietnamese titles with ``console.collation.sort_key``; against ICU's ``vi`` collator
    (``Collator.getSortKey``, when PyICU is installed: the ratio that matters) and against plain
    ``sorted()`` by code point (the floor). The key computation alone is timed too.
(b) Fold n titles for search with ``console.text.fold``, against ``str.lower``.
(c) Compute the due dates of n items with ``console.deadlines`` (goal: under 1 s); skipped with a message
    while that module is missing.

Each figure is the best of ``--runs`` runs (the least disturbed by the rest of the machine); every case
runs in one process on the same titles, so the ratios compare like with like.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import random
import sys
import time
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import report  # bench/report.py (this folder): the shared table and machine line

from console.collation import sort_key
from console.text import fold

DUE_DATES_GOAL = 1.0  # seconds for n = 100 000

# Words of real titles on the portal, so the mix of letters, tones, digits and punctuation is realistic.
_WORDS = (
    "Bảo hiểm xã hội Việt Nam thông báo quyết định về việc ban hành quy chế tổ chức hoạt động hướng dẫn thực hiện "
    "chính sách bảo hiểm y tế thất nghiệp tự nguyện bắt buộc đóng góp ý kiến dự thảo văn bản kết quả giải quyết "
    "chế độ ốm đau thai sản tai nạn lao động bệnh nghề nghiệp hưu trí tử tuất người lao động người sử dụng "
    "doanh nghiệp tỉnh thành phố huyện xã phường Hà Nội Hồ Chí Minh Đà Nẵng Cần Thơ Hải Phòng Thừa Thiên Huế "
    "năm tháng quý kế hoạch báo cáo tổng kết sơ kết triển khai tăng cường công tác thu chi quản lý quỹ "
    "khám chữa bệnh thẻ BHYT sổ BHXH giao dịch điện tử dịch vụ công trực tuyến cấp lại điều chỉnh mức đóng"
)
WORDS = _WORDS.split()
SEPARATORS = [" "] * 12 + [", ", " - ", " – ", ": ", " “", "” "]




def titles(n: int, seed: int = 2024) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for i in range(rnd.randint(4, 14)):
            word = rnd.choice(WORDS)
            if i == 0:
                word = word[:1].upper() + word[1:]
            elif rnd.random() < 0.04:
                word = str(rnd.randint(1, 2026))
            parts.append(word)
            parts.append(rnd.choice(SEPARATORS))
        title = "".join(parts[:-1])
        out.append(unicodedata.normalize("NFD", title) if rnd.random() < 0.05 else title)
    return out


def best_of(runs: int, fn: Callable[[], Any]) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def icu_collator() -> Any | None:
    try:
        import icu
    except ImportError:
        return None
    return icu.Collator.createInstance(icu.Locale("vi"))


def bench_due_dates(n: int, runs: int) -> tuple[float, str] | str:
    """(seconds, what was timed) for the due dates of n items, or a message saying why it was skipped.

    n items of every deadline rule, received at random times over 2025-2027 (UTC), half with the event date
    in their metadata; ``console.deadlines.due_for_item`` on a shared ``WorkingCalendar`` (shipped overrides),
    as a queue computes them."""
    try:
        deadlines = importlib.import_module("console.deadlines")
        calendar_module = importlib.import_module("console.calendar")
    except ImportError as error:
        return f"skipped: console.deadlines is not there yet ({error})"
    due_for_item = getattr(deadlines, "due_for_item", None)
    rules = getattr(deadlines, "DEFAULT_RULES", None)
    calendar_class = getattr(calendar_module, "WorkingCalendar", None)
    if due_for_item is None or rules is None or calendar_class is None:
        return "skipped: console.deadlines has no due_for_item / DEFAULT_RULES (its API changed)"
    rnd = random.Random(7)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    span = 3 * 365 * 86400
    items = []
    for _ in range(n):
        rule = rnd.choice(rules)
        received = start + timedelta(seconds=rnd.randrange(span))
        meta = {}
        if rule.event_field and rnd.random() < 0.5:
            meta[rule.event_field] = (received - timedelta(days=rnd.randint(0, 5))).date().isoformat()
        if rule.applies_when:
            meta[rule.applies_when[0]] = rule.applies_when[1]
        items.append((rule.variant_of or rule.key, meta, received))
    now = datetime(2026, 6, 15, 3, 0, tzinfo=UTC)
    calendar = calendar_class()
    for key, meta, received in items[:1000]:  # warm the per-year tables, as a running console has them
        due_for_item(key, meta, received_at=received, calendar=calendar, now=now)

    def compute() -> None:
        for key, meta, received in items:
            due_for_item(key, meta, received_at=received, calendar=calendar, now=now)

    return best_of(runs, compute), f"deadlines.due_for_item, {n:,} items"


DIFF_GOAL = 0.05  # the review screen's diff tab redraws on the UI thread


def bench_diff(runs: int) -> tuple[float, float]:
    """A flat difflib word diff (the floor) and console.diff.diff_words on the same 7 KB article and edit."""
    import difflib
    import random

    from console.diff import diff_words

    rng = random.Random(11)
    paragraphs, size = [], 0
    while size < 7 * 1024:
        paragraph = ". ".join(titles(rng.randint(2, 5), seed=rng.randint(0, 10**6))) + "."
        paragraphs.append(paragraph)
        size += len(paragraph.encode())
    old = "\n\n".join(paragraphs)
    words = old.split(" ")
    for _ in range(15):
        i = rng.randrange(len(words))
        words[i] = rng.choice(("điều chỉnh", "bổ sung", "", "năm 2027", words[i].upper()))
    new = " ".join(words)
    flat = best_of(runs, lambda: difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False).get_opcodes())
    ours = best_of(runs, lambda: diff_words(old, new))
    return flat, ours


def machine() -> str:
    icu = sys.modules.get("icu")
    return report.machine(f"ICU {icu.ICU_VERSION} (PyICU {icu.VERSION})" if icu else "no PyICU")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="titles / items per case")
    parser.add_argument("--runs", type=int, default=5, help="runs per case (best of)")
    args = parser.parse_args()
    n, runs = args.n, args.runs

    data = titles(n)
    sort_key(data[0])  # warm the per-character tables, as a running console has them
    fold(data[0])
    collator = icu_collator()

    rows: list[tuple[str, str, str, str]] = [(f"(a) sort {n:,} titles, best of {runs}", "", "", "")]
    plain = best_of(runs, lambda: sorted(data))
    ours = best_of(runs, lambda: sorted(data, key=sort_key))
    ours_keys = best_of(runs, lambda: [sort_key(t) for t in data])
    rows.append(("sorted() by code point (floor)", f"{plain:.3f} s", "", ""))
    if collator is not None:
        theirs = best_of(runs, lambda: sorted(data, key=collator.getSortKey))
        theirs_keys = best_of(runs, lambda: [collator.getSortKey(t) for t in data])
        same = sorted(data, key=sort_key) == sorted(data, key=collator.getSortKey)
        rows.append(("ICU vi: sorted(key=Collator.getSortKey)", f"{theirs:.3f} s", "1.00×", ""))
        rows.append(("console.collation: sorted(key=sort_key)", f"{ours:.3f} s", report.ratio(ours, theirs), ""))
        rows.append(("  keys only, ICU", f"{theirs_keys:.3f} s", "1.00×", ""))
        rows.append(("  keys only, sort_key", f"{ours_keys:.3f} s", report.ratio(ours_keys, theirs_keys), ""))
        rows.append(("  same order as ICU", "yes" if same else "NO", "", ""))
    else:
        rows.append(("console.collation: sorted(key=sort_key)", f"{ours:.3f} s", report.ratio(ours, plain), ""))
        rows.append(("  keys only, sort_key", f"{ours_keys:.3f} s", "", ""))
        rows.append(("ICU vi", "skipped: PyICU is not installed (pip install '.[icu]')", "", ""))

    rows.append((f"(b) fold {n:,} titles, best of {runs}", "", "", ""))
    lower = best_of(runs, lambda: [t.lower() for t in data])
    folded = best_of(runs, lambda: [fold(t) for t in data])
    rows.append(("str.lower", f"{lower:.3f} s", "1.00×", ""))
    rows.append(("console.text.fold", f"{folded:.3f} s", report.ratio(folded, lower), ""))

    rows.append((f"(c) due dates of {n:,} items, best of {runs}", "", "", ""))
    due = bench_due_dates(n, runs)
    if isinstance(due, str):
        rows.append(("console.deadlines", due, "", ""))
    else:
        seconds, what = due
        goal = DUE_DATES_GOAL * n / 100_000
        mark = "✔" if seconds < goal else "✘"
        rows.append((what, f"{seconds:.3f} s", "", f"< {goal:g} s {mark}"))

    rows.append((f"(d) word diff of a 7 KB article with 15 edits, best of {runs}", "", "", ""))
    flat, ours = bench_diff(runs)
    rows.append(("difflib on whitespace-split words (floor)", f"{flat * 1000:.1f} ms", "1.00×", ""))
    mark = "✔" if ours < DIFF_GOAL else "✘"
    rows.append(("console.diff.diff_words", f"{ours * 1000:.1f} ms", report.ratio(ours, flat),
                 f"< {DIFF_GOAL * 1000:g} ms {mark}"))

    report.print_table(rows)
    print(f"\n{machine()}")
    return 0



if __name__ == "__main__":
    raise SystemExit(main())
