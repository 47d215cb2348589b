"""Tricky URLs read the way a browser reads them (WHATWG URL standard), and which become links.

Each case gives the scheme and host a browser's URL parser answers (None: it fails or has
no host), and whether the contact may count as an official OKX channel. The guard either
agrees with the browser or finds no host at all (then never official) - it never names a
different host, which is how "https://evil.com\\@www.okx.com" passed for okx.com before.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from incident.core import guards
from incident.playbook import loader
from tests.conftest import Runner

# (url, browser's (scheme, host) or None, official OKX channel?)
CORPUS: list[tuple[str, tuple[str, str] | None, bool]] = [
    ("https://www.okx.com/help", ("https", "www.okx.com"), True),
    ("HTTPS://WWW.OKX.COM/", ("https", "www.okx.com"), True),
    ("https://www.okx.com:443/help", ("https", "www.okx.com"), True),
    ("www.okx.com/help", ("https", "www.okx.com"), True),  # typed in an address bar
    ("https://www.okx.com./help", ("https", "www.okx.com."), True),  # trailing dot
    ("https://www.okx.com/x@evil.com", ("https", "www.okx.com"), True),  # @ in the path
    ("https://evil.com/@www.okx.com", ("https", "evil.com"), False),
    ("https://evil.com#@www.okx.com", ("https", "evil.com"), False),
    ("https://evil.com?@www.okx.com", ("https", "evil.com"), False),
    # A backslash is a "/" to a browser in special schemes.
    ("https://evil.com\\@www.okx.com/help", ("https", "evil.com"), False),
    ("https:\\\\evil.com\\@okx.com", ("https", "evil.com"), False),
    ("https://www.okx.com\\.evil.com/", ("https", "www.okx.com"), False),  # refused anyway
    # User-info: the host is what follows the last @.
    ("https://www.okx.com@evil.com/", ("https", "evil.com"), False),
    ("https://www.okx.com:pass@evil.com/", ("https", "evil.com"), False),
    # IDN homographs: a browser looks up the punycode.
    ("https://okx.c\u043em/", ("https", "okx.xn--cm-fmc"), False),  # Cyrillic о
    ("https://\u043ekx.com/", ("https", "xn--kx-emc.com"), False),
    ("https://ｗｗｗ.ｏｋｘ.ｃｏｍ/", ("https", "www.okx.com"), False),  # full-width: refused
    # Percent-encoded hosts are decoded by a browser; the guard does not vouch for them.
    ("https://www.okx%2Ecom/", ("https", "www.okx.com"), False),
    ("https://www.okx.com%40evil.com/", None, False),
    ("https://evil%2Ecom/", ("https", "evil.com"), False),
    # Numbers are IPv4 addresses to a browser.
    ("https://0x7f.1/", ("https", "127.0.0.1"), False),
    ("https://[::1]/", ("https", "[::1]"), False),
    ("https:evil.com", ("https", "evil.com"), False),
    ("https://www.okx.com.evil.com/", ("https", "www.okx.com.evil.com"), False),
    ("https://evil-okx.com/", ("https", "evil-okx.com"), False),
    ("https://www.ok\tx.com/", ("https", "www.okx.com"), False),  # tab stripped; refused
    # Only https: may be official (and a link).
    ("http://www.okx.com/", ("http", "www.okx.com"), False),
    ("javascript://www.okx.com/%0aalert(1)", ("javascript", "www.okx.com"), False),
    ("file://www.okx.com/share/x.exe", ("file", "www.okx.com"), False),
    ("ftp://www.okx.com/", ("ftp", "www.okx.com"), False),
    # E-mail addresses: the domain after the @ (mailto: for the mail client).
    ("support@okx.com", ("mailto", "okx.com"), True),
    ("mailto:support@okx.com", ("mailto", "okx.com"), True),
    ("support@okx.com.evil.com", ("mailto", "okx.com.evil.com"), False),
    ("okx.com@evil.com", ("mailto", "evil.com"), False),
]


@pytest.fixture(scope="module")
def okx() -> guards.Platform:
    platform = loader.find("crypto-exchange").playbook.platform("OKX")
    assert platform is not None
    return platform


@pytest.mark.parametrize(("url", "browser", "official"), CORPUS)
def test_guard_agrees_with_the_browser(
    url: str, browser: tuple[str, str] | None, official: bool, okx: guards.Platform
) -> None:
    found = guards.contact_target(url)
    if found is not None:
        assert browser is not None, f"{url!r}: the guard found a host where a browser finds none"
        scheme, host = browser
        assert (found.scheme, found.host) == (scheme, host.rstrip(".")), url
    assert guards.is_official_url(url, okx) is official, url
    assert guards.check_contact(url, "chat", okx)[0] is official


def test_only_https_and_mailto_are_links() -> None:
    links = [url for url, _, _ in CORPUS if guards.is_link(url)]
    assert links and all(u.lower().startswith(("https://", "mailto:")) for u in links)
    assert not guards.is_link("javascript://www.okx.com/%0aalert(1)")
    assert not guards.is_link("http://www.okx.com/")


def test_pdf_links_are_only_https_or_mailto(run: Runner, session: str, tmp_path: Path) -> None:
    from pypdf import PdfReader

    run.ok(
        "evidence",
        "contact",
        "--channel",
        "email",
        "--summary",
        "wrote",
        "--url",
        "mailto:support@okx.com",
    )
    for url in (
        "https://www.okx.com/help",
        "mailto:support@okx.com",  # on a chat channel: no mailto: link
        "https://evil.com\\@www.okx.com/help",
        "javascript://www.okx.com/%0aalert(1)",
        "file://www.okx.com/share/x.exe",
        "http://www.okx.com",
        "https://www.okx.com@evil.com/",
    ):
        run.ok("evidence", "contact", "--channel", "chat", "--summary", "asked", "--url", url)
    pdf = tmp_path / "report.pdf"
    run.ok("report", "-o", str(pdf))
    uris = [
        str(annot.get_object().get("/A", {}).get("/URI"))
        for page in PdfReader(pdf).pages
        for annot in page.get("/Annots") or []
        if annot.get_object().get("/A", {}).get("/URI") is not None
    ]
    assert "https://www.okx.com/help" in uris and "mailto:support@okx.com" in uris
    assert all(u.startswith(("https://", "mailto:")) for u in uris), uris
    assert not any("evil" in u or "javascript" in u for u in uris), uris
    assert uris.count("mailto:support@okx.com") == 1  # the e-mail channel's only


def test_markdown_shows_urls_in_code_spans(run: Runner, session: str) -> None:
    run.ok(
        "evidence",
        "contact",
        "--channel",
        "chat",
        "--summary",
        "asked",
        "--url",
        "https://okx-support.help/chat",
    )
    md = run.ok("export", "--format", "markdown").stdout
    assert "`https://okx-support.help/chat`" in md
