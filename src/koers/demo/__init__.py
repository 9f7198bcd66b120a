"""The demo and scale data of Koers: the fictional region with its organisations, accounts and
inburgeraars (with intake and PIP), and ``koers seed``. It sits above the core slices whose
write paths it uses; the uitvoering apps add their own part through their ``demo`` module."""
