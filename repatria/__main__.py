"""`python -m repatria COMMAND …`: the project's management commands.

Commands may be written with hyphens (`seed-demo`) as well as underscores. `screen` and `screen-pairs` run the
screening engine alone, without Django or a database.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1].replace("_", "-") in ("screen", "screen-pairs"):
        from repatria.names.cli import main as screen

        sys.exit(screen(argv[1], argv[2:]))
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    argv[0] = "repatria"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "repatria.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
