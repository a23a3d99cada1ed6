"""How an injury was said to have happened: the explanations in an entry, and whether two of them differ."""

from __future__ import annotations

import re
from typing import NamedTuple

# "Mum said he fell at the park", "Logan said he banged it on the door", "dad states fell from trampoline": a
# speaker, a verb of saying, then within a few words how it happened. The speaker may be left unsaid where a
# sentence or clause begins with the verb ("had a cut lip; said she walked into a door").
_MECHANISM = (r"fell|fallen|falling|tripped|slipped|banged|bumped|knocked|walked into|ran into|caught|trapped|burnt|burned"
              r"|scalded|rolled (?:off|into|onto|against)|dropped|jumped (?:off|from)|crashed|collided|play[- ]?fight\w*|rough play|bitten|scratched"
              r"|pulled (?:the |a )?(?:kettle|pan|saucepan|iron|cup|mug|drink|tea|coffee|cable|flex)|spilled|spilt|tipped"
              # a burn's how: "touched the oven door", "grabbed a hot pan"
              r"|(?:touched|grabbed|picked up) (?:the |a )?(?:hot |boiling )?(?:oven|hob|iron|radiator|kettle|fire|heater|cooker|stove|pan"
              r"|saucepan|plate|cup|mug|drink|tea)"
              r"|hit (?:his|her|their|it|himself|herself)|did it (?:to )?(?:him|her)self|self[- ]inflicted|pushed by|sibling"
              # someone else's doing, or somewhere else: "a child pushed him", "from nursery", "at soft play"
              r"|(?:another|a|other|older) (?:child|kid|boy|girl|pupil) (?:pushed|hit|bit|kicked|scratched)"
              r"|(?:from|at) (?:nursery|school|the park|soft play|football|gymnastics|the childminder's|dad's|grandma's|nan's)"
              # a baby's equipment: "must have been from the car seat strap", "caught on the cot bars"
              r"|(?:from|by|on) (?:the |a |his |her )?(?:car[- ]?seat|seat ?belt|straps?|buggy|pram|cot|cot bars|high ?chair|bouncer"
              r"|sling|nappy|poppers|dummy clip)")
_EXPLAINED = re.compile(
    r"(?:\b(?P<who>[A-Za-z]+)\s+|(?:^|(?<=[.;:\-\u2013]))\s*)(?:has\s+|had\s+)?(?:said|says|stated|states|explained|explains|reported|reports|told\s+\w+"
    r"|claimed|claims|maintains|maintained|insists|insisted)"
    # (up to eight words before how: "injury happened 3 days ago when Ellie-May pulled the kettle")
    r"(?:\s+that)?[\s:,'\"\u201c]+(?P<how>(?:[\w'-]+\s+){0,8}?(?:" + _MECHANISM + r")\b[^.;!?\"\u201d]{0,60})",
    re.IGNORECASE)
# A history taken on arrival, the speaker the one who brought the child: "brought by dad (Marcus Reid). Fell off the
# sofa onto laminate floor" (an emergency department's triage note rarely writes "said").
# (a person, not "brought by Ambulance" or "by Police")
_HISTORY = re.compile(r"\b(?i:brought\s+(?:in\s+)?by)\s+(?P<who>(?i:mum|mother|dad|father|parents?|nan|gran|grandmother|carer|partner)"
                      r"|(?!(?i:ambulance|police|paramedics?|officers?|crew|school|nursery|staff|taxi|foster|social|the)\b)[A-Z][a-z]+)"
                      r"(?:\s*\([^()]{0,40}\))?\s*[.;:,-]\s*(?P<how>(?i:(?:[\w'-]+\s+){0,4}?(?:" + _MECHANISM + r"))\b[^.;!?]{0,60})")
# Words that say nothing of how: two explanations are compared by the rest ("fell at the park" against "fell off
# the sofa": the park against the sofa).
_FILLER = frozenset("""a an the he she it they him her his hers its their them himself herself themselves i me my we our
    you your was were is are be been being had has have did do does on at off in into onto against from of to with by for
    over up down out when whilst as and or but that this then just accidentally apparently playing play
    yesterday today last night morning evening weekend earlier before after while""".split())


class Explanation(NamedTuple):
    who: str  # the speaker as written ("Mum", "Logan"), or "" when the entry does not say
    how: str  # the words after the verb of saying, as written


def explanations_in(text: str) -> list[Explanation]:
    """The explanations of how something happened that an entry records."""
    found = []
    for match in _EXPLAINED.finditer(text):
        who = match.group("who") or ""
        found.append(Explanation("" if who.lower() in ("he", "she", "they", "and", "also") else who,
                                 match.group("how").strip(" ,'\"")))
    if not found and (history := _HISTORY.search(text)):
        found.append(Explanation(history.group("who").capitalize(), history.group("how").strip(" ,'\"")))
    return found


# Words for one mechanism: "fell down the stairs" and "tripped on the stairs" say the same, and so do "fell against
# the cot" and "banged it on the cot" (a child striking something; "hit" stays apart: "dad hit him" is no fall).
_SAME_MECHANISM = {**dict.fromkeys(("fell", "fallen", "falling", "fall", "falls", "tripped", "slipped", "banged", "bumped",
                                    "knocked"), "fall"),
                   **dict.fromkeys(("burnt", "burned", "scalded"), "burn")}


def differ(first: str, second: str) -> bool:
    """Two explanations one of which says something the other does not contradict by adding to: the shorter is
    not contained in the longer ("fell at the park", "fell off the sofa"; not "fell off his scooter" and "fell
    off his scooter on the way home", nor "fell down the stairs" and "tripped on the stairs")."""
    a, b = _content(first), _content(second)
    if not a or not b:
        return False
    shorter, longer = sorted((a, b), key=len)
    return not shorter <= longer


def _content(text: str) -> set[str]:
    """The words that say how, less names ("Jayden fell off his bike" says what "he fell off his bike" says)."""
    text = _STRUCK_ON.sub("banged ", text)
    return {_SAME_MECHANISM.get(w.lower(), w.lower()) for w in re.findall(r"[A-Za-z]+", text)
            if not w[0].isupper() and w.lower() not in _FILLER}


# "hit his head on the table" is the child striking something, as "banged his head on the table" is; "dad hit him" is not.
_STRUCK_ON = re.compile(r"\bhit\s+(?=(?:(?:his|her|their|its|my)\s+\w+|it)\s+(?:on|against)\b)", re.IGNORECASE)
