"""Builds the Pagefind search bundles for groups of records: the one module that knows Pagefind.

It runs the pinned ``pagefind_extended`` binary in service mode and speaks its protocol, the one
the official Python and Node wrappers use: base64-encoded JSON messages, each ended by a comma,
answered in kind and in order. The Python wrapper (``pagefind.index.PagefindIndex``) sleeps 0.1 s
before reading each answer (Pagefind issue #976), so 30,000 records would take 50 minutes;
here one thread streams the requests while this one reads the answers.

Pagefind holds about 1 KB of memory per indexed word until it writes a bundle, and its indexing
time grows faster than the number of records. So each group (a year of roundups) becomes its own
bundle, indexed and then dropped before the next: memory stays that of the largest group and the
time grows with the number of groups. The browser merges the bundles (docs/javascripts/search.js).
(One bundle of the 29,600 stories of ten years, a record each, took Pagefind 1.8 GB; a year 250 MB.)

A query fetches, from each bundle, the index chunk of each of its words: the chunks are made small
(``CHUNK``), as the bundles are many and a query wants one word of each chunk it fetches.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from newsarchive import urls
from newsarchive.render.search import (
    ENTITIES_BUNDLE,
    YEARS_FOLDER,
    SearchBundle,
    SearchPage,
    SearchRecord,
    bundle_list,
    older_headline_words,
)
from pagefind.service import get_executable

ENGINE = ("pagefind.js", "wasm.")
"""Names of the files (by how they start) the browser loads Pagefind from: only the first bundle
keeps them; the others are merged into it and keep only their index."""
UNUSED = ("pagefind-ui", "pagefind-modular-ui", "pagefind-component-ui", "pagefind-highlight", "pagefind-worker")
"""Pagefind's ready-made UIs and its Web Worker (41 KB more for every reader's first search), which
docs/javascripts/search.js does not use."""
CHUNK = 3000
"""Word positions in one index chunk (Pagefind's default is 20,000). A query fetches, from each year,
the chunk of each of its words, about 4 KB at this size (15–20 KB at the default): at ten years a
query fetches 130 KB less of them, for more files and a pf_meta 2 KB larger a year.
Pagefind reads it from an environment variable it marks unstable; if it stops doing so, the
chunks are its default size again and only the bytes of a query grow."""


class SearchIndexError(RuntimeError):
    """Pagefind could not run, refused a record, or named a file outside its bundle."""


class SearchIndex:
    """Pagefind indexing one build's bundles in a background thread, started as soon as the
    records are known. Pagefind works in its own process, so it indexes on the second core while
    MkDocs renders the pages on the first; ``write`` then writes each bundle's files (held in
    memory until then, about 6 KB a roundup) as soon as it is indexed, while Pagefind indexes the
    next."""

    def __init__(self, bundles: Sequence[SearchBundle], language: str = "en", only: set[str] | None = None,
                 start: bool = True, after: Sequence[SearchIndex] = ()) -> None:
        """Index ``bundles`` (all of the site's), or only those named in ``only``: a rebuild of a
        preview keeps the other bundles' files as they are on disk. Unless ``start``, the indexing
        waits for ``start()``. ``after``: indexes stopped (``stop``) whose threads may still be
        writing into the same folders; ``write_later`` writes once they have ended."""
        self.all_bundles = bundles
        self._after = tuple(after)
        self._only = only
        self.bundles = [bundle for bundle in bundles if only is None or bundle.name in only]
        self._language = language
        self._indexed: queue.SimpleQueue[dict[str, bytes] | None] = queue.SimpleQueue()
        """Each bundle's files as Pagefind makes them, in order; None once it is done."""
        self._error: BaseException | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._cancelled = threading.Event()
        self._written = False
        self._writing = threading.Lock()
        """Held while the files are written: a cancel waits for them rather than cut them short."""
        self._writer: threading.Thread | None = None
        self.started = time.perf_counter()
        self._thread = threading.Thread(target=self._index, name="pagefind", daemon=True)
        if start:
            self.start()

    def start(self) -> None:
        """Start indexing, in a thread of its own."""
        self.started = time.perf_counter()
        self._thread.start()

    @property
    def records(self) -> int:
        return sum(len(bundle.records) for bundle in self.bundles)

    def write(self, site: Path) -> None:
        """Write each bundle into its folder of the search index in ``site`` as soon as it is
        indexed (the bundle's earlier files replaced); once all are, remove the folders of bundles
        the site no longer has, and list the bundles the browser merges into the first."""
        folder = site / urls.SEARCH
        others = {bundle.name for bundle in self.all_bundles if bundle.name != ENTITIES_BUNDLE}
        for bundle, files in zip(self.bundles, iter(self._indexed.get, None), strict=False):
            with self._writing:
                if self._cancelled.is_set():
                    break
                _clear(folder / bundle.name, keep=others if bundle.name == ENTITIES_BUNDLE else set())
                _write(files, folder / bundle.name, keep_engine=bundle.name == ENTITIES_BUNDLE)
        self._thread.join()
        with self._writing:
            if self._cancelled.is_set():
                raise SearchIndexError("the indexing was stopped: the build failed")
            if self._error is not None:
                raise self._error
            if folder.is_dir():
                for stale in folder.iterdir():
                    if stale.is_dir() and YEARS_FOLDER.fullmatch(stale.name) and stale.name not in others:
                        shutil.rmtree(stale)
            (site / urls.SEARCH_BUNDLES).write_text(bundle_list(self.all_bundles), encoding="utf-8")
            words = site / urls.SEARCH_OLDER_WORDS
            shutil.rmtree(words, ignore_errors=True)
            for name, text in older_headline_words(self.all_bundles).items():
                words.mkdir(exist_ok=True)
                (words / name).write_text(text, encoding="utf-8")
            self._written = True

    def write_later(self, site: Path, done: Callable[[Exception | None], None]) -> None:
        """``write`` from a thread of its own, then ``done`` (with the error, if any, unless the
        index was cancelled): a preview shows a saved roundup without waiting for its search
        bundle (a few seconds)."""

        def write() -> None:
            self._earlier_finished()
            try:
                self.write(site)
            except Exception as exc:  # noqa: BLE001 - handed to ``done``: no one waits on this thread
                if not self._cancelled.is_set():
                    done(exc)
                return
            done(None)

        self._writer = threading.Thread(target=write, name="pagefind-write", daemon=True)
        self._writer.start()

    def cancel(self) -> set[str] | None:
        """Stop Pagefind (the build this index was for has failed) and wait until the bundle being
        written is whole; the names of the bundles it had to write and did not (None: all)."""
        with self._writing:
            self.stop()
        self.finished()
        return self._unwritten()

    def stop(self) -> set[str] | None:
        """Stop Pagefind without waiting (a preview rebuilds again before this index was written:
        its pages need not wait for a bundle being written); the bundles it may not have written,
        each of them unless it was written whole. A bundle being written is finished by its
        thread, which ``finished`` waits for."""
        self._cancelled.set()
        process = self._process
        if process is not None and process.poll() is None:
            process.kill()
        return self._unwritten()

    def finished(self) -> None:
        """Wait until this index's threads, and those of the indexes it writes after, have ended."""
        self._earlier_finished()
        if self._thread.ident is not None:  # started
            self._thread.join()
        if self._writer is not None:
            self._writer.join()

    def _earlier_finished(self) -> None:
        """Wait until the indexes this one writes after have ended (then forget them)."""
        for previous in self._after:
            previous.finished()
        self._after = ()

    def _unwritten(self) -> set[str] | None:
        if self._written:
            return set()
        return None if self._only is None else {bundle.name for bundle in self.bundles}

    def _index(self) -> None:
        try:
            binary = get_executable()
            if binary is None:
                raise SearchIndexError("the Pagefind binary is missing: pip install -r requirements.txt")
            settings = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(CHUNK)}
            with subprocess.Popen([binary, "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, env=settings) as self._process:
                assert self._process.stdin is not None and self._process.stdout is not None
                service = _Service(self._process.stdin, self._process.stdout)
                try:
                    for bundle in self.bundles:
                        if self._cancelled.is_set():
                            break
                        self._indexed.put(service.index(bundle.records, self._language))
                except BaseException:
                    self._process.kill()
                    raise
                self._process.stdin.close()
        except OSError as exc:
            self._error = SearchIndexError(f"Pagefind could not run: {exc}")
        except BaseException as exc:  # noqa: BLE001 - handed to the thread that calls write(), which raises it
            self._error = exc
        finally:
            self._indexed.put(None)


def _clear(folder: Path, keep: set[str]) -> None:
    """Remove what ``folder`` holds but the subfolders named in ``keep`` (other bundles' own)."""
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if entry.is_dir() and entry.name in keep:
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def _write(files: dict[str, bytes], folder: Path, keep_engine: bool) -> None:
    """Write a bundle's files one after another, leaving out the ones the browser does not load.

    Pagefind's own WriteFiles creates a bundle's ~3,000 files from many threads at once: at 3,650
    roundups that took 31 s, mostly system time, against 20 s for fetching the files and writing
    them here in sequence. Paths are handled as strings: this runs beside the rendering of the
    pages, in the same Python, for 30,000 files."""
    made: set[str] = set()
    base = os.fspath(folder)
    for name, content in files.items():
        parts = name.split("/")
        if name.startswith("/") or ".." in parts:
            raise SearchIndexError(f"Pagefind named a file outside its bundle: {name}")
        if parts[-1].startswith(UNUSED) or (not keep_engine and parts[-1].startswith(ENGINE)):
            continue
        target = os.path.join(base, name)
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        with open(target, "wb") as file:
            file.write(content)


class _Service:
    """One running ``pagefind --service``: numbered requests in, their answers back in order."""

    def __init__(self, requests: IO[bytes], answers: IO[bytes]) -> None:
        self._requests = requests
        self._answers = self._read(answers)  # one reader for the service's life: no answer is lost
        self._sent = 0

    def index(self, records: Sequence[SearchRecord | SearchPage], language: str) -> dict[str, bytes]:
        """Build one index from ``records`` and free it: its files by their path in the bundle."""
        (answer,) = self._exchange([{"type": "NewIndex", "config": {"force_language": language}}])
        index = answer["index_id"]
        *_, files, _ = self._exchange([
            *(_request(index, record, language) for record in records),
            {"type": "GetFiles", "index_id": index},
            {"type": "DeleteIndex", "index_id": index},
        ])
        return {file["path"]: base64.b64decode(file["content"]) for file in files["files"]}

    def _exchange(self, payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Send ``payloads`` from a second thread while reading their answers here."""
        first = self._sent + 1
        self._sent += len(payloads)
        threading.Thread(target=self._send, args=(first, payloads), daemon=True).start()
        answers = []
        for number, answer in self._answers:
            if answer.get("type") == "Error":
                request = payloads[number - first] if first <= number <= self._sent else {}
                subject = request.get("url") or request.get("type", "a request")
                raise SearchIndexError(f"Pagefind refused {subject}: {answer.get('message')}")
            answers.append(answer)
            if number == self._sent:
                return answers
        raise SearchIndexError("Pagefind stopped before writing the search bundle")

    def _send(self, first: int, payloads: list[dict[str, Any]]) -> None:
        try:
            for number, payload in enumerate(payloads, start=first):
                message = json.dumps({"message_id": number, "payload": payload}).encode()
                self._requests.write(base64.b64encode(message) + b",")
            self._requests.flush()
        except (BrokenPipeError, ValueError):
            pass  # the service stopped or was stopped; the reader reports why

    @staticmethod
    def _read(stream: IO[bytes]) -> Iterator[tuple[int, dict[str, Any]]]:
        """Each answer as it completes. A bundle's files come as one answer of megabytes: its
        pieces are kept apart until the one that ends it, not joined and searched again for
        each piece (which took time growing with the square of its size)."""
        pending: list[bytes] = []
        while chunk := stream.read1(1 << 16):  # type: ignore[attr-defined]
            if b"," not in chunk:
                pending.append(chunk)
                continue
            *messages, rest = b"".join([*pending, chunk]).split(b",")
            pending = [rest]
            for message in messages:
                answer = json.loads(base64.b64decode(message))
                yield answer.get("message_id") or 0, answer.get("payload", {})


def _request(index: str, record: SearchRecord | SearchPage, language: str) -> dict[str, Any]:
    if isinstance(record, SearchPage):
        return {"type": "AddFile", "index_id": index, "url": record.url, "file_contents": record.html}
    return {"type": "AddRecord", "index_id": index, "url": record.url, "content": record.content,
            "language": language, "meta": record.meta, "filters": record.filters, "sort": record.sort}
