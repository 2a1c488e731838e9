import pytest

# serialized_rollback: a test after one that used it finds the reference rows (content types) restored.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_officer_signs_in_and_sees_the_dashboard(page, live_server, django_user_model, sign_in):
    officer = django_user_model.objects.create_user("officer", password="correct horse 9")
    page.goto("/")
    sign_in(officer, "correct horse 9")
    page.get_by_role("heading", name="工作台").wait_for()
    assert page.url == f"{live_server.url}/"
