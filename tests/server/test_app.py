"""Tests of :mod:`bargaining.server.app`: routes, the JSON API and every kind of bad request, over real HTTP."""

import json
from pathlib import Path

import pytest

from bargaining.server import make_server
from tests.server.client import Client, start

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def client():
    server = start(ROOT / "games" / "baseline.toml")
    yield Client(server.server_address[1])
    server.shutdown()
    server.server_close()


def test_binds_loopback_only(client):
    server = make_server(ROOT / "games" / "baseline.toml", port=0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_pages(client):
    response, body = client.request("GET", "/")
    assert response.status == 200 and response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert b'<script src="/app.js" defer></script>' in body
    assert "default-src 'self'" in response.getheader("Content-Security-Policy")
    for path, kind in (("/app.js", "text/javascript"), ("/style.css", "text/css")):
        response, body = client.request("GET", path)
        assert response.status == 200 and response.getheader("Content-Type").startswith(kind)
    response, _ = client.request("HEAD", "/")
    assert response.status == 200


def test_page_fetches_nothing_from_the_network():
    for name in ("index.html", "app.js", "style.css"):
        text = (ROOT / "bargaining" / "server" / "static" / name).read_text()
        assert "http://" not in text.replace("http://www.w3.org/2000/svg", "") and "https://" not in text, name
        assert "//cdn" not in text and "@import" not in text, name


def test_scenarios_and_model(client):
    status, data = client.json("GET", "/api/scenarios")
    assert status == 200 and data["initial"] == "baseline.toml"
    ids = [s["id"] for s in data["scenarios"]]
    assert "baseline.toml" in ids and "taiwan_crisis.toml" in ids
    status, info = client.json("GET", "/api/model?scenario=taiwan_crisis.toml")
    assert status == 200
    assert info["title"].startswith("Taiwan crisis")
    T = info["parameters"][0]
    assert (T["name"], T["value"], T["min"], T["max"], T["step"], T["positions"]) == ("T", "1", "0", "1", 0.01, 100)
    assert T["label"] == "US/Western pressure (threat to balance)" and T["guessed"] == []
    assert info["axes"] == ["T", "lam"]


def test_solve_past_the_treaty_threshold(client):
    status, data = client.json("POST", "/api/solve", {"scenario": "baseline.toml", "values": {"T": "0.95"}})
    assert status == 200
    eqs = data["equilibria"]
    assert [e["profile"] for e in eqs] == [[0, 0], None, [1, 1]]
    assert eqs[0]["reading"] == "a military alliance: both sign a mutual-defence treaty" and eqs[0]["selected"]
    assert [s["probability"]["exact"] for s in eqs[1]["strategies"][0]] == ["58/85", "27/85"]
    assert data["selection_rule"] == "payoff dominance"
    assert data["cells"][0][0]["equilibrium"] == 0 and data["cells"][0][0]["best"] == [True, True]
    assert data["cells"][0][1]["payoffs"][1] == {"exact": "73/200", "text": "0.365", "decimal": "0.365"}
    assert data["solution"]["parameters"]["T"] == "19/20"
    assert data["elapsed_ms"] >= 0


def test_solve_at_the_threshold_exactly(client):
    status, data = client.json("POST", "/api/solve", {"scenario": "baseline.toml", "values": {"T": "111/125"}})
    assert status == 200
    assert [0, 0] in [e["profile"] for e in data["equilibria"]]
    status, data = client.json("POST", "/api/solve", {"scenario": "baseline.toml", "values": {"T": "0.887"}})
    assert [0, 0] not in [e["profile"] for e in data["equilibria"]]


def test_regime_map(client):
    status, data = client.json(
        "POST", "/api/regime", {"scenario": "baseline.toml", "values": {"a": "0.5"}, "x": "T", "y": "a", "size": 40}
    )
    assert status == 200
    assert data["size"] == 40 and len(data["codes"]) == 40 and all(len(r) == 40 for r in data["codes"])
    assert data["x"]["name"] == "T" and data["x"]["values"][0] == 0 and data["x"]["values"][-1] == 1
    names = [s["description"] for s in data["sets"]]
    assert "(align, align)" in names and "(hedge, hedge)" in names
    # low pressure (left column) is (hedge, hedge); high pressure and low asymmetry (bottom right) has the treaty
    assert names[data["codes"][20][0]] == "(hedge, hedge)"
    assert names[data["codes"][0][-1]].startswith("(ally, ally)")
    assert data["current"] == "(align, align)" and data["point"] == {"x": 0.6, "y": 0.5}


BAD = [
    (
        "/api/solve",
        {"scenario": "baseline.toml", "values": {"T": "1.5"}},
        "values.T",
        "T = 1.5 lies outside its range [0, 1]",
    ),
    (
        "/api/solve",
        {"scenario": "baseline.toml", "values": {"tau": "1"}},
        "values",
        "unknown parameter 'tau'; known parameters: T, lam",
    ),
    ("/api/solve", {"scenario": "baseline.toml", "values": {"T": "abc"}}, "values.T", "expected a number"),
    ("/api/solve", {"scenario": "baseline.toml", "values": {"T": "1/0"}}, "values.T", "division by zero"),
    ("/api/solve", {"scenario": "baseline.toml", "values": {"T": "1" * 40}}, "values.T", "at most 15 digits"),
    ("/api/solve", {"scenario": "baseline.toml", "values": {"T": "1e9999999"}}, "values.T", "expected a number"),
    ("/api/solve", {"scenario": "baseline.toml", "values": {"T": True}}, "values.T", "found bool"),
    ("/api/solve", {"scenario": "baseline.toml", "values": {"T": [1]}}, "values.T", "found list"),
    ("/api/solve", {"scenario": "baseline.toml", "values": ["T"]}, "values", "expected an object"),
    ("/api/solve", {"scenario": "../../etc/passwd"}, "scenario", "no game file '../../etc/passwd'"),
    ("/api/solve", {"scenario": "/etc/passwd"}, "scenario", "no game file"),
    ("/api/solve", {"scenario": 3}, "scenario", "expected the name of a game file"),
    ("/api/solve", {"scenario": "baseline.toml", "method": "x"}, "request", "unknown key 'method'"),
    ("/api/solve", [1, 2], "request", "expected a JSON object"),
    ("/api/regime", {"scenario": "baseline.toml", "x": "T", "y": "T"}, "y", "different parameters"),
    ("/api/regime", {"scenario": "baseline.toml", "x": "zz"}, "x", "expected a parameter name"),
    ("/api/regime", {"scenario": "baseline.toml", "size": 10**6}, "size", "from 2 to 80"),
    ("/api/regime", {"scenario": "baseline.toml", "size": "40"}, "size", "whole number"),
]


@pytest.mark.parametrize("path, body, where, message", BAD, ids=[f"{p}-{w}-{m[:20]}" for p, _, w, m in BAD])
def test_bad_requests_are_400_json(client, path, body, where, message):
    status, data = client.json("POST", path, body)
    assert status == 400
    assert data["where"] == where and message in data["error"]
    assert "Traceback" not in json.dumps(data)


def test_bad_http(client):
    response, payload = client.request(
        "POST", "/api/solve", raw=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status == 400 and "malformed JSON" in json.loads(payload)["error"]
    response, payload = client.request("POST", "/api/solve", raw=b"scenario=x", headers={"Content-Type": "text/plain"})
    assert response.status == 415
    response, _ = client.request("POST", "/api/solve", raw=b"x" * 70000, headers={"Content-Type": "application/json"})
    assert response.status == 413
    response, _ = client.request("GET", "/api/solve")
    assert response.status == 405 and response.getheader("Allow") == "POST"
    response, _ = client.request("DELETE", "/")
    assert response.status == 405
    response, payload = client.request("GET", "/api/model?scenario=baseline.toml&scenario=detente.toml")
    assert response.status == 400 and "repeated" in json.loads(payload)["error"]
    response, payload = client.request("GET", "/api/model?scenario=x.toml&extra=1")
    assert response.status == 400
    response, _ = client.request("GET", "/", headers={"Host": "attacker.example:80"})
    assert response.status == 403


@pytest.mark.parametrize(
    "path",
    ["/../../etc/passwd", "/static/../api.py", "/%2e%2e/%2e%2e/etc/passwd", "/app.js/../../api.py", "/index.html",
     "/static/app.js", "/api", "/api/", "//etc/passwd", "/games/baseline.toml"],
)
def test_nothing_outside_the_whitelist(client, path):
    response, payload = client.request("GET", path)
    assert response.status == 404
    assert json.loads(payload)["error"].startswith("no such page")


def test_server_survives_bad_requests(client):
    for body in BAD:
        client.json("POST", body[0], body[1])
    status, data = client.json("POST", "/api/solve", {"scenario": "baseline.toml"})
    assert status == 200 and len(data["equilibria"]) == 1


# ---------------------------------------------------------------------- a classroom of clients


def _raw(port, data, wait=5.0):
    """Send bytes on a fresh connection; everything the server answers before it closes."""
    import socket

    conn = socket.create_connection(("127.0.0.1", port), timeout=wait)
    conn.sendall(data)
    out = b""
    while True:
        chunk = conn.recv(65536)
        if not chunk:
            break
        out += chunk
    conn.close()
    return out


BAD_BODIES = {
    "null": (b"null", "expected a JSON object, found NoneType"),
    "a string": (b'"baseline.toml"', "expected a JSON object, found str"),
    "deep nesting": (b"[" * 5000 + b"]" * 5000, "nested 5000 deep"),
    "nested values": (b'{"scenario": "baseline.toml", "values": ' + b"[" * 9 + b"]" * 9 + b"}", "nested 10 deep"),
    "5,000 digits": (b'{"scenario": "baseline.toml", "values": {"T": ' + b"7" * 5000 + b"}}", "4300 digits"),
    "huge float": (b'{"scenario": "baseline.toml", "values": {"T": 1e400}}', "found 'inf'"),
    "NaN": (b'{"scenario": "baseline.toml", "values": {"T": NaN}}', "found 'nan'"),
    "not UTF-8": (b"\xff\xfe{}", "not UTF-8"),
    "empty": (b"", "malformed JSON"),
}


@pytest.mark.parametrize("name", list(BAD_BODIES))
def test_every_bad_body_is_a_400_json_error(client, name):
    raw, message = BAD_BODIES[name]
    for path in ("/api/solve", "/api/regime"):
        response, payload = client.request("POST", path, raw=raw, headers={"Content-Type": "application/json"})
        assert response.status == 400, (name, path)
        data = json.loads(payload)
        assert message in data["error"] and data["status"] == 400


def test_unknown_methods_and_broken_request_lines_are_json(client):
    port = client.port
    answer = _raw(port, f"FROB /api/solve HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 405") and b"application/json" in head
    assert "FROB" in json.loads(body)["error"]
    for line in (b"garbage\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"GET /" + b"x" * 70000 + b" HTTP/1.1\r\n\r\n"):
        head, _, body = _raw(port, line).partition(b"\r\n\r\n")
        assert head.split()[1][:1] in (b"4", b"5") and b"application/json" in head, line[:20]
        assert json.loads(body)["status"] >= 400


def test_two_hundred_requests_at_once_are_all_answered(client):
    import http.client
    import threading

    clients = 200
    barrier = threading.Barrier(clients)
    statuses = []

    def one():
        barrier.wait()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", client.port, timeout=30)
            conn.request("GET", "/style.css", headers={"Host": f"127.0.0.1:{client.port}"})
            statuses.append(conn.getresponse().status)
            conn.close()
        except OSError as err:
            statuses.append(type(err).__name__)

    threads = [threading.Thread(target=one) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [200] * clients


def test_clients_that_hang_up_leave_no_traceback(capfd):
    import socket
    import struct
    import time

    server = start(ROOT / "games" / "baseline.toml")
    port = server.server_address[1]
    try:
        head = f"POST /api/regime HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
        body = b'{"scenario": "baseline.toml", "size": 80}'
        whole = head.encode() + f"Content-Length: {len(body)}\r\n\r\n".encode() + body
        for sent in (b"GET / HT", head.encode() + b"Content-Length: 500\r\n\r\n{", whole):
            conn = socket.create_connection(("127.0.0.1", port))
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close = reset
            conn.sendall(sent)
            conn.close()
        time.sleep(1.5)
        status, _ = Client(port).json("POST", "/api/solve", {"scenario": "baseline.toml"})
        assert status == 200
    finally:
        server.shutdown()
        server.server_close()
    out, err = capfd.readouterr()
    assert "Traceback" not in err and "Exception occurred" not in err and err == ""


def test_idle_and_slow_connections_are_closed():
    import socket

    server = start(ROOT / "games" / "baseline.toml")
    server.RequestHandlerClass.timeout = 0.5  # the real TIMEOUT is 20 s; the rule is the same
    port = server.server_address[1]
    try:
        for opening in (b"", f"POST /api/solve HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode()):
            conn = socket.create_connection(("127.0.0.1", port), timeout=10)
            conn.sendall(opening)
            assert conn.recv(1024) == b""  # the server hung up on the silent client (else recv times out)
            conn.close()
    finally:
        server.shutdown()
        server.server_close()
