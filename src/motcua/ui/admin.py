"""Admin helpers shared by every app."""

from motcua.text import words


class FoldedSearchMixin:
    """Admin search that also matches the folded name, so "dang ky" finds "Đăng ký"."""

    def get_search_results(self, request, queryset, search_term):
        results, duplicates = super().get_search_results(request, queryset, search_term)
        wanted = words(search_term)
        if wanted:
            matching = queryset
            for word in wanted:
                matching = matching.filter(name_folded__contains=word)
            results |= matching
        return results, duplicates
