"""Checks of the built output, run by `invoke check-*` and by the tests."""
