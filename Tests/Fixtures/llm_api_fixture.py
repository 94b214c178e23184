#!/usr/bin/env python3
"""A scriptable stand-in for the two model APIs the mutators call, for tests.

Speaks the Anthropic Messages API (POST /v1/messages) and OpenAI chat completions
(POST /v1/chat/completions, or /chat/completions under any base path such as /ollama/v1), as
documented in shared/reference/api-shapes.md, on 127.0.0.1 and a free port. The first line it
prints is that port.

Control endpoints:
  POST /_fixture/script    a JSON list of canned replies, queued in order; each one is
                           {"status": 200, "headers": {...}, "body": <JSON>} or "raw": "<text>"
                           instead of "body", plus optional "delay": seconds to wait first (a hung
                           server) and "drop": true to close the connection without replying.
  GET  /_fixture/requests  every API request received so far: method, path, headers (names
                           lowercased) and the JSON body ("raw" when it is not JSON).

Every path may start with /s/<session>: each session has its own queue and its own record, so
tests running in parallel share one server without seeing each other's traffic (the recorded
path leaves the prefix out).

An API request is answered from the queue after a basic wire-format check (a missing key header,
version header or required field gets the provider's own error shape), so the client sees what
the real API would say. With the queue empty it gets a 400 saying so.

With --exit-with-stdin the server exits when its standard input closes, so a test run that dies
cannot leave it behind.

Python standard library only.
"""

import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
sessions = {}  # session id -> {"script": [...], "requests": [...]}


def split_session(path):
    """The session a path belongs to and the path without its /s/<session> prefix."""
    path = path.split("?", 1)[0]
    if path.startswith("/s/"):
        session, _, rest = path[3:].partition("/")
        return session, "/" + rest
    return "", path


def session_state(session):
    return sessions.setdefault(session, {"script": [], "requests": []})


def anthropic_error(status, error_type, message):
    return {"status": status, "headers": {"request-id": "req_fixture"},
            "body": {"type": "error", "error": {"type": error_type, "message": message}, "request_id": "req_fixture"}}


def openai_error(status, error_type, message, code=None):
    return {"status": status, "headers": {"x-request-id": "req_fixture"},
            "body": {"error": {"message": message, "type": error_type, "param": None, "code": code}}}


def check_anthropic(headers, body):
    """The reply the real Messages API gives a request it rejects, or None."""
    if not headers.get("x-api-key"):
        return anthropic_error(401, "authentication_error", "x-api-key header is required")
    if not headers.get("anthropic-version"):
        return anthropic_error(400, "invalid_request_error", "anthropic-version header is required")
    if not isinstance(body, dict):
        return anthropic_error(400, "invalid_request_error", "the body must be a JSON object")
    for field in ("model", "max_tokens", "messages"):
        if field not in body:
            return anthropic_error(400, "invalid_request_error", field + ": Field required")
    if "temperature" in body and "top_p" in body:
        return anthropic_error(400, "invalid_request_error", "temperature and top_p cannot both be specified for this model")
    return None


def check_openai(headers, body):
    """The reply the real chat-completions API gives a request it rejects, or None."""
    if not isinstance(body, dict):
        return openai_error(400, "invalid_request_error", "We could not parse the JSON body of your request.")
    for field in ("model", "messages"):
        if field not in body:
            return openai_error(400, "invalid_request_error", "Missing required parameter: '" + field + "'.", "missing_required_parameter")
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass  # stdout carries the port line only; stderr stays quiet for the test log

    def read_body(self):
        length = int(self.headers.get("content-length") or 0)
        return self.rfile.read(length) if length else b""

    def send(self, status, headers=None, body=None, raw=None):
        data = raw.encode("utf-8") if raw is not None else json.dumps(body).encode("utf-8")
        self.send_response(status)
        sent = {name.lower() for name in (headers or {})}
        for name, value in (headers or {}).items():
            self.send_header(name, str(value))
        if "content-type" not in sent:
            self.send_header("content-type", "application/json" if raw is None else "text/plain")
        self.send_header("content-length", str(len(data)))
        self.send_header("connection", "close")
        self.end_headers()
        self.wfile.write(data)
        self.close_connection = True

    def do_GET(self):
        session, path = split_session(self.path)
        if path == "/_fixture/requests":
            with lock:
                recorded = list(session_state(session)["requests"])
            self.send(200, body=recorded)
        else:
            self.send(404, body={"error": {"message": "no GET route " + self.path, "type": "not_found_error"}})

    def do_POST(self):
        raw = self.read_body()
        session, path = split_session(self.path)
        if path == "/_fixture/script":
            entries = json.loads(raw)
            with lock:
                script = session_state(session)["script"]
                script.extend(entries)
                queued = len(script)
            self.send(200, body={"queued": queued})
            return
        anthropic = path.endswith("/v1/messages")
        openai = path.endswith("/chat/completions")
        if not (anthropic or openai):
            self.send(404, body={"error": {"message": "no route " + path, "type": "not_found_error"}})
            return

        headers = {name.lower(): value for name, value in self.headers.items()}
        try:
            body = json.loads(raw)
            record = {"method": "POST", "path": path, "headers": headers, "body": body}
        except ValueError:
            body = None
            record = {"method": "POST", "path": path, "headers": headers, "raw": raw.decode("utf-8", "replace")}
        with lock:
            session_state(session)["requests"].append(record)

        rejection = check_anthropic(headers, body) if anthropic else check_openai(headers, body)
        if rejection is None:
            with lock:
                script = session_state(session)["script"]
                reply = script.pop(0) if script else None
            if reply is None:
                message = "fixture: no scripted reply left"
                rejection = anthropic_error(400, "invalid_request_error", message) if anthropic else openai_error(400, "invalid_request_error", message)
            else:
                self.answer(reply)
                return
        self.send(rejection["status"], rejection["headers"], rejection["body"])

    def answer(self, reply):
        if reply.get("delay"):
            time.sleep(float(reply["delay"]))
        if reply.get("drop"):
            # Close without a byte of reply: the client sees the connection drop.
            self.close_connection = True
            return
        try:
            self.send(int(reply.get("status", 200)), reply.get("headers"), reply.get("body"), reply.get("raw"))
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (a timeout test); nothing to tell it


def exit_when_stdin_closes():
    try:
        while sys.stdin.buffer.read(4096):
            pass
    finally:
        os._exit(0)


def main():
    # A parent whose spawning thread blocks signals (a Swift test's dispatch worker does) passes
    # that mask on, and a blocked SIGTERM would make the server impossible to stop.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    if "--exit-with-stdin" in sys.argv[1:]:
        threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
