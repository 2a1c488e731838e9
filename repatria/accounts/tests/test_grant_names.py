"""Every grant the migrations load fits its name column: SQLite keeps a longer name, PostgreSQL refuses the
migration."""

import pytest

from repatria.accounts.models import ObjectPermission


@pytest.mark.django_db
def test_every_loaded_grant_name_fits_its_column():
    limit = ObjectPermission._meta.get_field("name").max_length
    assert ObjectPermission.objects.exists()
    assert [name for name in ObjectPermission.objects.values_list("name", flat=True) if len(name) > limit] == []
