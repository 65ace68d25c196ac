import signal
import threading

from django.core.management.base import BaseCommand

from motcua.notify.worker import run, run_once


class Command(BaseCommand):
    help = "Gửi thư điện tử và SMS trong hàng đợi; thử lại khi lỗi. Ctrl-C để dừng."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Gửi những tin đến hạn một lần rồi thoát."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=5.0,
            help="Số giây nghỉ giữa hai lần kiểm tra hàng đợi (mặc định 5).",
        )

    def handle(self, *args, once=False, interval=5.0, **options):
        if once:
            tried = run_once()
            self.stdout.write(f"Đã xử lý {tried} tin.")
            return
        stop = threading.Event()
        # The message being sent finishes and is recorded; then the loop ends.
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        self.stdout.write(f"Worker đang chạy (kiểm tra mỗi {interval:g} giây). Ctrl-C để dừng.")
        run(stop, interval)
        self.stdout.write("Worker đã dừng.")
