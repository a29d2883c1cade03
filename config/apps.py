from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """The admin, on a site whose log-in is slowed like every other (config.admin_site)."""

    default_site = "config.admin_site.AdminSite"
