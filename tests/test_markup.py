"""Rich-text case notes: HTML markup read as the text it shows, the cell kept as written."""

from __future__ import annotations

import numpy as np
import pytest

from chronocli.config import Config
from chronocli.read.load import load_inputs
from chronocli.read.markup import has_markup, plain, without_markup
from tests.conftest import TODAY, write_csv


def test_a_rich_text_note_reads_as_the_text_it_shows():
    assert plain("<p>Visited home.&nbsp;Mum &amp; partner present.</p><p>Kai said he is &quot;fine&quot;.</p>") == (
        'Visited home. Mum & partner present.\nKai said he is "fine".')
    assert plain("Unannounced visit.<br>No reply.<br/>Card left.") == "Unannounced visit.\nNo reply.\nCard left."
    assert plain("<div><b>Outcome:</b> <span style='x'>DNA</span></div>") == "Outcome: DNA"


@pytest.mark.parametrize("text", ["Mum & dad present", "Weight <2nd centile", "Q&A session", "A&E attendance",
                                  "Score <4 on GCP", "Mum said <he> was fine"])
def test_text_that_only_holds_an_angle_bracket_or_ampersand_is_left_as_written(text):
    assert not has_markup(text)


def test_only_cells_with_markup_change_and_each_distinct_value_once():
    values = np.array(["<p>a</p>", "b & c", "<p>a</p>", ""], dtype=object)
    shown, changed = without_markup(values)
    assert shown.tolist() == ["a", "b & c", "a", ""] and changed.tolist() == [True, False, True, False]


def test_an_export_of_rich_text_notes_is_read_as_plain_text_with_the_cell_kept(tmp_path):
    path = write_csv(tmp_path / "mosaic.csv", "Event Date,Case Note Type,Note\n"
                     "11/03/2024,Home Visit,\"<p>Visited.&nbsp;Mum &amp; partner present.</p>\"\n"
                     "12/03/2024,Phone Call,Phoned mum - no answer\n")
    loaded = load_inputs([path], Config(), today=TODAY)
    assert loaded.events["text"].tolist() == ["Visited. Mum & partner present.", "Phoned mum - no answer"]
    assert loaded.events["extra:text as recorded"].tolist() == ["<p>Visited.&nbsp;Mum &amp; partner present.</p>", ""]
    assert loaded.events["kind"].tolist() == ["Home Visit", "Phone Call"]  # "Case Note Type" is the type column
    assert [p.column for p in loaded.problems if "HTML markup" in p.message] == ["Note"]
