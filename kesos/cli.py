"""The ``kesos`` console script: Django's manage command under the office's name."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kesos.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    # `kesos seed-demo` reads better than seed_demo; commands are modules, so map the dash.
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
