using System.Text;

namespace Sesame.Core.Accounts;

/// <summary>
/// The citizen password rules of seed 001 ("Minimum de 10 caractères, sans répétition ni séquence. Ne doit
/// pas être votre nom d'utilisateur ni une adresse courriel.") made precise by mission.md §1, plus the
/// offline common-password check of NIST SP 800-63B §5.1.1.2. Every broken rule is reported, so the page
/// can name each one.
/// </summary>
public sealed class PasswordRules(CommonPasswordList commonPasswords)
{
    public const int MinimumLength = 10;

    /// <summary>NIST SP 800-63B allows a cap of at least 64; 128 keeps hashing cost bounded.</summary>
    public const int MaximumLength = 128;

    /// <summary>Three identical characters in a row is a repetition.</summary>
    public const int RepetitionRun = 3;

    /// <summary>Four consecutive letters, digits or keys, ascending or descending, is a sequence.</summary>
    public const int SequenceRun = 4;

    // Rows of the keyboards used in Québec (Canadian multilingual and French Canadian are QWERTY; AZERTY
    // for people who bring one from France), and the plain alphabetical and numerical orders.
    private static readonly string[] Orders =
    [
        "abcdefghijklmnopqrstuvwxyz",
        "0123456789",
        "1234567890",
        "qwertyuiop",
        "asdfghjkl",
        "zxcvbnm",
        "azertyuiop",
        "qsdfghjklm",
        "wxcvbn",
    ];

    public IReadOnlyList<string> Check(string? password, string? username, string? email = null)
    {
        if (string.IsNullOrEmpty(password))
        {
            return [AccountRuleCodes.PasswordRequired];
        }

        var broken = new List<string>();
        var normalized = password.Normalize(NormalizationForm.FormC);
        var length = CountCodePoints(normalized);
        if (length < MinimumLength)
        {
            broken.Add(AccountRuleCodes.PasswordTooShort);
        }

        if (length > MaximumLength)
        {
            broken.Add(AccountRuleCodes.PasswordTooLong);
        }

        if (HasRepetition(normalized))
        {
            broken.Add(AccountRuleCodes.PasswordRepetition);
        }

        if (HasSequence(normalized))
        {
            broken.Add(AccountRuleCodes.PasswordSequence);
        }

        if (!string.IsNullOrEmpty(username) && normalized.Contains(username, StringComparison.OrdinalIgnoreCase))
        {
            broken.Add(AccountRuleCodes.PasswordContainsUsername);
        }

        if (EmailAddressRules.LooksLikeEmailAddress(normalized)
            || (!string.IsNullOrEmpty(email) && normalized.Contains(email, StringComparison.OrdinalIgnoreCase)))
        {
            broken.Add(AccountRuleCodes.PasswordIsEmail);
        }

        if (commonPasswords.Contains(normalized))
        {
            broken.Add(AccountRuleCodes.PasswordCommon);
        }

        return broken;
    }

    private static int CountCodePoints(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <summary>Walks code points, not UTF-16 units, so that "😀😀😀" is a repetition like "aaa".</summary>
    private static bool HasRepetition(string value)
    {
        var run = 0;
        Rune previous = default;
        foreach (var rune in value.EnumerateRunes())
        {
            var current = Rune.ToLowerInvariant(rune);
            run = run > 0 && current == previous ? run + 1 : 1;
            previous = current;
            if (run >= RepetitionRun)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasSequence(string value)
    {
        var lower = value.ToLowerInvariant();
        for (var start = 0; start + SequenceRun <= lower.Length; start++)
        {
            var window = lower.AsSpan(start, SequenceRun);
            foreach (var order in Orders)
            {
                if (IsRunOf(window, order) || IsRunOf(window, Reverse(order)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsRunOf(ReadOnlySpan<char> window, string order) => order.AsSpan().IndexOf(window) >= 0;

    private static string Reverse(string order)
    {
        var chars = order.ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }
}
