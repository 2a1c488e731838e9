# Placeholder until the import helper writes this module.
from django.views import View


class CaseImportView(View):
    pass


class ReturnImportView(View):
    pass
