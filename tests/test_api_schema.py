import pytest

pytestmark = pytest.mark.django_db


def test_the_openapi_schema_documents_the_contract(client):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/auth/token/",
        "/api/v1/days/",
        "/api/v1/days/{date}/",
        "/api/v1/catalogue/",
        "/api/v1/me/",
    ):
        assert path in paths
    assert {"get", "put", "delete"} <= set(paths["/api/v1/days/{date}/"])


def test_the_docs_page_uses_no_cdn(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn." not in html and "//unpkg" not in html
    assert "/static/drf_spectacular_sidecar/" in html
