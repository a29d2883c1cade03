"""The reminders API under /api/v1/: schedules, push subscriptions, the inbox, actions."""

from django.core import signing
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core import throttles
from core.api_schema import RequestBodyOnDeleteSchema
from reminders import delivery as deliveries
from reminders.messages import delivery_from_token
from reminders.models import PushSubscription, ReminderDelivery, ReminderSchedule
from reminders.push import check_endpoint, vapid_public_key
from reminders.schedules import send_test_reminder
from reminders.serializers import (
    InboxItemSerializer,
    PushEndpointSerializer,
    PushSubscriptionSerializer,
    ReminderActionSerializer,
    ReminderScheduleSerializer,
)
from reminders.server_key import current_key_id
from tracker.models import User


class OwnSchedulesMixin:
    serializer_class = ReminderScheduleSerializer

    def get_queryset(self):
        return ReminderSchedule.objects.filter(user=self.request.user)


class ReminderListView(OwnSchedulesMixin, generics.ListCreateAPIView):
    """Her reminder schedules; times are local to her profile's time zone."""

    pagination_class = None

    def perform_create(self, serializer) -> None:
        with transaction.atomic():
            if not ReminderSchedule.room_for_another(self.request.user):
                raise ValidationError({"reminders": [ReminderSchedule.too_many_message()]})
            schedule = serializer.save(user=self.request.user)
            schedule.reschedule(timezone.now())
            schedule.save(update_fields=["next_slot_at", "next_fire_at"])


class ReminderDetailView(OwnSchedulesMixin, generics.RetrieveUpdateDestroyAPIView):
    def update(self, request, *args, **kwargs):
        # Locked so that an edit waits for a tick that is writing this schedule's slot, and
        # the tick then sees the edited schedule.
        with transaction.atomic():
            return super().update(request, *args, **kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.method in ("PUT", "PATCH"):
            queryset = queryset.select_for_update()
        return queryset

    def perform_update(self, serializer) -> None:
        schedule = serializer.save()
        schedule.reschedule_after_edit(timezone.now())
        schedule.save(update_fields=["next_slot_at", "next_fire_at"])


class TestReminderView(APIView):
    @extend_schema(
        request=None,
        responses={202: inline_serializer("TestReminder", {"id": serializers.IntegerField()})},
    )
    def post(self, request):
        """Send a reminder now, on push if this account has a device, else by email."""
        delivery = send_test_reminder(request.user)
        return Response({"id": delivery.pk}, status=status.HTTP_202_ACCEPTED)


def keep_subscription(user: User, subscription: dict, user_agent: str) -> bool:
    """Store a browser's subscription for `user`; True if it is new to her.

    An endpoint is one browser, and a browser belongs to whoever subscribed on it last. When
    it moves to another account, the previous owner's row is deleted and a new one made, so
    nothing of hers (its id, its record of pushes that went through) carries over, and her
    reminders never come to this browser again: without another device, they go by email.
    """
    endpoint = subscription["endpoint"]
    keys = {
        "p256dh": subscription["keys"]["p256dh"],
        "auth": subscription["keys"]["auth"],
        "user_agent": user_agent[:300],
        # The page subscribed with the key GET answered: this server's (reminders.server_key).
        "vapid_key_id": current_key_id(),
    }
    with transaction.atomic():
        PushSubscription.objects.filter(endpoint=endpoint).exclude(user=user).delete()
        _row, created = PushSubscription.objects.update_or_create(
            endpoint=endpoint, user=user, defaults=keys
        )
    return created


class PushSubscriptionView(APIView):
    """This account's Web Push subscriptions, one per browser."""

    schema = RequestBodyOnDeleteSchema()

    @extend_schema(
        responses=inline_serializer(
            "PushStatus",
            {
                "vapid_public_key": serializers.CharField(),
                "subscriptions": serializers.IntegerField(),
            },
        )
    )
    def get(self, request):
        """The application server key for pushManager.subscribe(), and how many devices."""
        return Response(
            {
                "vapid_public_key": vapid_public_key(),
                "subscriptions": PushSubscription.objects.filter(user=request.user).count(),
            }
        )

    @extend_schema(request=PushSubscriptionSerializer, responses={201: None, 200: None})
    def post(self, request):
        """Keep a browser's subscription (PushSubscription.toJSON()). A browser's endpoint
        belongs to whoever subscribed last on it: 201 when it is new to this account."""
        serializer = PushSubscriptionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            check_endpoint(data["endpoint"])
        except DjangoValidationError as e:
            raise ValidationError({"endpoint": e.messages}) from e
        created = keep_subscription(request.user, data, request.headers.get("User-Agent", ""))
        return Response(status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(
        request=PushEndpointSerializer,
        responses={204: None, 404: OpenApiResponse(description="No device of hers has it")},
    )
    def delete(self, request):
        """Forget a browser's subscription, as when she turns notifications off or logs out.
        The body names it: `{"endpoint": ...}`."""
        serializer = PushEndpointSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        deleted, _details = PushSubscription.objects.filter(
            user=request.user, endpoint=serializer.validated_data["endpoint"]
        ).delete()
        if not deleted:
            raise NotFound(_("No such subscription."))
        return Response(status=status.HTTP_204_NO_CONTENT)


class InboxView(generics.ListAPIView):
    """Every reminder sent to her, newest first, with what became of it."""

    serializer_class = InboxItemSerializer

    def get_queryset(self):
        return ReminderDelivery.objects.filter(
            user=self.request.user, due_at__lte=timezone.now()
        ).select_related("tip")


class ReminderActionView(APIView):
    """What the notification reports: shown, opened, or snooze for 30 minutes.

    Called by the service worker, which has no session to offer: the signed token in the
    push message stands for that one reminder, and does nothing else.
    """

    authentication_classes = []
    permission_classes = [AllowAny]

    def get_throttles(self):
        return [throttles.NamedRateThrottle("reminder-action")]

    @extend_schema(
        request=ReminderActionSerializer,
        responses={
            204: None,
            403: OpenApiResponse(description="The token is not valid, or has expired"),
            404: OpenApiResponse(description="The reminder it stands for is gone"),
            429: OpenApiResponse(description="Too many actions from this address: wait a minute"),
        },
    )
    def post(self, request):
        serializer = ReminderActionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            delivery_id = delivery_from_token(serializer.validated_data["token"])
        except signing.BadSignature as e:
            # The token is this request's only credential: a bad one is a 403, not bad input.
            raise PermissionDenied({"token": [_("This link has expired.")]}) from e
        delivery = ReminderDelivery.objects.filter(pk=delivery_id).first()
        if delivery is None:
            raise NotFound()
        action = serializer.validated_data["action"]
        now = timezone.now()
        if action == "snooze":
            deliveries.snooze(delivery, now)
        else:
            field = f"{action}_at"
            ReminderDelivery.objects.filter(pk=delivery.pk, **{f"{field}__isnull": True}).update(
                **{field: now}
            )
        return Response(status=status.HTTP_204_NO_CONTENT)
