namespace Sesame.Core.Accounts;

/// <summary>
/// A given or family name as a representative types it (seed 004): letters of any script with their accents,
/// and the spaces, hyphens, apostrophes and periods of names such as "Côté-Tremblay" or "O'Brien". Control
/// and format characters (a NUL, a right-to-left mark) are refused, since the name is shown to others.
/// </summary>
public static class PersonNameRules
{
    public const int MaximumLength = ProfessionalName.MaximumLength;

    public static IReadOnlyList<string> Check(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return [AccountRuleCodes.NameRequired];
        }

        if (name.Length > MaximumLength)
        {
            return [AccountRuleCodes.NameTooLong];
        }

        return name.All(c => char.IsLetter(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark || c is ' ' or '-' or '\'' or '\u2019' or '.')
            ? []
            : [AccountRuleCodes.NameCharacters];
    }
}
