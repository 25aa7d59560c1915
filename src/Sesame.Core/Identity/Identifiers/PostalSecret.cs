using System.Security.Cryptography;

namespace Sesame.Core.Identity.Identifiers;

/// <summary>
/// The postal identification secret (seed 001; identifiers.md): 10 characters of Crockford base32, displayed
/// <c>XXXXX-XXXXX</c>, 50 bits, stored only as a keyed hash and valid 30 days. Crockford's alphabet has no
/// I, L, O or U; when read from paper, I and L are taken as 1 and O as 0, as Crockford intends.
/// </summary>
public static class PostalSecret
{
    public const int Length = 10;

    public static readonly TimeSpan Validity = TimeSpan.FromDays(30);

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string Generate() => string.Create(Length, 0, static (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
    });

    public static bool IsValid(string? input, out string normalized)
    {
        var text = IdentifierText.Normalize(input).Replace('I', '1').Replace('L', '1').Replace('O', '0');
        normalized = text;
        return text.Length == Length && text.All(c => Alphabet.Contains(c, StringComparison.Ordinal));
    }

    public static string Display(string normalized) =>
        normalized.Length == Length ? $"{normalized[..5]}-{normalized[5..]}" : normalized;
}
