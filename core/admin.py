"""Admin pieces every app uses: who-did-it stamping and accent-insensitive search."""

from django.contrib import admin

from core.search import clean_query, filter_words, search_words


class StampedAdmin(admin.ModelAdmin):
    """Stamps `created_by` / `updated_by` (see `core.models.StampedModel`) on save."""

    def save_model(self, request, obj, form, change):
        if not change and hasattr(obj, "created_by_id"):
            obj.created_by = request.user
        if hasattr(obj, "updated_by_id"):
            obj.updated_by = request.user
        super().save_model(request, obj, form, change)


class FoldedSearchAdmin(admin.ModelAdmin):
    """Admin search that ignores accents and case: "tien tan" finds "Tiên Tân".

    The model keeps folded text in `folded_search_fields` (default `search_text`); every typed
    word must appear. `search_fields` must still be set for Django to show the search box.
    """

    folded_search_fields = ("search_text",)

    def get_search_results(self, request, queryset, search_term):
        words = search_words(clean_query(search_term))
        if not words:
            return queryset, False
        return filter_words(queryset, words, self.folded_search_fields), False
