"""Exports of a personalised agreement: a print view (``print``) and a Word document (``docx``).

Both show the same document: the agreement's header, the blocks it keeps (the relevant areas
only, clauses with their computed numbers), and a signature block for each party, in the
agreement's own language and direction (``language``). What they share is in ``content``.
"""
