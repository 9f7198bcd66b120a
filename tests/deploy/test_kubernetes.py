"""The Kubernetes manifests (deploy/kubernetes): each overlay rendered as Kustomize does
(tests/deploy/kustomize.py), every resource valid against the schemas of Kubernetes itself
(kubernetes-validate, strict: an unknown field is an error), and what Koers needs from them:
two or more web and worker pods, probes on the health paths, requests and limits everywhere,
an autoscaler and disruption budgets that find their pods, the simulators only in the demo,
and only configuration variables that Koers knows."""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import kubernetes_validate
import pytest
from django.core.management import call_command, get_commands

from tests.deploy.kustomize import KustomizeFout, render, samengevoegd

KUBERNETES = Path(__file__).resolve().parents[2] / "deploy" / "kubernetes"
OVERLAYS = ("productie", "demo")
# The oldest Kubernetes still supported upstream when this was written, and the newest the
# schemas know.
VERSIES = ("1.31", kubernetes_validate.latest_version())
WERKLASTEN = {"Deployment", "StatefulSet", "DaemonSet", "Job"}
SIMULATOREN = {"duo-sim", "brp-sim"}


@pytest.fixture(scope="module", params=OVERLAYS)
def overlay(request):
    return request.param, render(KUBERNETES / "overlays" / request.param)


def _van(docs, kind):
    return [doc for doc in docs if doc["kind"] == kind]


def _een(docs, kind, naam):
    [doc] = [doc for doc in docs if (doc["kind"], doc["metadata"]["name"]) == (kind, naam)]
    return doc


def _pod(doc):
    return doc["spec"]["template"]


def _containers(doc):
    spec = _pod(doc)["spec"]
    return [*spec.get("initContainers", []), *spec["containers"]]


def _koers_containers(docs):
    """(workload, container) for every container that runs the Koers image."""
    return [
        (doc, container)
        for doc in docs
        if doc["kind"] in WERKLASTEN
        for container in _containers(doc)
        if container["image"].split("/")[-1].split(":")[0] == "koers"
    ]


def _selecteert(selector, labels) -> bool:
    gelijk = selector.get("matchLabels", {}).items() <= labels.items()
    uitdrukkingen = all(
        (labels.get(u["key"]) in u["values"]) == (u["operator"] == "In")
        for u in selector.get("matchExpressions", [])
    )
    return gelijk and uitdrukkingen


@pytest.fixture(scope="module")
def koers_variabelen() -> set[str]:
    uit = io.StringIO()
    call_command("env-example", stdout=uit)
    namen = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", uit.getvalue(), flags=re.MULTILINE))
    assert {"DATABASE_URL", "KOERS_SECRET_KEY", "KOERS_DUO_BASE_URL"} <= namen
    return namen


def test_elke_resource_is_geldig_voor_kubernetes(overlay):
    naam, docs = overlay
    soorten = {doc["kind"] for doc in docs}
    assert {"Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget"} <= soorten
    assert {"Job", "NetworkPolicy", "ConfigMap", "PersistentVolumeClaim"} <= soorten
    fouten = []
    for versie in VERSIES:
        for doc in docs:
            try:
                kubernetes_validate.validate(doc, versie, strict=True)
            except kubernetes_validate.ValidationError as fout:
                pad = "/".join(map(str, fout.path))
                fouten.append(f"{versie} {doc['kind']}/{doc['metadata']['name']} {pad}: {fout}")
    assert fouten == []


def test_de_validatie_kan_falen():
    deployment = _een(render(KUBERNETES / "base"), "Deployment", "koers-web")
    fout = samengevoegd(deployment, {"spec": {"replicaz": 2}})
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(fout, VERSIES[0], strict=True)


def test_web_en_worker_draaien_elk_met_minstens_twee_pods(overlay):
    _naam, docs = overlay
    for deployment in ("koers-web", "koers-worker"):
        assert _een(docs, "Deployment", deployment)["spec"]["replicas"] >= 2
    web = _een(docs, "Deployment", "koers-web")
    assert web["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    [container] = _containers(web)
    assert container["args"] == ["run", "--bind", "0.0.0.0:8000"]
    assert _containers(_een(docs, "Deployment", "koers-worker"))[0]["args"] == ["worker"]
    assert _containers(_een(docs, "Job", "koers-migrate"))[0]["args"] == ["migrate", "--noinput"]


def test_de_webpods_hebben_probes_op_de_gezondheidsadressen(overlay):
    _naam, docs = overlay
    [container] = _containers(_een(docs, "Deployment", "koers-web"))
    poorten = {p["name"]: p["containerPort"] for p in container["ports"]}
    probes = {
        soort: container[soort]["httpGet"]
        for soort in ("livenessProbe", "startupProbe", "readinessProbe")
    }
    assert {soort: http["path"] for soort, http in probes.items()} == {
        "livenessProbe": "/gezondheid/live",
        "startupProbe": "/gezondheid/live",
        "readinessProbe": "/gezondheid/web",
    }
    assert {poorten[http["port"]] for http in probes.values()} == {8000}
    # Django answers only the hosts it knows; the kubelet's own Host is the pod's address.
    hosts = {
        h["value"] for http in probes.values() for h in http["httpHeaders"] if h["name"] == "Host"
    }
    toegestaan = _een(docs, "ConfigMap", "koers-config")["data"]["KOERS_ALLOWED_HOSTS"].split(",")
    assert hosts == {"localhost"} and "localhost" in toegestaan


def test_elke_container_heeft_requests_en_limits(overlay):
    _naam, docs = overlay
    containers = [c for doc in docs if doc["kind"] in WERKLASTEN for c in _containers(doc)]
    assert len(containers) >= 3
    zonder = [
        c["name"]
        for c in containers
        if not all(
            soort in c.get("resources", {}).get(grens, {})
            for grens in ("requests", "limits")
            for soort in ("cpu", "memory")
        )
    ]
    assert zonder == []


def test_pods_draaien_niet_als_root_en_koers_schrijft_niet_in_zijn_image(overlay):
    _naam, docs = overlay
    werklasten = [doc for doc in docs if doc["kind"] in WERKLASTEN]
    assert all(_pod(doc)["spec"]["securityContext"]["runAsNonRoot"] for doc in werklasten)
    koers = _koers_containers(docs)
    assert len(koers) >= 3
    for _doc, container in koers:
        beveiliging = container["securityContext"]
        assert beveiliging["readOnlyRootFilesystem"] is True
        assert beveiliging["allowPrivilegeEscalation"] is False
        assert beveiliging["capabilities"]["drop"] == ["ALL"]
    web = _een(docs, "Deployment", "koers-web")
    [container] = _containers(web)
    mappen = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    volumes = {v["name"]: v for v in _pod(web)["spec"]["volumes"]}
    assert "emptyDir" in volumes[mappen["/tmp"]]  # noqa: S108 - a mount path
    assert "emptyDir" in volumes[mappen["/app/var/metrieken"]]  # prometheus multiprocess
    assert "persistentVolumeClaim" in volumes[mappen["/app/var/media"]]


def test_de_autoscaler_schaalt_de_webdeployment(overlay):
    _naam, docs = overlay
    [hpa] = _van(docs, "HorizontalPodAutoscaler")
    assert hpa["apiVersion"] == "autoscaling/v2"
    doel = hpa["spec"]["scaleTargetRef"]
    assert (doel["apiVersion"], doel["kind"], doel["name"]) == (
        "apps/v1",
        "Deployment",
        "koers-web",
    )
    assert _een(docs, "Deployment", doel["name"])
    assert hpa["spec"]["minReplicas"] >= 2 and hpa["spec"]["maxReplicas"] > 2


def test_elk_disruption_budget_vindt_zijn_pods(overlay):
    _naam, docs = overlay
    budgetten = _van(docs, "PodDisruptionBudget")
    gevonden = {}
    for budget in budgetten:
        gevonden[budget["metadata"]["name"]] = [
            doc["metadata"]["name"]
            for doc in _van(docs, "Deployment")
            if _selecteert(budget["spec"]["selector"], _pod(doc)["metadata"]["labels"])
        ]
    assert gevonden == {"koers-web": ["koers-web"], "koers-worker": ["koers-worker"]}


def test_de_service_vindt_de_webpods(overlay):
    _naam, docs = overlay
    service = _een(docs, "Service", "koers-web")
    web = _een(docs, "Deployment", "koers-web")
    assert _selecteert(
        {"matchLabels": service["spec"]["selector"]}, _pod(web)["metadata"]["labels"]
    )
    assert not _selecteert(
        {"matchLabels": service["spec"]["selector"]},
        _pod(_een(docs, "Deployment", "koers-worker"))["metadata"]["labels"],
    )
    [poort] = service["spec"]["ports"]
    assert poort["targetPort"] in {p["name"] for p in _containers(web)[0]["ports"]}


def test_alleen_de_demo_heeft_simulatoren():
    productie = render(KUBERNETES / "overlays" / "productie")
    demo = render(KUBERNETES / "overlays" / "demo")

    def simulatoren(docs):
        return {
            c["args"][0]
            for doc in docs
            if doc["kind"] in WERKLASTEN
            for c in _containers(doc)
            if c.get("args") and c["args"][0] in SIMULATOREN
        }

    assert simulatoren(productie) == set()
    assert not [doc for doc in productie if "sim" in doc["metadata"]["name"]]
    assert simulatoren(demo) == SIMULATOREN
    assert not _van(productie, "Secret")  # the operator makes it; never values in the repo


def test_in_de_demo_wijzen_duo_en_brp_naar_de_simulatoren():
    docs = render(KUBERNETES / "overlays" / "demo")
    configmap = _een(docs, "ConfigMap", "koers-config")["data"]
    assert configmap["KOERS_DEMO"] == "true"
    for variabele, simulator in (
        ("KOERS_DUO_BASE_URL", "duo-sim"),
        ("KOERS_BRP_BASE_URL", "brp-sim"),
    ):
        adres = urlsplit(configmap[variabele])
        service = _een(docs, "Service", adres.hostname)
        [poort] = service["spec"]["ports"]
        assert poort["port"] == adres.port
        [deployment] = [
            doc
            for doc in _van(docs, "Deployment")
            if _selecteert(
                {"matchLabels": service["spec"]["selector"]}, _pod(doc)["metadata"]["labels"]
            )
        ]
        [container] = _containers(deployment)
        assert container["args"][0] == simulator
        assert container["args"][container["args"].index("--port") + 1] == str(adres.port)
        assert container["args"][container["args"].index("--host") + 1] == "0.0.0.0"  # noqa: S104


def test_de_manifesten_zetten_alleen_variabelen_die_koers_kent(overlay, koers_variabelen):
    _naam, docs = overlay
    configmaps = {doc["metadata"]["name"]: doc for doc in _van(docs, "ConfigMap")}
    gezet = set()
    for _doc, container in _koers_containers(docs):
        gezet |= {e["name"] for e in container.get("env", [])}
        for bron in container.get("envFrom", []):
            gezet |= set(configmaps[bron["configMapRef"]["name"]]["data"])
    assert {"DATABASE_URL", "KOERS_SECRET_KEY", "KOERS_DEMO", "KOERS_DUO_BASE_URL"} <= gezet
    assert gezet - koers_variabelen == set()


def test_de_manifesten_roepen_alleen_bestaande_koers_opdrachten_aan(overlay):
    _naam, docs = overlay
    opdrachten = {c["args"][0] for _doc, c in _koers_containers(docs)}
    assert {"run", "worker", "migrate"} <= opdrachten
    assert opdrachten - set(get_commands()) == set()


def test_geheimen_komen_uit_een_secret(overlay):
    naam, docs = overlay
    onderdelen = {"web", "worker", "migrate"}
    koers = [
        container
        for doc, container in _koers_containers(docs)
        if _pod(doc)["metadata"]["labels"].get("app.kubernetes.io/component") in onderdelen
    ]
    assert len(koers) == 3
    for container in koers:
        waarden = {e["name"]: e for e in container["env"]}
        for geheim in ("DATABASE_URL", "KOERS_SECRET_KEY"):
            assert waarden[geheim]["valueFrom"]["secretKeyRef"]["name"] == "koers-geheimen"
            assert "value" not in waarden[geheim]
    configmap = _een(docs, "ConfigMap", "koers-config")["data"]
    assert not {"DATABASE_URL", "KOERS_SECRET_KEY", "KOERS_METRICS_TOKEN"} & set(configmap)
    if naam == "demo":
        [secret] = _van(docs, "Secret")
        assert set(secret["stringData"]) == {"DATABASE_URL", "KOERS_SECRET_KEY"}


def test_de_images_komen_uit_de_overlay(overlay):
    _naam, docs = overlay
    images = {c["image"] for _doc, c in _koers_containers(docs)}
    assert images == {"registry.gemeente.example/koers:0.1.0"}


def test_het_netwerkbeleid_laat_alleen_de_ingress_controller_bij_de_webpods():
    docs = render(KUBERNETES / "overlays" / "productie")
    web = _pod(_een(docs, "Deployment", "koers-web"))["metadata"]["labels"]
    beleid = [
        doc
        for doc in _van(docs, "NetworkPolicy")
        if "Ingress" in doc["spec"]["policyTypes"] and _selecteert(doc["spec"]["podSelector"], web)
    ]
    [regel] = [r for doc in beleid for r in doc["spec"].get("ingress", [])]
    [bron] = regel["from"]
    assert bron["namespaceSelector"]["matchLabels"] == {
        "kubernetes.io/metadata.name": "ingress-nginx"
    }
    assert regel["ports"] == [{"protocol": "TCP", "port": 8000}]
    # Worker and migrations take no connections at all.
    for component in ("worker", "migrate"):
        labels = {"app.kubernetes.io/name": "koers", "app.kubernetes.io/component": component}
        dicht = [
            doc
            for doc in _van(docs, "NetworkPolicy")
            if _selecteert(doc["spec"]["podSelector"], labels)
            and "Ingress" in doc["spec"]["policyTypes"]
        ]
        assert dicht and all(not doc["spec"].get("ingress") for doc in dicht)
    [uit] = [
        doc
        for doc in _van(docs, "NetworkPolicy")
        if "Egress" in doc["spec"]["policyTypes"] and _selecteert(doc["spec"]["podSelector"], web)
    ]
    poorten = sorted(p["port"] for r in uit["spec"]["egress"] for p in r["ports"])
    assert poorten == [53, 53, 443, 443, 5432]  # DNS (udp, tcp), DUO, BRP, PostgreSQL


def test_de_duo_notificaties_gaan_alleen_via_mutual_tls():
    docs = render(KUBERNETES / "overlays" / "productie")
    from django.urls import reverse

    pad = reverse("duo:notificaties")
    ingressen = _van(docs, "Ingress")
    [mtls] = [
        doc
        for doc in ingressen
        if any(p["path"] == pad for r in doc["spec"]["rules"] for p in r["http"]["paths"])
    ]
    notities = mtls["metadata"]["annotations"]
    assert notities["nginx.ingress.kubernetes.io/auth-tls-verify-client"] == "on"
    assert notities["nginx.ingress.kubernetes.io/auth-tls-secret"].startswith(
        mtls["metadata"]["namespace"] + "/"
    )
    # On the public name the /duo/ prefix is shut.
    publiek = {r["host"] for doc in ingressen if doc is not mtls for r in doc["spec"]["rules"]}
    [dicht] = [
        doc
        for doc in ingressen
        if any(p["path"] == "/duo/" for r in doc["spec"]["rules"] for p in r["http"]["paths"])
    ]
    assert (
        dicht["metadata"]["annotations"]["nginx.ingress.kubernetes.io/allowlist-source-range"]
        == "127.0.0.1/32"
    )
    assert {r["host"] for r in dicht["spec"]["rules"]} <= publiek


def test_de_renderer_weigert_wat_hij_niet_kent(tmp_path):
    (tmp_path / "kustomization.yaml").write_text(
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
        "resources: []\ncommonLabels: {a: b}\n"
    )
    with pytest.raises(KustomizeFout, match="commonLabels"):
        render(tmp_path)
    assert samengevoegd(
        {"containers": [{"name": "a", "image": "x", "args": ["1"]}]},
        {"containers": [{"name": "a", "args": ["2"]}, {"name": "b"}]},
    ) == {"containers": [{"name": "a", "image": "x", "args": ["2"]}, {"name": "b"}]}
