"""``koers env-example``: the documented list of configuration variables, generated from
koers.config.env.VARIABLES (also as the Markdown table of the operator guide)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from koers.config import env


def markdown_tabel() -> str:
    """The table of variables in docs/beheer/operator.md."""
    regels = ["| variabele | standaard | betekenis |", "|---|---|---|"]
    for var in env.VARIABLES:
        standaard = "(geheim)" if var.secret else (f"`{var.default}`" if var.default else "")
        regels.append(f"| `{var.name}` | {standaard} | {var.help.replace('|', '/')} |")
    return "\n".join(regels) + "\n"


class Command(BaseCommand):
    help = "Print de inhoud van .env.example: alle configuratievariabelen met uitleg."

    def add_arguments(self, parser):
        parser.add_argument(
            "--write", action="store_true", help="Schrijf .env.example in de map van het project."
        )
        parser.add_argument(
            "--markdown",
            action="store_true",
            help="Print de variabelen als Markdown-tabel (voor de beheerdocumentatie).",
        )

    def handle(self, *args, write, markdown, **options):
        tekst = markdown_tabel() if markdown else env.env_example()
        if write:
            pad = settings.PROJECT_DIR / ".env.example"
            pad.write_text(env.env_example(), encoding="utf-8")
            self.stdout.write(f"{pad} geschreven.")
            return
        self.stdout.write(tekst, ending="")
