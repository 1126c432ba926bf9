"""The rule engine: rule packs (YAML, :mod:`.loader`) run by a few generic kinds.

- ``phrase`` (:mod:`.phrase`): lemma patterns over candidate sentences
- ``rate`` (:mod:`.rate`): amounts of weight or size over a period, checked against safe limits
- ``claim`` (:mod:`.claims`): statistics and research appeals, checked for a citation in scope
- ``duplicate`` (:mod:`.duplicates`, :mod:`.duplicate_rules`): repeated sections and passages
- ``citation`` (:mod:`.citations`, :mod:`.citation_rules`): do the citations hold together

Sentence-level kinds share one loop (:mod:`.matching`) with a cheap pre-filter (:mod:`.prefilter`)
in front of spaCy; :mod:`.context` decides when a match is excused (a debunk, a quote, a negation).
"""
