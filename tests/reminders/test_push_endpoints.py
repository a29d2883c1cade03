"""Which push endpoints and keys are accepted: the server POSTs to an endpoint, and encrypts
to the keys, of any subscription it keeps."""

import pytest
import yarl
from django.core.exceptions import ValidationError

from reminders.models import PushSubscription
from reminders.push import check_endpoint

pytestmark = pytest.mark.django_db

P256DH = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"
AUTH = "tBHItJI5svbpez7KI4CCXg"
URL = "/api/v1/push-subscriptions/"
# The same form, with one coordinate changed: not a point of P-256.
OFF_THE_CURVE = P256DH[:60] + ("A" if P256DH[60] != "A" else "B") + P256DH[61:]


@pytest.fixture(autouse=True)
def no_loopback(settings):
    settings.PUSH_ALLOW_LOOPBACK = False


ACCEPTED = [
    "https://fcm.googleapis.com/fcm/send/dXp8:APA91bH-x_y0z",
    "https://fcm.googleapis.com:443/fcm/send/abc",
    "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABh",
    "https://web.push.apple.com/QGuQyavXutnMH",
    "https://wns2-by3p.notify.windows.com/w/?token=BQYAAAB%2bcd",
]


@pytest.mark.parametrize("endpoint", ACCEPTED)
def test_push_service_endpoints_are_accepted_as_the_sender_reads_them(endpoint):
    checked = check_endpoint(endpoint)
    # aiohttp sends to this URL; its parser (yarl) reads the host that was checked.
    assert checked.url == yarl.URL(endpoint, encoded=True)
    assert (checked.url.host, checked.url.port) == (checked.host, 443)
    assert str(checked.url) == endpoint.replace(":443", "")
    assert checked.audience == f"https://{checked.host}"


REFUSED = [
    "https://127.0.0.1\\@fcm.googleapis.com/x",  # urllib3 and yarl read 127.0.0.1 or refuse
    "https://127.0.0.1:9443\\@fcm.googleapis.com/x",
    "https://user@fcm.googleapis.com/x",  # user info
    "https://fcm.googleapis.com@127.0.0.1/x",
    "https://fcm.googleapis.com:6379/x",  # another port of an allowed host
    "https://x.push.apple.com:22/x",
    "https://fcm.googleapis.com\\x",
    "https://fcm.googleapis.com/x#fragment",
    "https://[::1]/x",
    "https://fcm.googleapis.com/x y",
    "https://fcm.googleapis.com",  # no path
    "HTTPS://fcm.googleapis.com/x",
    "https://fcm.googleapis.com.evil.example/x",
    "https://169.254.169.254/latest/meta-data",
    "http://fcm.googleapis.com/fcm/send/abc",
    "file:///etc/passwd",
]


@pytest.mark.parametrize("endpoint", REFUSED)
def test_endpoints_that_could_be_read_two_ways_or_lead_elsewhere_are_refused(endpoint, api):
    with pytest.raises(ValidationError):
        check_endpoint(endpoint)
    body = {"endpoint": endpoint, "keys": {"p256dh": P256DH, "auth": AUTH}}
    response = api.post(URL, body, format="json")
    assert response.status_code == 400 and "endpoint" in response.json()
    assert not PushSubscription.objects.exists()


@pytest.mark.parametrize(
    "keys, wrong",
    [
        ({"p256dh": "AAAA", "auth": AUTH}, "p256dh"),
        ({"p256dh": P256DH[:-4], "auth": AUTH}, "p256dh"),  # 62 bytes
        ({"p256dh": OFF_THE_CURVE, "auth": AUTH}, "p256dh"),
        ({"p256dh": P256DH.replace("_", "/"), "auth": AUTH}, "p256dh"),  # not base64url
        ({"p256dh": P256DH, "auth": "AAAA"}, "auth"),
        ({"p256dh": P256DH, "auth": AUTH + "AA"}, "auth"),
        ({"p256dh": P256DH, "auth": "not base64 at all!"}, "auth"),
    ],
)
def test_keys_no_message_could_be_encrypted_to_are_refused(api, keys, wrong):
    body = {"endpoint": ACCEPTED[0], "keys": keys}
    response = api.post(URL, body, format="json")
    assert response.status_code == 400
    assert list(response.json()["keys"]) == [wrong]
    assert not PushSubscription.objects.exists()


def test_good_keys_are_accepted(api):
    body = {"endpoint": ACCEPTED[0], "keys": {"p256dh": P256DH, "auth": AUTH}}
    assert api.post(URL, body, format="json").status_code == 201
