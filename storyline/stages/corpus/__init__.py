"""Corpus stages: over every article's records, after the article stages.

``dating`` dates the articles that state no day from the events they share with dated
reports or known events (the runner re-anchors them, up to three rounds); ``link`` then
makes one record per real-world event from the mentions.
"""
