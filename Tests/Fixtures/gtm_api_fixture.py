#!/usr/bin/env python3
"""A stand-in for the Google Tag Manager API v2, on 127.0.0.1 and a free port, for TagManagerAPITests.

Speaks the documented wire format (shared/reference/api-shapes.md §5, gtm-schema.md §15) under
/tagmanager/v2/:

  accounts/{a}/containers/{c}/workspaces                 GET list (paged), POST create
  …/workspaces/{w}                                       GET
  …/workspaces/{w}/status                                GET {"workspaceChange": [...], "mergeConflict": [...]}
  …/workspaces/{w}:quick_preview                         POST {"containerVersion", "compilerError", "syncStatus"}
  …/workspaces/{w}:sync, :create_version                 POST (answered, and recorded: tests assert they never come)
  …/workspaces/{w}/{tags|triggers|variables|folders|templates|clients|transformations}
                                                         GET list (paged with nextPageToken), POST create
  …/{collection}/{id}                                    GET, PUT ?fingerprint= (full replacement), DELETE
  …/workspaces/{w}/built_in_variables                    GET list, POST ?type=…, DELETE ?type=…
  accounts/{a}/containers/{c}/versions/{v}:publish       POST (answered and recorded, as above)

Like the real API it assigns ids on create (from 5000 up, so an id the client forgets to remap
points nowhere), recomputes an entity's fingerprint (a millisecond timestamp) on every change,
rejects a stale fingerprint, requires the API's camelCase enums (an export's UPPER_SNAKE
`ONCE_PER_EVENT` is a 400 INVALID_ARGUMENT), requires names to be unique per kind, and answers
errors in Google's envelope {"error": {"code", "message", "status", "errors": [{"domain", "reason",
"message"}]}}.

A stale fingerprint is answered 409 ABORTED. The GTM reference says only that the fingerprint
"must match the fingerprint of the tag in storage"; Google's error model (google.rpc.Code) assigns
a failed test-and-set, after which the client must redo its read-modify-write, to ABORTED, which
maps to HTTP 409. The client treats 409 and 412 alike.

`quick_preview` compiles the workspace: every firing/blocking trigger id, parent folder,
trigger-group member, setup/teardown tag name and cvt_<container>_<template> type must resolve, so a
deploy that remaps ids wrongly gets compilerError: true, as it would from GTM.

Each container starts with a "Default Workspace" (id 1). POST /__control seeds a container's
latest version (new workspaces are forked from it, keeping its ids, like GTM) and scripts faults.
Its JSON body may hold any of:
  "tokens": [...]            bearer tokens to accept          "revokeTokens": [...]
  "seed": {"accountId", "containerId", "containerVersion": {...export's containerVersion...}}
  "addWorkspace": {"accountId", "containerId", "name"}
  "faults": [{"status": 429|403|500, "reason": "rateLimitExceeded", "method": "POST", "pathContains": "/tags",
              "count": 1, "retryAfter": "0"}]   answered instead of the next matching API requests
  "conflicts": n             the next n entity updates find the entity edited by someone else
                             first (its notes change, its fingerprint moves on) and get 409
  "compilerError": true      quick_preview reports a compiler error whatever the workspace holds
  "mergeConflict": true      quick_preview and status report a merge conflict
  "pageSize": n              list page size (default 20)
  "serviceAccount": {"clientEmail", "publicKeyPem"}   the key POST /token verifies JWTs with
GET /__journal lists every API and token request: seq, time (monotonic seconds), method, path
(below /tagmanager/v2/), query, authorization, status, body, and for /token the decoded JWT and
whether its RS256 signature was verified ("verified", or "unchecked: ..." when the python
`cryptography` package is missing; Debian: python3-cryptography).
GET /__workspace?accountId=&containerId=&workspaceId= returns a workspace's stored entities.

POST /token takes a service-account JWT grant (grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer),
checks its header (RS256), claims (iss, aud = this endpoint, scope with tagmanager.edit.containers and
tagmanager.edit.containerversions and never tagmanager.publish, iat near now, exp at most an hour
later) and signature, and issues an access token the API then accepts.

Prints its port on the first line. With --exit-with-stdin it exits when its standard input closes.
Python standard library only (plus `cryptography` for the signature check when importable).
"""

import base64
import copy
import json
import os
import re
import secrets
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

PREFIX = "/tagmanager/v2/"
SCOPE_ROOT = "https://www.googleapis.com/auth/"
COLLECTIONS = {  # collection -> (list key, id field, export key)
    "folders": ("folder", "folderId", "folder"),
    "templates": ("template", "templateId", "customTemplate"),
    "variables": ("variable", "variableId", "variable"),
    "triggers": ("trigger", "triggerId", "trigger"),
    "tags": ("tag", "tagId", "tag"),
    "clients": ("client", "clientId", "client"),
    "transformations": ("transformation", "transformationId", "transformation"),
}
PARAMETER_TYPES = {"template", "boolean", "integer", "list", "map", "triggerReference", "tagReference", "typeUnspecified"}
CONDITION_TYPES = {"equals", "contains", "startsWith", "endsWith", "matchRegex", "greater", "greaterOrEquals", "less",
                   "lessOrEquals", "cssSelector", "urlMatches", "conditionTypeUnspecified"}
CAMEL = re.compile(r"^[a-z][A-Za-z0-9]*$")
ENUM_KEYS = ("tagFiringOption", "consentStatus", "caseConversionType")
FIRST_ID = 5000
BUILT_IN_TRIGGER_FLOOR = 2147479553

lock = threading.Lock()
clock_start = time.monotonic()
state = {
    "containers": {},
    "tokens": set(),
    "journal": [],
    "faults": [],
    "conflicts": 0,
    "compilerError": False,
    "mergeConflict": False,
    "pageSize": 20,
    "serviceAccount": None,
    "lastFingerprint": 0,
}


def fingerprint():
    value = max(int(time.time() * 1000), state["lastFingerprint"] + 1)
    state["lastFingerprint"] = value
    return str(value)


def camel(value):
    if isinstance(value, str) and re.fullmatch(r"[A-Z][A-Z0-9_]*", value):
        words = value.lower().split("_")
        return words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:])
    return value


def api_casing(entity, root_type_is_enum):
    """The export's UPPER_SNAKE enums in API casing (seeding only: the client must send API casing)."""
    def walk(value, key=None):
        if isinstance(value, dict):
            return {k: (camel(v) if k == "type" else walk(v, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [camel(v) if key in ENUM_KEYS + ("usageContext",) else walk(v) for v in value]
        if key in ENUM_KEYS:
            return camel(value)
        return value
    result = {}
    for k, v in entity.items():
        result[k] = (camel(v) if root_type_is_enum else v) if k == "type" else walk(v, k)
    return result


def error_body(code, status, message, reason, domain="global"):
    return {"error": {"code": code, "message": message, "status": status,
                      "errors": [{"domain": domain, "reason": reason, "message": message}]}}


class APIError(Exception):
    def __init__(self, code, status, message, reason, domain="global", headers=None):
        super().__init__(message)
        self.code, self.body, self.headers = code, error_body(code, status, message, reason, domain), headers or {}


def not_found(what):
    return APIError(404, "NOT_FOUND", f"Not found: {what}", "notFound")


def invalid(message):
    return APIError(400, "INVALID_ARGUMENT", message, "invalid")


# MARK: - Containers and workspaces

def container_state(account, container):
    key = (account, container)
    if key not in state["containers"]:
        state["containers"][key] = {"base": {c: [] for c in COLLECTIONS}, "baseBuiltIns": [], "workspaces": {},
                                    "nextWorkspaceId": 1, "nextId": {c: FIRST_ID for c in COLLECTIONS}}
        new_workspace(account, container, "Default Workspace", "")
    return state["containers"][key]


def url(account, container, workspace, rest=""):
    return f"https://tagmanager.google.com/#/container/accounts/{account}/containers/{container}/workspaces/{workspace}{rest}"


def new_workspace(account, container, name, description):
    c = state["containers"][(account, container)]
    wid = str(c["nextWorkspaceId"])
    c["nextWorkspaceId"] += 1
    ws = {"workspaceId": wid, "name": name, "description": description, "fingerprint": fingerprint(),
          "entities": {coll: {} for coll in COLLECTIONS}, "builtIns": {}}
    for coll, items in c["base"].items():
        for item in items:
            stored = decorate(copy.deepcopy(item), account, container, wid, coll, item[COLLECTIONS[coll][1]])
            ws["entities"][coll][stored[COLLECTIONS[coll][1]]] = stored
    for b in c["baseBuiltIns"]:
        ws["builtIns"][b["type"]] = decorate_built_in(dict(b), account, container, wid)
    ws["baseline"] = copy.deepcopy(ws["entities"])
    c["workspaces"][wid] = ws
    return ws


def workspace_resource(account, container, ws):
    return {"path": f"accounts/{account}/containers/{container}/workspaces/{ws['workspaceId']}", "accountId": account,
            "containerId": container, "workspaceId": ws["workspaceId"], "name": ws["name"], "description": ws["description"],
            "fingerprint": ws["fingerprint"], "tagManagerUrl": url(account, container, ws["workspaceId"])}


def decorate(entity, account, container, wid, coll, eid):
    list_key, id_field, _ = COLLECTIONS[coll]
    for k in ("path", "accountId", "containerId", "workspaceId", "fingerprint", "tagManagerUrl", id_field):
        entity.pop(k, None)
    return {"path": f"accounts/{account}/containers/{container}/workspaces/{wid}/{coll}/{eid}", "accountId": account,
            "containerId": container, "workspaceId": wid, id_field: eid, **entity, "fingerprint": fingerprint(),
            "tagManagerUrl": url(account, container, wid, f"/{list_key}s/{eid}")}


def decorate_built_in(b, account, container, wid):
    return {"path": f"accounts/{account}/containers/{container}/workspaces/{wid}/built_in_variables?type={b['type']}",
            "accountId": account, "containerId": container, "workspaceId": wid, "type": b["type"], "name": b["name"]}


def seed(spec):
    account, container = str(spec["accountId"]), str(spec["containerId"])
    c = container_state(account, container)
    version = spec["containerVersion"]
    for coll, (_, id_field, export_key) in COLLECTIONS.items():
        items = [api_casing(e, coll == "triggers") for e in version.get(export_key, [])]
        c["base"][coll] = items
        ids = [int(e[id_field]) for e in items if str(e.get(id_field, "")).isdigit()]
        c["nextId"][coll] = max([FIRST_ID] + [i + 1 for i in ids])
    c["baseBuiltIns"] = [{"type": camel(b["type"]), "name": b["name"]} for b in version.get("builtInVariable", [])]


def find_workspace(account, container, wid):
    c = container_state(account, container)
    if wid not in c["workspaces"]:
        raise not_found(f"workspace {wid}")
    return c["workspaces"][wid]


# MARK: - Validation and compiling

def check_enums(entity, coll):
    """Reject what the real API would: enums outside API casing, malformed custom-event triggers."""
    def fail(where, value):
        raise invalid(f"Invalid value at '{COLLECTIONS[coll][0]}.{where}' (TYPE_ENUM), \"{value}\"")

    def walk(value, where):
        if isinstance(value, dict):
            t = value.get("type")
            if t is not None:
                allowed = CONDITION_TYPES if "parameter" in value and "key" not in value else PARAMETER_TYPES
                if t not in allowed:
                    fail(where + ".type", t)
            for k, v in value.items():
                if k in ENUM_KEYS and not CAMEL.match(str(v)):
                    fail(where + "." + k, v)
                if k != "type":
                    walk(v, where + "." + k)
        elif isinstance(value, list):
            for v in value:
                walk(v, where)

    if not isinstance(entity.get("name"), str) or not entity["name"]:
        raise invalid("name: A name is required.")
    for k, v in entity.items():
        if k == "type":
            if coll == "triggers" and not CAMEL.match(str(v)):
                fail("type", v)
        elif k in ENUM_KEYS:
            if not CAMEL.match(str(v)):
                fail(k, v)
        else:
            walk(v, k)
    if coll == "triggers" and entity.get("type") == "customEvent" and len(entity.get("customEventFilter") or []) != 1:
        raise invalid("customEventFilter: Custom-event trigger must have exactly one custom-event filter.")


def check_unique_name(ws, coll, entity, own_id=None):
    for eid, other in ws["entities"][coll].items():
        if eid != own_id and other.get("name") == entity.get("name"):
            raise invalid(f"name: Found entity with duplicate name {entity.get('name')!r}.")


def compile_problems(account, container, ws):
    ents = ws["entities"]
    triggers, folders = set(ents["triggers"]), set(ents["folders"])
    templates = set(ents["templates"])
    tag_names = {t["name"] for t in ents["tags"].values()}
    problems = []

    def trigger_ok(tid):
        return tid in triggers or (str(tid).isdigit() and int(tid) >= BUILT_IN_TRIGGER_FLOOR)

    def refs(value, out):
        if isinstance(value, dict):
            if value.get("type") == "triggerReference":
                out.append(value.get("value"))
            for v in value.values():
                refs(v, out)
        elif isinstance(value, list):
            for v in value:
                refs(v, out)
        return out

    for coll, items in ents.items():
        for eid, e in items.items():
            label = f"{COLLECTIONS[coll][0]} {e.get('name')!r}"
            if e.get("parentFolderId") and e["parentFolderId"] not in folders:
                problems.append(f"{label}: folder {e['parentFolderId']} does not exist")
            for key in ("firingTriggerId", "blockingTriggerId"):
                for tid in e.get(key, []):
                    if not trigger_ok(tid):
                        problems.append(f"{label}: {key} {tid} does not exist")
            for tid in refs(e.get("parameter", []), []):
                if not trigger_ok(tid):
                    problems.append(f"{label}: trigger reference {tid} does not exist")
            for key in ("setupTag", "teardownTag"):
                for s in e.get(key, []):
                    if s.get("tagName") not in tag_names:
                        problems.append(f"{label}: {key} {s.get('tagName')!r} does not exist")
            t = e.get("type", "") if coll in ("tags", "variables", "clients") else ""
            parts = t.split("_")
            if len(parts) == 3 and parts[0] == "cvt" and parts[1] == container and parts[2] not in templates:
                problems.append(f"{label}: template {t} does not exist")
    return problems


# MARK: - Requests

def page(items, query, key):
    size = state["pageSize"]
    start = int(query.get("pageToken", ["0"])[0] or 0)
    result = {key: items[start:start + size]}
    if start + size < len(items):
        result["nextPageToken"] = str(start + size)
    return result


def handle_api(method, path, query, body):
    resource, _, custom = path.partition(":")
    parts = resource.split("/")
    if len(parts) < 4 or parts[0] != "accounts" or parts[2] != "containers":
        raise not_found(path)
    account, container = parts[1], parts[3]
    c = container_state(account, container)
    rest = parts[4:]

    if rest[:1] == ["versions"] and len(rest) == 2 and custom == "publish" and method == "POST":
        return 200, {"containerVersion": {"containerVersionId": rest[1]}, "compilerError": False}
    if rest == ["workspaces"] and not custom:
        if method == "GET":
            listed = [workspace_resource(account, container, ws) for ws in c["workspaces"].values()]
            return 200, page(listed, query, "workspace")
        if method == "POST":
            if not isinstance(body, dict) or not body.get("name"):
                raise invalid("name: A name is required.")
            return 200, workspace_resource(account, container, new_workspace(account, container, body["name"], body.get("description", "")))
    if len(rest) < 2 or rest[0] != "workspaces":
        raise not_found(path)
    ws = find_workspace(account, container, rest[1])
    wid = ws["workspaceId"]
    sub = rest[2:]

    if not sub:
        if custom == "quick_preview" and method == "POST":
            problems = compile_problems(account, container, ws)
            state["lastCompileProblems"] = problems
            version = {"path": f"accounts/{account}/containers/{container}/versions/0", "accountId": account, "containerId": container,
                       "containerVersionId": "0"}
            for coll, (list_key, _, _) in COLLECTIONS.items():
                if ws["entities"][coll]:
                    version[list_key] = list(ws["entities"][coll].values())
            return 200, {"containerVersion": version, "compilerError": bool(problems) or state["compilerError"],
                         "syncStatus": {"mergeConflict": state["mergeConflict"], "syncError": False}}
        if custom == "sync" and method == "POST":
            return 200, {"syncStatus": {"mergeConflict": state["mergeConflict"], "syncError": False}, "mergeConflict": []}
        if custom == "create_version" and method == "POST":
            return 200, {"containerVersion": {"containerVersionId": "99"}, "compilerError": False,
                         "newWorkspacePath": f"accounts/{account}/containers/{container}/workspaces/99"}
        if not custom and method == "GET":
            return 200, workspace_resource(account, container, ws)
        raise not_found(path)

    if sub == ["status"] and method == "GET":
        changes = []
        for coll, items in ws["entities"].items():
            base = ws["baseline"][coll]
            key = COLLECTIONS[coll][0]
            for eid, e in items.items():
                if eid not in base:
                    changes.append({key: e, "changeStatus": "added"})
                elif base[eid]["fingerprint"] != e["fingerprint"]:
                    changes.append({key: e, "changeStatus": "updated"})
            for eid, e in base.items():
                if eid not in items:
                    changes.append({key: e, "changeStatus": "deleted"})
        conflicts = []
        if state["mergeConflict"] and ws["entities"]["tags"]:
            tag = next(iter(ws["entities"]["tags"].values()))
            conflicts.append({"entityInWorkspace": {"tag": tag}, "entityInBaseVersion": {"tag": tag}})
        return 200, {"workspaceChange": changes, "mergeConflict": conflicts}

    if sub == ["built_in_variables"]:
        types = query.get("type", [])
        if method == "GET":
            return 200, page(list(ws["builtIns"].values()), query, "builtInVariable")
        for t in types:
            if not CAMEL.match(t):
                raise invalid(f"Invalid value at 'type' (TYPE_ENUM), \"{t}\"")
        if method == "POST":
            made = []
            for t in types:
                ws["builtIns"][t] = decorate_built_in({"type": t, "name": t}, account, container, wid)
                made.append(ws["builtIns"][t])
            return 200, {"builtInVariable": made}
        if method == "DELETE":
            for t in types:
                ws["builtIns"].pop(t, None)
            return 200, None

    coll = sub[0]
    if coll not in COLLECTIONS or len(sub) > 2 or custom:
        raise not_found(path)
    list_key, id_field, _ = COLLECTIONS[coll]
    items = ws["entities"][coll]
    if len(sub) == 1:
        if method == "GET":
            return 200, page(list(items.values()), query, list_key)
        if method == "POST":
            if not isinstance(body, dict):
                raise invalid("the body must be a JSON object")
            check_enums(body, coll)
            check_unique_name(ws, coll, body)
            eid = str(c["nextId"][coll])
            c["nextId"][coll] += 1
            items[eid] = decorate(copy.deepcopy(body), account, container, wid, coll, eid)
            return 200, items[eid]
        raise not_found(path)

    eid = sub[1]
    if eid not in items:
        raise not_found(f"{list_key} {eid}")
    if method == "GET":
        return 200, items[eid]
    if method == "DELETE":
        del items[eid]
        return 200, None
    if method == "PUT":
        if state["conflicts"] > 0:  # someone else saves the entity between the client's read and its write
            state["conflicts"] -= 1
            items[eid]["notes"] = "edited by someone else in the Tag Manager UI"
            items[eid]["fingerprint"] = fingerprint()
        given = query.get("fingerprint", [None])[0]
        if given is not None and given != items[eid]["fingerprint"]:
            raise APIError(409, "ABORTED", f"Fingerprint does not match the fingerprint of the {list_key} in storage.", "aborted")
        if not isinstance(body, dict):
            raise invalid("the body must be a JSON object")
        check_enums(body, coll)
        check_unique_name(ws, coll, body, own_id=eid)
        items[eid] = decorate(copy.deepcopy(body), account, container, wid, coll, eid)
        return 200, items[eid]
    raise not_found(path)


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def handle_token(form, endpoint):
    """A JWT-bearer grant; returns (status, body, jwt record)."""
    def refuse(description, record=None):
        return 400, {"error": "invalid_grant", "error_description": description}, record

    if form.get("grant_type", [""])[0] != "urn:ietf:params:oauth:grant-type:jwt-bearer":
        return 400, {"error": "unsupported_grant_type", "error_description": "Invalid grant_type"}, None
    assertion = form.get("assertion", [""])[0]
    parts = assertion.split(".")
    if len(parts) != 3:
        return refuse("Invalid JWT: not three parts")
    try:
        header, claims = json.loads(b64url_decode(parts[0])), json.loads(b64url_decode(parts[1]))
        signature = b64url_decode(parts[2])
    except (ValueError, json.JSONDecodeError):
        return refuse("Invalid JWT: undecodable")
    record = {"header": header, "claims": claims}
    account = state["serviceAccount"]
    if header.get("alg") != "RS256" or header.get("typ") not in (None, "JWT"):
        return refuse("Invalid JWT header", record)
    if not account or claims.get("iss") != account["clientEmail"]:
        return refuse("Invalid JWT: unknown issuer", record)
    if claims.get("aud") != endpoint:
        return refuse(f"Invalid JWT: aud must be {endpoint}", record)
    scopes = str(claims.get("scope", "")).split()
    needed = {SCOPE_ROOT + "tagmanager.edit.containers", SCOPE_ROOT + "tagmanager.edit.containerversions"}
    if not needed.issubset(scopes) or SCOPE_ROOT + "tagmanager.publish" in scopes:
        return refuse("Invalid JWT: scope", record)
    now = time.time()
    iat, exp = claims.get("iat"), claims.get("exp")
    if not isinstance(iat, int) or not isinstance(exp, int) or abs(iat - now) > 300 or not 0 < exp - iat <= 3600:
        return refuse("Invalid JWT: iat/exp", record)
    try:  # imported here: it costs start-up time every test would pay
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import padding
    except ImportError:
        record["signature"] = "unchecked: python cryptography is not installed (Debian: python3-cryptography)"
    else:
        key = serialization.load_pem_public_key(account["publicKeyPem"].encode())
        try:
            key.verify(signature, (parts[0] + "." + parts[1]).encode(), padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature:
            return refuse("Invalid JWT Signature.", record)
        record["signature"] = "verified"
    token = "fixture-sa-" + secrets.token_hex(16)
    state["tokens"].add(token)
    return 200, {"access_token": token, "expires_in": 3599, "token_type": "Bearer"}, record


def take_fault(method, path):
    for fault in state["faults"]:
        if fault.get("count", 1) <= 0:
            continue
        if fault.get("method") and fault["method"] != method:
            continue
        if fault.get("pathContains") and fault["pathContains"] not in path:
            continue
        fault["count"] = fault.get("count", 1) - 1
        return fault
    return None


def fault_error(fault):
    status = fault["status"]
    reason = fault.get("reason")
    headers = {"Retry-After": fault["retryAfter"]} if "retryAfter" in fault else {}
    if status == 429:
        return APIError(429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Queries' and limit 'Queries per 100 seconds'.",
                        reason or "rateLimitExceeded", "usageLimits", headers)
    if status == 403 and reason in ("rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded", "dailyLimitExceeded"):
        return APIError(403, "PERMISSION_DENIED", "Rate Limit Exceeded", reason, "usageLimits", headers)
    if status == 403:
        return APIError(403, "PERMISSION_DENIED", "Request had insufficient authentication scopes.", reason or "insufficientPermissions")
    return APIError(status, "INTERNAL" if status >= 500 else "FAILED_PRECONDITION", "Injected failure.", reason or "backendError")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, headers=None):
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def handle_any(self, method):
        split = urlsplit(self.path)
        query = parse_qs(split.query, keep_blank_values=True)
        raw = self.read_body()
        with lock:
            if split.path == "/__control" and method == "POST":
                self.control(json.loads(raw or b"{}"))
                return self.reply(200, {})
            if split.path == "/__journal":
                return self.reply(200, state["journal"])
            if split.path == "/__workspace":
                a, c, w = (query.get(k, [""])[0] for k in ("accountId", "containerId", "workspaceId"))
                if w not in container_state(a, c)["workspaces"]:
                    return self.reply(404, error_body(404, "NOT_FOUND", "no such workspace", "notFound"))
                ws = find_workspace(a, c, w)
                return self.reply(200, {"entities": {k: list(v.values()) for k, v in ws["entities"].items()},
                                        "builtIns": list(ws["builtIns"].values()), "name": ws["name"]})
            entry = {"seq": len(state["journal"]), "time": time.monotonic() - clock_start, "method": method,
                     "path": split.path, "query": query, "authorization": self.headers.get("Authorization")}
            state["journal"].append(entry)
            if split.path == "/token" and method == "POST":
                endpoint = f"http://127.0.0.1:{self.server.server_port}/token"
                status, body, record = handle_token(parse_qs(raw.decode()), endpoint)
                entry.update({"kind": "token", "status": status, "jwt": record})
                return self.reply(status, body)
            if not split.path.startswith(PREFIX):
                entry.update({"kind": "other", "status": 404})
                return self.reply(404, error_body(404, "NOT_FOUND", "Not found", "notFound"))
            entry.update({"kind": "api", "path": split.path[len(PREFIX):]})
            try:
                body = json.loads(raw) if raw else None
            except json.JSONDecodeError:
                body = None
            entry["body"] = body
            try:
                auth = self.headers.get("Authorization") or ""
                if not auth.startswith("Bearer ") or auth[len("Bearer "):] not in state["tokens"]:
                    raise APIError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 access token, "
                                   "login cookie or other valid authentication credential.", "authError")
                fault = take_fault(method, entry["path"])
                if fault:
                    raise fault_error(fault)
                status, reply = handle_api(method, entry["path"], query, body)
            except APIError as error:
                entry["status"] = error.code
                entry["error"] = error.body["error"]["message"]
                return self.reply(error.code, error.body, error.headers)
            entry["status"] = status
            return self.reply(status, reply)

    def control(self, spec):
        state["tokens"] |= set(spec.get("tokens", []))
        state["tokens"] -= set(spec.get("revokeTokens", []))
        if "seed" in spec:
            seed(spec["seed"])
        if "addWorkspace" in spec:
            w = spec["addWorkspace"]
            container_state(str(w["accountId"]), str(w["containerId"]))
            new_workspace(str(w["accountId"]), str(w["containerId"]), w["name"], "")
        state["faults"] += spec.get("faults", [])
        state["conflicts"] += spec.get("conflicts", 0)
        for key in ("compilerError", "mergeConflict", "pageSize", "serviceAccount"):
            if key in spec:
                state[key] = spec[key]

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_PUT(self):
        self.handle_any("PUT")

    def do_DELETE(self):
        self.handle_any("DELETE")


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_port, flush=True)
    if "--exit-with-stdin" in sys.argv:
        def watch():
            sys.stdin.read()
            os._exit(0)
        threading.Thread(target=watch, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
