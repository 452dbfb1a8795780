"""The people in an agreement's parties: who they are (``members``), what changed for those who
had agreed (``changes``), and the signal that agreement was reopened (``signals``)."""
