"""A login session's browser and system as a person names them, read from the
User-Agent header: plain Python, no Flask."""

from __future__ import annotations

from legaldesk.messages import N_, Msg

# What a person calls the browser and the system behind a User-Agent header, first
# match wins: apps and Chromium's offspring also name Chrome and Safari, and Huawei's
# HarmonyOS also names Android. Brands known by another name in Chinese (微信, 钉钉)
# are marked for translation; the rest read the same in every language.
_BROWSERS = (
    ("MicroMessenger/", N_("WeChat")),
    ("DingTalk/", N_("DingTalk")),
    ("HuaweiBrowser/", N_("Huawei Browser")),
    ("Edg/", "Edge"),
    ("EdgA/", "Edge"),
    ("EdgiOS/", "Edge"),
    ("Edge/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", N_("Samsung Internet")),
    ("UCBrowser/", N_("UC Browser")),
    ("QQBrowser/", N_("QQ Browser")),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Trident/", "Internet Explorer"),
    ("MSIE ", "Internet Explorer"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("HarmonyOS", "HarmonyOS"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("CrOS", "ChromeOS"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
)
# Programs that log in through the form (scripts, command-line tools), by their
# first product token.
_PROGRAMS = frozenset(
    {"curl", "wget", "python-requests", "python-urllib", "python-httpx", "aiohttp"}
    | {"go-http-client", "okhttp", "postmanruntime", "httpie", "node-fetch", "axios"}
)


def device_label(user_agent: str) -> Msg:
    """A session's browser as a person says it ("Chrome on Windows"), from the
    User-Agent header; a header nobody would recognise is an unknown browser."""
    agent = user_agent or ""
    product = agent.split("/", 1)[0].strip()
    if product.lower() in _PROGRAMS:
        return Msg(N_("Program (%(name)s)"), {"name": product})
    browser = next((Msg(name) for token, name in _BROWSERS if token in agent), None)
    system = next((name for token, name in _SYSTEMS if token in agent), None)
    if browser and system:
        return Msg(N_("%(browser)s on %(system)s"), {"browser": browser, "system": system})
    if browser:
        return browser
    if system and product == "Mozilla":
        return Msg(N_("A browser on %(system)s"), {"system": system})
    return Msg(N_("Unknown browser"))
