from django.contrib import admin

from agenda.models import Event
from core.admin import StampedAdmin


@admin.register(Event)
class EventAdmin(StampedAdmin):
    list_display = ["date", "start_time", "title", "kind", "place", "status"]
    list_display_links = ["date", "title"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "place", "chaired_by", "participants"]
    date_hierarchy = "date"
    fields = [
        "title",
        "kind",
        "date",
        ("start_time", "end_time"),
        "place",
        "chaired_by",
        "participants",
        "description",
        ("status", "published_at"),
    ]
