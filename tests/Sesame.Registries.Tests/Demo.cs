using System.Globalization;
using Sesame.Registries.Simulator;

namespace Sesame.Registries.Tests;

/// <summary>The simulator's demo people (DemoPeople.All for the current year), by the names the tests use.</summary>
internal static class Demo
{
    public static int Year => DateTime.UtcNow.Year;

    /// <summary>Everything: two recent notices, a card with a reference number, a licence.</summary>
    public static SyntheticPerson Marie => Find("Tremblay");

    /// <summary>A recent notice, a card from before 2018 (no reference number), no licence.</summary>
    public static SyntheticPerson Luc => Find("Gagnon");

    /// <summary>No notice; a recent card and a licence.</summary>
    public static SyntheticPerson Anne => Find("Li");

    /// <summary>An apostrophe in the family name; one notice, four tax years ago.</summary>
    public static SyntheticPerson Jean => Find("D'Amour");

    /// <summary>An accent in the given name; a card with a reference number, nothing else.</summary>
    public static SyntheticPerson Zoe => Find("Roy");

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static SyntheticPerson Find(string familyName) => DemoPeople.All(Year).Single(p => p.FamilyName == familyName);
}
