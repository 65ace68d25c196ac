"""The store's tests use the office's logged-in clients and the portal's citizen."""

from office.conftest import client_for  # noqa: F401
from portal.conftest import _portal_settings, citizen, online_procedure, other_citizen  # noqa: F401
