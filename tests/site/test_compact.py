"""veiviser.site.compact: indentation goes, whitespace that matters stays."""
from veiviser.site.compact import compact_html


def test_indentation_goes_but_each_newline_stays():
    assert compact_html("<ul>\n    <li>a</li>\n\t<li>b</li>\n</ul>") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"


def test_pre_textarea_and_script_keep_every_byte():
    kept = ["<pre class='x'>\n    code\n  </pre>", "<textarea id=t>\n  svar</textarea>",
            "<script>\n  const s = `\n    line`;\n</script>", "<PRE>\n  upper\n</PRE>"]
    html = "\n  <div>\n    ".join(kept)
    out = compact_html(html)
    for block in kept:
        assert block in out
    assert "\n  <div>" not in out and "\n<div>" in out


def test_words_on_two_lines_stay_apart():
    assert compact_html("<p>Ikke\n        kjent</p>") == "<p>Ikke\nkjent</p>"
