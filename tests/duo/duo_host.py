"""A stand-in for DUO's real host for the client tests: an ``httpx.MockTransport`` that
records every request and answers what the test tells it to."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from koers.duo.client import DuoClient

BASIS = "https://m2m.duo.nl:8443/v1"
VERSIE = "1.2.0"


@dataclass
class DuoHost:
    """``antwoord(request)`` builds the answer; the default echoes berichtId with 200 + body."""

    status: int = 200
    body: object = None
    headers: dict = field(default_factory=lambda: {"API-Version": VERSIE})
    echo: bool = True
    antwoord: Callable[[httpx.Request], httpx.Response] | None = None
    verzoeken: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.verzoeken.append(request)
        if self.antwoord is not None:
            return self.antwoord(request)
        headers = dict(self.headers)
        if self.echo and "berichtId" in request.headers:
            headers["berichtId"] = request.headers["berichtId"]
        if self.body is None:
            return httpx.Response(self.status, headers=headers)
        if isinstance(self.body, bytes):
            return httpx.Response(self.status, headers=headers, content=self.body)
        return httpx.Response(
            self.status,
            headers={**headers, "Content-Type": "application/json"},
            content=json.dumps(self.body).encode(),
        )

    def client(self, **kwargs) -> DuoClient:
        return DuoClient(base_url=BASIS, transport=httpx.MockTransport(self), **kwargs)

    @property
    def laatste(self) -> httpx.Request:
        return self.verzoeken[-1]
