namespace Sesame.Core.Identity.Identifiers;

/// <summary>
/// The social insurance number (numéro d'assurance sociale): 9 digits with a Luhn check (identifiers.md). People
/// get first digits 1–7 or 9; 0 belongs to nobody, which is why synthetic people use it, and it is accepted
/// only where the environment is not production.
/// </summary>
public static class SocialInsuranceNumber
{
    public const int Length = 9;

    public static bool IsValid(string? input, bool acceptSyntheticPrefix) => IsValid(input, acceptSyntheticPrefix, out _);

    public static bool IsValid(string? input, bool acceptSyntheticPrefix, out string normalized)
    {
        normalized = IdentifierText.Normalize(input);
        if (normalized.Length != Length || !IdentifierText.AllDigits(normalized))
        {
            return false;
        }

        var allowedPrefix = normalized[0] is >= '1' and <= '7' or '9' || (acceptSyntheticPrefix && normalized[0] == '0');
        return allowedPrefix && LuhnSum(normalized) % 10 == 0;
    }

    /// <summary>The ninth digit that makes eight digits Luhn-valid; the simulator's population uses it.</summary>
    public static char CheckDigit(string eightDigits)
    {
        var sum = LuhnSum(eightDigits + "0");
        return (char)('0' + (10 - sum % 10) % 10);
    }

    public static string Display(string normalized) => IdentifierText.Group(normalized, 3, 3, 3);

    /// <summary>Masked for screens and audit records: <c>••• ••• 286</c>.</summary>
    public static string Mask(string normalized) =>
        normalized.Length == Length ? $"••• ••• {normalized[6..]}" : "••• ••• •••";

    /// <summary>Luhn: from the right, every second digit is doubled (and 9 taken off when over 9).</summary>
    private static int LuhnSum(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return sum;
    }
}
