"""Reading the error summary of a form page, for the tests that a form shows the errors of its
fields and of the slice's rules together, in one response."""

import re
from html import unescape


def fouten(response) -> list[str]:
    """The messages of the page's error summary (``#foutsamenvatting``), as the reader sees
    them. Fails when the page has no summary."""
    html = response.content.decode()
    assert 'id="foutsamenvatting"' in html, "de pagina heeft geen foutsamenvatting"
    begin = html.index('id="foutsamenvatting"')
    lijst = html[begin : html.index("</ul>", begin)]
    return [
        unescape(re.sub(r"<[^>]+>", "", item)).strip()
        for item in re.findall(r"<li>(.*?)</li>", lijst, re.S)
    ]


def bevat_beide(response, veldfout: str, regelfout: str) -> None:
    """The summary holds the field's error and the rule's error (each as part of a message)."""
    berichten = fouten(response)
    assert any(veldfout in b for b in berichten), (veldfout, berichten)
    assert any(regelfout in b for b in berichten), (regelfout, berichten)
