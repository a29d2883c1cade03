from django.contrib import admin

from habits.models import CatalogueItem


@admin.register(CatalogueItem)
class CatalogueItemAdmin(admin.ModelAdmin):
    list_display = ("key", "kind", "name_en", "name_zh", "active", "sort_order")
    list_filter = ("kind", "active")
    search_fields = ("key", "name_en", "name_zh")
