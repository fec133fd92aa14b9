"""Figures -> numbers a program can compare and sum: value, range, qualifier, kind, unit,
currency.

All our own pure-Python code. `text2num` was tried for number words and falls short on
the forms news uses most: it rejects digits mixed with scale words ("1.5 million", "$3bn"),
"a dozen", "half a million" and hyphenated compounds inside words ("fifty-year"), so one
small accumulator below reads digits, number words, fractions and scale words alike.
`price-parser` / `quantulum3` were not needed: currencies and units are a short table.

Nothing here raises on any input string; a value is always a finite number or None.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from extractor.lexicon import alternation

# ---------------------------------------------------------------------------- numbers

SMALL = {
    "zero": 0, "nil": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# Multipliers; "hundred" multiplies the group in progress, the others close a group.
SCALES = {
    "hundred": 100, "thousand": 1e3, "k": 1e3, "grand": 1e3, "lakh": 1e5, "lakhs": 1e5,
    "lac": 1e5, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "mil": 1e6,
    "crore": 1e7, "crores": 1e7, "cr": 1e7, "billion": 1e9, "bn": 1e9, "bln": 1e9,
    "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12, "tr": 1e12,
}  # fmt: skip
# Words that are numbers on their own: "a dozen", "a score of", "a pair".
GROUPS = {"dozen": 12, "score": 20, "pair": 2, "couple": 2, "gross": 144}
FRACTIONS = {
    "half": 0.5, "halves": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25,
    "quarters": 0.25, "fifth": 0.2, "fifths": 0.2, "tenth": 0.1, "tenths": 0.1,
}  # fmt: skip
UNICODE_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
# Plural scale words used vaguely ("thousands of protesters", "tens of millions"): the
# value is the smallest quantity the words can mean (2 x the scale) with qualifier ">=".
VAGUE = {
    "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1e3, "millions": 1e6,
    "billions": 1e9, "trillions": 1e12, "tens": 10,
}  # fmt: skip

_DIGITS = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[+-]?\.\d+$")
_TOKEN = re.compile(r"\d+/\d+|[+-]?\d[\d,]*(?:\.\d+)?|[+-]?\.\d+|[a-z]+|[½¼¾⅓⅔]")


def _finite(value: float | None) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return value


def _tidy(value: float) -> int | float:
    """Integers as int (30000, not 30000.0); every value rounded to 12 significant digits
    to drop float noise ("$8.2 billion" is 8.2 * 1e9 = 8199999999.999999)."""
    value = float(f"{value:.12g}")
    if value.is_integer() and abs(value) < 1e18:
        return int(value)
    return value


def _tokens(text: str) -> list[str]:
    text = text.lower().replace("-", " ").replace("\u2009", "").replace("\u00a0", " ")
    # "3bn", "20k", "1.5m": a digit glued to a scale abbreviation.
    text = re.sub(r"(\d)(k|m|mn|mln|b|bn|bln|tn|trn|cr)\b", r"\1 \2", text)
    return _TOKEN.findall(text)


def words_to_number(text: str) -> float | None:
    """Read one number written in digits and/or words: "30,000", "1.5 million",
    "thirty thousand", "two hundred and five", "a dozen", "half a million", "3/4",
    "three quarters", "one and a half". None when the text holds anything else."""
    total = 0.0
    group: float | None = None  # the number being built before the next big scale
    seen = False
    fraction = False  # a fraction word was read: "half a million", "a third of"
    tokens = _tokens(text)
    index = 0
    while index < len(tokens):
        tok = tokens[index]
        nxt = tokens[index + 1] if index + 1 < len(tokens) else ""
        index += 1
        if _DIGITS.match(tok):
            if group is not None:
                return None  # two numbers side by side: not one number
            group = float(tok.replace(",", ""))
        elif re.fullmatch(r"\d+/\d+", tok):
            num, den = tok.split("/")
            if group is not None and group >= 1 and not float(group).is_integer():
                return None
            if int(den) == 0:
                return None
            group = (group or 0) + int(num) / int(den)
        elif tok in UNICODE_FRACTIONS:
            group = (group or 0) + UNICODE_FRACTIONS[tok]
        elif tok in SMALL:
            value = SMALL[tok]
            if group is not None:
                # "two hundred five", "twenty five": a smaller word completes the group.
                if not (
                    group % 100 == 0
                    and value < 100
                    or group % 10 == 0
                    and group % 100
                    and value < 10
                ):
                    return None
                group += value
            else:
                group = value
        elif tok in ("a", "an"):
            if fraction:
                continue  # "half a million"
            if group is not None or not (nxt in SCALES or nxt in GROUPS or nxt in FRACTIONS):
                return None
            group = 1
            continue
        elif tok == "and":
            if nxt == "a" and index + 1 < len(tokens) and tokens[index + 1] in FRACTIONS:
                if group is None:
                    return None
                group += FRACTIONS[tokens[index + 1]]  # "one and a half"
                index += 2
                seen = True
                continue
            if group is None and not total:
                return None
            continue
        elif tok == "point" and group is not None and nxt in SMALL:
            digits = []
            for later in tokens[index:]:
                if later not in SMALL or SMALL[later] > 9:
                    return None
                digits.append(str(SMALL[later]))
            return _finite(total + group + float("0." + "".join(digits)))
        elif tok in FRACTIONS:
            group = (group if group is not None else 1) * FRACTIONS[tok]
            fraction = True
        elif tok in GROUPS:
            group = (group if group is not None else 1) * GROUPS[tok]
        elif tok in SCALES:
            if group is None:
                if seen or tok not in ("hundred", "thousand", "million", "billion", "trillion"):
                    return None
                group = 1  # "hundred" alone, "million-strong"
            if SCALES[tok] == 100:
                group *= 100
            else:
                total += group * SCALES[tok]
                group = None
        elif tok == "of" and fraction:
            continue  # "half of a million"
        else:
            return None
        seen = True
    if not seen:
        return None
    return _finite(total + (group or 0))


# ---------------------------------------------------------------------------- tables

# Qualifiers, normalized to a small set. Longest phrases first. The symbols:
#   ">" more than, "<" less than (and "nearly", "almost": just below), ">=" at least,
#   "<=" at most / up to, "~" about, "=" exactly.
QUALIFIERS: tuple[tuple[str, str], ...] = tuple(sorted(
    [
        *[(w, ">") for w in ("more than", "over", "above", "in excess of", "upwards of",
                             "greater than", "exceeding", "beyond", "north of", "higher than",
                             "larger than", "well over", "just over", "nearly over",
                             "some more than", "more then", "better than", "topping")],
        *[(w, ">=") for w in ("at least", "no fewer than", "no less than", "a minimum of",
                              "not less than", "not fewer than", "as few as", "minimum")],
        *[(w, "<") for w in ("less than", "fewer than", "under", "below", "short of",
                             "nearly", "almost", "just under", "just below", "lower than",
                             "not quite", "shy of", "close to", "south of")],
        *[(w, "<=") for w in ("up to", "at most", "as many as", "as much as", "no more than",
                              "a maximum of", "not more than", "as high as", "maximum",
                              "no greater than", "a high of", "as long as", "as far as")],
        *[(w, "~") for w in ("about", "around", "approximately", "roughly", "some",
                             "an estimated", "estimated", "circa", "c.", "approx.", "approx",
                             "nearly about", "or so", "give or take", "more or less",
                             "an average of", "on average", "average", "around about",
                             "somewhere around", "in the region of", "of the order of",
                             "on the order of", "something like", "perhaps", "possibly",
                             "an approximate", "approximate", "about some")],
        *[(w, "=") for w in ("exactly", "precisely", "just", "only", "a mere", "a total of",
                             "all", "a record", "fully", "a full")],
    ],
    key=lambda pair: -len(pair[0]),
))  # fmt: skip
# Postposed qualifiers: "20 or more", "500 plus", "1,000-plus", "20+".
SUFFIX_QUALIFIERS = (
    ("or more", ">="), ("and more", ">="), ("or so", "~"), ("or less", "<="),
    ("or fewer", "<="), ("and above", ">="), ("and over", ">="), ("plus", ">="),
    ("+", ">="), ("and up", ">="), ("at most", "<="), ("at least", ">="),
)  # fmt: skip

# Currency markers -> ISO 4217. Symbols before the number, words after it. "$" alone is
# read as US dollars, the common case in English-language news.
CURRENCY_PREFIXES: tuple[tuple[str, str], ...] = tuple(sorted(
    [
        ("us$", "USD"), ("usd", "USD"), ("u.s.$", "USD"), ("$", "USD"), ("a$", "AUD"),
        ("au$", "AUD"), ("aud", "AUD"), ("c$", "CAD"), ("ca$", "CAD"), ("cad", "CAD"),
        ("nz$", "NZD"), ("hk$", "HKD"), ("s$", "SGD"), ("r$", "BRL"), ("nt$", "TWD"),
        ("mx$", "MXN"), ("gh¢", "GHS"), ("gh₵", "GHS"), ("ghs", "GHS"),
        ("€", "EUR"), ("eur", "EUR"), ("£", "GBP"), ("gbp", "GBP"),
        ("gb£", "GBP"), ("gb #", "GBP"), ("¥", "JPY"), ("jpy", "JPY"), ("rmb", "CNY"),
        ("cny", "CNY"), ("yuan", "CNY"), ("₹", "INR"), ("rs", "INR"), ("rs.", "INR"),
        ("inr", "INR"), ("₽", "RUB"), ("rub", "RUB"), ("₩", "KRW"), ("krw", "KRW"),
        ("chf", "CHF"), ("sfr", "CHF"), ("₦", "NGN"), ("ngn", "NGN"), ("r", "ZAR"),
        ("zar", "ZAR"), ("₺", "TRY"), ("₱", "PHP"), ("pkr", "PKR"), ("sek", "SEK"),
        ("nok", "NOK"), ("dkk", "DKK"), ("₪", "ILS"), ("ils", "ILS"), ("aed", "AED"),
        ("sar", "SAR"), ("kes", "KES"), ("egp", "EGP"), ("brl", "BRL"), ("mxn", "MXN"),
    ],
    key=lambda pair: -len(pair[0]),
))  # fmt: skip
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "us dollars": "USD", "u.s. dollars": "USD",
    "us dollar": "USD", "american dollars": "USD", "australian dollars": "AUD",
    "canadian dollars": "CAD", "hong kong dollars": "HKD", "new zealand dollars": "NZD",
    "singapore dollars": "SGD", "taiwan dollars": "TWD", "euro": "EUR", "euros": "EUR",
    "pound": "GBP", "pounds": "GBP", "pounds sterling": "GBP", "sterling": "GBP",
    "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "ruble": "RUB", "rubles": "RUB",
    "rouble": "RUB", "roubles": "RUB", "rupee": "INR", "rupees": "INR",
    "pakistani rupees": "PKR", "won": "KRW", "swiss francs": "CHF", "francs": "CHF",
    "franc": "CHF", "riyals": "SAR", "dirhams": "AED", "naira": "NGN", "rand": "ZAR",
    "shillings": "KES", "pesos": "MXN", "real": "BRL", "reais": "BRL", "lira": "TRY",
    "liras": "TRY", "somoni": "TJS", "hryvnia": "UAH", "hryvnias": "UAH", "zloty": "PLN",
    "kronor": "SEK", "kroner": "NOK", "shekels": "ILS", "baht": "THB", "ringgit": "MYR",
    "rupiah": "IDR", "dinars": "IQD", "tenge": "KZT", "manat": "AZN",
    # Currencies the euro replaced (ISO 4217's historic codes), all through 1990s wire
    # copy: "fell 2.50 marks to 198.50 marks".
    "marks": "DEM", "deutsche marks": "DEM", "german marks": "DEM",  # not "the 5000 mark"
    "french francs": "FRF", "belgian francs": "BEF", "guilders": "NLG",
    "dutch guilders": "NLG", "pesetas": "ESP", "lire": "ITL", "italian lire": "ITL",
    "austrian schillings": "ATS", "escudos": "PTE", "drachmas": "GRD", "markka": "FIM",
    "markkaa": "FIM", "irish pounds": "IEP", "punts": "IEP", "ecus": "XEU",
    "kenyan shillings": "KES", "ugandan shillings": "UGX", "tanzanian shillings": "TZS",
    "cfa francs": "XOF", "chilean pesos": "CLP", "argentine pesos": "ARS",
    "colombian pesos": "COP", "philippine pesos": "PHP", "cedi": "GHS",
    "zł": "PLN", "pln": "PLN", "vnd": "VND", "bolivianos": "BOB", "boliviano": "BOB",
    "lari": "GEL", "złoty": "PLN", "złotys": "PLN", "zlotys": "PLN", "forint": "HUF",
    "koruna": "CZK", "crowns": "CZK", "leu": "RON", "lei": "RON", "lev": "BGN",
    "dong": "VND", "kwacha": "ZMW", "cedis": "GHS", "birr": "ETB", "taka": "BDT",
    "usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY", "aud": "AUD", "cad": "CAD",
    "chf": "CHF", "cny": "CNY", "inr": "INR", "rub": "RUB",
}  # fmt: skip
# Sub-units: "26 cents" is 0.26 of the main unit (whose currency the words do not say).
SUBUNITS = {"cent": 0.01, "cents": 0.01, "pence": 0.01, "p": 0.01, "penny": 0.01,
            "kopecks": 0.01, "paise": 0.01, "pfennigs": 0.01, "pfennig": 0.01,
            "centimes": 0.01}  # fmt: skip
# The currency a sub-unit's name says ("penny" does not: a US cent is one too).
SUBUNIT_CURRENCY = {"pence": "GBP", "p": "GBP", "kopecks": "RUB", "paise": "INR",
                    "pfennigs": "DEM", "pfennig": "DEM", "centimes": "FRF"}  # fmt: skip
PERCENT_WORDS = (
    "percentage points",
    "percentage point",
    "per cent",
    "percent",
    "pct",
    "%",
    "basis points",
    "basis point",
    "bps",
    "pc",
    "pts",
    "points of",
)
# Units of quantities, canonical spelling for each written form.
UNITS = {
    "km": "km", "kms": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km",
    "kilometers": "km", "m": "m", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    "cm": "cm", "centimetres": "cm", "centimeters": "cm", "mm": "mm", "millimetres": "mm",
    "millimeters": "mm", "mile": "miles", "miles": "miles", "mi": "miles", "ft": "feet",
    "foot": "feet", "feet": "feet", "inch": "inches", "inches": "inches", "in": "inches",
    "yard": "yards", "yards": "yards", "kg": "kg", "kgs": "kg", "kilogram": "kg",
    "kilograms": "kg", "kilo": "kg", "kilos": "kg", "g": "g", "gram": "g", "grams": "g",
    "mg": "mg", "tonne": "tonnes", "tonnes": "tonnes", "ton": "tons", "tons": "tons",
    "t": "tonnes", "lb": "lb", "lbs": "lb", "pound": "lb", "pounds": "lb", "ounce": "oz",
    "ounces": "oz", "oz": "oz", "litre": "litres", "litres": "litres", "liter": "litres",
    "liters": "litres", "l": "litres", "gallon": "gallons", "gallons": "gallons",
    "barrel": "barrels", "barrels": "barrels", "bpd": "barrels per day",
    "degree": "degrees", "degrees": "degrees", "°": "degrees", "°c": "°C", "°f": "°F",
    "celsius": "°C", "fahrenheit": "°F", "degrees celsius": "°C", "degree celsius": "°C",
    "degrees centigrade": "°C", "degrees c": "°C", "degrees fahrenheit": "°F",
    "degree fahrenheit": "°F", "degrees f": "°F", "hectare": "hectares", "hectares": "hectares",
    "ha": "hectares", "acre": "acres", "acres": "acres", "sq km": "km2", "km2": "km2",
    "km²": "km2", "square kilometres": "km2", "square kilometers": "km2",
    "square miles": "sq miles", "square metres": "m2", "square meters": "m2",
    "mph": "mph", "km/h": "km/h", "kph": "km/h", "knots": "knots", "mw": "MW",
    "megawatts": "MW", "gw": "GW", "gigawatts": "GW", "kw": "kW", "kwh": "kWh",
    "mwh": "MWh", "gwh": "GWh", "twh": "TWh", "kilowatts": "kW", "volts": "V", "kv": "kV",
    "points": "points", "point": "points", "pts": "points", "magnitude": "magnitude",
    "bytes": "bytes", "gb": "GB", "mb": "MB", "tb": "TB", "calories": "calories",
    "decibels": "dB", "db": "dB", "carats": "carats",
}  # fmt: skip

# Unit letters that, glued to a number, may say something else: "5m" (million or
# metres), "2t", "3in", "5G" (a network), "4l".
NOT_GLUED = {"m", "t", "in", "g", "l", "mi"}
_MAGNITUDE_WORDS = alternation(SCALES)


# ---------------------------------------------------------------------------- result


@dataclass
class Figure:
    value: int | float | None = None
    value_max: int | float | None = None
    unit: str | None = None
    qualifier: str | None = None
    qualifier_text: str | None = None
    kind: str = "count"
    currency: str | None = None
    extra: dict = field(default_factory=dict)

    def fields(self) -> dict:
        return {
            "value": self.value,
            "value_max": self.value_max,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "qualifier_text": self.qualifier_text,
            "kind": self.kind,
            "currency": self.currency,
        }


LABEL_KIND = {"CARDINAL": "count", "MONEY": "money", "PERCENT": "percent",
              "QUANTITY": "quantity", "ORDINAL": "ordinal"}  # fmt: skip

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "eightieth": 80, "ninetieth": 90, "hundredth": 100, "thousandth": 1000,
    "millionth": 1e6, "billionth": 1e9,
}  # fmt: skip


def _normalize_text(text: str) -> str:
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2212", "-")
    text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text.strip())


def _take_prefix(text: str, table: tuple[tuple[str, str], ...]) -> tuple[str, str, str] | None:
    """(original words, normalized, rest) when `text` starts with one of the phrases."""
    low = text.lower()
    for phrase, norm in table:
        if low.startswith(phrase) and (
            len(low) == len(phrase) or not phrase[-1].isalpha() or not low[len(phrase)].isalpha()
        ):
            return text[: len(phrase)], norm, text[len(phrase) :].lstrip(" .")
    return None


def _take_suffix(text: str, table: tuple[tuple[str, str], ...]) -> tuple[str, str, str] | None:
    low = text.lower()
    for phrase, norm in table:
        if low.endswith(phrase) and (
            len(low) == len(phrase)
            or not phrase[0].isalpha()
            or not low[-len(phrase) - 1].isalpha()
        ):
            return text[-len(phrase) :], norm, text[: -len(phrase)].rstrip(" -")
    return None


def _parse_amount(text: str) -> tuple[float | None, str]:
    """The leading number of `text` (with its scale words) and the words after it."""
    words = re.findall(r"\S+", text)
    # Longest prefix of words that reads as one number.
    for end in range(len(words), 0, -1):
        head = " ".join(words[:end])
        value = words_to_number(head.strip(",;:()"))
        if value is not None:
            return value, " ".join(words[end:])
    return None, text


def parse_number(text: str) -> tuple[float, float | None] | None:
    """(value, value_max) of a plain number or range with no unit: "30,000", "1.5
    million", "between 20 and 30", "1,500 to 2,000", "two or three". None otherwise."""
    try:
        figure = parse_figure(text)
    except Exception:  # noqa: BLE001  (guard: normalization must never break extraction)
        return None
    if figure is None or figure.value is None or figure.unit or figure.currency:
        return None
    if figure.kind not in ("count",) or figure.qualifier and figure.qualifier != "=":
        return None
    return figure.value, figure.value_max


_RANGE_SPLIT = re.compile(
    r"^(?:between|from)?\s*(?P<a>.+?)\s*(?:\band\b|\bto\b|-|\bor\b|\bthrough\b|/)\s*"
    r"(?P<b>.+)$",
    re.IGNORECASE,
)


_MAGNITUDE_FIRST = re.compile(r"^magnitude[- ](\d+(?:\.\d+)?)$", re.I)
_MAGNITUDE_GLUED = re.compile(r"^(\d+(?:\.\d+)?)-magnitude$", re.I)


_GLUED_UNIT = re.compile(r"(.*\d)-([A-Za-z]+)")


def parse_figure(text: str, label: str | None = None) -> Figure | None:
    """Normalize the text of a figure. `label` (the model's: CARDINAL, MONEY, PERCENT,
    QUANTITY) decides between readings the words leave open ("300 pounds" is money or
    weight). None when no number can be read."""
    if not isinstance(text, str):
        return None
    text = _normalize_text(text)
    if not text or len(text) > 200:
        return None
    # An earthquake's magnitude is written before its number or glued to it: "magnitude
    # 7.5", "6.2-magnitude"; read as "7.5 magnitude".
    text = _MAGNITUDE_FIRST.sub(r"\1 magnitude", _MAGNITUDE_GLUED.sub(r"\1 magnitude", text))
    if glued := _GLUED_UNIT.fullmatch(text):
        # "a 6.5-inch screen", "a 12-foot wall": the unit joined to its number as an
        # adjective reads as "6.5 inch".
        spaced = parse_figure(f"{glued[1]} {glued[2]}", label)
        if spaced is not None:
            return spaced
    figure = Figure(kind=LABEL_KIND.get(label or "", "count"))

    # Ordinals ("third", "21st") when the model says so.
    low = text.lower()
    if label == "ORDINAL" or re.fullmatch(r"\d+(?:st|nd|rd|th)", low) or low in ORDINALS:
        m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", low)
        value = (
            int(m.group(1)) if m else ORDINALS.get(low.split()[-1].replace("-", " ") if low else "")
        )
        if value is None:
            return None
        return Figure(value=_tidy(value), kind="ordinal")

    # Qualifiers before and after the number.
    qualifier_words: list[str] = []
    qualifier = None
    for _ in range(3):
        taken = _take_prefix(text, QUALIFIERS)
        if not taken:
            break
        words, norm, rest = taken
        if not rest:
            break
        qualifier_words.append(words)
        # "about" after "more than" etc. does not weaken a bound; the first bound wins.
        if qualifier is None or qualifier in ("~", "=") and norm not in ("~", "="):
            qualifier = norm
        text = rest
    taken = _take_suffix(text, SUFFIX_QUALIFIERS)
    if taken and taken[2]:
        qualifier_words.append(taken[0])
        qualifier = qualifier if qualifier and qualifier not in ("~", "=") else taken[1]
        text = taken[2]
    # "=" words ("just", "only", "all") say nothing about the number: keep them out of
    # the qualifier unless they are all there is.
    if qualifier == "=" and not any(w.lower() in ("exactly", "precisely") for w in qualifier_words):
        qualifier, qualifier_words = None, []

    # Currency symbol or code before the number ("US$", "$", "€", "Rs", "GB #").
    sign = 1
    if re.match(r"[-+]\$?\d", text) or low.startswith("minus "):
        sign = -1 if text[0] in "-m" else 1
        text = text[1:] if text[0] in "-+" else text[6:]
    prefix = _take_prefix(text, CURRENCY_PREFIXES)
    if prefix and prefix[2].startswith("$"):  # "USD$23 billion"
        prefix = (prefix[0], prefix[1], prefix[2][1:])
    if (
        prefix
        and prefix[2]
        and re.match(
            r"[\d.]|a |an |half|one|two|three|four|five|six|"
            r"seven|eight|nine|ten",
            prefix[2].lower(),
        )
    ):
        if not (prefix[0].lower() == "r" and label != "MONEY"):
            figure.currency = prefix[1]
            text = prefix[2]

    # A unit glued to the number ("16GB", "5kg", "500mg"): the number, then the unit.
    # Letters that are also scale words or a product name stay ("5m", "2t", "5G").
    glued = re.fullmatch(r"(.*\d)([a-zA-Z\u00b0\u00b2/]+)", text)
    if glued and glued.group(2).lower() in UNITS and glued.group(2).lower() not in NOT_GLUED:
        text = f"{glued.group(1)} {glued.group(2)}"
        label = label if label != "CARDINAL" else "QUANTITY"

    # Vague plurals: "thousands of", "tens of thousands", "hundreds of millions".
    vague = re.fullmatch(
        r"(?:(?:tens|hundreds) of )?(dozens|scores|hundreds|thousands|"
        r"millions|billions|trillions|tens)(?: of (thousands|millions|"
        r"billions))?(?: of)?(?P<rest>.*)",
        text,
        re.IGNORECASE,
    )
    if vague:
        base = VAGUE[vague.group(1).lower()]
        if vague.group(2):
            base *= VAGUE[vague.group(2).lower()]
        if text.lower().startswith(("tens of ", "hundreds of ")) and vague.group(1).lower() in (
            "thousands",
            "millions",
            "billions",
        ):
            base *= VAGUE[text.split()[0].lower()]
        figure.value = _tidy(2 * base)
        figure.qualifier = qualifier or ">="
        vague_words = text[: len(text) - len(vague.group("rest"))].strip()
        figure.qualifier_text = " ".join(qualifier_words) or re.sub(r" of$", "", vague_words)
        _finish_units(figure, vague.group("rest").strip(), label)
        return figure

    # A range: "between 20 and 30", "1,500 to 2,000", "15-20%", "$12 million to $20
    # million", "two or three".
    low_value, rest = _parse_amount(text)
    high_value = None
    rng = _RANGE_SPLIT.match(text)
    if rng and (low_value is None or rest.strip()):
        a_text, b_text = rng.group("a"), rng.group("b")
        b_prefix = _take_prefix(b_text, CURRENCY_PREFIXES)
        if b_prefix and b_prefix[2] and b_prefix[2][:1].isdigit():
            b_text = b_prefix[2]
            figure.currency = figure.currency or b_prefix[1]
        a_prefix = _take_prefix(a_text, CURRENCY_PREFIXES)
        if a_prefix and a_prefix[2] and a_prefix[2][:1].isdigit():
            a_text = a_prefix[2]
            figure.currency = figure.currency or a_prefix[1]
        a_value, a_rest = _parse_amount(a_text)
        b_value, b_rest = _parse_amount(b_text)
        if a_value is not None and b_value is not None and not _looks_like_code(text):
            # "20 to 30 million", "1.5-2 billion": a scale written once covers both.
            scale_b = re.match(rf"(?:{_MAGNITUDE_WORDS})\b", b_text.split(" ", 1)[-1].lower())
            a_has_scale = any(
                w.lower().strip(",") in SCALES for w in a_text.split()[1:]
            ) or re.search(r"\d(?:k|m|bn|b|mn|tn)\b", a_text.lower())
            b_words = b_text.split()
            if (
                not a_has_scale
                and len(b_words) > 1
                and b_words[1].lower() in SCALES
                and scale_b is not None
            ):
                factor = SCALES[b_words[1].lower()]
                if a_value * factor <= b_value:
                    a_value *= factor
            a_rest_clean = a_rest.strip()
            if a_value <= b_value and (not a_rest_clean or _is_unit_word(a_rest_clean)):
                low_value, high_value, rest = a_value, b_value, b_rest or a_rest

    if low_value is None:
        return None
    figure.value = _tidy(sign * low_value)
    figure.value_max = _tidy(sign * high_value) if high_value is not None else None
    figure.qualifier = qualifier
    figure.qualifier_text = " ".join(qualifier_words) or None
    _finish_units(figure, rest.strip(), label)
    if figure.value is not None and _finite(float(figure.value)) is None:
        return None
    return figure


def _looks_like_code(text: str) -> bool:
    """Phone numbers, ISBNs, scores: digit groups joined by dashes that are no range."""
    return re.fullmatch(r"\+?\d+(?:[-. ]\d+){2,}", text) is not None


def _is_unit_word(text: str) -> bool:
    low = text.lower().strip(" .")
    return (
        low in UNITS
        or any(low == w for w in PERCENT_WORDS)
        or low in CURRENCY_WORDS
        or low in SUBUNITS
    )


# Words after a number that are no counted noun: "11 to 10" (a ratio), "5 or so",
# "3 of the 10".
_NOT_COUNTED = frozenset({"to", "or", "and", "of", "per", "than", "in", "on", "at", "by"})


def _finish_units(figure: Figure, rest: str, label: str | None) -> None:
    """Read what follows the number: percent words, currency words, sub-units, units."""
    low = rest.lower().strip(" .,;:()")
    low = re.sub(r"^(?:of )", "", low)
    for word in PERCENT_WORDS:
        if low == word or low.startswith(word + " ") or (word == "%" and low.startswith("%")):
            figure.kind = "percent"
            if "point" in word and "percentage" in word:
                figure.unit = "points"
            elif "basis" in word or word == "bps":
                figure.unit = "basis points"
            return
    if figure.kind == "percent" and not low:
        return
    for words in sorted(CURRENCY_WORDS, key=len, reverse=True):
        if low == words or low.startswith(words + " ") or low.startswith(words + ")"):
            # "200 pounds" of weight; but a singular "pound" after millions is money used
            # as an adjective ("a 15 million pound transfer").
            big = figure.value is not None and figure.value >= 1_000_000
            if (
                words in ("pound", "pounds")
                and label == "QUANTITY"
                and not (words == "pound" and big)
            ):
                break
            figure.kind = "money"
            figure.currency = figure.currency or CURRENCY_WORDS[words]
            return
    first = low.split(" ", 1)[0] if low else ""
    if (
        first in SUBUNITS
        and figure.value is not None
        and (label in ("MONEY", None) or first in ("cents", "pence", "pfennigs", "centimes"))
    ):
        figure.kind = "money"
        # "7.5 pence" is British money; "41 cents" says no currency (facts reads the
        # sentence's other sums).
        figure.currency = figure.currency or SUBUNIT_CURRENCY.get(first)
        figure.value = _tidy(figure.value * SUBUNITS[first])
        if figure.value_max is not None:
            figure.value_max = _tidy(figure.value_max * SUBUNITS[first])
        return
    if figure.currency:
        figure.kind = "money"
        return
    if low:
        for size in (3, 2, 1):
            words = " ".join(low.split()[:size])
            if words in UNITS and (
                label in ("QUANTITY", None) or words not in ("m", "in", "l", "t", "g")
            ):
                figure.unit = UNITS[words]
                figure.kind = "quantity" if figure.kind in ("count", "quantity") else figure.kind
                return
        if label == "QUANTITY":
            # A unit we have no table entry for ("5000 mark", "20 storeys"): keep its words.
            figure.unit = re.sub(r"[^\w°/ %-]", "", low).strip() or None
            return
        if (
            figure.kind == "count"
            and re.fullmatch(r"[a-z][a-z-]*", first)
            and first not in _NOT_COUNTED
        ):
            figure.unit = first  # the counted noun inside the span ("30,000 troops")
    if label == "MONEY" and figure.kind == "money" and figure.currency is None:
        return
