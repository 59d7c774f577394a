"""Localization settings: the languages and currencies the platform offers, each for a
period; listings' currencies and locale texts' languages are checked against them."""
