"""Simulators of the other side of each connection, run as their own process on loopback
(`motcua simulate NAME --port P`) by the tests and the demo. None of them touches the
database: each keeps its state in memory, or in `--state FILE` to outlive a restart."""

from . import dvcqg, paygov, population, subscriber, vneid

SIMULATORS = {
    "dvcqg": dvcqg.NationalPortal,
    "paygov": paygov.PaymentPlatform,
    "population": population.PopulationDatabase,
    "subscriber": subscriber.Subscriber,
    "vneid": vneid.IdentityProvider,
}
