import datetime as dt

import pytest

from koers.verwerkingen import rules


@pytest.mark.parametrize(
    "einde, jaren, vanaf",
    [
        (dt.date(2026, 3, 1), 5, dt.date(2031, 3, 1)),
        (dt.date(2024, 2, 29), 5, dt.date(2029, 2, 28)),
        (dt.date(2024, 2, 29), 4, dt.date(2028, 2, 29)),
        (dt.date(2026, 12, 31), 1, dt.date(2027, 12, 31)),
    ],
)
def test_anonimiseren_vanaf(einde, jaren, vanaf):
    assert rules.anonimiseren_vanaf(einde, jaren) == vanaf


def test_default_retention_is_five_years():
    assert rules.BEWAARTERMIJN_JAREN == 5


@pytest.mark.parametrize(
    "velden, vorige",
    [
        ({"a": 1, "b": "x"}, rules.BEGIN_HASH),
        ({"b": "x", "a": 1}, rules.BEGIN_HASH),
    ],
)
def test_hash_is_canonical(velden, vorige):
    assert rules.record_hash(velden, vorige) == rules.record_hash({"a": 1, "b": "x"}, vorige)


@pytest.mark.parametrize(
    "ander",
    [
        ({"a": 2, "b": "x"}, rules.BEGIN_HASH),
        ({"a": 1, "b": "x"}, "1" * 64),
        ({"a": 1, "b": "x", "c": None}, rules.BEGIN_HASH),
    ],
)
def test_hash_changes_with_content_or_link(ander):
    assert rules.record_hash(*ander) != rules.record_hash({"a": 1, "b": "x"}, rules.BEGIN_HASH)
