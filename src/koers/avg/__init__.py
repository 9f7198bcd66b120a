"""The privacy officer's side of the AVG: the search and export of the verwerkingenlogging,
the complete export of one person (art. 15 inzage, with the letter as PDF), the bewaartermijn
per gemeente, and the anonymisation of closed cases after it. It reads every slice's records,
so it sits above them; the log itself (koers.verwerkingen) sits below every slice that logs."""
