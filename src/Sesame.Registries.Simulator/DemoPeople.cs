namespace Sesame.Registries.Simulator;

/// <summary>
/// The people to try, always present with the same numbers (listed on the simulator's home page and in its
/// README). The first five are the synthetic people of identifiers.md; each has a different set of proofs so
/// that every path of the identification process can be walked. Notices are dated from the current year, so
/// "last tax year" stays true.
/// </summary>
public static class DemoPeople
{
    public static IReadOnlyList<SyntheticPerson> All(int currentYear) =>
    [
        // Everything: a recent notice, a card with a reference number, a licence.
        new("Marie", "Tremblay", new DateOnly(1985, 3, 14), true, "TREM85531419", "046454286",
            [new("Q7K2M9P4X1A", currentYear - 1), new("Q2B7N4K8T3C", currentYear - 2)],
            new("03", new DateOnly(2020, 4, 2), new DateOnly(2028, 4, 30), "125478569"), "K4T9W2M7QA",
            "1200, rue des Érables, Montréal (Québec)  H2X 1Y4"),

        // A recent notice, but a card from before 2018 (no reference number) and no licence: the postal secret.
        new("Luc", "Gagnon", new DateOnly(1972, 11, 2), false, "GAGL72110216", "046000006",
            [new("M3D8F2K9Q7B", currentYear - 1)],
            new("01", new DateOnly(2016, 11, 15), new DateOnly(2027, 11, 30), null), null,
            "45, chemin du Lac, Sherbrooke (Québec)  J1H 2B3"),

        // No notice of assessment; a recent card and a licence.
        new("Anne", "Li", new DateOnly(2003, 7, 9), true, "LIXA03570913", "012345674",
            [],
            new("02", new DateOnly(2021, 7, 20), new DateOnly(2029, 7, 31), "204681357"), "L7P3X9N2RB",
            "88, avenue Cartier, Québec (Québec)  G1R 2S7"),

        // Only a notice from four tax years ago: good for Revenu Québec alone (five years), not for the two proofs.
        new("Jean", "D'Amour", new DateOnly(1990, 1, 31), false, "DAMJ90013116", "098765431",
            [new("Q5T8B1N4M6C", currentYear - 4)],
            new("04", new DateOnly(2015, 2, 10), new DateOnly(2026, 12, 31), null), null,
            "3, rue Principale, Gatineau (Québec)  J8X 3B1"),

        // Fourteen: a card with a reference number, nothing else (RAMQ with the activation key).
        new("Zoé", "Roy", new DateOnly(2012, 2, 29), true, "ROYZ12522910", "046111118",
            [],
            new("01", new DateOnly(2023, 3, 1), new DateOnly(2030, 2, 28), "318642097"), null,
            "17, rue du Fleuve, Rimouski (Québec)  G5L 4H8"),
    ];
}
