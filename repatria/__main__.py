"""`python -m repatria COMMAND …`: the project's management commands.

Commands may be written with hyphens (`seed-demo`) as well as underscores.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    argv[0] = "repatria"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "repatria.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
