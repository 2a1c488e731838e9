"""`python -m repatria migrate`: Django's, connected as the tables' owner, then the site's role granted its rights."""

from django.core.management.commands.migrate import Command as DjangoMigrate

from repatria.core.database_roles import as_owner


class Command(DjangoMigrate):
    help = (
        f"{DjangoMigrate.help} On PostgreSQL with DATABASE_OWNER_URL set, connects as that role, which owns the "
        "tables, then grants DATABASE_URL's role what the site needs and no more (repatria.core.database_roles)."
    )

    def handle(self, *args, **options) -> None:
        with as_owner(options["database"]):
            super().handle(*args, **options)
