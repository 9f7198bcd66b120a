"""``koers seed``: the demo data, and with ``--inburgeraars N`` scale data on top."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from koers.demo import organisaties as demo
from koers.demo.schaal import seed_schaal


class Command(BaseCommand):
    help = (
        "Vult de database met demogegevens (regio Midden-Limburg, demo-accounts, "
        "fictieve inburgeraars). Veilig om vaker te draaien. Met --inburgeraars N komen "
        "er N fictieve inburgeraars bij voor schaaltests."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--inburgeraars",
            type=int,
            default=0,
            metavar="N",
            help="Maak N extra fictieve inburgeraars met traject (snel, in batches).",
        )
        parser.add_argument(
            "--gemeente",
            metavar="CODE",
            help="Zet de extra inburgeraars allemaal in deze gemeente (CBS-code, bijv. 0988).",
        )
        parser.add_argument("--batch", type=int, default=5000, help="Rijen per batch.")

    def handle(self, *args, inburgeraars, gemeente, batch, **options):
        if not settings.DEMO:
            raise CommandError(
                "Demogegevens horen niet in een echte installatie: hun "
                "wachtwoord is openbaar. Zet KOERS_DEMO=true voor een demo- "
                "of testomgeving."
            )
        if inburgeraars < 0:
            raise CommandError("--inburgeraars moet 0 of meer zijn.")
        start = time.monotonic()
        resultaat = demo.seed(stdout=self.stdout)
        if resultaat["inburgeraars"]:
            self.stdout.write(
                f"Demogegevens gemaakt: {resultaat['inburgeraars']} "
                f"inburgeraars ({time.monotonic() - start:.1f} s)."
            )
        else:
            self.stdout.write("Demogegevens zijn er al; niets veranderd.")
        if inburgeraars:
            start = time.monotonic()
            try:
                gedaan = seed_schaal(
                    inburgeraars, gemeentecode=gemeente, batch=batch, stdout=self.stdout
                )
            except ValueError as error:
                raise CommandError(str(error)) from None
            duur = time.monotonic() - start
            self.stdout.write(
                f"Schaalgegevens: {gedaan} inburgeraars in {duur:.1f} s "
                f"({gedaan / max(duur, 0.001):.0f} per seconde)."
            )
        self.stdout.write("")
        self.stdout.write(demo.accounts_tabel())
