"""The search box of every page: a number (document, case, red notice) finds its record directly, a name finds the
persons it names, exact matches first, each hit saying why it matched; only among the records the user may see."""
