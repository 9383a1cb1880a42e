"""Previewing while writing: a local server whose pages reload themselves after each build, or show its problems."""
