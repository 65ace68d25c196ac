"""Schemathesis over the whole API v1, the write endpoints included, with a real token.

Driven from a plain test (one Hypothesis run per operation) because the pytest plugin of
this schemathesis release does not load under pytest 9."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.config import SchemathesisConfig

from motcua.interop.clients import create_client
from motcua.wsgi import application

# A well-formed request may still name a procedure, agency or dossier that does not exist,
# or a day outside the calendar: the documented 400, 404, 409 and 422 answers are accepted.
CONFIG = {
    "checks": {
        "positive_data_acceptance": {
            "expected-statuses": ["2xx", "400", "401", "403", "404", "409", "422"]
        }
    }
}


@pytest.fixture
def wsgi_requests():
    """As Django's test client does: keep the test's database connection across requests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_api_keeps_its_contract(tree, online_procedure, wsgi_requests):
    token = create_client("fuzz", agency=tree["district"], scopes=["read", "write"])[1]
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json", application, config=SchemathesisConfig.from_dict(CONFIG)
    )
    failures = []
    tested = 0
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
        def check(case):
            case.call_and_validate(headers={"Authorization": f"Bearer {token}"})

        try:
            check()
        except (Exception, BaseExceptionGroup) as error:
            failures.append(f"{operation.label}: {error}")
        tested += 1
    assert tested >= 12
    assert failures == [], "\n\n".join(failures)
