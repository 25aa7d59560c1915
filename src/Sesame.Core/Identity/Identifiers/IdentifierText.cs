using System.Globalization;
using System.Text;

namespace Sesame.Core.Identity.Identifiers;

/// <summary>What every identifier check starts with (docs identifiers.md): trim, uppercase, drop spaces and hyphens.</summary>
public static class IdentifierText
{
    public static string Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return "";
        }

        var builder = new StringBuilder(input.Length);
        foreach (var c in input)
        {
            if (!char.IsWhiteSpace(c) && c != '-' && c != '\u2011' && c != '\u2013')
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The letters of a name without accents or anything else (D'Amour → DAMOUR, Zoé → ZOE): how the NAM's
    /// letters are taken (identifiers.md, [ours]).
    /// </summary>
    public static string LettersOf(string? name)
    {
        var decomposed = (name ?? "").Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c);
            if (upper is >= 'A' and <= 'Z')
            {
                builder.Append(upper);
            }
            else if (upper is 'Æ')
            {
                builder.Append("AE");
            }
            else if (upper is 'Œ')
            {
                builder.Append("OE");
            }
        }

        return builder.ToString();
    }

    /// <summary>Groups characters for display: ("TREM85531419", 4, 4, 4) → "TREM 8553 1419".</summary>
    public static string Group(string value, params int[] sizes)
    {
        var parts = new List<string>(sizes.Length);
        var start = 0;
        foreach (var size in sizes)
        {
            if (start >= value.Length)
            {
                break;
            }

            var length = Math.Min(size, value.Length - start);
            parts.Add(value.Substring(start, length));
            start += length;
        }

        if (start < value.Length)
        {
            parts.Add(value[start..]);
        }

        return string.Join(' ', parts);
    }

    public static bool AllDigits(string value) => value.Length > 0 && value.All(char.IsAsciiDigit);
}
