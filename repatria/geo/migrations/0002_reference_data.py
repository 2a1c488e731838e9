"""Load the reference data: ISO 3166-1 countries named by CLDR, aliases, and China's province-level divisions.

The values are built by repatria.geo.reference from the pinned pycountry and Babel, so this migration needs no
hand-typed country names. The reverse removes exactly the rows this migration added.
"""

from django.db import migrations

from repatria.geo import reference


def load(apps, schema_editor):
    Country = apps.get_model("geo", "Country")
    CountryAlias = apps.get_model("geo", "CountryAlias")
    Province = apps.get_model("geo", "Province")
    db = schema_editor.connection.alias

    Country.objects.using(db).bulk_create([Country(**row) for row in reference.countries()])
    Province.objects.using(db).bulk_create([Province(**row) for row in reference.provinces()])

    aliases = reference.country_aliases()
    CountryAlias.objects.using(db).bulk_create([CountryAlias(alias=alias) for alias, _ in aliases])
    ids = dict(CountryAlias.objects.using(db).values_list("alias", "id"))
    Through = CountryAlias.countries.through
    Through.objects.using(db).bulk_create(
        [Through(countryalias_id=ids[alias], country_id=code) for alias, codes in aliases for code in codes]
    )


def unload(apps, schema_editor):
    Country = apps.get_model("geo", "Country")
    CountryAlias = apps.get_model("geo", "CountryAlias")
    Province = apps.get_model("geo", "Province")
    db = schema_editor.connection.alias

    CountryAlias.objects.using(db).filter(alias__in=[alias for alias, _ in reference.country_aliases()]).delete()
    Province.objects.using(db).filter(code__in=[row["code"] for row in reference.provinces()]).delete()
    Country.objects.using(db).filter(code__in=[row["code"] for row in reference.countries()]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("geo", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load, unload),
    ]
