import importlib

from django.db import migrations, models


# Indexes no query of Koers uses, each paid for by every record written and again when the
# sealer rewrites it: by actor id (the privacy officer searches by name), by trace and
# operation id (random values: every insert lands on another page), and the unique index on
# the seal's hash (with its pattern index), which the chain check does not need because it
# recomputes every hash. SQLite rebuilds the table to drop the unique constraint, and its
# triggers go with the old table: they are made again afterwards, as in 0006 – 0008.
_sqlite_triggers_opnieuw = importlib.import_module(
    "koers.verwerkingen.migrations.0005_verzegelen"
).sqlite_triggers_opnieuw


class Migration(migrations.Migration):
    dependencies = [
        ("verwerkingen", "0008_register_versies"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, _sqlite_triggers_opnieuw),
        migrations.RemoveIndex(model_name="verwerking", name="verwerking_actor_idx"),
        migrations.RemoveIndex(model_name="verwerking", name="verwerking_trace_idx"),
        migrations.RemoveIndex(model_name="verwerking", name="verwerking_operatie_idx"),
        migrations.AlterField(
            model_name="verwerking",
            name="hash",
            field=models.CharField(blank=True, max_length=64, null=True),
        ),
        migrations.RunPython(_sqlite_triggers_opnieuw, migrations.RunPython.noop),
    ]
