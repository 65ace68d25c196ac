"""An SMS provider for the worker tests: notes each (key, number, process) it takes in a
file named by MOTCUA_TEST_SMS_FILE, then, if MOTCUA_TEST_SMS_HANG is set, hangs as a
provider that took the message but never answered. With MOTCUA_TEST_SMS_MEET set to a
folder, a process's first send waits (at most a minute) until MOTCUA_TEST_SMS_MEET_COUNT
processes are each in the middle of a send, so that their claims surely overlap."""

import os
import time
from pathlib import Path

from motcua.notify.sms import SmsBackend

_met = False


def _meet(folder: Path, count: int) -> None:
    global _met
    if _met:
        return
    _met = True
    (folder / str(os.getpid())).touch()
    deadline = time.monotonic() + 60
    while len(list(folder.iterdir())) < count and time.monotonic() < deadline:
        time.sleep(0.05)


class RecordingBackend(SmsBackend):
    def send_text(self, to: str, text: str, *, key: str = "") -> None:
        if meet := os.environ.get("MOTCUA_TEST_SMS_MEET"):
            _meet(Path(meet), int(os.environ.get("MOTCUA_TEST_SMS_MEET_COUNT", "2")))
        with open(os.environ["MOTCUA_TEST_SMS_FILE"], "a") as file:
            file.write(f"{key} {to} {os.getpid()}\n")
        if os.environ.get("MOTCUA_TEST_SMS_HANG"):
            time.sleep(60)
