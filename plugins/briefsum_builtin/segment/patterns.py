"""What Chinese newspaper conventions look like: datelines, bylines, credits, furniture, list markers.

These are general conventions of the genre (GB/T style of Xinhua and provincial papers), not
phrases of any particular page. Every pattern works on one stripped line or on clean text.
"""

from __future__ import annotations

import re

_DIGITS = "0-9０-９"
_NUMERAL = f"[{_DIGITS}一二三四五六七八九十〇零]"
_NAME = r"[\u4e00-\u9fff·]{2,4}"

#: Characters that end a sentence.
SENTENCE_END = "。！？!?"
#: Closing quotes and brackets that may follow the end of a sentence (``。”``).
CLOSERS = "”’」』）)》〉】\"'"

#: A dateline that opens an article, with its agency or paper:
#: 本报讯, 本报3月29日讯, 本报北京1月5日电, 新华社北京1月5日电, 据新华社东京1月4日电, 中新社…电.
DATELINE = re.compile(
    rf"^(?:据)?(?:本报|新华社|中新社|人民日报|经济日报|光明日报|新华网|中新网)"
    rf"(?:驻[\u4e00-\u9fff]{{1,6}}记者)?"
    rf"(?:[\u4e00-\u9fff（）()]{{0,12}}?\s*(?:{_NUMERAL}{{1,2}}\s*月\s*)?{_NUMERAL}{{1,3}}\s*日)?"
    rf"\s*(?:讯|电)"
)
#: The first part of a dateline that a wrap cut before its 讯 or 电 (本报通化8月18日 / 电（记者X）…).
DATELINE_START = re.compile(
    rf"^(?:据)?(?:本报|新华社|中新社|人民日报|经济日报|光明日报)(?:驻[\u4e00-\u9fff]{{1,6}}记者)?"
    rf"[\u4e00-\u9fff（）()]{{0,12}}?\s*(?:{_NUMERAL}{{1,2}}\s*月\s*)?(?:{_NUMERAL}{{1,3}}\s*日?)?\s*$"
)
#: Reporters in brackets right after a dateline: （记者于小博）, （记者X 通讯员Y）, （记者X、Y）.
BRACKETED_REPORTERS = re.compile(r"^\s*[（(]\s*(?:[^（）()]{0,6}?记者|通讯员|特约记者)[^（）()]{1,40}[）)]")
#: Reporters after a dateline without brackets: 记者施明慎报道：, 新华社记者X、本报记者Y报道：
REPORTED_BY = re.compile(r"^\s*(?:[^，。：:]{0,12}?记者[^，。：:]{1,30}?报道|[^，。：:]{0,8}?电)\s*[：:]")
#: A line that is only reporters or authors: 本报记者 崔维利 高鸿, 新华社记者 X, 本报驻X记者 Y, 本报评论员.
#: Without an agency prefix, a space must follow 记者 (记者看到… is body text).
_NAMES = rf"(?:{_NAME}(?:[\s、，,]+{_NAME})+|[\u4e00-\u9fff·]{{2,9}})"
_AGENCY = r"(?:本报|新华社|中新社|人民日报)(?:驻[\u4e00-\u9fff]{1,8})?(?:特约|实习)?"
REPORTERS_LINE = re.compile(
    rf"^(?:{_AGENCY}(?:记者|通讯员)\s*{_NAMES}|(?:记者|通讯员)\s+{_NAMES})"
    rf"(?:[\s、，,]+(?:{_AGENCY})?(?:记者|通讯员)\s*{_NAMES})*$"
    rf"|^(?:本报|新华社)(?:特约)?评论员$"
)
#: A photo credit: 本报记者 张野 摄, 新华社记者X摄, （新华社记者陶明摄）, 张野 摄, X 供图, 新华社发.
CREDIT_LINE = re.compile(
    r"^(?:[（(][^（）()。！？]{1,24}?(?:摄|摄影|供图|制图|新华社发|新华社稿|摄影报道|摄于[^（）()]{1,8})[）)](?:[（(][^（）()]{0,12}[）)])?"
    rf"|{_AGENCY}(?:记者|通讯员)\s*{_NAMES}\s*(?:摄|摄影|供图)"
    r"|[^。！？，；\s]{1,20}(?:\s+[^。！？，；\s]{1,12})*\s+(?:摄|摄影|供图|制图)"
    r"|新华社发(?:\s*\S{0,12})?)$"
)
#: The same at the end of a caption's text: …支架。（新华社记者陶明摄）
TRAILING_CREDIT = re.compile(
    r"[（(][^（）()。]{1,24}?(?:摄|摄影|供图|新华社发|摄影报道|摄于[^（）()]{1,8})[）)](?:[（(][^（）()。]{1,12}[）)])?\s*$"
)
#: A paragraph ending in a bracketed note after its last sentence (。（本报记者X）, 。（均据新华社）) or in
#: the end of a wrapped photo credit (…成摄）（传真照片）).
TRAILING_NOTE = re.compile(
    r"(?:[。！？][”’]?[（(][^（）()]{1,24}|(?:摄|摄影|供图|新华社发|摄影报道|电|讯))[）)](?:[（(][^（）()]{0,12}[）)])?$"
)
#: A line that is only a bracketed note: a signature or source after an article (（碧泉）, （据新华社电）,
#: （本报斯德哥尔摩1月24日电）).
NOTE_LINE = re.compile(r"^[（(][^（）()]{1,24}[）)]$")
#: A bracketed note that signs or sources an article and so ends it: the writers' names (（马丹妮）,
#: （陈宗安卢晶）) or a source (（本报罗马1月11日电）, （据新华社电）); not a photo marker (（A、B）) or a
#: reference (（见表3）).
SIGNATURE = re.compile(
    r"[（(](?:[\u4e00-\u9fff·]{2,8}|[^（）()]{0,16}(?:电|讯|新华社|新华社稿|据新华社|供稿|来稿))[）)]$"
)
#: The signature of an editor's note or a letter, after a dash (———编者, …版收。——编者): it closes
#: the text before it and is never a headline or a subtitle.
EDITOR_SIGNATURE = re.compile(r"(?:—{2,}|－{2,}|-{2,})\s*(?:编者|编辑部|作者|译者)$")
#: Common Chinese surnames (single and compound), for telling an author line (李琨, 陶立华王力) from a
#: short headline (过年, 利率).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
    "莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅"
    "童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项"
    "连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米杭桂屠阎闵晋虞习钮祖茅邬尉薄栾隋刁鞠帅巫池冀郁贝伏储邰权"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "慕容", "令狐", "司徒", "夏侯")


def is_name_line(text: str) -> bool:
    """Whether ``text`` is nothing but one to four personal names (an author line: 李琨, 陶立华王力)."""
    names = text.split()
    if not names or len(names) > 4:
        return False
    return all(_split_names(name) for name in names)


def _split_names(text: str) -> bool:
    """Whether ``text`` reads as one to three names run together, each starting with a surname."""
    if not 2 <= len(text) <= 9 or not all("\u4e00" <= char <= "\u9fff" for char in text):
        return False
    return _names(text, 3)


def _names(text: str, budget: int) -> bool:
    if not text:
        return True
    if budget == 0:
        return False
    starts = [2] if text[:2] in COMPOUND_SURNAMES else []
    starts += [1] if text[0] in SURNAMES else []
    for surname in starts:
        for given in (1, 2):
            end = surname + given
            if end <= len(text) and _names(text[end:], budget - 1):
                return True
    return False


#: How an author's affiliation or office ends, when it is printed before the name (中国人民银行行长戴相龙,
#: 国家信息中心毛明轩, 邯郸市第二教育学院崔河).
_AFFILIATION_END = re.compile(
    r"(?:院|所|中心|大学|学院|学校|委员会|委|局|部|厅|署|办|处|室|站|社|报|台|协会|学会|研究会|公司|集团|银行|厂|馆"
    r"|课题组|编辑部|书记|主任|部长|局长|厅长|署长|处长|行长|市长|省长|县长|区长|经理|教授|研究员|编辑|主席|总裁|董事长"
    r"|主编|校长|院长|所长|秘书长|委员|代表|会长|理事长|总经理|总监|专家|学者|大使|参赞|领事)$"
)
#: An affiliation before an author's name is at most this long.
MAX_AFFILIATION_CHARS = 24
#: A name followed by the author's affiliation in brackets: 张卫平（国际管理集团中国部高级经理）.
_NAME_THEN_AFFILIATION = re.compile(r"^([\u4e00-\u9fff·]{2,4})\s*[（(][^（）()]{2,30}[）)]$")


def is_author_line(text: str) -> bool:
    """Whether ``text`` signs an article: names alone, or an author with affiliation or office.

    ``李琨``, ``陶立华王力``, ``中国人民银行行长戴相龙``, ``国家信息中心毛明轩``,
    ``张卫平（国际管理集团中国部高级经理）``; not a headline such as ``房改：亮点不少``.
    """
    text = text.strip()
    if is_name_line(text):
        return True
    bracketed = _NAME_THEN_AFFILIATION.match(text)
    if bracketed:
        return _split_names(bracketed.group(1))
    compact = "".join(text.split())
    for size in (2, 3, 4):
        affiliation, name = compact[:-size], compact[-size:]
        if (
            2 <= len(affiliation) <= MAX_AFFILIATION_CHARS
            and _names(name, 1)
            and all("\u4e00" <= char <= "\u9fff" for char in name)
            and _AFFILIATION_END.search(affiliation)
        ):
            return True
    return False


#: Words that mark a photo caption: 图为…, 图片为…, 右图/左图….
CAPTION_CUE = re.compile(r"(?:^|[。；，\s])(?:图为|图片为|上图|下图|左图|右图|图中)")
#: Page furniture: mastheads, page numbers, edition and editor lines, serial numbers, URLs.
FURNITURE = re.compile(
    r"^(?:"
    rf"第\s*{_NUMERAL}{{1,3}}\s*版(?:\s*\S{{0,8}})?"
    r"|(?:责任|本版)?编辑\s*[：:].{0,30}"
    r"|(?:美编|校对|版式|责编|制版|排版)\s*[：:].{0,20}"
    rf"|[A-Za-z]?\s*[{_DIGITS}]{{1,3}}"
    r"|\S{0,8}(?:国内统一(?:连续出版物号|刊号)|邮发代号|CN\s*[0-9０-９]{2}\s*[-－]\s*[0-9０-９]{4}).{0,40}"
    r"|(?:https?://|www\.)\S+"
    r"|[A-Z][A-Z .]{4,}"
    rf"|\S{{2,10}}(?:日报|晚报|时报|报)\s*[{_DIGITS}]{{4}}\s*年.{{0,24}}"
    rf"|[{_DIGITS}]{{4}}\s*年\s*[{_DIGITS}]{{1,2}}\s*月\s*[{_DIGITS}]{{1,2}}\s*日\s*(?:星期|周)[一二三四五六日天].{{0,20}}"
    r"|\S{0,10}(?:新闻|广告|发行)热线.{0,30}"
    r"|(?:要闻|综合|经济|国内新闻|国际新闻|国际|地方新闻|时政|社会|文化|体育|理论|评论|副刊|视点|民生|财经|法治|科教|专版)"
    r"(?:\s*[·|｜]\s*\S{0,6})?"
    r")$"
)
#: A list marker at the start of a line or sentence: 一、 （一） 1. 1、 （1） ① ● 一是 第一，
LIST_MARKER = re.compile(
    rf"^(?:{_NUMERAL}{{1,3}}\s*(?:、|[.．](?![0-9０-９]))|[（(]\s*{_NUMERAL}{{1,3}}\s*[）)]|[①-⑳]|[●■◆▲★]"
    rf"|[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、]|图\s*[①-⑳0-9０-９]|{_NUMERAL}{{1,2}}\s*[：:]"
    r"|[\u4e00-\u9fff]{1,4}之[一二三四五六七八九十]+[：:，,])"
)
#: Characters of figures in tables: digits, decimal and thousands marks, signs, units.
TABLE_CHARS = frozenset("0123456789０１２３４５６７８９.．·%％‰-－+＋/／:：×")
#: A line above a headline that introduces it: ends with a speech verb or a colon (…调研时强调).
LEAD_IN_END = re.compile(r"(?:强调|指出|要求|表示|提出|寄语|说|称|批示|致信|讲话|发言|宣布|认为|[：:])$")
#: Openings that continue the text before them rather than start a new article.
CONTINUATION_OPENING = re.compile(
    r"^(?:会议|会上|会前|会后|他|她|他们|她们|我们|此外|同时|另外|其中|据了解|据介绍|据悉|据统计|目前|但|而|并|还|"
    r"对此|为此|因此|所以|随后|此前|与此同时|在此|这|那|该|其|一是|二是|三是|四是|五是|首先|其次|最后|另一方面)"
)
#: Openings with which a news report starts: a time (近日, 日前, 1月5日上午…), the reporter's source
#: (记者从…获悉) or a source (据…报道).
NEWS_OPENING = re.compile(
    rf"^(?:近日|日前|最近|近期|昨天|昨日|今天|今日|前天|前不久|不久前|新年伊始|岁末年初|年初|年末"
    rf"|记者(?:从|在|日前|近日|昨天|今天|获悉|了解到)|据[^，。；]{{1,24}}(?:报道|消息|统计|透露|悉)"
    rf"|(?:{_NUMERAL}{{1,4}}\s*年\s*)?(?:{_NUMERAL}{{1,2}}\s*月\s*)?{_NUMERAL}{{1,3}}\s*日(?:[，,]|上午|下午|晚|中午|凌晨|早|起|至|—|－))"
)
#: A day named early in a sentence, as a news lead names when things happened (十日下午, 1月9日, 昨天).
LEAD_DAY = re.compile(rf"(?:{_NUMERAL}{{1,2}}\s*月\s*)?{_NUMERAL}{{1,3}}\s*日|昨天|今天|前天|昨日|今日|日前|近日")
#: Characters of a paragraph's opening searched for :data:`LEAD_DAY`.
LEAD_DAY_CHARS = 24
#: A dash-introduced subtitle: ——四平市深入贯彻落实全国两会精神 (a clause, not running text: no
#: sentence or clause punctuation, which a line of body text opening with a dash would show).
SUBTITLE_DASH = re.compile(r"^(?:—{2,3}|－{2}|-{2,})\s*[^—－\-\s][^。！？!?，,；;]*$")
#: Two or more characters each followed by whitespace: a letter-spaced headline (我 省 对 俄).
LETTER_SPACED = re.compile(r"^(?:\S[ \t\u3000]+){2,}\S$")


def dateline_length(text: str) -> int:
    """Length of the dateline and bracketed reporters that open ``text`` (0 if none).

    ``本报讯（记者陶连飞）近年来`` -> 10; ``新华社北京1月5日电（记者X）…`` -> up to ``）``;
    ``本报北京１月４日讯记者施明慎报道：…`` -> up to ``：``.
    """
    match = DATELINE.match(text)
    if match is None:
        return 0
    end = match.end()
    rest = text[end:]
    reporters = BRACKETED_REPORTERS.match(rest)
    if reporters:
        return end + reporters.end()
    reported = REPORTED_BY.match(rest)
    if reported:
        return end + reported.end()
    return end


def is_letter_spaced(text: str) -> bool:
    """Whether ``text`` is set with a space after (nearly) every character."""
    if not LETTER_SPACED.match(text):
        return False
    tokens = text.split()
    singles = sum(1 for token in tokens if len(token) == 1)
    return len(tokens) >= 3 and singles >= 0.75 * len(tokens)
