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


@pytest.mark.parametrize(
    ("vandaag", "jaren", "tot"),
    [
        (dt.date(2026, 11, 29), 2, dt.date(2024, 11, 29)),
        (dt.date(2026, 1, 1), 1, dt.date(2025, 1, 1)),
        # 29 February counts as 28 February a year later: on 28 February both days pass.
        (dt.date(2025, 2, 28), 1, dt.date(2024, 2, 29)),
        (dt.date(2024, 2, 29), 1, dt.date(2023, 2, 28)),
        (dt.date(2024, 2, 29), 4, dt.date(2020, 2, 29)),
        (dt.date(2024, 3, 1), 1, dt.date(2023, 3, 1)),
    ],
)
def test_log_verwijderbaar_tot(vandaag, jaren, tot):
    assert rules.log_verwijderbaar_tot(vandaag, jaren) == tot


@pytest.mark.parametrize("jaren", [1, 2, 4])
@pytest.mark.parametrize(
    "vandaag",
    [dt.date(2025, 2, 28), dt.date(2024, 2, 29), dt.date(2028, 3, 1), dt.date(2026, 7, 4)],
)
def test_log_verwijderbaar_tot_agrees_with_log_verwijderen_vanaf(vandaag, jaren):
    """Removable on ``vandaag`` exactly when the record's and the anonymisation's days are both
    on or before the boundary, for every pair of days around it."""
    tot = rules.log_verwijderbaar_tot(vandaag, jaren)
    dagen = [tot + dt.timedelta(days=d) for d in range(-3, 4)]
    paren = [(record, anoniem) for record in dagen for anoniem in dagen]
    volgens_de_regel = [
        rules.log_verwijderen_vanaf(
            record_datum=record, geanonimiseerd_op=anoniem, over_persoon=True, extra_jaren=jaren
        )
        <= vandaag
        for record, anoniem in paren
    ]
    volgens_de_grens = [record <= tot and anoniem <= tot for record, anoniem in paren]
    assert volgens_de_regel == volgens_de_grens
    assert sum(volgens_de_grens) == 16  # four days on or before the boundary, squared
