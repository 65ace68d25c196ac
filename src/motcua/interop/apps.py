from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "motcua.interop"
    verbose_name = "Liên thông"

    def ready(self):
        from motcua.org.models import Agency
        from motcua.revisions.tokens import bump_on_change

        from . import receivers  # noqa: F401  (connects to dossiers.event_recorded)
        from .models import ApiClient, Subscription
        from .webhooks import SUBSCRIPTIONS

        bump_on_change(SUBSCRIPTIONS, Subscription, ApiClient, Agency)
