namespace Sesame.Core.Access;

/// <summary>
/// Section 2's "Téléphone" and "Poste": a North American number of ten digits, stored in E.164 (identifiers.md:
/// "store E.164 (+15145550123), display 514 555-0123"), and an extension of up to six digits.
/// </summary>
public static class PhoneRules
{
    public const string Invalid = "Access.Phone.Invalid";
    public const string ExtensionInvalid = "Access.Phone.ExtensionInvalid";

    /// <summary>"514 555-0123", "(514) 555-0123", "+1 514-555-0123" → "+15145550123"; null if it is not a NANP number.</summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 30)
        {
            return null;
        }

        var digits = new string([.. typed.Where(char.IsAsciiDigit)]);
        if (typed.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '.' or '(' or ')' or '+')))
        {
            return null;
        }

        if (digits.Length == 11 && digits[0] == '1')
        {
            digits = digits[1..];
        }

        // NANP: neither the area code nor the exchange starts with 0 or 1.
        return digits.Length == 10 && digits[0] >= '2' && digits[3] >= '2' ? "+1" + digits : null;
    }

    public static bool ExtensionIsValid(string? extension) =>
        string.IsNullOrEmpty(extension) || (extension.Length <= 6 && extension.All(char.IsAsciiDigit));

    /// <summary>"+15145550123" → "514 555-0123" (OQLF style).</summary>
    public static string Display(string e164) =>
        e164.Length == 12 ? $"{e164[2..5]} {e164[5..8]}-{e164[8..]}" : e164;
}
