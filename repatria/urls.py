from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from repatria.accounts import account_views
from repatria.dashboard import DashboardView
from repatria.search.views import SearchView

urlpatterns = [
    path("", DashboardView.as_view(), name="dashboard"),
    path("search/", SearchView.as_view(), name="search"),
    path("", include("repatria.registry.urls")),
    path("", include("repatria.cases.urls")),
    path("", include("repatria.assets.urls")),
    path("", include("repatria.attachments.urls")),
    path("", include("repatria.accounts.urls")),
    path("", include("repatria.audit.urls")),
    path("screening/", include("repatria.screening.urls")),
    path("stats/", include("repatria.stats.urls")),
    path("notifications/", include("repatria.notifications.urls")),
    path("work/", include("repatria.work.urls")),
    path("cooperation/", include("repatria.cooperation.urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("login/code/", account_views.otp_verify, name="otp_verify"),
    path("login/enrol/", account_views.otp_enrol, name="otp_enrol"),
    path("account/", account_views.account, name="account"),
    path("account/recovery-codes/", account_views.recovery_codes, name="recovery_codes"),
    path("account/recovery-codes/new/", account_views.regenerate_recovery_codes, name="regenerate_recovery_codes"),
    path("account/sign-out-everywhere/", account_views.sign_out_everywhere, name="sign_out_everywhere"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/", include("repatria.accounts.api.urls")),
    path("api/", include("repatria.registry.api.urls")),
    path("api/", include("repatria.cases.api.urls")),
    path("api/", include("repatria.assets.api.urls")),
    path("api/", include("repatria.screening.api.urls")),
    path("api/", include("repatria.screening.api.bulk_urls")),
    path("api/stats/", include("repatria.stats.api.urls")),
    path("api/", include("repatria.work.api.urls")),
    path("api/cooperation/", include("repatria.cooperation.api.urls")),
]
handler400 = "repatria.core.bodies.bad_request"  # 413 for a body past the limits, in the user's language
