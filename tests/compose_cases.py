"""Hand-made composition cases, one per rule, shared by the golden test and the review script.

Each case sets its paragraphs (body style, 小五 9/13.5 pt) at a measure in characters; the golden
file tests/golden/compose_<name>.txt is the debug dump of the result. Texts are written for these
tests (no copy from the corpus).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Case:
    name: str
    rule: str  # what the case shows, for the reviewer
    texts: list[str]
    chars: float = 13  # measure in body characters
    kinsoku: str = "gb"
    indent: float = 2.0
    spans: list = field(default_factory=list)


CASES = [
    Case(
        "start_push_in",
        "避头尾/先挤进：第一行排满十一字后逗号不能居行首，挤压行内标点把逗号留在行尾",
        ["今天、我们在城市里乡村，都看见了变化，大家都很高兴啊。"],
    ),
    Case(
        "start_push_out",
        "避头尾/后推出：行内没有可挤压的标点时，把行末一字推到下一行，本行拉开",
        ["这里没有任何标点的句子，然后逗号来了，大家都看见了变化。"],
    ),
    Case(
        "end_forbidden",
        "行尾禁则：开引号、开括号不留在行尾，移到下一行行首（行首开括号去掉空白半边）",
        ["第一行的文字排到这里“引号中的话”和（括号里的话）以及《书名》等。"],
    ),
    Case(
        "units",
        "不可分：——、……、英文单词、数字 1,234、3.5%、0939-8211939、电子邮箱不拆开",
        [
            "他说——这是真的……我们的营业收入达到1,234万元，同比增长3.5%，电话0939-8211939，"
            "邮箱news@example.com，欢迎来信Newsdesk团队。"
        ],
    ),
    Case(
        "long_url",
        "超过栏宽的网址作为最后手段在 / . 之后断开，不越过栏右边",
        ["详见网站https://www.example.org/news/2024/04/report-on-community-work.html。"],
    ),
    Case(
        "compression",
        "标点挤压：相邻标点合占一字半（。” ：“ ）、），行首开括号去空白，行尾标点收为半字",
        ["他说：“今天的会议很重要。”会上讨论了三件事（住房）、（就业）、（教育），大家都同意。"],
    ),
    Case(
        "cjk_latin",
        "中西文间距：汉字与字母、数字之间四分之一字，行首行尾和标点旁不加",
        ["用5年左右时间，建成100个社区服务中心和50家iPhone维修点，GDP增长5%。"],
    ),
    Case(
        "latin_spaces",
        "西文词间空格先伸缩，中文行两端对齐",
        ["报道引用了一句英文：The quick brown fox jumps over the lazy dog again and again。"],
    ),
    Case(
        "widow",
        "段末行不能只有一个字或一字加标点：从上一行拉下一个字",
        ["这一段文字的长度正好让最后一行只剩下一个字和一个字。"],
    ),
    Case(
        "indent_one",
        "首行缩进一字（窄栏选项）",
        ["首行缩进一字的段落，用于窄栏。第二行从栏左边开始。"],
        chars=9,
        indent=1.0,
    ),
    Case(
        "kinsoku_strict",
        "strict 级别：破折号、省略号也不居行首",
        ["这一行的文字恰好排到这——下一行开始的内容是这样的……好的。"],
        kinsoku="strict",
    ),
    Case(
        "kinsoku_gb_dash",
        "gb 级别（默认）：破折号可以居行首（与 strict 对照）",
        ["这一行的文字恰好排到这——下一行开始的内容是这样的……好的。"],
    ),
    Case(
        "kinsoku_gb_dot",
        "gb 级别：间隔号不居行首（与 basic 对照）",
        ["这一行文字排到这里约翰·史密斯先生来自伦敦～北京航线。"],
    ),
    Case(
        "kinsoku_basic",
        "basic 级别：间隔号、波浪号可以居行首（与上一例对照）",
        ["这一行文字排到这里约翰·史密斯先生来自伦敦～北京航线。"],
        kinsoku="basic",
    ),
    Case(
        "missing_glyph",
        "缺字：没有任何字体含有的字符占一字宽并报告位置（红框）",
        ["这里有一个缺字\U0010fffd在句子中间，版面不因此移动。"],
    ),
]
