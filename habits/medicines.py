"""The catalogue's medicines: their codes in the systems a doctor's system reads, which are
painkillers, the key of a medicine she names herself, and the day page's usual doses.

Kept in code, not in the database: the codes never change for a key, and only the exports
need them. other_medicine has no code: she types its name, and that name is all we know.
"""

SNOMED_CT = "http://snomed.info/sct"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"

# Catalogue key -> (system, code, display) of the substance: its SNOMED CT substance concept
# and its RxNorm ingredient.
MEDICINE_CODES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "paracetamol": ((SNOMED_CT, "387517004", "Paracetamol"), (RXNORM, "161", "acetaminophen")),
    "ibuprofen": ((SNOMED_CT, "387207008", "Ibuprofen"), (RXNORM, "5640", "ibuprofen")),
}
# Medicines for pain: a day she took one is a painkiller day for Insights.
PAINKILLERS = frozenset(MEDICINE_CODES)
OTHER_MEDICINE = "other_medicine"
# The day page's quick dose chips: the tablets and capsules each painkiller usually comes in, in
# milligrams (ibuprofen 300 mg: the common slow-release capsule in China; paracetamol 650 mg: a
# common extended-release tablet). Chips, not advice: the limits are habits.dose_limits'.
USUAL_DOSES: dict[str, tuple[int, ...]] = {
    "paracetamol": (500, 650, 1000),
    "ibuprofen": (200, 300, 400),
}
