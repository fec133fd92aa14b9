"""Hand-kept names the data packages lack: English short forms, historical names."""

from __future__ import annotations

COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("United States of America", "US", "USA", "U.S.", "U.S", "U.S.A.", "America"),
    "GB": ("Britain", "Great Britain", "UK", "U.K."),
    "RU": ("Russian Federation",),
    "KR": ("South Korea", "Republic of Korea", "Korea Republic"),
    "KP": ("North Korea",),
    "CZ": ("Czech Republic",),
    "CD": ("Democratic Republic of the Congo", "DR Congo", "DRC"),
    "CI": ("Ivory Coast", "Cote d'Ivoire"),
    "MM": ("Burma",),
    "VA": ("Vatican", "Vatican City"),
    "SY": ("Syria",),
    "IR": ("Iran",),
    "TW": ("Taiwan",),
    "VN": ("Vietnam",),
    "LA": ("Laos",),
    "MK": ("Macedonia",),
    "PS": ("Palestine", "Palestinian Territories"),
}

# The UK's four nations are countries in news (and in sport) but neither package lists
# them; GeoNames ids and coordinates as GeoNames gives them.
HOME_NATIONS = (
    ("England", 6269131, 52.16045, -0.70312),
    ("Scotland", 2638360, 56.5, -4.0),
    ("Wales", 2634895, 52.5, -3.5),
    ("Northern Ireland", 2641364, 54.5, -6.5),
)

# Demonyms countryinfo lacks or spells in an old way ("Tadzhik").
DEMONYMS: dict[str, tuple[str, ...]] = {
    "TJ": ("Tajik", "Tajikistani"),
    "AF": ("Afghan",),
    "GB": ("British", "English", "Scottish", "Welsh", "Briton"),
    "US": ("American",),
    "NL": ("Dutch",),
    "CN": ("Chinese",),
    "PH": ("Filipino",),
    "UZ": ("Uzbek",),
    "KZ": ("Kazakh",),
    "KG": ("Kyrgyz",),
    "TM": ("Turkmen",),
    "IL": ("Israeli",),
    "PS": ("Palestinian",),
    "AE": ("Emirati",),
}


CONTINENT_DEMONYMS: dict[str, tuple[str, ...]] = {
    "EU": ("European",),
    "AF": ("African",),
    "AS": ("Asian",),
    "NA": ("North American",),
    "SA": ("South American",),
    "OC": ("Oceanian",),
}


# Former English names still used for the country ("Persia" in history and travel
# writing): kept as alternate names, so a current name always outranks them.
COUNTRY_EXONYMS: dict[str, tuple[str, ...]] = {
    "IR": ("Persia",),
    "TH": ("Siam",),
    "LK": ("Ceylon",),
    "TW": ("Formosa",),
    "KH": ("Kampuchea",),
    "BJ": ("Dahomey",),
    "BF": ("Upper Volta",),
}
