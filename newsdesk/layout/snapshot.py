"""A model object's field values as a hashable, immutable tuple: the engine's fingerprint unit.

The engine compares fingerprints at every layout (every keystroke) to find what changed, so they
must be cheap and must never share mutable state with the model: a tuple of the object's field
values is both when every value is immutable -- strings, numbers, bools, None, tuples of those (a
Block, a Grid, a ParagraphStyle, HeadSettings as they are). hash() tells that in C: the model's
mutable values (lists, dicts, non-frozen dataclasses) are unhashable, so anything else (a list
someone assigned to a field, a nested object) falls back to repr(), slow but a true snapshot.
The class is part of the tuple, so objects of different classes never compare equal.
"""

from __future__ import annotations


def snapshot(obj) -> tuple:
    values = tuple(obj.__dict__.values())
    try:
        hash(values)
    except TypeError:
        return (type(obj), repr(obj))
    return (type(obj), values)
