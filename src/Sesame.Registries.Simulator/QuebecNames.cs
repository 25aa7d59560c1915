namespace Sesame.Registries.Simulator;

/// <summary>
/// Word lists the population draws from, beside Bogus's own (fr_CA has English-language names and streets, so the
/// given names come from Bogus's "fr" set and most family names from the list below). Common surnames and place names
/// only: put together at random, they describe nobody.
/// </summary>
internal static class QuebecNames
{
    /// <summary>Frequent family names in Québec, some with accents.</summary>
    public static readonly string[] FamilyNames =
    [
        "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné",
        "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc", "Paquette", "Girard", "Simard", "Boucher",
        "Caron", "Beaulieu", "Cloutier", "Dubé", "Poirier", "Fournier", "Lapointe", "Leclerc", "Lefebvre", "Poulin",
        "Thibault", "Nadeau", "Martin", "Landry", "Martel", "Bédard", "Grenier", "Lessard", "Bernier", "Richard",
        "Michaud", "Hébert", "Desjardins", "Couture", "Turcotte", "Lachance", "Parent", "Blais", "Gosselin", "Savard",
        "Proulx", "Beaudoin", "Demers", "Perreault", "Boudreau", "Lemieux", "Cyr", "Perron", "Dufour", "Dion",
        "Mercier", "Bolduc", "Bérubé", "Boisvert", "Langlois", "Ménard", "Lapierre", "Marcoux", "Vachon", "Thériault",
        "Guay", "Rousseau", "Séguin", "Lacroix", "Brassard", "Carrier", "Benoît", "Pépin", "Laflamme", "Lévêque",
        "Nguyen", "Tran", "Li", "Wang", "Chen", "Haddad", "Khalil", "Diallo", "Traoré", "Joseph",
        "Pierre", "Jean-Baptiste", "Rodriguez", "Garcia", "Singh", "Patel", "Smith", "Murphy", "Ng", "Yu",
    ];

    /// <summary>Family names with an apostrophe, as on the card (D'Amour is the identifiers.md example).</summary>
    public static readonly string[] ApostropheFamilyNames =
    [
        "D'Amour", "O'Neil", "L'Heureux", "D'Aoust", "L'Écuyer", "D'Astous", "L'Espérance", "D'Anjou", "O'Brien", "L'Italien",
    ];

    /// <summary>Given names with accents or a diaeresis, to make sure every kind of letter is there.</summary>
    public static readonly (string Name, bool Female)[] AccentedGivenNames =
    [
        ("Élise", true), ("Hélène", true), ("Zoé", true), ("Mégane", true), ("Noémie", true), ("Éloïse", true),
        ("Anaïs", true), ("Chloé", true), ("Maëlle", true), ("Léa", true), ("Frédéric", false), ("Jérôme", false),
        ("Benoît", false), ("Éric", false), ("Félix", false), ("Léo", false), ("Émile", false), ("Théo", false),
        ("Raphaël", false), ("Joël", false),
    ];

    /// <summary>Where the synthetic addresses are: a municipality and the first two characters of its postal codes.</summary>
    public static readonly (string City, string Fsa)[] Places =
    [
        ("Montréal", "H2"), ("Montréal", "H3"), ("Montréal", "H1"), ("Montréal", "H4"), ("Laval", "H7"),
        ("Québec", "G1"), ("Québec", "G2"), ("Lévis", "G6"), ("Gatineau", "J8"), ("Gatineau", "J9"),
        ("Longueuil", "J4"), ("Sherbrooke", "J1"), ("Saguenay", "G7"), ("Trois-Rivières", "G8"), ("Terrebonne", "J6"),
        ("Saint-Jean-sur-Richelieu", "J3"), ("Repentigny", "J5"), ("Drummondville", "J2"), ("Saint-Jérôme", "J7"),
        ("Granby", "J2"), ("Rimouski", "G5"), ("Shawinigan", "G9"), ("Rouyn-Noranda", "J9"), ("Val-d'Or", "J9"),
        ("Sept-Îles", "G4"), ("Gaspé", "G4"), ("Victoriaville", "G6"), ("Saint-Hyacinthe", "J2"), ("Joliette", "J6"),
        ("Baie-Comeau", "G4"),
    ];

    public static readonly string[] StreetKinds = ["rue", "rue", "rue", "avenue", "boulevard", "chemin", "rang", "montée", "place"];

    /// <summary>Street names that are not family names: trees, saints, nature.</summary>
    public static readonly string[] StreetNames =
    [
        "des Érables", "des Pins", "des Bouleaux", "du Lac", "de la Rivière", "du Fleuve", "des Cèdres", "Principale",
        "Saint-Laurent", "Sainte-Catherine", "Saint-Joseph", "Notre-Dame", "de l'Église", "du Moulin", "des Pionniers",
        "de la Montagne", "des Outardes", "du Parc", "des Saules", "de la Gare",
    ];

    /// <summary>The letters Canada Post uses in the last three characters of a postal code (identifiers.md).</summary>
    public const string PostalCodeLetters = "ABCEGHJKLMNPRSTVWXYZ";
}
