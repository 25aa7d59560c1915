using System.Globalization;
using System.Text.RegularExpressions;

namespace Sesame.Core.Identity.Identifiers;

/// <summary>
/// What is printed on the health insurance card besides the NAM (identifiers.md): the reference number on the
/// back of cards issued since January 2018 (seed 001), the 2-digit sequential number and the expiry (seed 002),
/// and the 4-digit activation key RAMQ mails (seed 002).
/// </summary>
public static partial class HealthCardNumbers
{
    public static bool IsValidReferenceNumber(string? input, out string normalized)
    {
        normalized = IdentifierText.Normalize(input);
        return normalized.Length == 9 && IdentifierText.AllDigits(normalized);
    }

    /// <summary>Displayed as on the card: <c>125 478 569</c>.</summary>
    public static string DisplayReferenceNumber(string normalized) => IdentifierText.Group(normalized, 3, 3, 3);

    public static bool IsValidSequentialNumber(string? input, out string normalized)
    {
        normalized = IdentifierText.Normalize(input);
        return normalized.Length == 2 && IdentifierText.AllDigits(normalized);
    }

    public static bool IsValidActivationKey(string? input, out string normalized)
    {
        normalized = IdentifierText.Normalize(input);
        return normalized.Length == 4 && IdentifierText.AllDigits(normalized);
    }

    /// <summary>The expiry as printed, <c>AAAA-MM</c>; a card is valid to the last day of that month.</summary>
    public static bool TryParseExpiry(string? input, out DateOnly lastValidDay)
    {
        lastValidDay = default;
        var trimmed = (input ?? "").Trim();
        var match = Expiry().Match(trimmed);
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        lastValidDay = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return true;
    }

    public static string FormatExpiry(DateOnly lastValidDay) => lastValidDay.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(20\d{2})[-/ ]?(0[1-9]|1[0-2])$", RegexOptions.CultureInvariant)]
    private static partial Regex Expiry();
}
