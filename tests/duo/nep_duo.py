"""A stand-in for DUO's real host in unit tests: an httpx.MockTransport whose answers are
checked against DUO's OpenAPI files (koers.duo.spec) before they are returned. End-to-end
tests use the simulator over real HTTP instead."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import httpx

from koers.duo import spec
from koers.duo.client import DuoClient

BASIS = "https://duo.test/v1"


@dataclass
class NepDuo:
    """Answers per operationId: a (status, body) pair, or a list of them used in turn."""

    antwoorden: dict = field(default_factory=dict)
    verzoeken: list = field(default_factory=list)

    def zet(self, operation_id: str, *antwoorden):
        self.antwoorden[operation_id] = list(antwoorden)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        pad = request.url.path.removeprefix("/v1")
        gevonden = spec.find_operation(request.method, pad)
        assert gevonden is not None, f"DUO kent {request.method} {pad} niet"
        operatie, _ = gevonden
        body = json.loads(request.content) if request.content else None
        self.verzoeken.append((operatie.operation_id, request.headers.get("berichtId"), body))
        rij = self.antwoorden.get(operatie.operation_id, [(404, None)])
        status, antwoord = rij.pop(0) if len(rij) > 1 else rij[0]
        headers = {
            "API-Version": operatie.api_version,
            "berichtId": request.headers.get("berichtId", ""),
        }
        if status in (400, 403) and antwoord is None:
            antwoord = [{"fouttekst": "Niet toegestaan."}]
        # 404 and 5xx can come from DUO's gateway, also where a file does not list them.
        if status != 404 and status < 500:
            fouten = spec.validate_response(operatie.operation_id, status, headers, antwoord)
            assert fouten == [], f"nep-DUO-antwoord past niet bij de spec: {fouten}"
        if antwoord is None:
            return httpx.Response(status, headers=headers)
        return httpx.Response(status, headers=headers, json=antwoord)

    def client(self) -> DuoClient:
        return DuoClient(base_url=BASIS, transport=httpx.MockTransport(self))

    def aanroepen(self, operation_id: str) -> list:
        return [v for v in self.verzoeken if v[0] == operation_id]
