"""The site's role on PostgreSQL: it owns no table, and may only read and add rows where rows are append-only.

Migrations and restores connect as the role that owns the tables (DATABASE_OWNER_URL); the site connects as
DATABASE_URL's role, to which they then grant what the site needs: the rows of every table and its sequences, and on
an append-only table (the audit trail's) reading and adding rows only. Owning no table, the site's role can neither
TRUNCATE, ALTER nor DROP one, nor lift a trigger: whoever takes over the site can do what the site does, no more.
"""

import contextlib
from collections.abc import Iterator

from django.conf import settings
from django.core import checks
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

# Tables whose rows are written once; the audit app registers its entries' table here.
APPEND_ONLY_TABLES: list[str] = []

GRANTS = """
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {site};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {site};
ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {site};
ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT USAGE, SELECT ON SEQUENCES TO {site};
"""
APPEND_ONLY_GRANTS = "REVOKE ALL ON {table} FROM {site}; GRANT SELECT, INSERT ON {table} TO {site};"


@contextlib.contextmanager
def as_owner(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Connect as the tables' owner for the block, if DATABASE_OWNER_URL names one; once the block has succeeded, grant
    the site's role its rights (new tables included), then connect as the site's role again."""
    owner, connection = settings.DATABASE_OWNER, connections[using]
    if not owner:
        yield
        return
    site = {key: connection.settings_dict[key] for key in owner}
    connection.close()
    connection.settings_dict.update(owner)
    try:
        yield
        if site["USER"] != owner["USER"]:
            grant(connection, site["USER"])
    finally:
        connection.close()
        connection.settings_dict.update(site)


def grant(connection: BaseDatabaseWrapper, site_role: str) -> None:
    """Give the site's role the rows of every table in the schema, now and to come, and of an append-only table only
    reading and adding; run as the owner, after every migration (default privileges cannot make an exception)."""
    from psycopg import sql

    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        names = {"schema": sql.Identifier(cursor.fetchone()[0]), "site": sql.Identifier(site_role)}
        cursor.execute(sql.SQL(GRANTS).format(**names))
        for table in APPEND_ONLY_TABLES:
            cursor.execute(sql.SQL(APPEND_ONLY_GRANTS).format(table=sql.Identifier(table), **names))


def site_owns_the_tables(app_configs: list | None, **kwargs) -> list[checks.CheckMessage]:
    """`check --deploy`: on PostgreSQL the site should not connect as the role that owns the tables."""
    if connections[DEFAULT_DB_ALIAS].vendor != "postgresql" or settings.DATABASE_OWNER:
        return []
    return [
        checks.Warning(
            "The site connects to PostgreSQL as the role that migrates it, which owns every table: it could TRUNCATE, "
            "ALTER or DROP the audit trail's.",
            hint="Set DATABASE_OWNER_URL to that role and DATABASE_URL to a role that owns no table, then migrate.",
            id="repatria.W001",
        )
    ]
