"""A real S3-compatible server for the tests: moto's server mode on a loopback port, so
the S3 adapter speaks HTTP to a server as it would to AWS or MinIO (not an in-process
mock of boto3). Started once per session, only by the tests that ask for it."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass

BUCKET = "staykit-test-files"
REGION = "us-east-1"
# moto accepts any credentials; given explicitly so no machine's own ones are used.
ACCESS_KEY_ID = "testing-key-id"
SECRET_ACCESS_KEY = "testing-secret"


@dataclass(frozen=True)
class S3Server:
    endpoint_url: str
    bucket: str


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def running_server() -> Iterator[S3Server]:
    import boto3
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        endpoint = f"http://127.0.0.1:{port}"
        boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY_ID,
            aws_secret_access_key=SECRET_ACCESS_KEY,
        ).create_bucket(Bucket=BUCKET)
        yield S3Server(endpoint, BUCKET)
    finally:
        server.stop()
