"""Names, one at a time: folding and keys (Latin, Arabic, other scripts), matching and
scoring against a gazetteer, people's and organisations' names in parts, transliteration
and the house style of a name.

The public entry points are re-exported by `rasm` (match, match_many, name_key, suggest,
transliterate, schemes).
"""
