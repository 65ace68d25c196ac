"""The national public-service portal (Cổng DVCQG): placeholder until its adapter lands."""


def push(message) -> None:
    raise NotImplementedError
