"""exports.render: Markdown -> sanitised HTML, against the XSS corpus in tests/data/xss/ and by property."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import FrozenInstanceError
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exports.render import RENDERER_VERSION, Rendered, check_url, render

CORPUS = Path(__file__).parent / "data" / "xss"
FORBIDDEN_TAGS = {
    "script", "style", "iframe", "object", "embed", "form", "meta", "base", "link", "input", "button",
    "textarea", "select", "svg", "math", "frame", "frameset", "applet", "template", "noscript", "body",
}  # fmt: skip
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
_ESCAPE = re.compile(r"\\(n|t|u[0-9a-fA-F]{4})")


def _decode(line: str) -> str:
    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        return {"n": "\n", "t": "\t"}.get(code) or chr(int(code[1:], 16))

    return _ESCAPE.sub(one, line)


def _vectors() -> list[object]:
    params: list[object] = []
    for path in sorted(CORPUS.glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            if not line.strip() or line.startswith(";;"):
                continue
            params.append(pytest.param(_decode(line), id=f"{path.stem}:{number}"))
    return params


VECTORS = _vectors()


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _scheme(url: str) -> str | None:
    """An independent reading of a URL's scheme, as generously as a browser might take it."""
    for _ in range(10):
        decoded = unquote(html.unescape(url))
        if decoded == url:
            break
        url = decoded
    url = unicodedata.normalize("NFKC", url)
    url = "".join(c for c in url if not c.isspace() and unicodedata.category(c)[0] not in "CZ").lower()
    match = re.match(r"([a-z][a-z0-9+.\-]*):", url)
    return match.group(1) if match else None


def assert_safe(output: str) -> None:
    parser = _Collect()
    parser.feed(output)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag not in FORBIDDEN_TAGS, (tag, output)
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name, output)
            assert name != "style", (tag, output)
            assert name not in {"srcdoc", "formaction", "action", "background", "xlink:href", "ping", "target"}, output
            if name in {"href", "src"}:
                scheme = _scheme(value or "")
                assert scheme is None or scheme in ALLOWED_SCHEMES, (tag, name, value, output)


def test_the_corpus_is_big_enough() -> None:
    assert len(VECTORS) >= 60


@pytest.mark.parametrize("vector", VECTORS)
def test_vector_is_neutralised(vector: str) -> None:
    result = render(vector, resolve_link=lambda ref: f"/portal/{ref.replace(':', '/')}")
    assert_safe(result.html)
    # Deterministic even on hostile input.
    assert render(vector, resolve_link=lambda ref: f"/portal/{ref.replace(':', '/')}") == result


@pytest.mark.parametrize(
    "href",
    [
        "java&#115;cript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "javascript%3Aalert(1)",
        "%6Aavascript:alert(1)",
        "java\u2028script:alert(1)",
        "java script:alert(1)",
        "java\tscript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "\u00adjavascript:alert(1)",
        "ｊａｖａｓｃｒｉｐｔ:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
    ],
)
def test_disguised_schemes_do_not_survive_as_links(href: str) -> None:
    assert check_url(html.unescape(href)) is None
    out = render(f'<a href="{href}">raw</a> [md]({href.replace(" ", "%20")}) ![img]({href.replace(" ", "%20")})').html
    assert "href" not in out and "src" not in out, out
    assert "md" in out and "img" in out  # the Markdown link and image are left as their text


@pytest.mark.parametrize(
    "url",
    [
        "https://vss.gov.vn/a?b=1&c=2",
        "http://example.com",
        "mailto:a@b.vn",
        "tel:+84241234567",
        "/vi/tin",
        "#fn:1",
        "?q=1",
        "x.html",
    ],
)
def test_allowed_urls_are_kept(url: str) -> None:
    assert check_url(url) == url


def test_tables_lists_and_emphasis() -> None:
    out = render("| Cột | Số |\n|:---|---:|\n| a | 1 |\n\n1. một\n2. hai\n\n- x\n- *y* **z**\n").html
    assert '<th align="left">Cột</th>' in out
    assert '<td align="right">1</td>' in out
    assert "<ol>" in out and "<li>một</li>" in out
    assert "<ul>" in out and "<em>y</em> <strong>z</strong>" in out
    assert "style" not in out


def test_footnotes() -> None:
    out = render("Văn bản[^1].\n\n[^1]: Chú thích.\n").html
    assert '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1"' in out
    assert '<div class="footnote">' in out
    assert '<li id="fn:1">' in out and "Chú thích." in out


def test_footnote_counters_do_not_leak_between_calls() -> None:
    first = render("A[^a]\n\n[^a]: x\n")
    render("B[^b] C[^c]\n\n[^b]: y\n\n[^c]: z\n")
    assert render("A[^a]\n\n[^a]: x\n") == first


def test_vietnamese_heading_ids() -> None:
    out = render("# Quyền lợi của người lao động\n\n## Đóng BHXH\n\n## Đóng BHXH\n").html
    assert '<h1 id="quyen-loi-cua-nguoi-lao-dong">Quyền lợi của người lao động</h1>' in out
    assert '<h2 id="dong-bhxh">' in out
    assert '<h2 id="dong-bhxh_1">' in out


def test_external_links_kept_with_rel() -> None:
    out = render('[VSS](https://vss.gov.vn "Cổng") <https://baohiemxahoi.gov.vn>').html
    assert '<a href="https://vss.gov.vn" title="Cổng" rel="noopener noreferrer">VSS</a>' in out
    assert 'href="https://baohiemxahoi.gov.vn"' in out


def _resolver(ref: str) -> str | None:
    return {
        "item:123": "/vi/tin-tuc/123",
        "category:vi.6.2": "/vi/chuyen-muc/6/2",
        "attachment:" + "ab" * 32: "/tep/" + "ab" * 32 + ".pdf",
        "item:666": "javascript:alert(1)",  # a resolver can be wrong: its answer is checked too
    }.get(ref)


def test_internal_links_rewritten() -> None:
    sha = "ab" * 32
    out = render(
        f"[Bài](item:123) [Mục](category:vi.6.2) [Tệp](attachment:{sha}) ![Ảnh](attachment:{sha})"
        '\n\n<a href="item:123">raw</a>',
        resolve_link=_resolver,
    ).html
    assert '<a href="/vi/tin-tuc/123" rel="noopener noreferrer">Bài</a>' in out
    assert 'href="/vi/chuyen-muc/6/2"' in out
    assert f'href="/tep/{sha}.pdf"' in out
    assert f'<img src="/tep/{sha}.pdf" alt="Ảnh">' in out or f'<img alt="Ảnh" src="/tep/{sha}.pdf">' in out
    assert '<a href="/vi/tin-tuc/123" rel="noopener noreferrer">raw</a>' in out


def test_unresolvable_internal_links_become_text() -> None:
    out = render("Xem [bài **cũ**](item:999) và ![ảnh](attachment:00) và [xấu](item:666).", resolve_link=_resolver).html
    assert out == "<p>Xem bài <strong>cũ</strong> và ảnh và xấu.</p>"
    no_resolver = render("[Bài](item:123)").html
    assert no_resolver == "<p>Bài</p>"


def test_attr_list_is_enabled_and_sanitised() -> None:
    out = render('# Tiêu đề {: #rieng .x onclick="alert(1)" style="display:none" }').html
    assert out == '<h1 id="rieng">Tiêu đề</h1>'


def test_determinism_and_hash() -> None:
    body = "# Tiêu đề\n\nĐoạn[^1] với [liên kết](https://vss.gov.vn).\n\n[^1]: Ghi chú.\n"
    first, second = render(body), render(body)
    assert first == second
    assert first.sha256 == __import__("hashlib").sha256(first.html.encode("utf-8")).hexdigest()
    assert render(body + "x").sha256 != first.sha256


def test_nfd_input_gives_the_nfc_hash() -> None:
    body = "# Quyền lợi của người lao động\n\nĐóng bảo hiểm xã hội."
    nfd = unicodedata.normalize("NFD", body)
    assert nfd != body
    assert render(nfd) == render(body)
    assert unicodedata.is_normalized("NFC", render(nfd).html)


def test_rendered_carries_the_renderer_version() -> None:
    result = render("x")
    assert isinstance(result, Rendered)
    assert result.renderer == RENDERER_VERSION
    with pytest.raises(FrozenInstanceError):
        result.html = "y"  # type: ignore[misc]


_TOKENS = st.sampled_from(
    [
        "<", ">", '"', "'", "=", ":", "/", " ", "\n", "\t", "&", "#", ";", "%3A", "&#115;", "\u2028", "\u00ad",
        "javascript:", "JavaScript:", "java", "script", "on", "onclick", "onerror=", "alert(1)",
        "<a href=", "<img src=", "<svg ", "<script>", "</script>", "{: ", "}", "[x](", ")", "![", "](", "[^1]",
        "# ", "| a |", "`", "data:", "item:1",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_TOKENS | st.text(max_size=4), max_size=30).map("".join))
def test_no_handler_or_javascript_href_ever(text: str) -> None:
    out = render(text, resolve_link=lambda ref: None).html
    parser = _Collect()
    parser.feed(out)
    parser.close()
    for _tag, attrs in parser.tags:
        for name, value in attrs:
            assert not name.startswith("on"), out
            if name in {"href", "src"}:
                assert _scheme(value or "") in (None, *ALLOWED_SCHEMES), out
