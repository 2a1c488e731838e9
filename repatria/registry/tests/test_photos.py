"""A person's photo: uploaded on the person's form, kept privately, replaced or cleared there."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from repatria.registry.models import Person


def photo(colour: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), colour).save(buffer, "JPEG")
    return SimpleUploadedFile("证件照.jpg", buffer.getvalue(), content_type="image/jpeg")


def edit(person: Person, **changes) -> dict:
    name = person.names.get()
    return {
        "sex": person.sex, "birth_date": person.birth_date, "expected_version": person.version,
        "names-TOTAL_FORMS": "1", "names-INITIAL_FORMS": "1", "names-MIN_NUM_FORMS": "1", "names-MAX_NUM_FORMS": "1000",
        "names-0-id": name.pk, "names-0-person": person.pk, "names-0-name": name.name, "names-0-kind": name.kind,
        **changes,
    }  # fmt: skip


def shown(client, person: Person) -> bytes:
    response = client.get(reverse("registry:person_photo", args=[person.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.mark.django_db
def test_a_photo_is_uploaded_replaced_and_cleared_on_the_persons_form(officer_client, settings):
    data = {
        "sex": "male", "names-TOTAL_FORMS": "1", "names-INITIAL_FORMS": "0", "names-MIN_NUM_FORMS": "1",
        "names-MAX_NUM_FORMS": "1000", "names-0-name": "陈某", "names-0-kind": "primary", "photo": photo("red"),
    }  # fmt: skip
    assert officer_client.post(reverse("registry:person_add"), data).status_code == 302
    person = Person.objects.get()
    first = person.photo.name
    assert first.startswith("photos/") and "证件照" not in first
    assert (settings.PRIVATE_ROOT / first).is_file()

    form = officer_client.get(reverse("registry:person_edit", args=[person.pk])).content.decode()
    assert "已存有文件" in form and 'name="photo-clear"' in form and first not in form

    replaced = photo("blue")
    response = officer_client.post(reverse("registry:person_edit", args=[person.pk]), edit(person, photo=replaced))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.photo.name != first
    replaced.seek(0)
    assert shown(officer_client, person) == replaced.read()

    response = officer_client.post(
        reverse("registry:person_edit", args=[person.pk]), edit(person, **{"photo-clear": "on"})
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.photo
    assert officer_client.get(reverse("registry:person_photo", args=[person.pk])).status_code == 404
