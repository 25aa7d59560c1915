namespace Sesame.Core.Accounts;

/// <summary>
/// Seed 001, "Créer votre compte": "Minimum de 5 caractères. Seulement les lettres et les chiffres sont
/// acceptés." Letters are ASCII only (mission.md §1), so a username never depends on Unicode normalization.
/// Uniqueness without regard to case is the store's job (Identity's normalized name).
/// </summary>
public static class UsernameRules
{
    public const int MinimumLength = 5;
    public const int MaximumLength = 64;

    public static IReadOnlyList<string> Check(string? username)
    {
        if (string.IsNullOrEmpty(username))
        {
            return [AccountRuleCodes.UsernameRequired];
        }

        var broken = new List<string>();
        if (username.Length < MinimumLength)
        {
            broken.Add(AccountRuleCodes.UsernameTooShort);
        }

        if (username.Length > MaximumLength)
        {
            broken.Add(AccountRuleCodes.UsernameTooLong);
        }

        if (!username.All(char.IsAsciiLetterOrDigit))
        {
            broken.Add(AccountRuleCodes.UsernameCharacters);
        }

        return broken;
    }
}
