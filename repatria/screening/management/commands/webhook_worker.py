"""`python -m repatria webhook-worker`: post the alerts' outcomes to the partners' webhooks, retrying with backoff.

Any number may run: each delivery due is leased to one worker at a time (repatria.screening.webhooks).
"""

import signal
import threading
import time

from django.core.management.base import BaseCommand, CommandParser

from repatria.screening import webhooks


class Command(BaseCommand):
    help = (
        "Deliver the alerts' outcomes to the partners' webhooks: the deliveries due now, then those that come due. "
        "A failed attempt is retried with exponential backoff. SIGTERM or Ctrl+C stops after the current batch."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="deliver what is due now, then exit")
        parser.add_argument("--sleep", type=float, default=2.0, help="seconds between looks when idle (default 2)")

    def handle(self, *args, once: bool, sleep: float, **options) -> None:
        self.stopping = False
        main = threading.current_thread() is threading.main_thread()  # signals reach the main thread only
        previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGTERM, signal.SIGINT)} if main else {}
        try:
            while not self.stopping:
                attempted = webhooks.deliver_due()
                if attempted:
                    self.stdout.write(f"webhook deliveries attempted: {attempted}")
                elif once:
                    return
                else:
                    time.sleep(sleep)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _stop(self, signum, frame) -> None:
        self.stopping = True
