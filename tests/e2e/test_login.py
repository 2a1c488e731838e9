import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_signs_in_and_sees_the_dashboard(page, live_server, django_user_model):
    django_user_model.objects.create_user("officer", password="correct horse 9")
    page.goto("/")
    page.fill("#id_username", "officer")
    page.fill("#id_password", "correct horse 9")
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="工作台").wait_for()
    assert page.url == f"{live_server.url}/"
