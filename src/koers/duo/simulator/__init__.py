"""A local stand-in for DUO's side of the chain (``koers duo-sim``).

app.py serves DUO's APIs from an in-memory state; scenario.py describes and loads the scenario
files; regels.py bridges to the business rules; pages.py holds the ``/_sim/`` tools;
notificatie.py sends DUO's notifications to Koers. See docs/beheer/duo-simulator.md.
"""
