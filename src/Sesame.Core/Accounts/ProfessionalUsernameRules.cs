namespace Sesame.Core.Accounts;

/// <summary>
/// Seed 004: "Le nom d'utilisateur doit prendre la forme d'une adresse de courriel. Aucune correspondance ne
/// sera envoyée à cette adresse de courriel." Only the form and the uniqueness (the store's job) are checked;
/// whether the mailbox exists is not. Characters are kept to those Identity allows in a username (ASCII
/// letters, digits and <c>.-_+@</c>), so a username never depends on Unicode normalization.
/// </summary>
public static class ProfessionalUsernameRules
{
    public const int MaximumLength = EmailAddressRules.MaximumLength;

    private const string OtherAllowed = ".-_+@";

    public static IReadOnlyList<string> Check(string? username)
    {
        if (string.IsNullOrWhiteSpace(username))
        {
            return [AccountRuleCodes.UsernameRequired];
        }

        if (username.Length > MaximumLength)
        {
            return [AccountRuleCodes.ProfessionalUsernameTooLong];
        }

        var broken = new List<string>();
        if (!EmailAddressRules.IsValid(username))
        {
            broken.Add(AccountRuleCodes.ProfessionalUsernameNotEmail);
        }

        if (!username.All(c => char.IsAsciiLetterOrDigit(c) || OtherAllowed.Contains(c, StringComparison.Ordinal)))
        {
            broken.Add(AccountRuleCodes.ProfessionalUsernameCharacters);
        }

        return broken;
    }
}
