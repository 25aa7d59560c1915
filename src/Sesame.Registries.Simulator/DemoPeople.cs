namespace Sesame.Registries.Simulator;

/// <summary>
/// The people to try, always present with the same numbers (listed on the simulator's home page and in its README).
/// The five are the synthetic people of identifiers.md, with its NAM and NAS; each has a different set of proofs so
/// that every path of the identification process (mission.md §2) can be walked.
/// </summary>
/// <remarks>
/// Everything here is fixed except the tax years of the notices: a notice is "for last year" whatever the year, so a
/// notice keeps its number and its tax year is counted back from <c>currentYear</c> (stable within a year). The card
/// expiries are fixed dates; the earliest is 2028-04 (Marie Tremblay), to be moved forward before then. Notices are
/// listed newest first, as in the generated population.
/// </remarks>
public static class DemoPeople
{
    public static IReadOnlyList<SyntheticPerson> All(int currentYear) =>
    [
        // Everything: notices for the last two tax years, a card with a reference number, a licence.
        new("Marie", "Tremblay", new DateOnly(1985, 3, 14), true, "TREM85531419", "046454286",
            [new("Q7K2M9P4X1A", currentYear - 1), new("Q2B7N4K8T3C", currentYear - 2)],
            new("03", new DateOnly(2020, 4, 2), new DateOnly(2028, 4, 30), "125478569"), "K4T9W2M7QA",
            "1200, rue des Érables, Montréal (Québec)  H2X 1Y4"),

        // A notice for last year, but a card from before 2018 (no reference number) and no licence: one proof, so
        // the second is the postal secret.
        new("Luc", "Gagnon", new DateOnly(1972, 11, 2), false, "GAGL72110216", "046000006",
            [new("M3D8F2K9Q7B", currentYear - 1)],
            new("01", new DateOnly(2016, 11, 15), new DateOnly(2029, 11, 30), null), null,
            "45, chemin du Lac, Sherbrooke (Québec)  J1H 2B3"),

        // No notice of assessment; a recent card and a licence (two proofs of section 2, none of section 1).
        new("Anne", "Li", new DateOnly(2003, 7, 9), true, "LIXA03570913", "012345674",
            [],
            new("02", new DateOnly(2021, 7, 20), new DateOnly(2029, 7, 31), "204681357"), "L7P3X9N2RB",
            "88, avenue Cartier, Québec (Québec)  G1R 2S7"),

        // Only a notice from four tax years ago: Revenu Québec alone (five years, seed 002) accepts it, the two
        // proofs (two years, seed 001) do not. His card is from before 2018 and he has no licence.
        new("Jean", "D'Amour", new DateOnly(1990, 1, 31), false, "DAMJ90013116", "098765431",
            [new("Q5T8B1N4M6C", currentYear - 4)],
            new("04", new DateOnly(2017, 12, 4), new DateOnly(2029, 12, 31), null), null,
            "3, rue Principale, Gatineau (Québec)  J8X 3B1"),

        // A minor (born on a 29 February): a card with a reference number, nothing else; the RAMQ with its activation
        // key (seed 002) or the card's reference number.
        new("Zoé", "Roy", new DateOnly(2012, 2, 29), true, "ROYZ12522910", "046111118",
            [],
            new("01", new DateOnly(2023, 3, 1), new DateOnly(2030, 2, 28), "318642097"), null,
            "17, rue du Fleuve, Rimouski (Québec)  G5L 4H8"),
    ];

    /// <summary>What each demo person is for, French then English, for the home page.</summary>
    public static (string French, string English) WhatToTry(string nam) => nam switch
    {
        "TREM85531419" => ("Toutes les preuves : avis de cotisation, carte avec numéro de référence, permis.",
            "Every proof: notice of assessment, card with a reference number, licence."),
        "GAGL72110216" => ("Un avis récent, mais une carte d'avant 2018 et pas de permis : secret postal pour la deuxième preuve.",
            "A recent notice, but a card from before 2018 and no licence: the postal secret for the second proof."),
        "LIXA03570913" => ("Pas d'avis de cotisation; carte récente et permis.",
            "No notice of assessment; a recent card and a licence."),
        "DAMJ90013116" => ("Seulement un avis d'il y a quatre ans : Revenu Québec seul (cinq ans), pas les deux preuves.",
            "Only a notice from four years ago: Revenu Québec alone (five years), not the two proofs."),
        "ROYZ12522910" => ("Mineure, une carte seulement : la RAMQ avec la clé d'activation.",
            "A minor with a card only: the RAMQ with the activation key."),
        _ => ("", ""),
    };
}
