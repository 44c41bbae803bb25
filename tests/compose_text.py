"""Random newspaper-like text for the composer's property tests (hypothesis strategies)."""

from __future__ import annotations

from hypothesis import strategies as st

# Common characters, for words; not text from anywhere.
HAN = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子"
    "说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机"
    "当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心"
)

han_word = st.text(alphabet=HAN, min_size=1, max_size=6)
latin_word = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=9
)
number = st.one_of(
    st.integers(0, 99999).map(str),
    st.integers(1, 999).map(lambda n: f"{n},{n % 1000:03d}"),
    st.integers(0, 99).map(lambda n: f"{n}.5%"),
    st.just("0939-8211939"),
    st.integers(1, 40).map(lambda n: f"{n}℃"),
    st.integers(1, 9).map(lambda n: f"{n}‰"),
)
address = st.sampled_from(
    [
        "news@example.com",
        "li.ming@daily.example.cn",
        "https://www.example.org/news/2024/a.html",
        "www.example.cn",
    ]
)
signed = st.one_of(
    st.tuples(st.sampled_from("-−+＋"), st.integers(0, 99)).map(lambda t: f"{t[0]}{t[1]}"),
    st.tuples(st.integers(-20, 10), st.integers(11, 40)).map(lambda t: f"{t[0]}℃～{t[1]}℃"),
    st.tuples(st.integers(1, 50), st.integers(51, 99)).map(lambda t: f"{t[0]}%～{t[1]}%"),
)
# Harsher tokens: long words, abbreviations with dots, words with digits, punctuation clusters.
hard = st.one_of(
    st.sampled_from(["COVID-19", "U.S.", "e.g.", "interoperability", "Newsdesk", "iPhone15"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=10, max_size=18),
    st.sampled_from(["《。", "”。", "？！", "……”", "——“", "）。", "』，", "！？”", "。」"]),
)
# Tabs and zero-width characters copy carries (BOM, soft hyphen, ZWSP, ZWJ/ZWNJ, VS16, FF).
invisible = st.sampled_from(
    ["\t", "\ufeff", "\u00ad", "\u200b", "\u200d", "\u200c", "\ufe0f", "\x0c"]
)
latin_phrase = st.lists(latin_word, min_size=1, max_size=3).map(" ".join)
after_mark = st.sampled_from(
    list("，、。：；！？")
    + ["。”", "！”", "？”", "”，", "）、", "。）", "．", ",", ".", ";", ":", "?", "!"]
)
bracketed = st.tuples(
    st.sampled_from(
        [
            "“”",
            "‘’",
            "（）",
            "《》",
            "「」",
            "『』",
            "【】",
            "〔〕",
            "〖〗",
            "〈〉",
            "［］",
            "｛｝",
            "()",
            "[]",
            "{}",
        ]
    ),
    han_word,
).map(lambda t: t[0][0] + t[1] + t[0][1])
joiner = st.sampled_from(["——", "……", "⸺", "⋯⋯", "·", "・", "‧", "～", "–", "—"])

token = st.one_of(
    han_word,
    han_word,
    han_word,
    st.tuples(han_word, after_mark).map("".join),
    latin_phrase,
    number,
    address,
    bracketed,
    st.tuples(han_word, joiner, han_word).map("".join),
    st.tuples(han_word, signed).map("".join),
    hard,
    invisible,
)
paragraph = st.lists(token, min_size=1, max_size=25).map("".join)
paragraphs = st.lists(paragraph, min_size=1, max_size=4)
