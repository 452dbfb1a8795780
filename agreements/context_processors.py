from django.http import HttpRequest


def person(request: HttpRequest) -> dict:
    """Block templates fill the person's blank with ``person`` (a personalised agreement, set by
    its views); on every other page there is none, and the blank shows as a blank."""
    return {"person": None}
