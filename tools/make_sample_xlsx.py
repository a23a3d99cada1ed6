"""Regenerate the two XLSX files in sample_data/ (an invented family; no real person's data)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

HERE = Path(__file__).resolve().parent.parent / "sample_data"
D = dt.datetime

SOCIAL_WORK = [
    (D(2024, 1, 8, 15, 20), "Referral received from Little Acorns Nursery: bruising to Jayden's left arm, Jayden said Dean hit him with a belt.", "Referral to MASH progressed; strategy discussion arranged", "SW L. Evans"),
    (D(2024, 1, 9, 10, 0), "Strategy meeting held with police, health and nursery. S47 enquiry agreed.", "S47 to start", "SW L. Evans"),
    (D(2024, 1, 10, 14, 0), "S47 home visit. Mum stated Jayden fell off his bike. Jayden seen alone in his bedroom, said Dean hits him when he is naughty. Explanation not consistent with the pattern of bruising per paediatric opinion.", "Child protection medical arranged", "SW L. Evans"),
    (D(2024, 1, 29, 10, 0), "ICPC. Jayden and Ruby made subject to child protection plans (physical abuse, neglect). Tasks agreed: Mum to attend parenting course; home conditions to be improved.", "Core group set", "SW L. Evans"),
    (D(2024, 2, 7, 11, 0), "Unannounced home visit - no reply, card left.", "Re-visit next week", "SW L. Evans"),
    (D(2024, 2, 14, 16, 30), "Home visit. No access - curtains drawn, dog barking, no answer.", "Manager informed", "SW L. Evans"),
    (D(2024, 2, 21, 9, 45), "Home visit. Dean refused entry, shouted at SW on the doorstep and threatened to smash her car. Children not seen.", "Incident reported to police; joint visiting agreed", "SW L. Evans"),
    (D(2024, 2, 26, 13, 0), "Core group meeting. Home conditions much improved, house clean and tidy. Mum agreed again to attend parenting course.", "Minutes circulated", "SW L. Evans"),
    (D(2024, 3, 4, 10, 0), "Home visit. Home conditions deteriorated: dog faeces on the floor and no food in the fridge. Jayden seen but not seen alone - mum would not allow it.", "Discussed in supervision", "SW L. Evans"),
    (D(2024, 3, 13, 15, 0), "Home visit - no reply.", "", "SW L. Evans"),
    (D(2024, 3, 20, 11, 30), "Home visit. Mum filmed the SW on her phone throughout the visit. Jayden not seen, said to be at grandmother's.", "", "SW L. Evans"),
    (D(2024, 3, 25, 12, 0), "Mum made a formal complaint about the social worker.", "Complaint logged", "Team Manager"),
    (D(2024, 4, 8, 13, 0), "Core group meeting. Home conditions improved, clean and tidy. Parenting course not started. Mum agreed again to attend parenting course.", "Minutes circulated", "SW L. Evans"),
    (D(2024, 4, 15, 10, 30), "Home visit. Home conditions worse again, strong smell and rubbish bags in the hallway. Jayden not seen alone, mum stayed in the room.", "", "SW L. Evans"),
    (D(2024, 4, 22, 10, 0), "RCPC. Plans continue. Parenting course not completed. No significant change in home conditions. Task re-agreed: Mum to attend parenting course.", "Next RCPC in 6 months", "SW L. Evans"),
    (D(2024, 5, 1, 14, 0), "Home visit - no reply, card left.", "", "SW L. Evans"),
    (D(2024, 5, 8, 9, 30), "Home visit. Dean refused entry again and was verbally abusive to SW.", "Police informed", "SW L. Evans"),
    (D(2024, 5, 21, 10, 0), "Mum posted abusive comments about the SW on Facebook, naming her.", "Legal advice sought", "Team Manager"),
]

POLICE = [
    ("Mar 2023", "", "Domestic incident at previous address. Neighbour called police about shouting. Kerry Harlow and Dean Mott present.", "DASH completed - standard risk", "PC 1123"),
    (D(2024, 1, 9, 10, 0), "10:00", "Strategy discussion with children's social care re Jayden Harlow. S47 agreed.", "Police to attend S47", "DS Rowe"),
    (D(2024, 2, 21, 12, 10), "12:10", "Report from social worker that Dean Mott threatened her at the family home.", "Words of advice given", "PC 2210"),
    (D(2024, 3, 28, 23, 40), "23:40", "Domestic incident. Neighbours reported shouting and banging. Dean Mott present at the address. Kerry Harlow denied any assault. Jayden seen, appeared frightened.", "DASH medium risk; MARAC referral", "PC 1123"),
    (D(2024, 5, 20, 18, 0), "18:00", "Dean Mott arrested for threats towards the social worker.", "Released under investigation", "PC 2210"),
]


def make_social_work() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Chronology"
    ws["A1"] = "Children's Social Care - Single agency chronology: Jayden Harlow"
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append(["Date", "Event", "Action taken", "Worker"])
    for row in SOCIAL_WORK:
        ws.append(list(row))
    for cell in ws["A"][3:]:
        cell.number_format = "dd/mm/yyyy hh:mm"
    key = wb.create_sheet("Key")
    key.append(["Abbreviation", "Meaning"])
    for pair in [("ICPC", "Initial child protection conference"), ("RCPC", "Review child protection conference"),
                 ("S47", "Section 47 enquiry"), ("MASH", "Multi-agency safeguarding hub")]:
        key.append(pair)
    wb.save(HERE / "social_work.xlsx")


def make_police() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Incidents"
    ws.append(["Incident Date", "Time", "Summary", "Outcome", "Officer"])
    for row in POLICE:
        ws.append(list(row))
    lookups = wb.create_sheet("Lookups")
    lookups.append(["Code"])
    lookups.append(["DASH"])
    wb.save(HERE / "police.xlsx")


if __name__ == "__main__":
    make_social_work()
    make_police()
