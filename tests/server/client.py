"""An HTTP client for the explorer's tests, and a server on a free port in a thread."""

from __future__ import annotations

import http.client
import json
import threading

from bargaining.server import HOST, make_server

__all__ = ["Client", "start"]


class Client:
    def __init__(self, port):
        self.port = port

    def request(self, method, path, body=None, headers=None, raw=None):
        conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
        hdrs = {"Host": f"127.0.0.1:{self.port}"}
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        hdrs.update(headers or {})
        conn.request(method, path, body=data, headers=hdrs)
        response = conn.getresponse()
        payload = response.read()
        conn.close()
        return response, payload

    def json(self, method, path, body=None, **kw):
        response, payload = self.request(method, path, body, **kw)
        assert response.getheader("Content-Type").startswith("application/json")
        return response.status, json.loads(payload)


def start(path):
    server = make_server(path, port=0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    return server
