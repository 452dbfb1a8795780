"""The practitioner's forms for personalised agreements: use a template, the person's details,
one area, and the parties' consents.

Every form that changes an agreement carries ``based_on``, the revision it was opened on, so
that a save made on an out-of-date revision is refused (see ``personalised.concurrency``). Every
text field has a maximum length; dates are checked for being possible.
"""

import datetime
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from agreements.blanks import declarations_from_data
from agreements.personalising import Pronouns, personalise_for
from personalised.concurrency import ChangedSinceOpened, save_change
from personalised.forking import parties
from personalised.forking.blanks import add_blank_fields, blank_values
from personalised.forking.services import PersonDetails
from personalised.models import PersonalisedAgreement
from personalised.sanitising import clean_rich_text, html_to_text
from security.printable import PrintableTextFormMixin

MAX_PROMPT_LENGTH = 1000
MAX_NEW_PROMPTS_LENGTH = 5000
MAX_THIS_MEANS_LENGTH = 10_000
MAX_PROMPTS_PER_PARTY = 50
MAX_ACTIONS_PER_AREA = 50
# Dates outside these years are typing mistakes (0202, 20266), not plans.
EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)

# The blanks are asked for one field per declared blank (personalised.forking.blanks), and
# each party has a field of its own (personalised.forking.parties).
BLANK_FIELDS = ("blanks", "blank_declarations")
DETAIL_FIELDS = [
    name
    for name in PersonalisedAgreement.PERSON_DETAIL_FIELDS
    if name not in BLANK_FIELDS and name != "parties"
]


class BlankFieldsMixin:
    """A form that asks for a template's blanks as well (one typed field per blank)."""

    blank_field_names: list[str] = []

    def add_blanks(self, declarations, values=None) -> None:
        self.blank_declarations = declarations
        self.blank_field_names = add_blank_fields(self, declarations, values)

    @property
    def blank_fields(self) -> list:
        return [self[name] for name in self.blank_field_names]

    def blank_values(self, keep=None) -> dict[str, str]:
        return blank_values(self.cleaned_data, self.blank_declarations, keep)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def validate_possible_date(value: datetime.date | None) -> None:
    if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s.")
            % {"earliest": EARLIEST_DATE.year, "latest": LATEST_DATE.year}
        )


def _text_widgets() -> dict:
    return {"pronouns": forms.RadioSelect}


class BasedOnMixin(PrintableTextFormMixin, forms.Form):
    """The revision the form was opened on."""

    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def rebase(self, refused: ChangedSinceOpened) -> None:
        """After a refused save: the form keeps what was submitted, now based on the revision
        that is the latest, so saving it again is a deliberate choice to replace that one."""
        self.data = self.data.copy()
        self.data["based_on"] = str(refused.current.latest_revision_id or "")


class ForkForm(BlankFieldsMixin, PrintableTextFormMixin, forms.ModelForm):
    """ "Use this template": who the agreement is for, and the template's blanks."""

    class Meta:
        model = PersonalisedAgreement
        fields = DETAIL_FIELDS
        widgets = _text_widgets()

    def __init__(self, *args, template_page=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pronouns"].initial = Pronouns.THEY
        self.add_blanks(template_page.declared_blanks() if template_page is not None else {})
        # One field per party the template declares, asking who they are.
        self.declared_parties = parties.declared(template_page) if template_page else []
        self.party_field_names = parties.add_party_fields(
            self,
            self.declared_parties,
            {
                party["key"]: party.get("help_text") or ""
                for party in (template_page.declared_parties() if template_page else [])
            },
        )

    def party_fields(self) -> list:
        return [self[name] for name in self.party_field_names]

    def details(self) -> PersonDetails:
        return PersonDetails(
            **{name: self.cleaned_data[name] for name in DETAIL_FIELDS},
            blanks=self.blank_values(),
            parties=parties.typed_parties(self, self.declared_parties),
        )


class DetailsForm(BlankFieldsMixin, BasedOnMixin, forms.ModelForm):
    """The person's details, the template's blanks and the review date of an agreement."""

    class Meta:
        model = PersonalisedAgreement
        fields = [*DETAIL_FIELDS, "review_date"]
        widgets = {**_text_widgets(), "review_date": DateInput}
        help_texts = {"review_date": _("When the parties will look at the agreement again.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review_date"].validators.append(validate_possible_date)
        # The blanks the agreement was forked with, filled with its values.
        self.add_blanks(
            declarations_from_data(self.instance.blank_declarations), self.instance.blanks
        )
        # The agreement's own parties (as its template declared them when it was forked).
        self.agreement_parties = self.instance.party_list()
        self.party_field_names = parties.add_party_fields(self, self.agreement_parties)

    def party_fields(self) -> list:
        return [self[name] for name in self.party_field_names]

    def apply(self, agreement: PersonalisedAgreement) -> None:
        for name in self.Meta.fields:
            setattr(agreement, name, self.cleaned_data[name])
        agreement.blanks = self.blank_values(keep=agreement.blanks)
        agreement.parties = parties.with_names(
            agreement.party_list(),
            parties.typed_parties(self, agreement.party_list()),
            self.cleaned_data["person_name"],
        )


# --------------------------------------------------------------------------- one area


class PromptForm(PrintableTextFormMixin, forms.Form):
    # The prompt's list item id, which issue #6's template updates match prompts by.
    id = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    text = forms.CharField(
        label=_("Prompt"),
        max_length=MAX_PROMPT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned_data = super().clean()
        # A prompt refused for what it says has its message already.
        written = cleaned_data.get("text") or "text" in self.errors
        if not self.cleaned_data.get("DELETE") and not written:
            self.add_error("text", _("Write the prompt, or choose to remove it."))
        return cleaned_data


class ActionForm(PrintableTextFormMixin, forms.Form):
    id = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    who = forms.CharField(
        label=_("Who"),
        max_length=255,
        help_text=_("A party, or a named person."),
        # The parties and family are offered as suggestions; anyone else can be typed.
        widget=forms.TextInput(attrs={"list": "who-options", "autocomplete": "off"}),
    )
    what = forms.CharField(
        label=_("What they will do"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    by_when = forms.DateField(
        label=_("By when"),
        required=False,
        widget=DateInput,
        validators=[validate_possible_date],
        help_text=_("Leave blank if there is no date."),
    )


PromptFormSet = forms.formset_factory(
    PromptForm,
    extra=0,
    can_delete=True,
    max_num=MAX_PROMPTS_PER_PARTY,
    validate_max=True,
    absolute_max=MAX_PROMPTS_PER_PARTY,
)
ActionFormSet = forms.formset_factory(
    ActionForm,
    extra=1,
    can_delete=True,
    max_num=MAX_ACTIONS_PER_AREA,
    validate_max=True,
    absolute_max=MAX_ACTIONS_PER_AREA + 1,
)


def _new_id() -> str:
    return str(uuid.uuid4())


def _valid_id(value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except (TypeError, ValueError):
        return _new_id()


class AreaForm(BasedOnMixin):
    relevant = forms.TypedChoiceField(
        label=_("Does this area matter to the person?"),
        choices=[("yes", _("Yes, include it in the agreement")), ("no", _("No, leave it out"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    this_means = forms.CharField(
        label=_("What this area means for the person"),
        required=False,
        max_length=MAX_THIS_MEANS_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        # What the box really does (personalised.sanitising.text_to_html), in plain words.
        help_text=_(
            "Write in plain words. Leave an empty line between paragraphs. To make a list, "
            "start each line with a dash and a space (“- ”), or with a number and a full stop "
            "(“1. ”) for a numbered list."
        ),
    )


class AreaEditor:
    """The forms of one area: whether it is relevant, each party's prompts (kept, edited,
    removed or added), what it means for the person, and the actions. Built once per request;
    :meth:`save` saves them, or keeps what was typed when the save is refused."""

    def __init__(self, agreement: PersonalisedAgreement, area, data=None):
        self.agreement = agreement
        self.area = area
        value = area.value
        raw_area = self._raw_area(agreement)
        self.form = AreaForm(
            data,
            initial={
                "based_on": agreement.latest_revision_id,
                "relevant": "yes" if value.get("relevant", True) else "no",
                "this_means": html_to_text(
                    value["this_means"].source if value["this_means"] else ""
                ),
            },
        )
        self.form.fields["relevant"].label = _("Does this area matter to %(name)s?") % {
            "name": agreement.known_as
        }
        self.parties = []
        for index, raw_party in enumerate(raw_area["party_prompts"]):
            party = raw_party["value"]["party"]
            prompts = PromptFormSet(
                data,
                prefix=f"party-{index}",
                initial=[
                    {"id": item.get("id") or "", "text": self._for_the_person(item["value"])}
                    for item in raw_party["value"]["prompts"]
                ],
            )
            self.form.fields[f"new_prompts_{index}"] = forms.CharField(
                label=_("New prompts for %(party)s") % {"party": party},
                help_text=_("One prompt per line."),
                required=False,
                max_length=MAX_NEW_PROMPTS_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.parties.append(
                {
                    "name": party,
                    "prompts": prompts,
                    "new": f"new_prompts_{index}",
                    "new_field": self.form[f"new_prompts_{index}"],
                    "index": index,
                }
            )
        self.actions = ActionFormSet(
            data,
            prefix="actions",
            initial=[
                {
                    "id": item.get("id") or "",
                    "who": item["value"].get("who", ""),
                    "what": item["value"].get("what", ""),
                    "by_when": _as_date(item["value"].get("by_when")),
                }
                for item in raw_area.get("actions") or []
            ],
        )

    def _for_the_person(self, text: str) -> str:
        """A prompt as the agreement reads it: the person's name and their own pronouns in
        place of the template's blank and markers (``{their}``)."""
        return personalise_for(text, self.agreement)

    def _kept_or_typed(self, typed: str, prompt_id: str, raw_prompts: list) -> str:
        """What the practitioner typed, or the prompt as it was written when they left it as
        the editor showed it: a template's prompt then still matches the template's (for its
        updates and evidence) and follows the person's pronouns if they change."""
        for item in raw_prompts:
            if item.get("id") == prompt_id and isinstance(item.get("value"), str):
                shown = " ".join(self._for_the_person(item["value"]).split())
                return item["value"] if " ".join(typed.split()) == shown else typed
        return typed

    def _raw_area(self, agreement: PersonalisedAgreement) -> dict:
        for block in agreement.body.raw_data:
            if block.get("id") == self.area.id:
                return block["value"]
        raise LookupError(self.area.id)

    def errors(self) -> list[tuple[str, str]]:
        """Every error of the area's forms, as (the field's id, the message), for the summary."""
        found = [("", str(error)) for error in self.form.non_field_errors()]
        found += [
            (self.form[name].auto_id, str(error))
            for name, errors in self.form.errors.items()
            if name != "__all__"
            for error in errors
        ]
        for formset in [*(party["prompts"] for party in self.parties), self.actions]:
            found += [("", str(error)) for error in formset.non_form_errors()]
            for form in formset.forms:
                if _deleted(form):
                    continue
                found += [
                    (form[name].auto_id, str(error))
                    for name, errors in form.errors.items()
                    if name != "__all__"
                    for error in errors
                ]
        return found

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        for party in self.parties:
            valid = party["prompts"].is_valid() and valid
        valid = self.actions.is_valid() and valid
        if valid:
            valid = self._new_prompts_are_short()
        return valid

    def _new_prompts_are_short(self) -> bool:
        for party in self.parties:
            lines = self._new_prompt_lines(party)
            if any(len(line) > MAX_PROMPT_LENGTH for line in lines):
                self.form.add_error(
                    party["new"],
                    _("Each prompt can be at most %(length)d characters.")
                    % {"length": MAX_PROMPT_LENGTH},
                )
                return False
            kept = [form for form in party["prompts"].forms if not _deleted(form)]
            if len(kept) + len(lines) > MAX_PROMPTS_PER_PARTY:
                self.form.add_error(
                    party["new"],
                    _("A party can have at most %(count)d prompts in an area.")
                    % {"count": MAX_PROMPTS_PER_PARTY},
                )
                return False
        return True

    def _new_prompt_lines(self, party) -> list[str]:
        text = self.form.cleaned_data.get(party["new"]) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    @property
    def based_on(self) -> int | None:
        return self.form.cleaned_data.get("based_on")

    @property
    def wants_next_area(self) -> bool:
        return bool(self.form.data.get("next_area"))

    def apply(self, agreement: PersonalisedAgreement) -> None:
        """Write the cleaned forms into the agreement's area (raw stream data, so every block
        and list item keeps its id)."""
        body = [dict(block) for block in agreement.body.raw_data]
        for block in body:
            if block.get("id") == self.area.id:
                block["value"] = self._new_value(dict(block["value"]))
                break
        else:
            raise LookupError(self.area.id)
        agreement.body = body

    def _new_value(self, value: dict) -> dict:
        data = self.form.cleaned_data
        value["relevant"] = data["relevant"]
        value["this_means"] = clean_rich_text(data["this_means"])
        parties = []
        for raw_party, party in zip(value["party_prompts"], self.parties, strict=True):
            prompts, seen = [], set()
            for form in party["prompts"].forms:
                if _deleted(form):
                    continue
                prompt_id = _valid_id(form.cleaned_data.get("id"))
                if prompt_id in seen:
                    prompt_id = _new_id()
                seen.add(prompt_id)
                text = self._kept_or_typed(
                    form.cleaned_data["text"], prompt_id, raw_party["value"]["prompts"]
                )
                prompts.append({"type": "item", "value": text, "id": prompt_id})
            prompts += [
                {"type": "item", "value": line, "id": _new_id()}
                for line in self._new_prompt_lines(party)
            ]
            parties.append({**raw_party, "value": {**raw_party["value"], "prompts": prompts}})
        value["party_prompts"] = parties
        existing = self.actions.initial_form_count()
        value["actions"] = [
            {
                "type": "item",
                "value": {
                    "who": form.cleaned_data["who"],
                    "what": form.cleaned_data["what"],
                    "by_when": (
                        form.cleaned_data["by_when"].isoformat()
                        if form.cleaned_data["by_when"]
                        else None
                    ),
                },
                "id": _valid_id(form.cleaned_data.get("id")),
            }
            for index, form in enumerate(self.actions.forms)
            # A blank row for a new action is only an action once something is written in it.
            if not _deleted(form) and (index < existing or form.has_changed())
        ]
        return value

    def save(self, user) -> PersonalisedAgreement:
        """Save the valid forms as a new revision by ``user``, if the agreement has not changed
        since they were opened. Refused (``concurrency.ChangedSinceOpened``): the form keeps
        what was typed, now based on the latest revision, so saving again is a deliberate
        choice to replace it."""
        try:
            return save_change(self.agreement, self.based_on, user, self.apply)
        except ChangedSinceOpened as refused:
            self.form.rebase(refused)
            raise


def _deleted(form) -> bool:
    return bool(getattr(form, "cleaned_data", {}).get("DELETE"))


def _as_date(value) -> datetime.date | None:
    if isinstance(value, datetime.date) or value is None:
        return value
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None
