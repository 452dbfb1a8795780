from django.http import HttpRequest


def agreement(request: HttpRequest) -> dict:
    """Block templates fill the person's blank from ``agreement`` (a personalised agreement, set
    by its views); on every other page there is none, and the blank shows as a blank."""
    return {"agreement": None}
