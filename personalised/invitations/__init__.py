"""Invitations: a party member who is not a practitioner reads, comments on and agrees to one
agreement through a link (or a code on a printed letter) that signs them in to it alone."""
