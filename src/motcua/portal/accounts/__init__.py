"""Citizen accounts: registration verified by a one-time code, password reset, profile."""
