"""The API reads JSON only, set once in the settings for every view."""

from pathlib import Path

import pytest
import yaml
from django.urls import get_resolver
from rest_framework.parsers import JSONParser
from rest_framework.views import APIView

import koers.api

pytestmark = pytest.mark.django_db

SCHEMA = Path(koers.api.__file__).parent / "openapi.yaml"


def _api_views(patterns=None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _api_views(pattern.url_patterns)
            continue
        cls = getattr(pattern.callback, "cls", None)
        if cls is not None and issubclass(cls, APIView):
            yield cls


def test_elke_api_view_leest_alleen_json():
    views = set(_api_views())
    # Every write endpoint of the API is a DRF view; a few dozen at least.
    assert len(views) >= 60
    anders = {
        f"{v.__module__}.{v.__qualname__}": v.parser_classes
        for v in views
        if list(v.parser_classes) != [JSONParser]
    }
    assert anders == {}


def test_elke_request_body_in_het_schema_is_alleen_json():
    schema = yaml.safe_load(SCHEMA.read_text())
    bodies = {
        (pad, methode): set(op["requestBody"]["content"])
        for pad, operaties in schema["paths"].items()
        for methode, op in operaties.items()
        if "requestBody" in op
    }
    assert len(bodies) >= 40
    assert {k: v for k, v in bodies.items() if v != {"application/json"}} == {}
