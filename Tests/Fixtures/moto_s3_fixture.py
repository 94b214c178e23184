#!/usr/bin/env python3
"""moto's S3 server on 127.0.0.1 and a free port, with signature checking on, for ObjectStoreTests.

Runs the same server as `moto_server` (moto.server.ThreadedMotoServer) in this process, so it can
bind port 0 and report the port it got, and so it can switch on moto's IAM authentication: by
default moto accepts any signature, which would test the wire shapes but not the signer. The
first three requests (made here, before anything else can connect) create an IAM user with an
s3:* policy and an access key; every later request must carry a valid SigV4 signature for that
key, or moto answers SignatureDoesNotMatch / InvalidAccessKeyId as AWS would.

Prints one line: "<port> <access key id> <secret access key>" (a key moto generated for this
run; it exists nowhere else). Exits when its standard input closes, so a test run that dies
cannot leave it behind. Exits 3 with "moto-missing: ..." when moto[server] is not installed
(`pip install 'moto[server]'`).

Region `auto` (Cloudflare R2's) is not an AWS region; MOTO_ALLOW_NONEXISTENT_REGION lets moto
accept it.

One repair to moto's checker (moto 5.x): it rebuilds the signed path and query from werkzeug's
re-quoted URL, which leaves UTF-8, `+ = & / :` and others unencoded, so it rejects correctly
signed requests for such keys and every listing with a `/` in its prefix (boto3's own requests
included). AWS decodes each path segment and query name and value and encodes them again with
UriEncode (all but `A-Z a-z 0-9 - . _ ~`); `check_signatures_like_aws` makes moto do the same
from the raw request line. The signature itself is still computed by botocore's S3SigV4Auth.
"""

import json
import logging
import os
import sys
from urllib.parse import quote, unquote

os.environ.setdefault("MOTO_ALLOW_NONEXISTENT_REGION", "true")
os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = "3"  # read by moto.settings at import

try:
    import boto3
    import flask
    from moto.iam.access_control import IAMRequestBase
    from moto.server import ThreadedMotoServer
except ImportError as error:
    print(f"moto-missing: {error}", flush=True)
    sys.exit(3)

logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one log line per request otherwise

USER = "object-store-tests"
POLICY = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}


def uri_encode(text):
    return quote(text, safe="-_.~")


def aws_canonical_target():
    """The raw request target with each path segment and query name and value decoded, then
    UriEncoded, as AWS canonicalises it before checking a signature."""
    environ = flask.request.environ
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    path, _, query = raw.partition("?")
    path = "/".join(uri_encode(unquote(segment)) for segment in path.split("/"))
    pairs = []
    for pair in query.split("&") if query else []:
        name, _, value = pair.partition("=")
        pairs.append(uri_encode(unquote(name)) + "=" + uri_encode(unquote(value)))
    return path + ("?" + "&".join(pairs) if pairs else "")


def check_signatures_like_aws():
    original = getattr(IAMRequestBase, "_create_aws_request", None)
    if original is None:
        sys.exit("moto_s3_fixture.py: this moto has no IAMRequestBase._create_aws_request; update the fixture for it")

    def create_aws_request(self):
        self._path = aws_canonical_target()
        return original(self)

    IAMRequestBase._create_aws_request = create_aws_request


def main():
    check_signatures_like_aws()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    _, port = server.get_host_and_port()
    iam = boto3.client("iam", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                       aws_access_key_id="bootstrap", aws_secret_access_key="bootstrap")
    iam.create_user(UserName=USER)
    iam.put_user_policy(UserName=USER, PolicyName="s3-all", PolicyDocument=json.dumps(POLICY))
    key = iam.create_access_key(UserName=USER)["AccessKey"]
    print(port, key["AccessKeyId"], key["SecretAccessKey"], flush=True)
    sys.stdin.read()  # until the test process closes the pipe (or dies)
    server.stop()


if __name__ == "__main__":
    main()
