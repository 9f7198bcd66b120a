"""The ``koers`` console command: Django's management commands plus Koers' own."""

import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["koers", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
