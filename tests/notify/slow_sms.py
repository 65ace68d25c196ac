"""An SMS provider for the fault test: notes each (key, number) it takes in a file named by
MOTCUA_TEST_SMS_FILE, then, if MOTCUA_TEST_SMS_HANG is set, hangs as a provider that took
the message but never answered."""

import os
import time

from motcua.notify.sms import SmsBackend


class RecordingBackend(SmsBackend):
    def send_text(self, to: str, text: str, *, key: str = "") -> None:
        with open(os.environ["MOTCUA_TEST_SMS_FILE"], "a") as file:
            file.write(f"{key} {to}\n")
        if os.environ.get("MOTCUA_TEST_SMS_HANG"):
            time.sleep(60)
