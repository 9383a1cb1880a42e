"""Readers in a real browser: Debian's Chromium, driven by Playwright, on the shipped site served locally."""
