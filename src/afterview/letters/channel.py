"""How a letter reaches its person, from their card (Qt-free).

The channel follows the contact (issue 14, "The right letter for the person"): a printed
letter when the card has a postal address and the user chose letter; a call when they chose
phone and the card has a number; otherwise email when the card has one, then post, then
phone. Seed 001 §4: "One interviewer might love email, but another might only accept phone
calls" — the choice is the user's, but only a way the card has can be used.

What goes in the letter's address field is the address of that channel and nothing else
(:meth:`afterview.letters.context.LetterContext.address_field`).
"""

from __future__ import annotations

from afterview.domain.contact_ways import address_text
from afterview.domain.phone_lines import is_phone_line, without_phone_lines
from afterview.domain.records import Channel, StepKind
from afterview.letters.templates import template_for_step
from afterview.store.values import Recipient


def channel_for(person: Recipient) -> Channel | None:
    """The channel to write to ``person`` by: their chosen one when their card has that way
    (a postal address for letter, a number for phone), else email, post, phone, in that
    order, among the ways the card has; None when it has none."""
    has = {
        Channel.EMAIL: bool(person.email.strip()),
        Channel.LETTER: bool(postal_lines(person)),
        Channel.PHONE: bool(person.phone.strip()),
    }
    if person.channel is not None and has[person.channel]:
        return person.channel
    return next((channel for channel in has if has[channel]), None)


def default_template(
    person: Recipient, *, step_kind: str | None = None, rejected: bool = False
) -> str:
    """The template a letter to ``person`` starts from: the step's own (by its kind and the
    channel the card allows now, not the one the step was planned with), else the reference
    brief for a reference, the gracious note after a rejection, or a thank-you by the
    person's channel."""
    channel = channel_for(person)
    value = channel.value if channel is not None else None
    if step_kind is not None:
        return template_for_step(step_kind, value)
    if person.kind == "reference":
        return template_for_step(StepKind.NOTIFY_REFERENCE.value, value)
    if person.kind == "referral":
        return template_for_step(StepKind.CONTACT_REFERRAL.value, value)
    if rejected:
        return template_for_step(StepKind.COURTESY_NOTE.value, value)
    if channel is Channel.LETTER:
        return "thank_you_letter"
    return "thank_you_email"


def postal_lines(person: Recipient) -> list[str]:
    """The lines of ``person``'s postal address in use, without a street line that is a
    phone number (:mod:`afterview.domain.phone_lines`); [] when there is none."""
    if person.postal_address is not None:
        text = address_text(without_phone_lines(person.postal_address))
    else:
        text = "\n".join(line for line in person.address.split("\n") if not is_phone_line(line))
    return [line.strip() for line in text.split("\n") if line.strip()]
