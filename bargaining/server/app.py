"""The explorer's HTTP server: the standard library's ``ThreadingHTTPServer`` on 127.0.0.1.

Only the routes in :data:`PAGES` and :data:`API` exist; anything else is 404,
so no request can reach a file the server does not name here (the page's
three files are read from the package, never from a path in a request). The
server binds the loopback address only, refuses requests whose ``Host``
header names another host (a guard against DNS rebinding), caps request
bodies at :data:`MAX_BODY` bytes, and answers every problem with a JSON
error: 400 for bad input (also for bodies the JSON reader cannot hold: nesting
deeper than :data:`MAX_DEPTH`, numbers of thousands of digits), 404, 405 (also
for HTTP methods it does not know), 413, 415, and 500, with one line on
stderr, for a bug. No traceback ever reaches the page or the terminal: a
client that hangs up mid-answer is simply forgotten.

Made for a classroom: the listen backlog (:data:`BACKLOG`) holds a room's
requests arriving at once, every connection times out after :data:`TIMEOUT`
seconds of silence (an idle or slow client does not hold a thread forever), and
an answer leaves in one write with Nagle's algorithm off (``TCP_NODELAY``), so
a slider's round trip is the solver's time, not a delayed-ACK wait.
"""

from __future__ import annotations

import json
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable
from urllib.parse import parse_qsl, urlsplit

from bargaining.errors import BargainingError, InputError
from bargaining.io.files import package_bytes
from bargaining.server.api import Explorer

__all__ = ["make_server", "HOST", "PAGES", "API", "MAX_BODY", "MAX_DEPTH", "BACKLOG", "TIMEOUT"]

#: The only address the server listens on.
HOST = "127.0.0.1"

#: Largest request body accepted, in bytes.
MAX_BODY = 64 * 1024  # an edited game's text travels with each request

#: Deepest nesting of arrays and objects accepted in a request body (the API's own bodies nest two deep).
MAX_DEPTH = 8

#: Connections the operating system queues before the server accepts them (a seminar room at once).
BACKLOG = 512

#: Seconds a connection may stay silent (idle keep-alive, or a slow sender) before the server closes it.
TIMEOUT = 20

#: Route -> (file in static/, content type).
PAGES = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/style.css": ("style.css", "text/css; charset=utf-8"),
}

#: Route -> (HTTP method, Explorer method name).
API = {
    "/api/scenarios": ("GET", "scenarios"),
    "/api/model": ("GET", "info"),
    "/api/source": ("GET", "source"),
    "/api/check": ("POST", "check"),
    "/api/solve": ("POST", "solve"),
    "/api/regime": ("POST", "regime"),
}

_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


#: What ``_Handler._body`` returns when it has already answered (``None`` is the JSON body ``null``).
_REFUSED = object()


class _Handler(BaseHTTPRequestHandler):
    explorer: Explorer  # set by make_server
    server_version = "bargaining-explorer"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    timeout = TIMEOUT
    # TCP_NODELAY on each accepted socket: headers and body leave in separate writes, and with Nagle's
    # algorithm the body waits for the client's delayed acknowledgement of the headers (about 40 ms)
    disable_nagle_algorithm = True

    # ------------------------------------------------------------------ responses

    def _send(self, status: int, body: bytes, content_type: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in {**_HEADERS, **(extra or {})}.items():
            self.send_header(k, v)
        # headers and body in one write: two small writes would wait for the client's delayed ACK
        self._headers_buffer = getattr(self, "_headers_buffer", [])
        self._headers_buffer.append(b"\r\n")
        if self.command != "HEAD":
            self._headers_buffer.append(body)
        self.flush_headers()

    def send_error(self, code, message=None, explain=None):
        """The standard library's own refusals (bad request line, unknown method, long headers) as JSON."""
        self.close_connection = True
        try:
            status = HTTPStatus(code)
        except ValueError:
            status = HTTPStatus.BAD_REQUEST
        if status == HTTPStatus.NOT_IMPLEMENTED:  # an HTTP method no route knows
            status = HTTPStatus.METHOD_NOT_ALLOWED
            message = f"the method {str(self.command)[:20]!r} is not allowed here"
        if not getattr(self, "command", None):  # a request line that could not be read: answer it in HTTP/1.1
            self.command, self.request_version = "GET", "HTTP/1.1"
        self._json(status, {"error": message or status.phrase, "status": int(status)})

    def _json(self, status: int, data: Any, extra: dict | None = None) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8", extra)

    def _error(self, status: int, message: str, err: InputError | None = None, extra: dict | None = None) -> None:
        self.close_connection = True  # a refused request's body may be unread
        data: dict[str, Any] = {"error": message, "status": status}
        if err is not None:
            data.update({"message": err.message, "where": err.where, "source": err.source})
        self._json(status, data, extra)

    def log_message(self, format, *args):  # a seminar's terminal stays quiet
        pass

    # ------------------------------------------------------------------ dispatch

    def _host_ok(self) -> bool:
        host = (self.headers.get("Host") or "").strip().lower()
        port = self.server.server_address[1]
        return host in (f"127.0.0.1:{port}", f"localhost:{port}")

    def _handle(self, method: str) -> None:
        try:
            if not self._host_ok():
                return self._error(HTTPStatus.FORBIDDEN, "this server answers only on 127.0.0.1 (Host header refused)")
            path = urlsplit(self.path).path
            if path == "/favicon.ico":  # browsers ask; there is none
                return self._send(HTTPStatus.NO_CONTENT, b"", "text/plain")
            if path in PAGES:
                if method not in ("GET", "HEAD"):
                    return self._error(
                        HTTPStatus.METHOD_NOT_ALLOWED,
                        f"{method} is not allowed here; use GET",
                        extra={"Allow": "GET, HEAD"},
                    )
                name, content_type = PAGES[path]
                return self._send(HTTPStatus.OK, package_bytes(f"server/static/{name}"), content_type)
            if path not in API:
                return self._error(HTTPStatus.NOT_FOUND, f"no such page: {path[:100]!r}")
            allowed, name = API[path]
            if method != allowed and not (method == "HEAD" and allowed == "GET"):
                return self._error(
                    HTTPStatus.METHOD_NOT_ALLOWED,
                    f"{method} is not allowed here; use {allowed}",
                    extra={"Allow": allowed},
                )
            handler: Callable[[Any], Any] = getattr(self.explorer, name)
            if allowed == "GET":
                query = parse_qsl(urlsplit(self.path).query, keep_blank_values=True)
                args: Any = dict(query)
                if len(args) != len(query):
                    raise InputError("a query key is repeated", where="query")
                result = handler(args) if name != "scenarios" else handler()
            else:
                body = self._body()
                if body is _REFUSED:
                    return
                result = handler(body)
            self._json(HTTPStatus.OK, result)
        except InputError as err:
            self._error(HTTPStatus.BAD_REQUEST, str(err), err)
        except BargainingError as err:  # a solver failure: not the request's fault, but no traceback either
            print(f"explorer: {err}", file=sys.stderr)
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, f"the solver failed: {err}")
        except OSError:  # the client hung up, or fell silent mid-body: nobody is left to answer
            self.close_connection = True
        except Exception as err:  # a bug: one line on the server's stderr, a JSON error on the page
            print(
                f"explorer: internal error on {self.command} {self.path[:100]}: {type(err).__name__}: {err}",
                file=sys.stderr,
            )
            try:
                self._error(HTTPStatus.INTERNAL_SERVER_ERROR, "internal error (reported on the server's terminal)")
            except OSError:
                pass

    def _body(self) -> Any:
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype != "application/json":
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "expected a JSON body (Content-Type: application/json)")
            return _REFUSED
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._error(HTTPStatus.LENGTH_REQUIRED, "expected a Content-Length header")
            return _REFUSED
        if length < 0 or length > MAX_BODY:
            self.close_connection = True
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body larger than {MAX_BODY} bytes")
            return _REFUSED
        raw = self.rfile.read(length)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError("the request body is not UTF-8 text", where="request body") from None
        return read_json(text)

    def do_GET(self):
        self._handle("GET")

    def do_HEAD(self):
        self._handle("HEAD")

    def do_POST(self):
        self._handle("POST")

    def do_PUT(self):
        self._handle("PUT")

    def do_DELETE(self):
        self._handle("DELETE")

    def do_PATCH(self):
        self._handle("PATCH")

    def do_OPTIONS(self):
        self._handle("OPTIONS")


def _depth(text: str) -> int:
    """The deepest nesting of brackets outside strings in JSON text."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def read_json(text: str) -> Any:
    """A request body read as JSON, or an :class:`InputError` saying why not.

    Nesting deeper than :data:`MAX_DEPTH` is refused before the reader
    recurses, and numbers too long for Python's integer reader are refused
    rather than left to raise a bare ``ValueError``.

    Examples
    --------
    >>> read_json('{"scenario": "baseline.toml"}')
    {'scenario': 'baseline.toml'}
    >>> read_json("[" * 9 + "]" * 9)
    Traceback (most recent call last):
    ...
    bargaining.errors.InputError: request body: JSON nested 9 deep; at most 8 levels are accepted
    >>> read_json("1" * 5000)
    Traceback (most recent call last):
    ...
    bargaining.errors.InputError: request body: malformed JSON: a number of more than 4300 digits
    """
    deepest = _depth(text)
    if deepest > MAX_DEPTH:
        raise InputError(f"JSON nested {deepest} deep; at most {MAX_DEPTH} levels are accepted", where="request body")
    try:
        return json.loads(text, parse_int=_json_int)
    except json.JSONDecodeError as err:
        raise InputError(f"malformed JSON: {err}", where="request body") from None
    except (ValueError, RecursionError):
        raise InputError(
            f"malformed JSON: a number of more than {MAX_INT_DIGITS} digits", where="request body"
        ) from None


#: The longest integer a request may hold (Python's own default limit on reading integers; the library
#: raises that limit for its exact answers, the explorer keeps it for what clients send).
MAX_INT_DIGITS = 4300


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(text[:20])
    return int(text)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = BACKLOG

    def handle_error(self, request, client_address):
        """A client that hung up or fell silent is no news; anything else gets one line, never a traceback."""
        err = sys.exc_info()[1]
        if isinstance(err, OSError):  # reset, broken pipe, timeout: the connection is gone
            return
        print(f"explorer: error on a connection: {type(err).__name__}: {err}", file=sys.stderr)


def make_server(path: str | Path, port: int = 8000) -> ThreadingHTTPServer:
    """A server for the game file ``path`` (and its folder's other files) on 127.0.0.1.

    ``port=0`` picks a free port (read it from ``server.server_address``).
    Call ``serve_forever()`` to run it and ``shutdown()`` from another thread
    to stop it.

    Raises
    ------
    InputError
        If the game file cannot be read, or the port is taken.
    """
    explorer = Explorer(path)
    explorer.warm()
    handler = type("Handler", (_Handler,), {"explorer": explorer})
    try:
        return _Server((HOST, port), handler)
    except OSError as err:
        hint = "; pick another with --port (0: any free port)" if port else ""
        raise InputError(f"cannot listen on {HOST}:{port}: {err.strerror}{hint}", where="port") from None
