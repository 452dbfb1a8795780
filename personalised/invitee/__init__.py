"""The invitee's own pages: a party member who is not a practitioner, signed in by an invitation
to one agreement, reads it (standard, easy read or large print), comments on it and agrees to
it. Nothing else of the site's agreements, no practitioner navigation, no one else's details."""
