#!/usr/bin/env python3
"""gen-testdata.py - write the golden inputs that cannot be kept as plain
UTF-8 text: byte-order marks, UTF-16/32, legacy charsets, stray bytes,
invisible and control characters, CR line ends, decomposed accents and
trailing spaces (which editors strip).

Usage: tools/gen-testdata.py [TESTDATA_DIR]   (default: testdata/ next to
this script's parent).  Only the .in files are written; each case's .out
(what a reader wants, in UTF-8) is written by hand and kept in the tree.
The text below is written for this project.
"""
import os
import sys

# ---------------------------------------------------------------- English
LIB_HEAD = "City library reopens after two years of repairs"
LIB = [
    "The central library on Market Street reopened on Saturday morning, two "
    "years after a burst water main flooded its basement and forced the city "
    "to move most of its books into a rented warehouse on the edge of town.",
    "Hundreds of people queued in the rain before the doors opened. Many of "
    "them had brought children who had never been inside the building, and "
    "the staff handed out new library cards at a table set up in the "
    "entrance hall.",
    "The repairs cost 3.2 million pounds, most of it paid by the city's "
    "insurer. The council said the new basement would hold the local history "
    "archive, which had been kept in boxes since the flood.",
]


def article(head, paras, nl="\n"):
    """Headline, blank line, paragraphs separated by blank lines."""
    return nl.join([head, ""] + [x for p in paras for x in (p, "")][:-1]) + nl


def lib(*edits):
    """The library article with (old, new) replacements applied."""
    text = article(LIB_HEAD, LIB)
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


CAFE = article(
    "Caf\u00e9 owners fear the end of the terrace season",
    [
        "Owners of the small caf\u00e9s around the old square say this "
        "summer\u2019s rules on outdoor seating could cost them a third of "
        "their income. The council wants terraces to close at nine in the "
        "evening, two hours earlier than last year, after complaints from "
        "residents about noise.",
        "\u201cWe understand the neighbours,\u201d said H\u00e9l\u00e8ne "
        "Moreau, who has run the Caf\u00e9 du March\u00e9 for eleven years. "
        "\u201cBut the terrace is where we make our money \u2013 without it, "
        "we cannot pay our staff.\u201d",
        "The council will vote on the proposal next month. A petition against "
        "it has already gathered more than four thousand signatures, and the "
        "owners plan to hand it to the mayor on Friday.",
    ],
)

LYON = article(
    "Le march\u00e9 de Lyon face \u00e0 la hausse des prix",
    [
        "Au march\u00e9 de la Croix-Rousse, les clients remarquent que le kilo "
        "de tomates co\u00fbte d\u00e9sormais 4 \u20ac contre 3 \u20ac l'an "
        "dernier. Les mara\u00eechers expliquent que la s\u00e9cheresse du "
        "printemps a r\u00e9duit les r\u00e9coltes et que le prix du gazole a "
        "fortement augment\u00e9.",
        "Chez le boucher, le c\u0153ur de b\u0153uf est devenu un produit de "
        "luxe, plaisante une cliente. Les commer\u00e7ants esp\u00e8rent que la "
        "saison d'automne sera meilleure, mais beaucoup disent qu'ils "
        "travaillent d\u00e9j\u00e0 avec une marge tr\u00e8s faible.",
    ],
)

# ---------------------------------------------------------------- Russian
KAZAN = article(
    "В Казани открылся новый мост через Казанку",
    [
        "В субботу в Казани открыли движение по новому мосту через реку "
        "Казанку. Строительство продолжалось почти три года и обошлось "
        "городскому бюджету в четыре миллиарда рублей. По словам мэра, мост "
        "должен разгрузить центральные улицы, на которых в часы пик "
        "образуются многокилометровые пробки.",
        "Первыми по мосту проехали городские автобусы. Жители, которые каждый "
        "день ездят на работу из новых районов на другом берегу, говорят, что "
        "теперь дорога займёт у них на двадцать минут меньше. Однако часть "
        "горожан недовольна тем, что на мосту нет отдельной полосы для "
        "велосипедистов.",
        "В мэрии пообещали, что велосипедная дорожка появится следующим "
        "летом, когда будет закончено благоустройство набережной.",
    ],
)

WHEAT = article(
    "Учёные из Новосибирска создали новый сорт пшеницы",
    [
        "Сотрудники Института цитологии и генетики в Новосибирске вывели сорт "
        "пшеницы, который выдерживает засуху и сильные морозы. Работа над ним "
        "заняла больше десяти лет, а первые испытания на полях Алтайского "
        "края прошли прошлой осенью.",
        "По словам руководителя лаборатории, урожайность нового сорта в "
        "засушливый год оказалась на треть выше, чем у тех сортов, которые "
        "сейчас выращивают в регионе. Фермеры, участвовавшие в испытаниях, "
        "уже попросили институт продать им семена для весеннего сева.",
        "Государственная комиссия должна рассмотреть заявку на регистрацию "
        "сорта до конца года.",
    ],
)

# --------------------------------------------------------------- Japanese
RYOKAN = article(
    "京都の老舗旅館、外国人客の増加で予約が満杯に",
    [
        "京都市内の老舗旅館では、今年の春から外国人観光客の予約が急増しており、"
        "週末の部屋はほぼ三か月先まで埋まっている。旅館の主人によると、客の半分"
        "以上が欧米やアジアからの旅行者で、畳の部屋や朝の和食を楽しみにして来る"
        "人が多いという。",
        "一方で、人手不足は深刻だ。料理人や客室係の募集を出しても応募が少なく、"
        "旅館は一部の部屋を閉めて営業を続けている。市の観光課は、若い人に旅館の"
        "仕事を知ってもらうための研修制度を来年から始める予定だと話している。",
    ],
)

SNOW = article(
    "北海道で記録的な大雪、鉄道の運休相次ぐ",
    [
        "北海道では週末から強い寒気の影響で雪が降り続き、札幌市では一日の降雪量"
        "が観測史上最多を記録した。JR北海道は二百本以上の列車の運休を決め、"
        "空港でも多くの便が欠航となった。",
        "気象台によると、雪は火曜日の朝まで続く見込みで、屋根からの落雪や路面の"
        "凍結に注意するよう呼びかけている。市内の小中学校の多くは月曜日を臨時"
        "休校とし、除雪車が夜を通して幹線道路の雪を取り除いている。",
    ],
)

# ---------------------------------------------------------------- Chinese
PANDA = article(
    "成都大熊猫基地迎来双胞胎幼崽",
    [
        "成都大熊猫繁育研究基地近日宣布，一只名叫\u201c青青\u201d的大熊猫产下"
        "一对双胞胎幼崽。工作人员说，两只幼崽的体重分别为一百五十克和一百二十克，"
        "目前健康状况良好，正在保温箱中接受二十四小时的照料。",
        "这是青青第一次生育。基地的兽医表示，大熊猫双胞胎的存活率过去并不高，"
        "但随着人工育幼技术的进步，近年来几乎所有幼崽都能顺利长大。预计幼崽将"
        "在几个月后与游客见面。",
    ],
)

TEMPLE = article(
    "台南古蹟修復完工 重新開放參觀",
    [
        "台南市一座有三百多年歷史的古廟，經過四年的修復工程後，本週末重新對外"
        "開放。工程團隊說，他們盡量保留原本的木結構和彩繪，只有損壞嚴重的部分"
        "才以傳統工法重新製作。",
        "市政府文化局表示，修復費用約為一億兩千萬元，其中大部分由中央政府補助。"
        "開放首日吸引了大批民眾前來參觀，許多老人帶著孫子在廟前拍照，說這裡是"
        "他們小時候常來玩的地方。",
    ],
)

# ----------------------------------------------------------------- Korean
WIND = article(
    "부산 앞바다에서 대형 해상 풍력 단지 착공",
    [
        "부산 앞바다에서 국내 최대 규모의 해상 풍력 발전 단지 건설이 시작되었다. "
        "사업을 맡은 컨소시엄은 모두 마흔 기의 풍력 발전기를 설치할 계획이며, "
        "완공되면 약 이십만 가구가 쓸 수 있는 전기를 생산하게 된다고 밝혔다.",
        "그러나 지역 어민들은 공사 때문에 어장이 줄어들 것이라며 반대하고 있다. "
        "부산시는 어민들과 협의체를 만들어 보상 방안을 논의하겠다고 말했으며, "
        "정부도 해양 생태계에 미치는 영향을 계속 조사하겠다고 약속했다.",
    ],
)


CINEMA = article(
    "Students restore a forgotten village cinema",
    [
        "A group of film students has spent the summer restoring the Rex, a "
        "small cinema in the village of Ashby that closed in 1979 and has "
        "stood empty ever since, its seats covered in dust and its projector "
        "rusted in place.",
        "\u201cWe found the last programme still pinned to the door,\u201d "
        "said Zo\u00eb Martin, one of the students. The village\u2019s oldest "
        "residents remember queuing there on Saturday mornings for cowboy "
        "films and cartoons.",
        "The students raised the money for new seats at a fundraising evening "
        "in the church hall, where a local caf\u00e9 served coffee and a band "
        "played music from the cinema\u2019s opening year \u2014 1936.",
        "The Rex will reopen in October with a showing of a German silent "
        "film, accompanied by a pianist from M\u00fcnchen who plays the "
        "original score from memory.",
    ],
)


def mojibake(text, keep=""):
    """UTF-8 read as windows-1252 (bytes it lacks as Latin-1), then saved
    as UTF-8 again; characters in keep are left as they were."""
    out = []
    for ch in text:
        if ch in keep or ord(ch) < 0x80:
            out.append(ch)
            continue
        for b in ch.encode("utf-8"):
            try:
                out.append(bytes([b]).decode("cp1252"))
            except UnicodeDecodeError:
                out.append(chr(b))
    return "".join(out)


def cases():
    u8 = lambda s: s.encode("utf-8")
    yield "utf8-bom", b"\xef\xbb\xbf" + u8(
        lib(("the city's insurer", "the city\u2019s insurer")))
    yield "utf16le-bom", b"\xff\xfe" + CAFE.encode("utf-16-le")
    yield "utf16be-bom", b"\xfe\xff" + KAZAN.encode("utf-16-be")
    yield "utf32le-bom", b"\xff\xfe\x00\x00" + PANDA.encode("utf-32-le")
    yield "legacy-windows-1252", CAFE.encode("cp1252")
    yield "legacy-koi8-r", WHEAT.encode("koi8_r")
    yield "legacy-windows-1251", KAZAN.encode("cp1251")
    yield "legacy-shift-jis", RYOKAN.encode("shift_jis")
    yield "legacy-euc-jp", SNOW.encode("euc_jp")
    yield "legacy-gb18030", PANDA.encode("gb18030")
    yield "legacy-big5", TEMPLE.encode("big5")
    yield "legacy-euc-kr", WIND.encode("euc_kr")
    # ISO-8859-15: 0xA4 is the euro sign and 0xBD is oe; detection would
    # read windows-1252 (currency sign, one half).  .args names the code.
    yield "from-code-override", LYON.encode("iso8859_15")
    # Valid UTF-8 (with an e-acute) and one windows-1252 apostrophe byte.
    yield "utf8-stray-0x92", u8(lib(
        ("Market Street", "March\u00e9 Street"))).replace(
            b"city's", b"city\x92s")
    yield "spaces-nbsp-unicode", u8(lib(
        ("3.2 million", "3.2\u00a0million"),
        ("Market Street", "Market\u202fStreet"),
        ("Saturday morning", "Saturday\u2009morning"),
        ("Hundreds of", "Hundreds\u2003of"),
        ("the entrance", "the\u3000entrance"),
        ("since the flood", "since\u2007the\u205fflood")))
    yield "invisible-chars-removed", u8(lib(
        ("water main", "water\u200b main"),
        ("basement and", "base\u00adment and"),
        ("rented warehouse", "rented ware\u2060house"),
        ("library cards", "library\ufeff cards"),
        ("history archive", "history\u200c archive")))
    yield "controls-removed-tab-kept", u8(lib(
        ("reopened on", "re\u0001opened on"),
        ("queued in", "queued\u0007 in"),
        ("the flood.", "the\u001b flood.\u007f"),
        ("cost 3.2", "cost\t3.2"),
        ("Market Street", "\u202aMarket Street\u202c"),
        ("The council said", "\u200fThe council\u200e said"),
        ("Many of them", "\u2066Many\u2069 of them")))
    yield "crlf-line-ends", article(LIB_HEAD, LIB, "\r\n").encode()
    yield "cr-line-ends", article(LIB_HEAD, LIB, "\r").encode()
    yield "nfc-decomposed", u8(lib(
        ("Market Street", "Rue de la Re\u0301publique"),
        ("a rented warehouse", "a rented entrepo\u0302t")))
    # Mojibake of every non-ASCII character but one, which came through.
    yield "mojibake-repair", u8(mojibake(CINEMA, keep="\u00eb"))
    yield "format-trailing-spaces", u8(
        lib().replace("\n", "  \n", 2).replace("town.\n", "town. \t \n")
        .replace("flood.\n", "flood.   \n"))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        here, "..", "testdata")
    for name, data in cases():
        with open(os.path.join(out, name + ".in"), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
