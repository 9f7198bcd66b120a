"""The HTTP connection of a chain client (koers.duo.client, koers.brp.client): one httpx
client per instance, opened on first use and closed with the instance; over https it trusts
only the party's CA bundle and authenticates with the gemeente's certificate where one is set
(mutual TLS). Every failure to connect is the party's own error type with a Dutch message."""

from __future__ import annotations

import functools
import ssl
from typing import Any, ClassVar

import httpx


class HttpVerbinding:
    """Mixin of a chain client. The client sets ``base_url``, ``timeout``, ``client_cert``,
    ``client_key``, ``ca_bundle`` and ``_transport`` (a test transport, or None) and declares:

    - ``FOUT``: its error type, called as ``FOUT(melding, permanent=False)``;
    - ``PARTIJ``: the other party as a sentence names it ("DUO", "de BRP");
    - ``GEEN_ADRES``: the message when its base URL is not configured.
    """

    FOUT: ClassVar[type[Exception]]
    PARTIJ: ClassVar[str]
    GEEN_ADRES: ClassVar[str]

    base_url: str
    timeout: float
    client_cert: str
    client_key: str
    ca_bundle: str
    _transport: httpx.BaseTransport | None
    _http: httpx.Client | None = None

    def _ssl_context(self) -> ssl.SSLContext:
        try:
            context = ssl.create_default_context(cafile=self.ca_bundle or None)
            if self.client_cert:
                context.load_cert_chain(self.client_cert, self.client_key or None)
        except (OSError, ssl.SSLError) as error:
            raise self.FOUT(
                f"Koers kan het certificaat, de sleutel of de CA-bundel voor {self.PARTIJ} niet "
                f"lezen ({type(error).__name__}; zie `koers check-config`).",
                permanent=False,
            ) from error
        return context

    def _client(self) -> httpx.Client:
        if self._http is None:
            if not self.base_url:
                raise self.FOUT(self.GEEN_ADRES, permanent=False)
            options: dict[str, Any] = {"timeout": httpx.Timeout(self.timeout)}
            if self._transport is not None:
                options["transport"] = self._transport
            elif self.base_url.startswith("https://"):
                options["verify"] = self._ssl_context()
            else:
                options["verify"] = standaard_ssl_context()
            self._http = httpx.Client(**options)
        return self._http

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


@functools.cache
def standaard_ssl_context() -> ssl.SSLContext:
    """httpx's default context, made once per process, for a client that speaks plain http (a
    simulator, a party behind a local TLS proxy): without ``verify`` httpx makes a new one
    for every client, and reading the CA bundle costs about 20 ms of CPU each time."""
    return httpx.create_ssl_context()
