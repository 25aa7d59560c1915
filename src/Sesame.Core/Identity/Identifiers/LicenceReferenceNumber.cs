using System.Text.RegularExpressions;

namespace Sesame.Core.Identity.Identifiers;

/// <summary>
/// The SAAQ driver's licence reference number (seed 001). Its format is not public: treated as opaque,
/// 8 to 12 letters or digits (identifiers.md, [ours]); the SAAQ says whether it is the person's.
/// </summary>
public static partial class LicenceReferenceNumber
{
    public static bool IsValid(string? input, out string normalized)
    {
        normalized = IdentifierText.Normalize(input);
        return Shape().IsMatch(normalized);
    }

    [GeneratedRegex("^[A-Z0-9]{8,12}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
