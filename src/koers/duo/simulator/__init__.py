"""A local stand-in for DUO's side of the chain (``koers duo-sim``), independent of Koers.

app.py serves DUO's APIs from an in-memory state; contract.py reads DUO's OpenAPI files from
disk and validates messages; scenario.py describes and loads the scenario files; rules.py
holds DUO's facts about a person (indeling, current PIP, visibility, calendar); regels.py the
business rules DUO applies to reports, written from RULES.md; pages.py the ``/_sim/`` tools;
notificatie.py sends DUO's notifications to Koers. Nothing here imports from ``koers``
outside this package (tests/duo/test_simulator_onafhankelijk.py checks it), so the simulator
can disagree with Koers. See docs/beheer/duo-simulator.md.
"""
