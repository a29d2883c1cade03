"""What the catalogue's medicines are in the coding systems a doctor's system reads.

Kept in code, not in the database: the codes never change for a key, and only the exports
need them. other_medicine has no code: she types its name, and that name is all we know.
"""

SNOMED_CT = "http://snomed.info/sct"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"

# Catalogue key -> the substance's codes (SNOMED CT substance concept, RxNorm ingredient).
MEDICINE_CODES: dict[str, dict[str, str]] = {
    "paracetamol": {SNOMED_CT: "387517004", RXNORM: "161"},
    "ibuprofen": {SNOMED_CT: "387207008", RXNORM: "5640"},
}
# Medicines for pain: a day she took one is a painkiller day for Insights.
PAINKILLERS = frozenset(MEDICINE_CODES)
OTHER_MEDICINE = "other_medicine"
