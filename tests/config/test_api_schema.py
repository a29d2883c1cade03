import pytest
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db

# What a doctor asks about the day.
DOCTOR_FIELDS = ("medicines", "sleep_hours", "sleep_quality", "pain_interference")


@pytest.fixture
def schema(client) -> dict:
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_the_openapi_schema_documents_the_contract(schema):
    paths = schema["paths"]
    for path in (
        "/api/v1/auth/token/",
        "/api/v1/days/",
        "/api/v1/days/{date}/",
        "/api/v1/catalogue/",
        "/api/v1/me/",
    ):
        assert path in paths
    assert {"get", "put", "delete"} <= set(paths["/api/v1/days/{date}/"])


def test_the_schema_documents_the_reminders_api(schema):
    paths = schema["paths"]
    methods = {
        "/api/v1/reminders/": {"get", "post"},
        "/api/v1/reminders/{id}/": {"get", "put", "patch", "delete"},
        "/api/v1/reminders/test/": {"post"},
        "/api/v1/push-subscriptions/": {"get", "post", "delete"},
        "/api/v1/inbox/": {"get"},
        "/api/v1/inbox/actions/": {"post"},
    }
    for path, expected in methods.items():
        assert path in paths, path
        assert expected <= set(paths[path]), (path, set(paths[path]))


def request_fields(schema: dict, operation: dict) -> set[str]:
    body = operation["requestBody"]
    ref = body["content"]["application/json"]["schema"]["$ref"]
    component = schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    return set(component["properties"])


def test_the_schema_documents_the_body_of_removing_a_push_subscription(schema):
    push = schema["paths"]["/api/v1/push-subscriptions/"]
    assert request_fields(schema, push["post"]) == {"endpoint", "keys", "expirationTime"}
    # drf-spectacular leaves DELETE bodies out unless told: the endpoint names the browser.
    delete = push["delete"]
    assert delete["requestBody"]["required"] is True
    assert request_fields(schema, delete) == {"endpoint"}
    assert set(delete["responses"]) == {"204", "400", "401", "403", "404", "413", "415"}


def test_the_schema_is_valid_openapi(schema):
    validate_schema(schema)


def test_the_docs_page_uses_no_cdn(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn." not in html and "//unpkg" not in html
    assert "/static/drf_spectacular_sidecar/" in html


def test_the_schema_documents_the_doctor_fields(api):
    schema = api.get("/api/v1/schema/?format=json").json()["components"]["schemas"]
    day = schema["Day"]["properties"]
    for field in DOCTOR_FIELDS:
        assert day[field].get("description"), field
    assert day["sleep_hours"]["multipleOf"] == 0.5 and day["sleep_hours"]["maximum"] == 14
    assert schema["Medicine"]["properties"]["dose_mg"]["maximum"] == 4000
    assert "leg_symptoms" in schema["PainRating"]["properties"]
