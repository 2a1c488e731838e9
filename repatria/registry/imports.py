# Placeholder until the import helper writes this module.
from django.views import View


class PersonImportView(View):
    pass
