from django.shortcuts import redirect
from django.views.generic import TemplateView

from repatria.core.views import OfficerRequiredMixin

from . import finders

# Longer text is no name nor number anyone types.
QUERY_MAX_LENGTH = 200


class SearchView(OfficerRequiredMixin, TemplateView):
    """The search box's page: one record found by its number opens it; otherwise the hits, each saying why."""

    template_name = "search.html"

    def get(self, request, *args, **kwargs):
        query = request.GET.get("q", "")[:QUERY_MAX_LENGTH].strip()
        hits = finders.find(request.user, query)
        if len(hits) == 1 and hits[0].by_number:
            return redirect(hits[0].record.get_absolute_url())
        return self.render_to_response(self.get_context_data(query=query, hits=hits))
