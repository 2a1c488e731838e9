"""Private files: names nobody can guess, and a download that no browser renders as a page of the site."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from repatria.core.private_files import check_private_root, random_name
from repatria.registry.models import Person


@pytest.mark.parametrize(
    ("name", "folder", "suffix"),
    [
        ("photos/face.JPG", "photos", ".jpg"),
        ("screening/bulk/旅客名单.xlsx", "screening/bulk", ".xlsx"),
        ("screening/bulk/list.tar.gz", "screening/bulk", ".gz"),
        ("photos/face", "photos", ""),
        ("photos/face.p<n>g", "photos", ""),
        ("photos/face.averyverylongextension", "photos", ""),
    ],
)
def test_a_stored_name_is_random_and_keeps_only_a_plain_extension(name, folder, suffix):
    first, second = random_name(name), random_name(name)
    assert first != second
    assert re.fullmatch(rf"{re.escape(folder)}/[A-Za-z0-9_-]{{32}}{re.escape(suffix)}", first), first


@pytest.mark.django_db
def test_a_file_that_is_not_the_image_its_name_says_is_a_download_of_no_type_a_browser_renders(officer_client, person):
    stored = default_storage.save("photos/face.png", ContentFile(b"<html><script>alert(1)</script></html>"))
    Person.objects.filter(pk=person.pk).update(photo=stored)
    response = officer_client.get(reverse("registry:person_photo", args=[person.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == f'attachment; filename="person-{person.pk}-photo.png"'
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_private_root_inside_the_static_files_is_refused_at_start(settings):
    assert check_private_root() == []
    settings.PRIVATE_ROOT = settings.STATICFILES_DIRS[0] / "uploads"
    assert [error.id for error in check_private_root()] == ["repatria.E001"]
