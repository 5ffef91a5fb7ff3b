"""Writes the Pagefind search bundle for a list of records: the one module that knows Pagefind.

It runs the pinned ``pagefind_extended`` binary in service mode and speaks its protocol, the one
the official Python and Node wrappers use: base64-encoded JSON messages, each ended by a comma,
answered in kind and in order. The Python wrapper (``pagefind.index.PagefindIndex``) sleeps 0.1 s
before reading each answer (Pagefind issue #976), so 30,000 story records would take 50 minutes;
here one thread streams the requests while this one reads the answers.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from newsarchive.render.search import SearchRecord
from pagefind.service import get_executable


class SearchIndexError(RuntimeError):
    """Pagefind refused a record or could not write the bundle."""


def write_bundle(records: Sequence[SearchRecord], output: Path, language: str = "en") -> None:
    """Index ``records`` as one ``language`` and write the search bundle into ``output``.

    Whatever ``output`` held is replaced.
    """
    shutil.rmtree(output, ignore_errors=True)
    binary = get_executable()
    if binary is None:
        raise SearchIndexError("the Pagefind binary is missing: pip install -r requirements.txt")
    requests: list[dict[str, Any]] = [{"type": "NewIndex", "config": {"force_language": language}}]
    requests += [
        {"type": "AddRecord", "index_id": 0, "url": record.url, "content": record.content,
         "language": language, "meta": record.meta, "filters": record.filters, "sort": record.sort}
        for record in records
    ]
    requests.append({"type": "WriteFiles", "index_id": 0, "output_path": str(output)})
    with subprocess.Popen([binary, "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL) as service:
        assert service.stdin is not None and service.stdout is not None
        threading.Thread(target=_send, args=(service.stdin, requests), daemon=True).start()
        try:
            _read_answers(service.stdout, requests)
        except BaseException:
            service.kill()
            raise
        service.stdin.close()  # the service finishes writing files, then exits


def _send(stream: IO[bytes], requests: list[dict[str, Any]]) -> None:
    try:
        for number, payload in enumerate(requests, start=1):
            message = json.dumps({"message_id": number, "payload": payload}).encode()
            stream.write(base64.b64encode(message) + b",")
        stream.flush()
    except (BrokenPipeError, ValueError):
        pass  # the service stopped or was stopped; the reader reports why


def _read_answers(stream: IO[bytes], requests: list[dict[str, Any]]) -> None:
    """Read answers until the last request's; raise on the first error Pagefind reports."""
    pending = b""
    while True:
        chunk = stream.read1(1 << 16)  # type: ignore[attr-defined]
        if not chunk:
            raise SearchIndexError("Pagefind stopped before writing the search bundle")
        *messages, pending = (pending + chunk).split(b",")
        for message in messages:
            answer = json.loads(base64.b64decode(message))
            number, payload = answer.get("message_id"), answer.get("payload", {})
            if payload.get("type") == "Error":
                request = requests[number - 1] if number else {}
                subject = request.get("url") or request.get("type", "a request")
                raise SearchIndexError(f"Pagefind refused {subject}: {payload.get('message')}")
            if number == len(requests):
                return
