import pytest

from motcua.notify.sms import MemoryBackend


@pytest.fixture(autouse=True)
def _sms_in_memory(settings):
    settings.MOTCUA_SMS_BACKEND = "motcua.notify.sms.MemoryBackend"
    MemoryBackend.sent.clear()
    yield
    MemoryBackend.sent.clear()
