"""Read: inputs → documents (``ingest``) → articles (the ``clean`` stage).

``html`` extracts the body of web pages (trafilatura + htmldate), ``text`` removes
boilerplate from plain text with a trained block classifier, ``pubdate`` finds
publication dates, ``langid`` the language.
"""
