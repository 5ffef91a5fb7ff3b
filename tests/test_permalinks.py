"""Permalinks never break: the manifest of every URL a build's site answers (written from site_dir
after every plugin, so mkdocs-redirects' pages are in it), and scripts/check-permalinks against
the deployed site's manifest, which no hostile or broken input can hang, flood or crash."""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from newsarchive.archive import Archive
from newsarchive.permalinks import INTERNAL, Manifest, manifest, permalink, read_manifest
from newsarchive.registry import Registry
from newsarchive.urls import PERMALINKS as MANIFEST

from tests.conftest import COMPANIES, ROOT, TOPICS, mkdocs_build, roundup_text, site_project

NO_REDIRECTS = "      redirect_maps: {}\n"
A_REDIRECT = "      redirect_maps:\n        2024/03/12/index.md: 2024/03/12/evening/index.md\n"
HOST = "127.0.0.1"


def check_permalinks(old: Path | str, new: Path, *options: str) -> tuple[subprocess.CompletedProcess, float]:
    """The script's result, and its wall time in seconds."""
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check-permalinks"), str(old), str(new), *options],
        capture_output=True, text=True, timeout=60,
    )
    return result, time.monotonic() - start


def write_manifest(path: Path, urls: list[str]) -> Path:
    path.write_text(json.dumps({"site_url": "https://example.org/", "urls": urls}), encoding="utf-8")
    return path


def project_with(tmp_path: Path, roundups: dict[str, str]) -> Path:
    """A copy of the project whose roundups are ``roundups`` (file name in 2024/ -> text)."""
    folder = tmp_path / "content"
    (folder / "2024").mkdir(parents=True)
    (folder / "companies.yml").write_text(COMPANIES, encoding="utf-8")
    (folder / "topics.yml").write_text(TOPICS, encoding="utf-8")
    for name, text in roundups.items():
        (folder / "2024" / name).write_text(text, encoding="utf-8")
    return site_project(tmp_path, folder)


def build(project: Path, site: Path) -> Manifest:
    result = mkdocs_build(project, site, "--strict")
    assert result.returncode == 0, result.stderr
    return read_manifest((site / MANIFEST).read_text(encoding="utf-8"))


def page_urls(site: Path) -> set[str]:
    """URLs of the pages of a built site: every folder with an index.html, outside the theme's."""
    return {"/" + "".join(f"{part}/" for part in p.parent.relative_to(site).parts) for p in site.rglob("index.html")
            if p.relative_to(site).parts[0] not in INTERNAL}


# The rules


@pytest.mark.parametrize(("path", "url"), [
    ("index.html", "/"),
    ("2024/03/12/index.html", "/2024/03/12/"),
    ("about/index.html", "/about/"),
    ("404.html", "/404.html"),
    ("feed.xml", "/feed.xml"),
    ("companies/xiaomi/feed.json", "/companies/xiaomi/feed.json"),
    ("images/2024/2024-03-12-sora.svg", "/images/2024/2024-03-12-sora.svg"),
    ("robots.txt", "/robots.txt"),
    ("sitemap.xml", "/sitemap.xml"),
    ("companies/assets/index.html", "/companies/assets/"),  # a company may be called "assets"
    ("assets/javascripts/bundle.f1ef6ec4.min.js", None),
    ("assets/images/favicon.png", None),
    ("pagefind/pagefind-entry.json", None),
    ("stylesheets/archive.css", None),
    ("javascripts/search.js", None),
    ("search/search_index.json", None),
])
def test_permalink_is_the_url_a_written_file_answers_at(path: str, url: str | None) -> None:
    assert permalink(path) == url


def test_the_manifest_lists_itself_and_leaves_out_internal_files() -> None:
    text = manifest(["index.html", "2024/index.html", "feed.xml", "assets/x.js", "pagefind/y.pf_index"],
                    "https://example.org/archive/", Archive(Registry(), []))
    assert json.loads(text) == {"site_url": "https://example.org/archive/",
                                "urls": ["/", "/2024/", "/feed.xml", f"/{MANIFEST}"],
                                "roundups": {}, "stories": [], "removed": []}


# The build's manifest


def test_the_manifest_lists_every_page_feed_and_image_and_no_theme_file(sample_site: Path) -> None:
    urls = read_manifest((sample_site / MANIFEST).read_text(encoding="utf-8")).urls
    assert page_urls(sample_site) <= urls
    files = {f"/{p.relative_to(sample_site).as_posix()}" for p in sample_site.rglob("*") if p.is_file()}
    feeds = {f for f in files if f.endswith(("/feed.xml", "/feed.json"))}
    images = {f for f in files if f.startswith("/images/")}
    assert len(feeds) > 100 and {"/feed.xml", "/feed.json", "/companies/xiaomi/feed.xml"} <= feeds <= urls
    assert len(images) >= 6 and images <= urls
    assert {"/", "/2024/03/12/", "/about/", "/authoring/", "/companies/xiaomi/", "/topics/ev/", "/404.html",
            "/robots.txt", "/sitemap.xml", "/sitemap-news.xml", f"/{MANIFEST}"} <= urls
    assert any(f.startswith("/assets/") for f in files) and any(f.startswith("/pagefind/") for f in files)
    assert [url for url in urls if url.startswith(tuple(f"/{folder}/" for folder in INTERNAL))] == []
    assert all((sample_site / url.lstrip("/")).exists() for url in urls)
    assert json.loads((sample_site / MANIFEST).read_text(encoding="utf-8"))["site_url"] == (
        "https://example.github.io/roundup-archive/")


def test_a_redirect_keeps_a_url_until_someone_deletes_it(tmp_path: Path) -> None:
    project = project_with(tmp_path, {"2024-03-12.md": roundup_text()})
    config = project / "mkdocs.yml"
    first = build(project, tmp_path / "first")
    assert "/2024/03/12/" in first.urls and "/2024/03/12/#xiaomi-sets-a-sales-date-for-the-su7" in first.stories

    # The roundup turns out to be the evening edition: its file is renamed, so its URL changes.
    (project / "roundups/2024/2024-03-12.md").rename(project / "roundups/2024/2024-03-12-evening.md")
    build(project, tmp_path / "unredirected")
    result, _ = check_permalinks(tmp_path / "first" / MANIFEST, tmp_path / "unredirected" / MANIFEST)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == "/2024/03/12/: answered by the deployed site, gone from this build"
    assert "          2024/03/12/index.md: <new page>/index.md" in result.stdout.splitlines()
    assert "story" not in result.stdout, "the stories of a page that is gone go with it"

    # With a redirect, the old address is a page again, and the manifest lists it.
    config.write_text(config.read_text(encoding="utf-8").replace(NO_REDIRECTS, A_REDIRECT), encoding="utf-8")
    redirected = build(project, tmp_path / "redirected")
    assert {"/2024/03/12/", "/2024/03/12/evening/"} <= redirected.urls
    redirect_page = (tmp_path / "redirected" / "2024/03/12/index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=evening/"' in redirect_page
    result, _ = check_permalinks(tmp_path / "first" / MANIFEST, tmp_path / "redirected" / MANIFEST)
    # The redirect carries the story's #anchor on to the new address: the story's address is kept too.
    assert (result.returncode, result.stdout) == (
        0, f"All {len(first.urls) + len(first.stories)} URLs of the deployed site are kept.\n")

    # Once that is deployed, deleting the redirect breaks the old address: the check says so.
    config.write_text(config.read_text(encoding="utf-8").replace(A_REDIRECT, NO_REDIRECTS), encoding="utf-8")
    assert "/2024/03/12/" not in build(project, tmp_path / "deleted").urls
    result, _ = check_permalinks(tmp_path / "redirected" / MANIFEST, tmp_path / "deleted" / MANIFEST)
    assert result.returncode == 1, result.stdout
    assert result.stdout.splitlines()[0] == "/2024/03/12/: answered by the deployed site, gone from this build"


# The check, on files


def test_a_vanished_page_names_its_redirect_and_a_vanished_file_its_path(tmp_path: Path) -> None:
    old = write_manifest(tmp_path / "old.json", ["/", "/2024/03/12/", "/about/", "/feed.xml", "/images/a.svg"])
    new = write_manifest(tmp_path / "new.json", ["/", "/2024/03/12/evening/", "/about/", "/feed.xml"])
    result, _ = check_permalinks(old, new)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "/2024/03/12/: answered by the deployed site, gone from this build",
        "/images/a.svg: answered by the deployed site, gone from this build",
        "2 URLs of the deployed site would break. Restore them, or send readers of a page on to its new address "
        "in mkdocs.yml:",
        "  plugins:",
        "    - redirects:",
        "        redirect_maps:",
        "          2024/03/12/index.md: <new page>/index.md",
        "A file that is not a page (a feed, an image…) cannot be redirected: publish it at its old path.",
    ]
    result, _ = check_permalinks(new, old)
    assert result.returncode == 1
    assert result.stdout.splitlines()[1:2] == ["1 URL of the deployed site would break. Restore it, or send readers "
                                               "of a page on to its new address in mkdocs.yml:"]
    assert result.stdout.splitlines()[-1] == "          2024/03/12/evening/index.md: <new page>/index.md"


@pytest.mark.parametrize(("text", "problem"), [
    ("<html>Not found</html>", "not a permalinks manifest: invalid JSON (Expecting value: line 1 column 1 (char 0))"),
    ('["/", "/about/"]', "not a permalinks manifest: JSON an array, not an object with a 'urls' list"),
    ("null", "not a permalinks manifest: JSON null, not an object with a 'urls' list"),
    ('{"site_url": "https://example.org/"}', "not a permalinks manifest: its 'urls' is not a list of strings"),
    ('{"urls": "/"}', "not a permalinks manifest: its 'urls' is not a list of strings"),
    ('{"urls": ["/", 1]}', "not a permalinks manifest: its 'urls' is not a list of strings"),
    ('{"urls": [["/"]]}', "not a permalinks manifest: its 'urls' is not a list of strings"),
    ("[" * 100_000, "not a permalinks manifest: JSON nested too deeply"),
    ('{"urls": ' * 100_000, "not a permalinks manifest: JSON nested too deeply"),
])
@pytest.mark.parametrize("side", ["old", "new"])
def test_a_manifest_of_the_wrong_shape_is_an_error_naming_the_file(tmp_path: Path, text: str, problem: str,
                                                                    side: str) -> None:
    bad = tmp_path / f"{side}.json"
    bad.write_text(text, encoding="utf-8")
    good = write_manifest(tmp_path / "good.json", ["/"])
    result, _ = check_permalinks(*((bad, good) if side == "old" else (good, bad)))
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"check-permalinks: {bad}: {problem}\n")


def test_an_unreadable_file_is_an_error_naming_it(tmp_path: Path) -> None:
    good = write_manifest(tmp_path / "good.json", ["/"])
    result, _ = check_permalinks(tmp_path / "missing.json", good)
    assert (result.returncode, result.stderr) == (2, f"check-permalinks: {tmp_path / 'missing.json'}: "
                                                     "No such file or directory\n")
    binary = tmp_path / "binary.json"
    binary.write_bytes(b'{"urls": ["/\xff"]}')
    result, _ = check_permalinks(binary, good)
    assert (result.returncode, result.stderr) == (2, f"check-permalinks: {binary}: not a permalinks manifest: "
                                                     "not UTF-8 (byte 12)\n")
    result, _ = check_permalinks(good, good, "--max-bytes", "10")
    assert (result.returncode, result.stderr) == (2, f"check-permalinks: {good}: larger than 10 bytes, too large "
                                                     "for a permalinks manifest\n")


# The check, against a server


class _Hostile(BaseHTTPRequestHandler):
    """A deployed site, well-behaved or not, by path."""

    def do_GET(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the check stopped reading, as it should
            getattr(self, "serve_" + self.path.strip("/").replace("-", "_").replace(".", "_"), self.serve_missing)()

    def answer(self, body: bytes, status: int = 200, length: int | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def serve_permalinks_json(self) -> None:
        self.answer(json.dumps({"site_url": "https://example.org/", "urls": ["/", "/about/"]}).encode())

    def serve_missing(self) -> None:
        self.send_error(404)

    def serve_broken(self) -> None:
        self.send_error(500)

    def serve_nested(self) -> None:
        self.answer(b"[" * 100_000)

    def serve_trickle(self) -> None:
        """One byte every half second, of a thousand announced."""
        self.send_response(200)
        self.send_header("Content-Length", "1000")
        self.end_headers()
        for _ in range(1000):
            self.wfile.write(b" ")
            self.wfile.flush()
            time.sleep(0.5)

    def serve_silent(self) -> None:
        """The headers, then nothing for a minute."""
        self.send_response(200)
        self.send_header("Content-Length", "1000")
        self.end_headers()
        self.wfile.flush()
        time.sleep(60)

    def serve_endless(self) -> None:
        """A body with no announced length that never ends."""
        self.send_response(200)
        self.end_headers()
        chunk = b"[" * 65536
        while True:
            self.wfile.write(chunk)

    def serve_huge(self) -> None:
        self.answer(b"{", length=10**12)

    def serve_to_ftp(self) -> None:
        self.send_response(302)
        self.send_header("Location", "ftp://127.0.0.1/permalinks.json")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up mid-answer is what these tests do


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = _Server((HOST, 0), _Hostile)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://{HOST}:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def new(tmp_path: Path) -> Path:
    return write_manifest(tmp_path / "new.json", ["/", "/about/"])


def test_the_deployed_manifest_is_fetched(server: str, new: Path) -> None:
    result, _ = check_permalinks(f"{server}permalinks.json", new)
    assert (result.returncode, result.stdout, result.stderr) == (0, "All 2 URLs of the deployed site are kept.\n", "")


def test_a_404_means_nothing_was_deployed_yet(server: str, new: Path) -> None:
    result, _ = check_permalinks(f"{server}missing", new)
    assert (result.returncode, result.stdout, result.stderr) == (
        0, f"No manifest at {server}missing (404): nothing deployed yet, so no URL can disappear.\n", "")


@pytest.mark.parametrize(("path", "options", "problem"), [
    ("broken", (), "the server answered 500 Internal Server Error"),
    ("nested", (), "not a permalinks manifest: JSON nested too deeply"),
    ("trickle", ("--timeout", "2"), "no complete answer within 2 s"),
    ("silent", ("--timeout", "2"), "no complete answer within 2 s"),
    ("endless", ("--max-bytes", "1000000"), "the answer goes on past 1,000,000 bytes; stopped reading"),
    ("huge", (), "the answer is 1,000,000,000,000 bytes, more than the 50,000,000 allowed"),
    ("to-ftp", (), "cannot connect (unknown url type: ftp)"),
])
def test_a_broken_or_hostile_server_is_an_error_within_the_deadline(server: str, new: Path, path: str,
                                                                     options: tuple[str, ...], problem: str) -> None:
    result, seconds = check_permalinks(f"{server}{path}", new, *options)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"check-permalinks: {server}{path}: {problem}\n"
    assert seconds < 6


def test_an_address_that_is_not_http_or_answers_nothing_is_an_error(new: Path) -> None:
    with socket.socket() as closed:
        closed.bind((HOST, 0))
        port = closed.getsockname()[1]
    for address, problem in [
        ("ftp://example.org/permalinks.json", "not an http(s) address (nor a file)"),
        ("file:///etc/passwd", "not an http(s) address (nor a file)"),
        (f"http://{HOST}:{port}/permalinks.json", "cannot connect ("),
    ]:
        result, seconds = check_permalinks(address, new)
        assert result.returncode == 2
        assert result.stderr.startswith(f"check-permalinks: {address}: {problem}") and result.stderr.count("\n") == 1
        assert seconds < 6
