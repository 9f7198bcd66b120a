"""A throwaway PKI for the mutual-TLS tests: a CA, a server certificate for 127.0.0.1 and a
client certificate, made with the ``openssl`` command (tests skip when it is missing)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

OPENSSL = shutil.which("openssl")
NIEUWE_SLEUTEL = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes")


@dataclass(frozen=True)
class Pki:
    ca: Path
    server_cert: Path
    server_key: Path
    client_cert: Path
    client_key: Path


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run([OPENSSL, *args], cwd=cwd, check=True, capture_output=True)  # noqa: S603


def _ondertekend(naam: str, cn: str, extensies: str, map_: Path) -> None:
    (map_ / f"{naam}.ext").write_text(
        extensies + "\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid,issuer\n"
    )
    _openssl(
        "req",
        *NIEUWE_SLEUTEL,
        "-keyout",
        f"{naam}.key",
        "-out",
        f"{naam}.csr",
        "-subj",
        f"/CN={cn}",
        cwd=map_,
    )
    _openssl(
        "x509",
        "-req",
        "-in",
        f"{naam}.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        f"{naam}.pem",
        "-days",
        "2",
        "-extfile",
        f"{naam}.ext",
        cwd=map_,
    )


def maak_pki(map_: Path) -> Pki:
    _openssl(
        "req",
        "-x509",
        *NIEUWE_SLEUTEL,
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=Koers Test CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
        cwd=map_,
    )
    _ondertekend(
        "server",
        "127.0.0.1",
        "subjectAltName=IP:127.0.0.1\n"
        "basicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth",
        map_,
    )
    _ondertekend(
        "client",
        "Gemeente Weert",
        "basicConstraints=critical,CA:FALSE\nextendedKeyUsage=clientAuth",
        map_,
    )
    return Pki(
        ca=map_ / "ca.pem",
        server_cert=map_ / "server.pem",
        server_key=map_ / "server.key",
        client_cert=map_ / "client.pem",
        client_key=map_ / "client.key",
    )
