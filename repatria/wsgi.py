import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "repatria.settings")
application = get_wsgi_application()

# The web process only (each gunicorn worker loads this module after its fork): the first search finds the index built.
from repatria.core import warmup  # noqa: E402 (once the apps are ready)

warmup.start()
