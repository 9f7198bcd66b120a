import django.db.models.deletion
from django.db import migrations, models

INDELINGEN = [("Asielstatushouder", "Asielstatushouder"),
              ("Gezinsmigrant en overige migrant", "Gezinsmigrant en overige migrant")]
ASIELRECHTEN = [
    ("Asielrechten toegekend", "Asielrechten toegekend"),
    ("Behoud asielrechten", "Behoud asielrechten"),
    ("Op verzoek behoud rechten van gezins- en overige migrant",
     "Op verzoek behoud rechten van gezins- en overige migrant"),
    ("Op verzoek rechten van gezins- en overige migrant toegekend",
     "Op verzoek rechten van gezins- en overige migrant toegekend"),
]


class Migration(migrations.Migration):

    dependencies = [
        ("inburgeraars", "0007_doelgroepindeling_en_ontheffing"),
    ]

    operations = [
        # DUO's value is one of four texts, not a yes/no: the boolean of 0007 never held data.
        migrations.RemoveField(model_name="inburgeraar",
                               name="asielrechten_wijziging_verblijfsdoel"),
        migrations.AddField(
            model_name="inburgeraar", name="asielrechten_wijziging_verblijfsdoel",
            field=models.CharField(
                blank=True, choices=ASIELRECHTEN, max_length=70,
                help_text="DUO: welke rechten gelden na een wijziging van het verblijfsdoel"),
        ),
        migrations.AddField(
            model_name="inburgeraar", name="gratis_examenpogingen",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name="inburgeraar", name="gratis_examenpogingen_op",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="traject", name="lbt_examennummer",
            field=models.CharField(blank=True, max_length=12),
        ),
        migrations.AddField(
            model_name="traject", name="lbt_overgeslagen_grond",
            field=models.CharField(blank=True, max_length=30),
        ),
        migrations.AddField(
            model_name="traject", name="lbt_overgeslagen_toelichting",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="traject", name="lbt_overgeslagen_op",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.CreateModel(
            name="Doelgroepperiode",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("indeling", models.CharField(choices=INDELINGEN, max_length=40)),
                ("begindatum", models.DateField(blank=True, null=True)),
                ("einddatum", models.DateField(blank=True, null=True)),
                ("inburgeraar", models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="doelgroepperioden", to="inburgeraars.inburgeraar")),
            ],
            options={
                "verbose_name": "doelgroepperiode",
                "verbose_name_plural": "doelgroepperioden",
                "ordering": ["inburgeraar", "begindatum", "id"],
            },
        ),
    ]
