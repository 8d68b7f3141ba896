"""The stages, one subpackage per step of the flow, in the order the runner calls them.

Each stage declares its contract (``storyline/registry.py``); ``storyline/pipeline.py``
runs them. Records on the left, the code that makes the next one on the right::

    inputs
      │  read/ingest       files, directories, JSONL on stdin → documents
      ▼
    document
      │  read/clean        boilerplate out (html, text), date (pubdate), language (langid)
      ▼
    article
      │  annotate/         spaCy once: sentences, entities, and parses of the sentences that
      ▼                    may carry an event (candidates); where the time expressions are (timex)
    annotation
      │  resolve/          spans → actors and places: knowledge base, variants, roles, coreference
      ▼
    entities
      │  code/             events per sentence: lexicon → arguments → modality → confidence
      ▼                    (rules, tempered by the sentence-vector classifier)
    coded
      │  anchor            at the article's date: TIMEX3 values, role holders, event dates
      ▼                                         ▲
    times, resolution, event_mentions           │ an inferred article date: anchor alone
      │  corpus/dating   ───────────────────────┘ re-runs for it (up to three rounds)
      ▼
    corpus_dates
      │  corpus/link       one record per real-world event, each mention kept
      ▼
    events

Article stages (read/clean to anchor) are pure functions of one article's records; the
corpus stages read every article's. The timeline's text rendering is not a stage: it
lives with the CLI (``storyline/cli/timeline.py``).
"""
