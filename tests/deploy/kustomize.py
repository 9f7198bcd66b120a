"""A small Kustomize, enough for deploy/kubernetes, so the manifests are rendered and checked
in ``make test`` without the kustomize or kubectl binary (neither installs from a package
registry).

It reads the fields the layout uses, in the standard format (``kustomize.config.k8s.io/
v1beta1``): ``resources`` (files, or folders with their own kustomization.yaml),
``patches`` (by ``path``: a strategic merge of a whole resource, found by kind and name),
``images`` (``newName``/``newTag``) and ``namespace``. A kustomization with any other field
is refused, so a manifest that relies on a feature this renderer lacks fails the tests
instead of being checked wrongly.

The strategic merge is the part of Kubernetes' rule the patches need: maps merge key by key,
lists of maps that all have a ``name`` merge by that name (containers, env, volumes, ports),
any other list is replaced.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

VELDEN = {"apiVersion", "kind", "namespace", "resources", "patches", "images"}
# Kinds without a namespace (none in Koers' manifests so far; listed for the transformer).
ZONDER_NAMESPACE = {"Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume"}


class KustomizeFout(ValueError):
    pass


def documenten(pad: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(pad.read_text(encoding="utf-8")) if doc]


def kustomization(map_: Path) -> dict[str, Any]:
    inhoud = yaml.safe_load((map_ / "kustomization.yaml").read_text(encoding="utf-8"))
    if (inhoud.get("apiVersion"), inhoud.get("kind")) != (
        "kustomize.config.k8s.io/v1beta1",
        "Kustomization",
    ):
        raise KustomizeFout(f"{map_}: geen Kustomization van kustomize.config.k8s.io/v1beta1")
    onbekend = set(inhoud) - VELDEN
    if onbekend:
        raise KustomizeFout(f"{map_}: velden die deze renderer niet kent: {sorted(onbekend)}")
    return inhoud


def samengevoegd(doel: Any, patch: Any) -> Any:
    """``patch`` merged over ``doel`` (see the module docstring)."""
    if isinstance(doel, dict) and isinstance(patch, dict):
        uit = dict(doel)
        for sleutel, waarde in patch.items():
            uit[sleutel] = samengevoegd(doel[sleutel], waarde) if sleutel in doel else waarde
        return uit
    if (
        isinstance(doel, list)
        and isinstance(patch, list)
        and all(isinstance(x, dict) and "name" in x for x in [*doel, *patch])
    ):
        uit = [dict(x) for x in doel]
        namen = [x["name"] for x in uit]
        for item in patch:
            if item["name"] in namen:
                i = namen.index(item["name"])
                uit[i] = samengevoegd(uit[i], item)
            else:
                uit.append(item)
        return uit
    return copy.deepcopy(patch)


def _sleutel(doc: dict[str, Any]) -> tuple[str, str]:
    return doc["kind"], doc["metadata"]["name"]


def _containers(doc: dict[str, Any]) -> list[dict[str, Any]]:
    spec = doc.get("spec", {})
    pod = spec.get("template", {}).get("spec", {})
    return [*pod.get("initContainers", []), *pod.get("containers", [])]


def _afbeelding(image: str, regels: list[dict[str, str]]) -> str:
    naam = image.split("@", 1)[0]
    if ":" in naam.rsplit("/", 1)[-1]:
        naam = naam.rsplit(":", 1)[0]
    for regel in regels:
        if regel["name"] == naam:
            nieuw = regel.get("newName", naam)
            return f"{nieuw}:{regel['newTag']}" if "newTag" in regel else nieuw
    return image


def render(map_: Path) -> list[dict[str, Any]]:
    """The resources of the kustomization in ``map_``, as ``kustomize build`` gives them."""
    inhoud = kustomization(map_)
    docs: list[dict[str, Any]] = []
    for bron in inhoud.get("resources", []):
        pad = (map_ / bron).resolve()
        docs += render(pad) if pad.is_dir() else documenten(pad)
    for patch in inhoud.get("patches", []):
        if set(patch) != {"path"}:
            raise KustomizeFout(f"{map_}: alleen patches met path worden ondersteund")
        for stuk in documenten(map_ / patch["path"]):
            treffers = [i for i, doc in enumerate(docs) if _sleutel(doc) == _sleutel(stuk)]
            if len(treffers) != 1:
                raise KustomizeFout(f"{map_}: patch {_sleutel(stuk)} vindt {len(treffers)} doelen")
            docs[treffers[0]] = samengevoegd(docs[treffers[0]], stuk)
    regels = inhoud.get("images", [])
    for doc in docs:
        for container in _containers(doc):
            container["image"] = _afbeelding(container["image"], regels)
        if inhoud.get("namespace") and doc["kind"] not in ZONDER_NAMESPACE:
            doc["metadata"]["namespace"] = inhoud["namespace"]
    sleutels = [_sleutel(doc) for doc in docs]
    dubbel = {s for s in sleutels if sleutels.count(s) > 1}
    if dubbel:
        raise KustomizeFout(f"{map_}: dubbele resources {sorted(dubbel)}")
    return docs
