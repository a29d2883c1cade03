from django.contrib import admin

from habits.models import CatalogueItem, Tip


@admin.register(CatalogueItem)
class CatalogueItemAdmin(admin.ModelAdmin):
    list_display = ("key", "kind", "name_en", "name_zh", "active", "sort_order")
    list_filter = ("kind", "active")
    search_fields = ("key", "name_en", "name_zh")


@admin.register(Tip)
class TipAdmin(admin.ModelAdmin):
    list_display = ("key", "category", "title_en", "min_weeks", "max_weeks", "active")
    list_filter = ("category", "active")
    search_fields = ("key", "title_en", "title_zh")
