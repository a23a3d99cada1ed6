"""What a parent told a worker about drinking, drug use, a partner, keeping appointments, giving a child's medication,
where the child is at night or where an injury happened, and records that say otherwise."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import NamedTuple

import ahocorasick

from chronocli.detectors.base import agency_words, sentence_around
from chronocli.events.people import named_by_role

# A sentence in a parent's voice: "Mum said ...", "Kelly denies ...", "Says she has ...", "Mum cancelled - said ..." or
# "Mum rang, said ..." (the speaker understood), "Mum rang to say ...".
# The speaker is any word of two letters or more (mum, she, a name): the regex ignores case.
_SAYING = re.compile(r"(?:^\s*|(?<=[;:,])\s*|(?<=\s[-\u2013])\s+|\b[a-z]{2,}(?:\s*\([^()]{1,30}\))?\s+(?:has\s+|had\s+)?)"
                     r"(?:said|says|reported|reports|stated|states|told\s+\w+|claimed|claims|insisted|insists|denied|denies"
                     r"|maintained|maintains|assured\s+\w+"
                     # "Dad rang to say she was at school" (fam217)
                     r"|(?:rang|phoned|called|texted|emailed)(?:\s+\w+)?\s+to\s+say)\b", re.IGNORECASE)
# Drinking milk or enough fluids is feeding ("baby not drinking her milk", "reports baby drinking well").
_NOT_FEEDING = (r"\b(?!\s+(?:of\s+)?(?:(?:her|his|their|the|any|enough|much)\s+)?(?:milk|water|juice|squash|formula|fluids?|bottles?"
                r"|feeds?|tea|coffee|pop|enough|well|much|\d+\s*(?:oz|ml))\b)")
# "Using" or "used" alone is about drugs only where nothing follows that says what else ("not using the car seat").
_SUBSTANCE = (r"(?:(?:drink\w*|drank|drunk)" + _NOT_FEEDING + r"|alcohol|drugs?|cannabis|weed|heroin|cocaine|crack|spice|substances?"
              r"|(?:using|used)(?=\s+(?:drugs|substances|anything|again|since|for)\b|\s*(?:[.;,]|$)))")
# Not drinking or using, for a while: contradicted by use recorded in the weeks before, or days after.
_NOT_USING = re.compile(
    r"(?:not|never|n't|no longer)\s+(?:\w+\s+){0,2}?(?:had\s+(?:a\s+)?|have\s+(?:a\s+)?|been\s+)?" + _SUBSTANCE
    + r"|\b(?:sober|abstinent|teetotal)\b|\bbeen\s+(?:clean|dry)\b|\bclean\s+(?:from|of|since|for)\b"
    # "all tests are clear", "his screens have come back negative"
    r"|\b(?:all\s+)?(?:(?:his|her|my|the|their)\s+)?(?:drug\s+|urine\s+|hair\s+strand\s+|alcohol\s+)?(?:tests?|screens?|results?)\s+"
    r"(?:are|were|have\s+been|has\s+been|had\s+been|have\s+come\s+back|came\s+back|come\s+back)\s+(?:all\s+)?(?:clear|negative|clean)\b",
    re.IGNORECASE)
# A denial answers what was seen that day ("smelt of alcohol; mum denied drinking"): set against the days around it.
_DENIED = re.compile(r"\bden(?:y|ies|ied|ying)\s+(?:any\s+|all\s+)?(?:alcohol\s+|drug\s+)?(?:use\s+of\s+)?" + _SUBSTANCE,
                     re.IGNORECASE)
# Stopped: says nothing of the weeks before, only of the days after.
_STOPPED = re.compile(r"\b(?:stopped|given up|gave up|quit|come off|came off|off the)\s+(?:\w+\s+){0,1}?" + _SUBSTANCE,
                      re.IGNORECASE)
# Use recorded: an admission, a positive test or reading, a smell, intoxication, a quantity drunk.
_USE = re.compile(
    r"\b(?:admit\w*|acknowledged|disclosed|reports?|reported|says?\s+(?:she|he)\s+(?:is|has\s+been|was))\s+(?:to\s+)?"
    r"(?:(?:been|heavily|daily|regularly|more|again|excessively)\s+)?"
    r"(?:drinking" + _NOT_FEEDING + r"|using|smoking\s+(?:cannabis|weed|crack)|taking\s+(?:drugs|cocaine|heroin|spice))"
    # a positive test of a drug, alcohol, hair strand, urine, saliva or breath sample, or one naming a substance
    # ("tested positive for COVID" or "positive test result for iron deficiency" is not one)
    r"|\b(?:drug|alcohol|hair\s+strand|urine|saliva|breath|tox\w*|oral\s+fluid|peth|cdt)\s+(?:\w+\s+){0,2}?(?:tests?|screens?|results?|samples?)"
    r"\s+(?:\w+\s+){0,2}?(?:was\s+|is\s+|were\s+|came\s+back\s+)?positive"
    r"|\bpositive\s+(?:drug|alcohol|hair\s+strand|urine|saliva|breath\w*|tox\w*)\s+(?:tests?|screens?|results?|readings?|samples?)"
    r"|\bpositive\s+(?:\w+\s+){0,3}?for\s+(?:cocaine|crack|cannabis|thc|heroin|opiates?|amphetamines?|benzo\w*|methadone|alcohol|drugs?|spice|ketamine|mdma)"
    r"|\bpositive\W{1,4}(?:cocaine|crack|cannabis|thc|heroin|opiates?|amphetamines?|benzo\w*|methadone|alcohol|spice|ketamine|mdma)\b"
    r"|\bbreathal\w*\s+(?:reading\s+)?(?:of\s+)?0?\.0*[1-9]"
    # what opiates do to the eyes: "Dad drowsy, pinned pupils"
    r"|\bpinned\s+pupils\b|\bpupils\s+(?:were\s+|was\s+|are\s+)?pinned\b"
    r"|\b(?:smelt|smelled|smelling|smell|stank|stinking)\s+(?:strongly\s+)?of\s+(?:alcohol|drink|cannabis|weed|booze)"
    r"|\b(?:was|were|appeared|seemed|looked|is|became|presented\s+as|arrived|turned\s+up|came)\s+(?:(?!not\b|never\b)\w+\s+)?"
    r"(?:drunk|intoxicated|under\s+the\s+influence)"
    # a note's shorthand, the verb left out: "Mum intoxicated", "Dad very drunk on arrival"
    r"|\b(?:mum|mam|mother|dad|father|partner|stepdad|parents?|carers?)\s+(?:(?!not\b|never\b|no\b)\w+\s+)?(?:drunk|intoxicated)\b"
    r"|\bdrinking\s+(?:\d+|one|two|three|four|five|several)\s+(?:\w+\s+)?(?:bottles|cans|units|pints|litres)"
    # what the drinking leaves: "Empty wine bottles in recycling"; and a drinking questionnaire's harmful score
    # (AUDIT 16 or more; not AUDIT-C, scored to 12)
    r"|\bempty\s+(?:\w+\s+)?(?:wine|vodka|beer|cider|lager|spirits?|gin|whisky|alcohol)\s+(?:bottles|cans)\b"
    r"|\bempty\s+(?:bottles|cans)\s+of\s+(?:wine|vodka|beer|cider|lager|spirits?|gin|whisky)\b"
    r"|\baudit\b(?!-c)\s+(?:score\s+)?(?:of\s+|was\s+|is\s+|=\s*|:\s*)?(?:1[6-9]|[23]\d|40)\b", re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:no|not|nor|never|without|negative|denie[sd]|deny|denying|n't)\b[^.;]{0,25}$", re.IGNORECASE)
# No partner: "she is single and there is no partner", "denies having a boyfriend", "she lives alone and Dean is just a
# friend".
_NO_PARTNER = re.compile(r"\b(?:is|was|she's|he's|being|am)\s+single\b|\b(?:is|she's|he's|am|lives|living)\s+on\s+(?:her|his|my)\s+own\b"
                         r"|\b(?:she|he|i|mum|mam|dad)\s+(?:lives|is\s+living)\s+alone\b"
                         # "she was alone" when officers called (not "alone when he arrived": that says he came)
                         r"|\b(?:she|i)\s+(?:was|is|had\s+been)\s+(?:home\s+)?alone\b(?!\s+(?:when|until|before|after|while|at\s+the\s+time|in\s+the))"
                         # (alone with the children is alone: "she was alone with her daughter"; alone with anyone else is not)
                         r"(?!\s+with\s+(?!(?:the\s+|her\s+|my\s+|both\s+)?(?:child|children|baby|kids|son|daughter|girls|boys)\b))"
                         # "Tomasz is a friend who babysits sometimes": said of a man recorded elsewhere as her partner
                         r"|\b(?:is|he's|she's)\s+(?:just\s+|only\s+)?a\s+(?:family\s+)?(?:friend|mate)\b|\b(?:went|came|goes|comes)\s+(?:[\w']+\s+){0,4}?as\s+a\s+(?:family\s+)?(?:friend|mate)\b"
                         r"|\b(?:are|were|we're|they're)\s+(?:no\s+longer|not)\s+(?:back\s+)?(?:together|a\s+couple)\b"
                         r"|\b(?:have|has|had)\s+(?:split\s+up|separated|broken\s+up|split\s+(?:up\s+)?(?:from|with)\s+\w+)\b"
                         # "she has ended things with Dale", "the relationship is over" (fam220)
                         r"|\b(?:ended|finished)\s+(?:things|it|the\s+relationship|(?:her|his|their)\s+relationship)\s+with\s+\w+"
                         r"|\b(?:the\s+|their\s+|her\s+|his\s+)?relationship\s+(?:with\s+\w+\s+)?(?:is|was|has)\s+(?:now\s+)?(?:over|ended|finished)\b"
                         r"|\bno\s+(?:new\s+|current\s+)?(?:partner|boyfriend|girlfriend|relationship)\b"
                         r"|\bnot\s+(?:in\s+a\s+relationship|seeing\s+anyone)\b|\bden(?:y|ies|ied|ying)\s+(?:having\s+|that\s+she\s+has\s+)?"
                         r"(?:a\s+|any\s+)?(?:new\s+)?(?:partner|boyfriend|girlfriend|relationship)\b"
                         r"|\b(?:does\s+not|doesn't)\s+have\s+a\s+(?:partner|boyfriend|girlfriend)\b", re.IGNORECASE)
# A partner recorded: "new partner Kyle", "her boyfriend was present", "mum's partner answered the door".
_PARTNER = re.compile(r"\b(?:her|his|their|mum's|mummy's|mam's|mammy's|mother's|dad's|daddy's|father's|new|current)\s+(?:partner|boyfriend|girlfriend)\b",
                      re.IGNORECASE)
# A man at the home who is not named as anyone's partner: what a worker sees of a partner kept hidden ("Man seen at
# upstairs window", "Heard male voice inside", "man's boots in the hallway", "present with a male who gave his name as").
_MAN_AT_HOME = re.compile(
    r"\b(?:man|male|males|men)\s+(?:was\s+|were\s+)?(?:seen|heard|present|answered|inside|upstairs|in\s+the\s+(?:property|house|flat|home|background|bedroom))\b"
    r"|\b(?:unknown|unidentified|adult)\s+(?:male|man)\b|\bmale\s+voices?\b|\bwith\s+(?:a\s+)?(?:male|man)\s+who\b"
    # a neighbour's report of the home: "male and female shouting at 2am", "a man shouting 'I'll kill you'"
    r"|\b(?:a\s+)?(?:man|male)\s+(?:and\s+(?:a\s+)?(?:woman|female)\s+)?(?:(?:was|were|could\s+be|heard)\s+)?(?:shouting|arguing|screaming|yelling)\b"
    r"|\b(?:woman|female)\s+and\s+(?:a\s+)?(?:man|male)\s+(?:shouting|arguing|screaming|yelling)\b"
    r"|\b(?:man's|men's|mens|male)\s+(?:jacket|coat|boots|shoes|trainers|clothes|clothing|toiletries|razor|work\s+boots)\b", re.IGNORECASE)
# Keeping appointments: "never missed one" or "all appointments kept" is contradicted by one missed contact, "goes
# every week" by a few.
_NEVER_MISSED = re.compile(r"(?:not|never|n't)\s+(?:\w+\s+)?miss(?:ed|es)?\s+(?:any|a\s+single|an?|one)\b|\bnever\s+miss(?:es|ed)?\b"
                           r"|\ball\s+(?:(?:of\s+)?(?:his|her|their|the)\s+)?(?:\w+\s+){0,2}?(?:appointments|appts|sessions)\s+"
                           r"(?:(?:were|have\s+been|had\s+been|are|was)\s+)?(?:kept|attended|made)\b"
                           r"|\b(?:kept|attended|attends|attending|been\s+to|(?:been\s+)?going\s+to|goes\s+to|(?:taken|takes|took|brings|brought)\s+(?:him|her|them|[\w-]+)\s+to)\s+(?:all|every)\s+"
                           r"(?:(?:of\s+)?(?:his|her|their|the)\s+)?(?:\w+\s+){0,2}?(?:appointments?|appts?|sessions?)\b"
                           # "all her appointments are up to date", "imms are up to date"
                           r"|\b(?:appointments|appts|imms|immunisations|immunizations|jabs|vaccinations|injections)\s+(?:are\s+|were\s+|is\s+)?"
                           r"(?:all\s+)?(?:up\s+to\s+date|up-to-date)\b"
                           # the service's fault, said of appointments it recorded missed: "SALT never sent an appointment"
                           r"|\b(?:never|not|didn't|did\s+not|haven't|have\s+not|hasn't|has\s+not)\s+(?:been\s+)?(?:sent|received|had|got)\s+"
                           r"(?:us\s+|me\s+|her\s+|him\s+)?(?:an?\s+|any\s+)?(?:appointment|appt|letter|invite|invitation)s?\b", re.IGNORECASE)
_REGULARLY = re.compile(
    # ("has been to CGL every week": been to, said of a service, is going to it)
    r"\b(?:attends|attending|goes|going|been\s+going|been\s+attending|been\s+to|gets\s+(?:him|her|them)|takes\s+(?:him|her|them))\s+"
    r"(?:[\w']+\s+){0,4}?(?:every|each|always|weekly|regularly|daily|all\s+(?:of\s+)?(?:her|his|their|the)\s+(?:appointments|sessions))\b"
    r"|\bengag(?:ing|ed)\s+(?:well\s+|fully\s+)?with\b", re.IGNORECASE)
# A child's medication given as prescribed: "he takes his brown inhaler every day", "has his preventer every day",
# "is taking his meds", "never misses a dose".
_MEDICINE = r"(?:inhalers?|preventer|medication|meds|medicines?|tablets|insulin|antibiotics|melatonin|drops|spacer|nebuliser)"
_OFTEN = (r"(?:every\s+(?:day|morning|night|evening)|daily|each\s+(?:day|night)|nightly|regularly|as\s+(?:prescribed|advised|shown)"
          r"|twice\s+a\s+day)\b")
# "Mum says Oisin wears them every night": the treatment named elsewhere in the entry.
_DOES_THEM = re.compile(r"\b(?:wears|wearing|does|doing|uses|using)\s+(?:them|it)\s+" + _OFTEN, re.IGNORECASE)
# Treatment a child needs done at home, and said to be done: "he wears his splints every night", "she does his physio
# exercises every day", "exercises done daily", "full compliance with splints".
_THERAPY = (r"(?:splints?|orthotics|afos?|gaiters|glasses|spectacles|hearing\s+aids?|patch|eye\s+patch|exercises|stretches"
            r"|physio(?:therapy)?\s+(?:exercises|programme|stretches)|cpap|brace)")
_TAKING = re.compile(
    r"\b(?:wears|wearing|does|doing|did)\s+(?:[\w']+\s+){0,3}?" + _THERAPY + r"\b[^.;]{0,30}?\b" + _OFTEN
    + r"|\b" + _THERAPY + r"\s+(?:are\s+|is\s+|have\s+been\s+|being\s+)?(?:done|worn|used|given)\s+" + _OFTEN
    + r"|\bfull(?:y)?\s+complian(?:ce|t)\s+with\s+(?:(?:his|her|their|the)\s+)?(?:\w+\s+)?(?:" + _THERAPY[3:-1] + r"|" + _MEDICINE[3:-1] + r")\b"
    r"|\b(?:takes|taking|has|having|gets|getting|given|gives|giving|uses|using)\s+(?:[\w']+\s+){0,4}?" + _MEDICINE
    + r"\b[^.;]{0,30}?\b(?:every\s+(?:day|morning|night|evening)|daily|each\s+day|regularly|as\s+prescribed|twice\s+a\s+day)\b"
    r"|\b(?:is|are)\s+(?:now\s+)?taking\s+(?:his|her|their)\s+(?:\w+\s+)?(?:meds|medication|medicines?|tablets)\b"
    # a tube-fed child's feeds: "he gets his feeds every day", "she does all his feeds as prescribed"
    r"|\b(?:gets|getting|has|having|given|gives|giving|does|doing|did)\s+(?:all\s+(?:of\s+)?)?(?:his|her|their|the)\s+"
    r"(?:tube\s+|pump\s+|peg\s+|gastrostomy\s+|ng\s+|overnight\s+)?feeds\s+" + _OFTEN
    + r"|\bnever\s+(?:misses|missed|forgets|forgot)\s+(?:\w+\s+){0,2}?(?:doses?|medication|meds|inhaler|tablets)\b", re.IGNORECASE)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
_MONTH_NAMES = r"(?:" + "|".join(m[:3] + (r"(?:" + m[3:] + r")?" if len(m) > 3 else "") for m in _MONTHS) + r")"
# The child at home at night, or never missing: "Kai is home every night", "he has never gone missing", "always in by
# ten", "I always know where she is". Contradicted by a missing episode recorded close in time (isolation_or_moves
# counts those; 002 §6 children missing from home).
_HOME_AT_NIGHT = re.compile(
    r"\b(?:is|are|was|comes|came|gets|got|been)\s+(?:back\s+)?(?:at\s+)?home\s+(?:\w+\s+)?(?:every|each)\s+(?:night|evening)\b"
    r"|\b(?:in|home|back)\s+(?:by|before)\s+(?:\d{1,2}(?:[:.]\d\d)?\s*(?:pm|o'clock)?|ten|nine|eight|eleven|midnight|dark|bedtime|(?:his|her|their)\s+curfew|curfew)"
    r"\s+(?:every|each)\s+(?:night|evening|day)\b|\balways\s+(?:in|home|back)\s+(?:by|before)\b"
    # (not "has not gone missing again", "since March" or "before this month": said of the time after an episode the
    # record holds, or before it)
    r"|\b(?:never|not|n't)\s+(?:\w+\s+)?(?:gone|go|goes|went|run|ran|been)\s+missing\b(?!\s+(?:again|since|any\s*more|before))"
    r"|\balways\s+knows?\s+where\s+(?:he|she|they|[a-z]+)\s+(?:is|are)\b"
    r"|\b(?:never|doesn't|does\s+not|don't|do\s+not)\s+stays?\s+out\b"
    # "Reece is in every night by 9 and never breaks his curfew", "he is staying in"
    r"|\b(?:is|are|gets|comes)\s+(?:home\s+|in\s+|back\s+)(?:every|each)\s+(?:night|evening)\b"
    r"|\b(?:never|not|n't)\s+(?:\w+\s+)?(?:breaks?|broken|breached|breaches|broke)\s+(?:his|her|their|the)\s+curfew\b"
    r"|\b(?:keeps?|kept|sticks?|stuck)\s+to\s+(?:his|her|their|the)\s+curfew\b|\bstaying\s+in\b(?!\s+(?:touch|contact|bed|hospital|a\b|the\b|with\b|at\b))"
    # of a stretch just past: "Keira was at home all weekend", "he was in all night" (see nights_said)
    r"|\b(?:was|were|been|stayed|stays|is)\s+(?:at\s+home|home|in|indoors|in\s+the\s+house)\s+all\s+(?:weekend|night|week|evening)\b"
    # of the time since a month named: "has not been missing since January" (see since_month_start)
    r"|\b(?:never|not|n't)\s+(?:\w+\s+)?(?:gone|go|goes|went|run|ran|been)\s+missing\s+since\s+"
    r"(?:the\s+(?:start|beginning|end)\s+of\s+)?" + _MONTH_NAMES + r"\b",
    re.IGNORECASE)
# Medication recorded as not given: not collected, run out, not taken as prescribed, low blood levels, not in school.
_NOT_GIVEN = re.compile(
    r"\b(?:prescriptions?|repeats?|inhalers?|preventer|medication|meds|tablets|insulin)\s+(?:[\w']+\s+){0,3}?not\s+(?:been\s+)?"
    r"(?:collected|requested|ordered|picked\s+up|renewed)"
    r"|\bnot\s+(?:been\s+)?(?:taking|taken|given|giving|using|used)\s+(?:\w+\s+){0,3}?(?:as\s+prescribed|" + _MEDICINE + r")"
    + r"|\b(?:run|ran)\s+out\s+of\s+(?:\w+\s+){0,2}?" + _MEDICINE
    + r"|\bno\s+(?:\w+\s+)?(?:inhaler|medication|meds|spacer|insulin)\s+(?:found\s+|seen\s+|available\s+)?(?:in|at)\s+(?:the\s+)?"
    r"(?:school|nursery|home|house|flat|property)"
    # "Mum says his own inhaler is lost"
    r"|\b(?:inhaler|spacer|preventer|medication|meds|tablets|insulin)\s+(?:is\s+|was\s+|has\s+been\s+|had\s+been\s+|got\s+)?(?:lost|missing|mislaid)\b"
    r"|\b(?:(?:medication|drug|blood)\s+levels?|levels?\s+of\s+(?:his\s+|her\s+)?(?:\w+\s+)?(?:medication|meds))\s+(?:\w+\s+){0,4}?"
    r"(?:low|sub-?therapeutic|undetectable)"
    r"|\b(?:spacer|inhaler|preventer|nebuliser)\s+(?:was\s+|is\s+)?not\s+(?:being\s+)?used"
    r"|\b(?:poor|non-?)\s*(?:adherence|compliance)\b|\bmissed\s+doses\b"
    # "said she stopped her tablets two weeks ago"
    r"|\b(?:stopped|stopping|came\s+off|come\s+off|gave\s+up|given\s+up)\s+(?:taking\s+)?(?:his|her|their|my|the)\s+(?:\w+\s+)?"
    r"(?:tablets|meds|medication|medicines?|antidepressants?|inhaler|insulin)"
    # "mummy forgets his tablets sometimes", "he had not had his meds this morning"
    r"|\b(?:forgets|forgot|forgotten|forgetting)\s+(?:to\s+give\s+(?:him|her|them)\s+)?(?:his|her|their)\s+(?:\w+\s+)?"
    r"(?:tablets|meds|medication|medicines?|inhaler|insulin)|\b(?:not|n't|never)\s+(?:had|been\s+given|taken)\s+(?:his|her|their)\s+"
    r"(?:\w+\s+)?(?:tablets|meds|medication|medicines?|inhaler|insulin)"
    r"|\b(?:inhaler|medication|tablets|insulin)\b[^.;]{0,30}?\bexpired\b"
    # treatment at home not done: "splints still not being worn", "splints found in cupboard still in packaging",
    # "unable to demonstrate any" of the exercises, "not wearing her glasses"
    r"|\b(?:splints?|orthotics|afos?|glasses|spectacles|hearing\s+aids?|patch|brace)\s+(?:\w+\s+){0,2}?not\s+(?:being\s+)?(?:worn|used)"
    r"|\bnot\s+(?:been\s+)?wearing\s+(?:his|her|their|the)\s+(?:splints?|orthotics|afos?|glasses|spectacles|hearing\s+aids?|patch|brace)"
    r"|\b(?:splints?|orthotics|afos?|glasses|hearing\s+aids?)\b[^.;]{0,40}?\bstill\s+in\s+(?:the\s+|their\s+|its\s+)?(?:packaging|box|wrapper)"
    r"|\bunable\s+to\s+demonstrate\s+(?:any|the)\b|\bexercises\s+(?:\w+\s+){0,2}?not\s+(?:being\s+)?(?:done|completed)"
    # the medicine there to be seen, not taken: "blister packs untouched in kitchen", "tablets unopened"
    r"|\b(?:blister\s+packs?|tablets|medication|meds|pills|boxes\s+of\s+(?:tablets|medication))\s+(?:\w+\s+){0,2}?"
    r"(?:untouched|unopened|not\s+opened|still\s+full|full\s+and\s+unused)"
    # a tube-fed child's feed left unused: "feed stock unopened from last delivery", "boxes of feed untouched"
    r"|\b(?:feed\s+stock|feeds|boxes\s+of\s+feed|feed\s+bags|feed\s+deliver(?:y|ies))\s+(?:\w+\s+){0,2}?(?:untouched|unopened|not\s+opened|unused)",
    re.IGNORECASE)
# "Health appointments" are any health service's: the words that make an agency one.
_HEALTH_CLAIM = re.compile(r"\b(?:health|medical|hospital|doctors?|clinics?)\b", re.IGNORECASE)
_HEALTH_AGENCY = frozenset("gp health hospital outpatients outpatient clinic clinics paediatric paediatrics neurology "
                           "camhs dental dentist midwifery nurse nursing surgery practice physio physiotherapy therapy "
                           "hv visiting visitor audiology ophthalmology orthoptics dietetics immunisation orthotics wheelchair "
                           "podiatry occupational continence diabetes epilepsy respiratory".split())


class Claims(NamedTuple):
    """What a parent is recorded saying in one entry (see the functions below); empty parts are None or ''."""

    not_using: tuple[int, str] | None  # days before the entry a record of use contradicts it, and the sentence
    no_partner: str
    keeping: tuple[int, str, str] | None  # missed contacts that contradict it, the sentence, and its words naming what is kept
    taking: str = ""  # the sentence saying the child's medication or home treatment (splints, exercises) is given
    home_at_night: str = ""  # the sentence saying the child is at home at night, or never goes missing
    elsewhere: tuple[str, str] | None = None  # the sentence saying where they were instead (at the GP), and the place
    # the sentence saying the service cancelled an appointment, the word saying which, and how many of its appointments
    # recorded as not kept contradict it (1; 2 for "the clinic keeps cancelling", said of no one appointment)
    cancelled_by_them: tuple[str, str, int] | None = None
    no_injury: str = ""  # the sentence saying the child has had no accidents, injuries or hospital visits
    happened_at: tuple[str, str] | None = None  # the sentence saying an injury happened at nursery or school, and which
    at_bedside: str = ""  # the sentence saying a parent has stayed with the child in hospital ("has not left his side")
    never_alone: str = ""  # the sentence saying the children are never left on their own
    done: tuple[str, str] | None = None  # the sentence saying a plan's task is done (registered with a dentist), and which
    involved: tuple[str, str] | None = None  # the sentence saying a service is involved ("GP is involved"), and which
    attending: tuple[str, str] | None = None  # the sentence saying a parent goes to a course or group, and its name


# Words without which an entry holds none of these claims: most entries are ruled out by one pass in C (a regex
# of these alternatives took 20 µs an entry, a tenth of a caseload scan's detecting).
_CLAIM_WORDS = ahocorasick.Automaton()
for _word in ("drink", "drank", "drunk", "alcohol", "drug", "using", "used", "cannabis", "weed", "heroin", "cocaine", "crack",
              "spice", "substance", "sober", "abstinent", "teetotal", "clean", "dry", "stopped", "given up", "gave up", "quit",
              "come off", "came off", "off the", "miss", "every", "each", "always", "weekly", "regularly", "daily", "engag",
              "sent", "received", "had an", "had any", "got an", "got any",
              "all ", "single", "alone", "friend", "mate", "together", "split up", "separated", "broken up",
              "partner", "boyfriend", "girlfriend", "relationship", "seeing anyone", "ended", "finished", "inhaler", "preventer",
              "medic", "meds", "tablets", "insulin", "antibiotics", "melatonin", "drops", "spacer", "nebuliser", "dose",
              "splint", "orthotic", "afo", "gaiters", "glasses", "spectacles", "hearing aid", "patch", "exercises", "stretches",
              "physio", "cpap", "brace", "complian", "blister", "pills", "feeds",
              "on her own", "on his own", "on my own", "night", "missing", "where", "stay out", "stays out", "curfew", "in by",
              "home by", "back by", "staying in", "appointment", "appt", " at the ", " at a ", "cancel", "rescheduled", "accident", "injur", "hospital", "a&e",
              " in school", " at school", " at nursery", " at college", "from nursery", "from the nursery", "was from school",
              "were from school", "childcare", "creche",
              "playgroup", "childminder", "his side", "her side", "their side", "'s side", "on the ward", "whole time",
              "all the time", "day and night", "throughout", "on their own", "unsupervised", "by themselves",
              "registered", "enrolled", "signed up", "booked onto", "booked on", "involved", "aware", "under ", "seeing",
              "being seen", "known to", "care of", "going to", "attending", "doing the", "doing a", "doing his", "doing her"):
    _CLAIM_WORDS.add_word(_word, _word)
_CLAIM_WORDS.make_automaton()
# An entry not read as a parent's account (meeting minutes) may still hold a parent's words ("Mum attended TAC
# review. Engaged well; said all health appointments kept").
_PARENT_SPOKE = re.compile(r"\b(?:mum|mam|mother|dad|father|parents?|carers?)\b", re.IGNORECASE)
_SPEECH = re.compile(r"\b(?:said|says|stated|states|reported|told|claimed)\b", re.IGNORECASE)


@lru_cache(maxsize=65_536)
def claims_in(text: str, window_days: int, an_account: bool) -> Claims | None:
    """The claims a parent is recorded making in `text` (an entry read as a parent's account when `an_account`,
    else one that must name a parent and report speech), or None. Cached: a caseload repeats its entries."""
    if next(_CLAIM_WORDS.iter(text.lower()), None) is None or not (an_account or (_PARENT_SPOKE.search(text) and _SPEECH.search(text))):
        return None
    days, using = not_using_claimed(text, window_days)
    enough, keeping, kept = keeping_claimed(text)
    found = Claims((days, using) if days is not None else None, no_partner_claimed(text), (enough, keeping, kept) if enough else None,
                   taking_claimed(text), home_at_night_claimed(text), elsewhere_claimed(text), cancelled_by_them_claimed(text),
                   no_injury_claimed(text), happened_at_claimed(text), at_bedside_claimed(text),
                   never_alone_claimed(text), done_claimed(text), involved_claimed(text), attending_claimed(text))
    return found if any(found) else None


@lru_cache(maxsize=65_536)  # each kind of claim asks it of the same entry
def _said(text: str) -> tuple[tuple[str, str], ...]:
    """(sentence, its words from the verb of saying on) for each sentence of `text` in which someone speaks. The
    sentence starts at the speaker's clause when a dash or colon sets it off ("Flying Start HV - review for Guto (2):
    Attended - mam says she is single": "mam says she is single"), so a summary quotes what was said."""
    found = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if match := _SAYING.search(sentence):
            said = sentence[match.start():]
            if said[:1].isalpha():  # the speaker is named in the match: quote from their clause
                cut = max(sentence.rfind(" - ", 0, match.start()), sentence.rfind(": ", 0, match.start()))
                sentence = sentence[cut + 2:].lstrip() if cut >= 0 else sentence
            found.append((sentence, said))
    return tuple(found)


def not_using_claimed(text: str, window_days: int) -> tuple[int | None, str]:
    """When a parent is recorded saying they do not drink or use drugs: how many days before the entry a record
    of use contradicts it, and the sentence — the period said ("not had a drink for 2 weeks": 14, "this week": 7)
    up to _STATED_SPAN windows, else `window_days` ("sober", "does not drink"); 7 for "denied drinking" (said of
    that day); 0 for "has stopped" (said of what follows). (None, '') when no such words are recorded."""
    for sentence, said in _said(text):
        if _STOPPED.search(said):
            return 0, sentence
        if _NOT_USING.search(said):
            period = _period_days(said)
            return (min(period, _STATED_SPAN * window_days) if period else window_days), sentence
        if _DENIED.search(said):
            return 7, sentence
    return None, ""


# How many claim windows back a period a parent states ("clean for 6 weeks") may reach: what they said, not the
# window, says how far back a positive test contradicts it.
_STATED_SPAN = 3
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "several": 3, "few": 3}
_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}
_PERIOD = re.compile(r"\bfor\s+(?:the\s+)?(?:last\s+|past\s+)?(?:a\s+)?(\d+|an?|one|two|three|four|five|six|several|few)?\s*"
                     r"(day|week|fortnight|month|year)s?\b|\b(?:this|the\s+last|the\s+past)\s+(day|week|fortnight|month|year)\b",
                     re.IGNORECASE)


def _period_days(said: str) -> int | None:
    """The period a statement speaks of, in days ("for 2 weeks": 14, "this week": 7), or None."""
    match = _PERIOD.search(said)
    if not match:
        return None
    count, unit, this = match.groups()
    if this:
        return _UNIT_DAYS[this.lower()]
    number = int(count) if count and count.isdigit() else _NUMBERS.get((count or "a").lower(), 1)
    return number * _UNIT_DAYS[unit.lower()]


_AGO = re.compile(r"\b(\d+|an?|one|two|three|four|five|six|several|few)\s+(day|week|fortnight|month)s?\s+ago\b", re.IGNORECASE)


def recorded_since(text: str, on: dt.date) -> dt.date | None:
    """When what a record made on `on` says began, by the period it states ("Prescription not collected for 6
    weeks", "said she stopped her tablets two weeks ago"), or None when it states none."""
    days = _period_days(text)
    if days is None and (match := _AGO.search(text)):
        count, unit = match.groups()
        days = (int(count) if count.isdigit() else _NUMBERS.get(count.lower(), 1)) * _UNIT_DAYS[unit.lower()]
    return on - dt.timedelta(days=days) if days else None


def no_partner_claimed(text: str) -> str:
    """The sentence in which a parent is recorded saying there is no partner, or ''."""
    return next((sentence for sentence, said in _said(text) if _NO_PARTNER.search(said)), "")


@lru_cache(maxsize=65_536)
def partner_recorded(text: str) -> bool:
    """Whether an entry records a parent's partner (not one said not to exist): "her boyfriend", or a man named with the
    role ("Partner Jason Reid present", "Jason Reid (partner)")."""
    return any(not _NEGATED.search(text[:m.start()]) and not _NO_PARTNER.search(text[max(0, m.start() - 12):m.end()])
               for m in _PARTNER.finditer(text)) or "Partner" in named_by_role([text]).values()


def _unnegated(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of `pattern` in `text` that no negation just before it takes back ("no man seen")."""
    return next((m for m in pattern.finditer(text) if not _NEGATED.search(text[max(0, m.start() - 25):m.start()])), None)


@lru_cache(maxsize=65_536)
def man_recorded(text: str) -> bool:
    """Whether an entry records a man at the home whom it does not name as a partner (not one said not to be there)."""
    return _unnegated(_MAN_AT_HOME, text) is not None


def where_man_recorded(text: str) -> int | None:
    """Where in `text` a man at the home is recorded (see man_recorded), or None."""
    match = _unnegated(_MAN_AT_HOME, text)
    return match.start() if match else None


@lru_cache(maxsize=65_536)
def use_recorded(text: str) -> bool:
    """Whether an entry records drinking or drug use: an admission, a positive test, a smell, intoxication."""
    return any(not _NEGATED.search(text[:m.start()]) for m in _USE.finditer(text))


def keeping_claimed(text: str) -> tuple[int, str, str]:
    """How many missed contacts contradict what a parent is recorded saying about keeping appointments or going
    somewhere ("has not missed any CGL appointments": 1; "goes to school every day": 2), the sentence, and its words
    up to the end of the clause saying it, which name what is kept (see _clause); or (0, '', '')."""
    for sentence, said in _said(text):
        for regex, enough in ((_NEVER_MISSED, 1), (_REGULARLY, 2)):
            if match := regex.search(said):
                return enough, sentence, _clause(said, match)
    return 0, "", ""


# Where one clause of a sentence ends and another begins: "has been to every appointment and the physio is happy
# with him" says nothing of which service's appointments were kept.
_CLAUSE_BREAK = re.compile(r"\s*(?:[,;]|\s(?:and|but|although|though|however|whereas|while)\s)\s*", re.IGNORECASE)


def _clause(said: str, match: re.Match[str]) -> str:
    """`said` up to the end of the clause holding `match`: the service a claim of appointments kept names is in it or
    before it ("has booked the dentist and Ruby goes every six months"), not in a clause after it ("has been to every
    appointment and the physio is happy with him")."""
    after = _CLAUSE_BREAK.search(said, match.end())
    return said[:after.start() if after else len(said)]


def taking_claimed(text: str) -> str:
    """The sentence in which a parent is recorded saying the child's medication is given as prescribed, or treatment at
    home done (splints worn every night, exercises done daily), or ''."""
    return next((sentence for sentence, said in _said(text)
                 if _TAKING.search(said) or (_DOES_THEM.search(said) and re.search(_THERAPY, text, re.IGNORECASE))), "")


_SINCE_MONTH = re.compile(r"\bsince\s+(?:the\s+(?:start|beginning|end)\s+of\s+)?(" + _MONTH_NAMES + r")\b", re.IGNORECASE)


_SINCE_HOLIDAY = re.compile(r"\bsince\s+(?:before\s+)?(christmas|xmas|new\s+year)\b", re.IGNORECASE)


def since_month_start(words: str, on: dt.date) -> dt.date | None:
    """The first day after the month a statement made on `on` speaks of the time since ("has not used since
    February", said in April: 1 March), or None. The month is the latest one before `on`'s month by that name.
    Christmas and New Year count as days ("not had a drink since Christmas", said in January: from 26 December)."""
    match = _SINCE_MONTH.search(words)
    if not match:
        if holiday := _SINCE_HOLIDAY.search(words):
            day = (12, 26) if holiday.group(1).lower() in ("christmas", "xmas") else (1, 2)
            this_year = dt.date(on.year, *day)
            return this_year if this_year <= on else dt.date(on.year - 1, *day)
        return None
    month = next(i for i, m in enumerate(_MONTHS, 1) if m.startswith(match.group(1).lower()[:3]))
    year = on.year if month < on.month else on.year - 1
    if month == on.month:  # "since March", said in March: nothing after it yet
        return None
    return dt.date(year + month // 12, month % 12 + 1, 1)


_NIGHTS = {"night": 1, "evening": 1, "weekend": 3, "week": 7}
_STRETCH = re.compile(r"\ball\s+(night|evening|weekend|week)\b", re.IGNORECASE)


def nights_said(words: str) -> int | None:
    """How many days back a statement of a stretch just past reaches ("at home all weekend": 3), or None."""
    match = _STRETCH.search(words)
    return _NIGHTS[match.group(1).lower()] if match else None


def home_at_night_claimed(text: str) -> str:
    """The sentence in which a parent is recorded saying the child is at home at night or never goes missing, or ''."""
    return next((sentence for sentence, said in _said(text) if _HOME_AT_NIGHT.search(said)), "")


@lru_cache(maxsize=65_536)
def same_treatment(claimed: str, recorded: str) -> bool:
    """Whether what a parent said is given (`claimed`) and what a record says is not (`recorded`) are about the same
    treatment: glasses not worn do not contradict "he takes his inhaler every day". Words that name none ("not taking
    it as prescribed", "wears them every night") may be about any."""
    said, found = treatments(claimed), treatments(recorded)
    return not said or not found or not said.isdisjoint(found)


_TREATMENTS = {topic: re.compile(rf"\b(?:{words})\b", re.IGNORECASE) for topic, words in {
    "medicine": r"inhalers?|preventer|medication|meds|medicines?|tablets|insulin|antibiotics|melatonin|drops|spacer|nebuliser"
                r"|prescriptions?|repeats?|doses?|pills|blister\s+packs?|adherence",
    "splints": r"splints?|orthotics|afos?|gaiters|brace",
    "sight": r"glasses|spectacles|patch",
    "hearing": r"hearing\s+aids?",
    "exercises": r"exercises|stretches|physio\w*",
    "feeds": r"feeds?",
    "cpap": r"cpap",
}.items()}


def treatments(text: str) -> frozenset[str]:
    """The treatments `text` names (medicine, splints, sight, hearing, exercises, feeds, cpap)."""
    return frozenset(topic for topic, regex in _TREATMENTS.items() if regex.search(text))


# Treatment found never used: it speaks of the weeks before it was found ("splints still in their packaging"), so
# it contradicts what a parent said a month earlier as much as what was said that week.
_NEVER_USED = re.compile(r"\bstill\s+(?:in\s+(?:the\s+|their\s+|its\s+)?(?:packaging|box|wrapper|cellophane)|sealed)"
                         r"|\bnever\s+(?:been\s+)?(?:worn|used|opened)\b|\b(?:unopened|untouched)\b", re.IGNORECASE)


def never_used(recorded: str) -> bool:
    """Whether the words medication_not_given found say the treatment was never used, not only missed lately."""
    return _NEVER_USED.search(recorded) is not None


@lru_cache(maxsize=65_536)
def medication_not_given(text: str) -> str:
    """The words of an entry recording a child's medication not given (not collected, run out, not taken as
    prescribed, low blood levels, no inhaler in school) or treatment at home not done (splints not worn, still in
    their packaging), or ''."""
    match = _unnegated(_NOT_GIVEN, text)
    return match.group(0) if match else ""


# The words a parent names a place or service by: where they say they were, the place an excuse names, a service.
_PLACES = r"gp|doctor's|doctors?|surgery|dentist's|dentists?|dental|hospital|clinic|a&e|school|nursery|college"
# Where a parent says they were instead of at the visit or appointment: "she was at the GP", "had a hospital
# appointment", "Tyler was in school".
_ELSEWHERE = re.compile(r"\b(?:(?:was|were|been|is|are|being)\s+(?:at|in)\s+(?:the\s+|a\s+)?(?:[\w']+\s+){0,2}?"
                        rf"(?:{_PLACES})"
                        r"|(?:had|has|have|got|attending|at)\s+(?:a|an|his|her|their|the)\s+(?:[\w'&]+\s+){1,2}?(?:appointment|appt)s?)\b",
                        re.IGNORECASE)


# A record that a place had no appointment that day: "Checked with dental practice - no appointment booked for Jake".
_NO_APPOINTMENT = re.compile(r"\bno\s+(?:such\s+)?(?:appointment|appt)s?\s+(?:was\s+|were\s+|had\s+been\s+|has\s+been\s+)?"
                             r"(?:booked|made|scheduled|arranged|recorded|on\s+record|on\s+(?:the\s+|their\s+)?system|that\s+day|today|for)\b"
                             r"|\b(?:did\s+not|didn't|had\s+no)\s+(?:have\s+)?(?:an?\s+|any\s+)?(?:appointment|appt)s?\b(?!\s+(?:with\s+us\s+)?(?:since|for\s+(?:months|years)))",
                             re.IGNORECASE)
# The place an excuse names, as the word a service is known by ("a dentist appointment": "dentist").
_PLACE = re.compile(rf"\b({_PLACES})\b", re.IGNORECASE)


def no_appointment_at(text: str, place: str, agency: str = "") -> int | None:
    """Where `text` records that the place named in `place` ("had a dentist appointment") had no appointment
    ("Checked with dental practice - no appointment booked"; or, in that place's own file, `agency`, "No
    appointment for Reece today"), or None."""
    named = _PLACE.search(place)
    found = _NO_APPOINTMENT.search(text) if named else None
    return found.start() if found and (names_service(text, named.group(1)) or names_service(named.group(1), agency)) else None


# That the service cancelled: "dietitian appointment was cancelled by the hospital", "the clinic cancelled his review".
_BY_THEM = (r"(?:the\s+)?(?:hospital|clinic|them|they|gp|surgery|practice|service|department|dietitian|doctor|consultant|"
            r"dentist|physio|therapist|nurse)")
_CANCELLED_BY_THEM = re.compile(
    r"\b(?P<what>(?:[\w'-]+\s+){1,2}?)(?:appointment|appt|clinic|review|session)s?\s+(?:was\s+|were\s+|had\s+been\s+|has\s+been\s+|got\s+)?"
    r"(?:cancelled|canceled|rescheduled|rearranged)\s+by\s+" + _BY_THEM + r"\b"
    r"|\b" + _BY_THEM + r"\s+(?:had\s+)?(?:cancelled|canceled)\s+(?:the\s+|his\s+|her\s+|their\s+)?(?P<what2>(?:[\w'-]+\s+){1,2}?)"
    r"(?:appointment|appt|clinic|review|session)s?\b", re.IGNORECASE)
# Cancelling as a habit of the service's: "the clinic keeps cancelling on them", "the hospital always cancels".
_KEEPS_CANCELLING = re.compile(
    r"\b(?:the\s+)?(?P<who>[\w&'-]{2,})\s+(?:keeps?|kept|always|keep\s+on|is\s+always|are\s+always)\s+(?:cancell?ing|cancel(?:s|led)?)\b",
    re.IGNORECASE)
# Who cancelling as a habit is not a service: the family itself ("she keeps cancelling").
_NOT_A_SERVICE = frozenset("i we you she he they it mum mam mother dad father parents parent family who that which".split())
# Words that say which appointment no better than "the appointment" does.
_NOT_WHICH = frozenset("the his her their a an last next today's todays this that was were had has been it "
                       "says said say states stated reports reported told claims claimed explained explains that "
                       "mum mam mother dad father she he they her him".split())


def cancelled_by_them_claimed(text: str) -> tuple[str, str, int] | None:
    """The sentence in which a parent is recorded saying a service cancelled an appointment, the word that says
    which ("dietitian"), and how many of the appointments recorded as not kept contradict it (1, or 2 for a habit:
    "the clinic keeps cancelling"); or None. The service's own record of that appointment may say it was missed."""
    for sentence, said in _said(text):
        if match := _CANCELLED_BY_THEM.search(said):
            words = [w for w in re.findall(r"[\w'-]+", match.group("what") or match.group("what2") or "") if w.lower() not in _NOT_WHICH]
            if words:
                return sentence, words[-1], 1
        if (match := _KEEPS_CANCELLING.search(said)) and match.group("who").lower() not in _NOT_A_SERVICE:
            return sentence, match.group("who"), 2
    return None


# "no accidents or hospital visits since last contact", "has not had any injuries", "not been to A&E".
_NO_INJURY = re.compile(r"\b(?:no|not\s+had\s+any|hasn't\s+had\s+any|has\s+not\s+had\s+any|not\s+had\s+an?|never\s+had\s+any)\s+"
                        r"(?:(?:more|further|other|new)\s+)?(?:accidents?|injur(?:y|ies)|bumps?|falls?|hospital\s+(?:visits?|attendances?|admissions?)"
                        r"|a&e\s+(?:visits?|attendances?)|attendances?\s+at\s+(?:a&e|hospital))\b"
                        r"|\b(?:not|never|hasn't|has\s+not|haven't|have\s+not)\s+(?:been\s+)?(?:to|taken\s+(?:her|him|them)\s+to|been\s+taken\s+to)\s+"
                        r"(?:the\s+)?(?:a&e|hospital|ed|emergency\s+department)\b", re.IGNORECASE)


# Where a parent says an injury happened, when it is a place that keeps its own record of the day: "Mum says he
# fell down the stairs at nursery", "hurt it at school", "the bruise was from the childcare setting".
_SETTINGS = r"(?P<place>nursery|school|college|childminder'?s?|pre-?school|childcare|creche|playgroup)"
_HAPPENED_AT = re.compile(r"\b(?:(?:fell|fallen|tripped|slipped|banged|bumped|knocked|hurt|injured|did it|happened|caught|trapped)\b"
                          r"[^.;]{0,40}?\b(?:at|in)"
                          r"|(?:bruise|bruising|bruises|mark|marks|injury|injuries|burn|cut|graze|scratch)\s+(?:was|were|is|came|happened)"
                          r"\s+(?:from|at|in))\s+(?:the\s+)?" + _SETTINGS + r"\b", re.IGNORECASE)
# That place's record of no such thing: "no falls or accidents at nursery today", "no fall recorded".
_INCIDENTS = r"(?:falls?|accidents?|incidents?|injur(?:y|ies)|bumps?)"
_NO_INCIDENT = re.compile(rf"\bno\s+{_INCIDENTS}\b(?:\s+(?:or|and)\s+{_INCIDENTS})?"
                          r"[^.;]{0,30}?\b(?:recorded|reported|noted|logged|witnessed|today|that\s+day|at\s+(?:nursery|school))\b"
                          r"|\b(?:falls?|accidents?|incidents?)\s+(?:was\s+|were\s+)?not\s+(?:recorded|reported|witnessed|seen)\b"
                          # or the injury there already when the child came: "arrived with bruise on left ear, already
                          # there at drop off"
                          r"|\balready\s+(?:there|present|visible)\s+(?:at|on)\s+(?:drop[- ]?off|arrival)\b"
                          r"|\b(?:present|noted|seen)\s+on\s+arrival\b", re.IGNORECASE)


def happened_at_claimed(text: str) -> tuple[str, str] | None:
    """The sentence in which a parent is recorded saying an injury happened at nursery or school, and the place; or
    None. That place's own record of the days around may say nothing happened."""
    for sentence, said in _said(text):
        if match := _HAPPENED_AT.search(said):
            return sentence, match.group("place")
    return None


def no_incident_recorded(text: str) -> int | None:
    """Where `text` records that no fall, accident or injury happened ("no falls or accidents at nursery today"), or
    None."""
    match = _NO_INCIDENT.search(text)
    return match.start() if match else None


def no_injury_claimed(text: str) -> str:
    """The sentence in which a parent is recorded saying the child has had no accidents, injuries or hospital visits,
    or ''."""
    return next((sentence for sentence, said in _said(text) if _NO_INJURY.search(said)), "")


def elsewhere_claimed(text: str) -> tuple[str, str] | None:
    """The sentence in which a parent is recorded saying where they or the child were (at the GP, in school, at a
    hospital appointment), and those words; or None. Set against the record of the place named, an excuse for a
    missed visit can be checked (002 §5: "plausible excuses")."""
    for sentence, said in _said(text):
        if match := _ELSEWHERE.search(said):
            return sentence, match.group(0)
    return None


# Why a parent says the child was not there, in two kinds that cannot both be true of one day: ill, or out doing
# something ("at football", "at the park", "on holiday"); not at a relative's or a friend's house, where an ill child
# may well be. "Mum rang to say he had a tummy bug" speaks as "mum said" does.
_REASON_SPOKEN = re.compile(r"\b(?:said|says|stated|states|reported|told\s+\w+|claimed|explained|(?:rang|phoned|called|texted|emailed)"
                            r"(?:\s+\w+)?\s+to\s+say)\b", re.IGNORECASE)
_ILL = re.compile(r"\b(?:ill|unwell|poorly|sick|(?:tummy|stomach|sickness|a)\s+bug|migraine|headache|temperature|fever|d\s*(?:&|and)\s*v"
                  r"|diarrhoea|vomiting|chicken\s*pox|a\s+cold|flu|covid|tonsillitis|ear\s+infection|toothache|tummy\s+ache"
                  r"|stomach\s+ache|in\s+bed|asleep)\b", re.IGNORECASE)
_OUT = re.compile(r"\b(?:(?:was|were|is|are|been|went|gone|going)\s+(?:to|at|in|with|on)\s+|at\s+)(?:(?:his|her|their|the|a|my)\s+)?"
                  r"(?:football|rugby|swimming|dancing|boxing|training|practice|club|party|sleepover|park|shops?|town|cinema|beach"
                  r"|holiday|fair|match|gym)\b|\bout\s+with\s+(?:his|her|their)\s+(?:friends|mates)\b", re.IGNORECASE)


def absence_reason(text: str) -> tuple[str, str] | None:
    """("ill" or "out", the sentence) when a parent is recorded giving one kind of reason, not both, for the child not
    being there ("Mum rang to say he had a tummy bug"; "mum said he was at football"), else None."""
    for sentence in re.split(r"(?<=[.!?;])\s+", text):
        if (spoken := _REASON_SPOKEN.search(sentence)) is None:
            continue
        reason = sentence[spoken.end():]
        ill, out = _ILL.search(reason), _OUT.search(reason)
        if bool(ill) != bool(out):
            return ("ill" if ill else "out"), sentence.strip()
    return None


# A parent saying they have stayed with the child in hospital ("Shelby says she has not left Alfie's side", "has been
# on the ward the whole time"), and the ward's record of the parents away ("Parents not on ward since 10pm last night").
_AT_BEDSIDE = re.compile(r"\b(?:(?:not|never|n't)\s+left\s+(?:his|her|their|the\s+baby's|[A-Z][\w-]*'s)\s+side"
                         r"|(?:been|stayed|was|were)\s+(?:here|there|on\s+the\s+ward|with\s+(?:him|her|them|the\s+baby))\s+"
                         r"(?:the\s+whole\s+time|all\s+the\s+time|every\s+(?:day|night)|day\s+and\s+night|throughout))\b", re.IGNORECASE)
_OFF_THE_WARD = re.compile(r"\b(?:(?:parents?|mum|mother|dad|father|family)\s+(?:were\s+|was\s+|have\s+|has\s+)?(?:not|never)\s+"
                           r"(?:been\s+)?(?:on|in|at|present\s+on)\s+(?:the\s+)?(?:ward|unit|bedside)"
                           r"|(?:parents?|mum|mother|dad|father|family)\s+(?:have\s+|has\s+)?(?:not|never)\s+(?:visited|been\s+in)"
                           r"|no\s+(?:parents?|family|parental)\s+(?:visits?|presence|contact)\b|(?:baby|child|\w+)\s+left\s+alone\s+on\s+(?:the\s+)?ward"
                           r"|(?:parents?|mum|mother|dad|father)\s+(?:left|went\s+home)\s+(?:the\s+ward\s+)?at\s+\d)", re.IGNORECASE)


def at_bedside_claimed(text: str) -> str:
    """The sentence in which a parent is recorded saying they have stayed with the child in hospital, or ''."""
    return next((sentence for sentence, said in _said(text) if _AT_BEDSIDE.search(said)), "")


def off_the_ward(text: str) -> int | None:
    """Where `text` records the parents away from the child in hospital ("Parents not on ward since 10pm"), or None."""
    match = _OFF_THE_WARD.search(text)
    return match.start() if match else None


# A parent saying the children are never left alone ("Jodie says she never leaves the children on their own"), and a
# record of them alone: found home alone by police, no adult in the house, or in the child's words ("looks after Lola
# when mum goes out").
_ALONE = r"(?:on\s+(?:their|his|her)\s+own|alone|unsupervised|home\s+alone|by\s+themselves|by\s+(?:him|her)self|with\s+no\s+adult)"
_NEVER_ALONE = re.compile(r"\b(?:never|not|n't|would\s+never)\s+(?:\w+\s+)?(?:leaves?|left|leaving)\s+(?:the\s+|her\s+|his\s+|their\s+|my\s+)?"
                          r"(?:children|kids|child|baby|them|him|her|[A-Z][\w-]+)\s+" + _ALONE + r"\b", re.IGNORECASE)
_LEFT_ALONE = re.compile(r"\b(?:home\s+alone|left\s+(?:\w+\s+){0,3}?" + _ALONE + r"|no\s+adults?\s+(?:present|in\s+the\s+(?:house|property|home|flat))"
                         r"|looks?\s+after\s+(?:\w+\s+){1,2}?when\s+(?:mum|mummy|mam|dad|daddy)\s+(?:goes|went|is)\s+out)\b", re.IGNORECASE)


def never_alone_claimed(text: str) -> str:
    """The sentence in which a parent is recorded saying the children are never left on their own, or ''."""
    return next((sentence for sentence, said in _said(text) if _NEVER_ALONE.search(said)), "")


def left_alone_recorded(text: str) -> int | None:
    """Where `text` records the children left on their own, not in the negative ("not left alone"), or None."""
    match = _unnegated(_LEFT_ALONE, text)
    return match.start() if match else None


# A plan's task a parent says is done, and a record soon after that it is not (002 §3: tasks said done, not done):
# "Mum said she has registered with a dentist" three days before the practice's "No record of Harley or Ruby
# registered". Each task is named by what it is about.
_TASK_TOPICS = {"dentist": r"dentists?|dental", "gp": r"gp|doctors?|surgery",
                "course": r"(?:parenting\s+|freedom\s+|triple\s+p\s+|incredible\s+years\s+)?(?:course|programme|program|group)"}
_DONE = re.compile(r"\b(?:(?:has|have|had|now)\s+)+(?:registered|enrolled|signed\s+up|booked(?:\s+(?:onto|on))?|started)\b"
                   r"[^.;]{0,30}?\b(?:with|on|onto|to|at|for|the|a)\s+(?:the\s+|a\s+|new\s+)*(?P<topic>"
                   + "|".join(f"(?:{w})" for w in _TASK_TOPICS.values()) + r")\b", re.IGNORECASE)
_NOT_DONE = re.compile(r"\b(?:no\s+record\s+of\b[^.;]{0,40}?\b(?:registered|registration|enrolled|booked|referral|attending|attended)"
                       r"|not\s+(?:been\s+)?(?:registered|enrolled|booked|started)|never\s+(?:registered|enrolled|started)"
                       r"|(?:registration|enrolment|referral)\s+(?:has\s+)?(?:not|never)\s+(?:been\s+)?(?:made|received|done|completed)"
                       r"|still\s+not\s+(?:done|registered|booked|started|enrolled))\b", re.IGNORECASE)


def done_claimed(text: str) -> tuple[str, str] | None:
    """The sentence in which a parent is recorded saying a task is done (registered with a dentist or GP, started a
    course), and the task's topic ("dentist", "gp", "course"); or None."""
    for sentence, said in _said(text):
        if (match := _DONE.search(said)) and not _NEGATED.search(said[:match.start()]):
            said_topic = match.group("topic")
            return sentence, next(t for t, words in _TASK_TOPICS.items() if re.fullmatch(words, said_topic, re.IGNORECASE))
    return None


def not_done_recorded(text: str, topic: str, agency: str = "") -> int | None:
    """Where `text` records the task of `topic` not done ("No record of Harley registered at this practice", in the
    dental service's own file; "Dentist registration still not done"), or None."""
    words = _TASK_TOPICS[topic]
    for match in _NOT_DONE.finditer(text):
        sentence = sentence_around(text, match.start())
        if re.search(rf"\b(?:{words})\b", sentence, re.IGNORECASE) or re.search(rf"\b(?:{words})\b", agency, re.IGNORECASE):
            return match.start()
    return None


# A service a parent says is involved with the child, and the service's own record (or one naming it) that it has had
# nothing to do with them (002 §3: what parents say checked with the agencies): "Mum says Ellis has anxiety and GP is
# involved", then the practice's "No consultation for Ellis since 2022. No record of anxiety" (fam213).
_SERVICES = {"gp": r"gps?|doctors?|doctor's|surgery|practice|general\s+practi\w+",
             "camhs": r"camhs|cahms|child\s+(?:and\s+adolescent\s+)?mental\s+health(?:\s+services?)?",
             "paediatrics": r"paediatrician|paediatrics|paediatric\s+(?:team|clinic|consultant)|consultant",
             "counselling": r"counsell?or|counsell?ing|therapist|therapy|psychologist|psychiatrist"}
_SERVICE = "|".join(f"(?:{words})" for words in _SERVICES.values())
_INVOLVED = re.compile(
    rf"\b(?:the\s+|his\s+|her\s+|their\s+|a\s+)?(?P<service>{_SERVICE})\s+(?:is|are|has\s+been|have\s+been)\s+(?:(?:already|fully|now|very\s+much)\s+)?"
    r"(?:involved|aware|seeing\s+(?:him|her|them)|treating\s+(?:him|her|them)|monitoring|dealing\s+with)\b"
    r"|\b(?P<subject>\w+)\s+(?:is|are|has\s+been|have\s+been)\s+(?:(?:already|now|currently)\s+)?(?:under|seeing|being\s+seen\s+by|known\s+to|"
    r"under\s+the\s+care\s+of|getting\s+help\s+from|having\s+support\s+from)\s+(?:the\s+|a\s+|her\s+|his\s+|their\s+)?"
    rf"(?P<service_>{_SERVICE})\b", re.IGNORECASE)
_NOT_INVOLVED = re.compile(
    r"\bno\s+(?:consultations?|contact|appointments?|attendances?|involvement|referrals?)\b(?:\s+\w+){0,3}?\s+"
    r"(?:since|in\s+(?:the\s+)?(?:last|past)|this\s+year|recorded|made|received)\b"
    r"|\bnot\s+(?:been\s+)?seen\s+(?:\w+\s+)?(?:at\s+the\s+(?:practice|surgery|clinic)\s+)?(?:since|in\s+(?:the\s+)?(?:last|past))\b"
    r"|\bnot\s+(?:currently\s+)?(?:known|open)\s+to\b|\bno\s+(?:current\s+)?involvement\b|\bnever\s+(?:been\s+)?referred\b"
    r"|\bno\s+record\s+of\s+(?:any\s+)?(?:anxiety|depression|mental\s+health|low\s+mood|consultations?|contact|appointments?|"
    r"attendances?|referrals?|diagnosis|involvement|concerns?\s+(?:re|about|regarding)\s+(?:anxiety|mood|mental\s+health)"
    # or of the child by name, at the practice ("No record of Ellis at this practice"; a capital, whatever the case
    # of the rest: not "no record of injuries at")
    r"|(?-i:[A-Z][a-z]+)\s+(?:at|with|on)\b)",
    re.IGNORECASE)


def involved_claimed(text: str) -> tuple[str, str] | None:
    """The sentence in which a parent is recorded saying a service is involved with the child ("GP is involved",
    "is under CAMHS"), and the service ("gp", "camhs", "paediatrics", "counselling"); or None."""
    for sentence, said in _said(text):
        if (match := _INVOLVED.search(said)) and not _NEGATED.search(said[:match.start()]):
            # "Mum says she is seeing her GP", "Dad said he is under the doctor": the speaker's own doctor, not the child's
            if (subject := (match.group("subject") or "").lower()) in ("i", "we") or subject == _SPEAKER_PRONOUN.get(
                    (_SPEAKER.search(sentence) or [""])[0].lower()):
                continue
            named = match.group("service") or match.group("service_")
            return sentence, next(t for t, words in _SERVICES.items() if re.fullmatch(words, named, re.IGNORECASE))
    return None


_SPEAKER = re.compile(r"\b(?:mum|mam|mother|dad|father)\b", re.IGNORECASE)
_SPEAKER_PRONOUN = {"mum": "she", "mam": "she", "mother": "she", "dad": "he", "father": "he"}


def not_involved_recorded(text: str, service: str, agency: str = "") -> int | None:
    """Where `text`, in the service's own file (`agency`) or naming it, records it has had nothing to do with the
    child ("No consultation for Ellis since 2022", "Not known to CAMHS"), or None."""
    words = _SERVICES[service]
    own = re.search(rf"\b(?:{words})\b", agency, re.IGNORECASE) is not None
    for match in _NOT_INVOLVED.finditer(text):
        if _AN_ADULT_BEFORE.search(text, max(0, match.start() - 20), match.start()):  # "Dad not seen since March"
            continue
        if own or re.search(rf"\b(?:{words})\b", sentence_around(text, match.start()), re.IGNORECASE):
            return match.start()
    return None


_AN_ADULT_BEFORE = re.compile(r"\b(?:mum|mam|mother|dad|father|parents?|partner|carers?)\b[^.;,]*$", re.IGNORECASE)


# A course or group a parent says they go to, and that course's record of them not going (002 §3: tasks said done,
# not done): "he has been going to anger management" eight days after probation's "Craig has not attended anger
# management since 10/01/25. Removed from course." (fam218).
_COURSE = (r"(?:[\w-]+\s+){0,2}?(?:course|programme|program|group|sessions|classes|management|counselling|therapy"
           r"|freedom|triple\s+p|meetings)")
_ATTENDING = re.compile(r"\b(?:has|have|is|are|'s)\s+(?:been\s+)?(?:going|attending|doing)\s+(?:to\s+)?(?:the\s+|his\s+|her\s+|their\s+|an?\s+)?"
                        rf"(?P<course>{_COURSE})\b", re.IGNORECASE)
_NOT_ATTENDING = re.compile(r"\b(?:has\s+not|hasn't|have\s+not|haven't|not)\s+(?:been\s+)?attend\w*\b|\bdid\s+not\s+attend\b|\bdna\b"
                            r"|\bremoved\s+from\b|\bstopped\s+(?:attending|going)\b|\bno\s+longer\s+(?:attend\w*|going)\b|\bdropped\s+out\b"
                            r"|\bdischarged\s+(?:for|after|due\s+to)\s+(?:non-?attendance|(?:\w+\s+)?dnas?|non-?engagement)\b", re.IGNORECASE)
# Words of a course's name that say nothing of which course it is.
_COURSE_FILLER = frozenset("course programme program group sessions classes meetings the his her their a an".split())


def attending_claimed(text: str) -> tuple[str, str] | None:
    """The sentence in which a parent is recorded saying they go to a course or group ("has been going to anger
    management", "is attending the parenting course"), and the course's words; or None."""
    for sentence, said in _said(text):
        if (match := _ATTENDING.search(said)) and not _NEGATED.search(said[:match.start()]):
            return sentence, match.group("course")
    return None


def not_attending_recorded(text: str, course: str) -> int | None:
    """Where `text` records the course named by `course` not attended ("has not attended anger management since
    10/01/25"), in a sentence naming it; or None."""
    words = [w for w in re.findall(r"[a-z]+", course.lower()) if w not in _COURSE_FILLER] or re.findall(r"[a-z]+", course.lower())[-1:]
    naming = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)
    # (in the sentence naming the course: "Discussed the parenting course. Mum did not attend the core group" is not it)
    return next((match.start() for match in _NOT_ATTENDING.finditer(text) if naming.search(sentence_around(text, match.start()))), None)


def names_agency(text: str, agency: str) -> bool:
    """Whether `text` names the service `agency` is ("CGL" for "CGL Substance Misuse", "school" for "School")."""
    named = set(re.findall(r"[a-z'&]+", agency.lower()))
    if _HEALTH_CLAIM.search(text) and named & _HEALTH_AGENCY:
        return True
    return names_service(text, agency)


# Words that name a service of some kind: a claim naming one the case holds no records from is checked against none.
_ANY_SERVICE = re.compile(rf"\b(?:{_PLACES}|"
                          r"cgl|camhs|physio\w*|therap\w*|opticians?|counsell\w*|drug\s+service|alcohol\s+service|"
                          r"key\s*worker|groups?|course|programme|classes)\b", re.IGNORECASE)
# A school or nursery records absences, not the days a child was there: a run of its missed contacts says nothing.
_EDUCATION = re.compile(r"\b(?:school|academy|nursery|college|education|pupil|early\s+years|primary|secondary)\b", re.IGNORECASE)


def names_a_service(text: str) -> bool:
    """Whether `text` names a service of any kind ("goes to the dentist", "at the group")."""
    return _ANY_SERVICE.search(text) is not None


def is_education(agency: str) -> bool:
    """Whether `agency` is a school, nursery or college."""
    return _EDUCATION.search(agency) is not None


def names_service(text: str, agency: str) -> bool:
    """Whether `text` names `agency` by its own words or what a parent calls it ("the dentist" for "Dental"): not
    "hospital" for any health service, as names_agency allows."""
    words = agency_words(agency)
    return bool(words) and any(re.search(rf"\b(?:{_SAID_FOR.get(w, re.escape(w))})\b", text, re.IGNORECASE) for w in words)


# What a parent calls a service whose file names it otherwise: "goes to the dentist" is the Dental service's.
_SAID_FOR = {"gp": r"gp|doctor's|doctors|doctor|surgery", "midwifery": r"midwifery|midwife|midwives|antenatal|maternity",
             "maternity": r"maternity|midwife|midwives|midwifery|antenatal", "dental": r"dental|dentists?|dentist's", "dentist": r"dental|dentists?|dentist's",
             "optometry": r"optometry|opticians?|optician's", "orthoptics": r"orthoptics|eye\s+clinic",
             "audiology": r"audiology|hearing\s+clinic", "physio": r"physio|physiotherapy|physiotherapist",
             "physiotherapy": r"physio|physiotherapy|physiotherapist", "salt": r"salt|speech\s+(?:and\s+language\s+)?therap\w*"}
