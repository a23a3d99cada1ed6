"""One colour per agency that stays readable: light fills under black text (WCAG AA), terminal styles for both backgrounds."""

from __future__ import annotations

# Light fills: with black text each has a contrast ratio far above WCAG AA's 4.5:1 (tested).
FILLS = ("DCEBFA", "FDE2C8", "D9F2D9", "F3D9F2", "FFF2B3", "D6F0F5", "F8D7DA", "E4DCF5", "E8E8E8", "E6F2C2")
TEXT_COLOUR = "000000"
# Terminal: mid-tone colours that read on dark and light themes alike.
TERMINAL = ("dodger_blue2", "dark_orange3", "green4", "medium_orchid", "gold3", "dark_cyan", "indian_red",
            "slate_blue1", "grey50", "chartreuse3")


def agency_index(agencies: list[str]) -> dict[str, int]:
    """Stable order: agencies sorted by name, so the same agency gets the same colour every run."""
    return {agency: i for i, agency in enumerate(sorted(set(agencies)))}


def relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
