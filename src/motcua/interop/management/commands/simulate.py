from django.core.management.base import BaseCommand

from motcua.interop.simulators import SIMULATORS
from motcua.interop.simulators.base import serve


class Command(BaseCommand):
    help = "Chạy bộ mô phỏng một hệ thống bên ngoài trên 127.0.0.1 (cho kiểm thử và bản demo)."
    requires_system_checks = []

    def add_arguments(self, parser):
        names = parser.add_subparsers(dest="name", required=True)
        for name, simulator in SIMULATORS.items():
            sub = names.add_parser(name, help=(simulator.__doc__ or "").split("\n")[0])
            sub.add_argument("--port", type=int, required=True)
            sub.add_argument("--state", default="", help="tệp giữ trạng thái qua các lần chạy")
            simulator.add_arguments(sub)

    def handle(self, *args, name, port, state, **options):
        wanted = {key: options[key] for key in options if key not in self._base_options()}
        simulator = SIMULATORS[name](state=state, **wanted)
        server = serve(simulator, port)
        self.stdout.write(f"Mô phỏng {name} tại http://127.0.0.1:{port}/ (Ctrl-C để dừng)")
        self.stdout.flush()
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()

    @staticmethod
    def _base_options() -> set[str]:
        return {
            "verbosity",
            "settings",
            "pythonpath",
            "traceback",
            "no_color",
            "force_color",
            "skip_checks",
        }
