"""Importers that bring an old blog (Blogger, another Pelican site) into this project's layout.

A tool run once by the author, apart from the plugin: the build never imports it.
"""
