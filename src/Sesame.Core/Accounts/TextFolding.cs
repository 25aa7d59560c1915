using System.Globalization;
using System.Text;

namespace Sesame.Core.Accounts;

/// <summary>
/// Text without case, accents or extra spaces, so that "Côté  Tremblay" and "cote tremblay" are the same:
/// security answers are compared this way (seed 004's eight questions), and the representative's filter too.
/// Compatibility normalization also folds full-width and ligature forms; format and control characters
/// (such as right-to-left marks) are dropped.
/// </summary>
public static class TextFolding
{
    public static string Fold(string value)
    {
        var decomposed = value.Normalize(NormalizationForm.FormKD);
        var kept = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            // Tabs and line breaks are control characters and white space: they count as spaces.
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = kept.Length > 0;
                continue;
            }

            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format or UnicodeCategory.Control)
            {
                continue;
            }

            if (pendingSpace)
            {
                kept.Append(' ');
                pendingSpace = false;
            }

            kept.Append(char.ToLowerInvariant(c));
        }

        return kept.ToString().Normalize(NormalizationForm.FormC);
    }
}
