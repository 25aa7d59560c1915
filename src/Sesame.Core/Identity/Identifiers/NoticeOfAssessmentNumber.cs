using System.Text.RegularExpressions;

namespace Sesame.Core.Identity.Identifiers;

/// <summary>
/// Revenu Québec's notice of assessment number: 11 characters starting with Q or M (seed 001). It has no public
/// check digit, so it is opaque here: Revenu Québec alone says whether it belongs to the person and to an
/// accepted tax year.
/// </summary>
public static partial class NoticeOfAssessmentNumber
{
    /// <summary>SAG accepts notices of the two most recent tax years (seed 001).</summary>
    public const int RecentTaxYears = 2;

    /// <summary>clicSÉQUR's Revenu Québec verification accepts the last five tax years (seed 002).</summary>
    public const int ExtendedTaxYears = 5;

    public static bool IsValid(string? input, out string normalized)
    {
        normalized = IdentifierText.Normalize(input);
        return Shape().IsMatch(normalized);
    }

    /// <summary>
    /// The tax years a notice may come from, on a given day: the latest is the year before (notices of year N
    /// are issued in year N+1), and the window reaches back <paramref name="years"/> years.
    /// </summary>
    public static (int From, int To) TaxYears(DateOnly today, int years) => (today.Year - years, today.Year - 1);

    [GeneratedRegex("^[QM][A-Z0-9]{10}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
