"""The examples in the docstrings of the pure modules are true."""

import doctest

import pytest

from motcua.workdays import engine, inputs, official, reference


@pytest.mark.parametrize("module", [engine, inputs, official, reference], ids=lambda m: m.__name__)
def test_docstring_examples_hold(module):
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
