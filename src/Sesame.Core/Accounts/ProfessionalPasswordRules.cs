using System.Text;

namespace Sesame.Core.Accounts;

/// <summary>
/// The professional password rules of seed 004 ("Création du compte"): "Compter au moins 8 caractères;
/// Commencer et finir par une lettre; Contenir des lettres et des chiffres", with the 128-character cap and
/// the offline common-password check every population gets (quality.md "passwords"; NIST SP 800-63B
/// §5.1.1.2). The citizen rules (<see cref="PasswordRules"/>) do not apply to this population.
/// </summary>
public sealed class ProfessionalPasswordRules(CommonPasswordList commonPasswords)
{
    public const int MinimumLength = 8;

    public const int MaximumLength = PasswordRules.MaximumLength;

    public IReadOnlyList<string> Check(string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return [AccountRuleCodes.PasswordRequired];
        }

        var broken = new List<string>();
        var normalized = password.Normalize(NormalizationForm.FormC);
        var runes = normalized.EnumerateRunes().ToList();
        if (runes.Count < MinimumLength)
        {
            broken.Add(AccountRuleCodes.ProfessionalPasswordTooShort);
        }

        if (runes.Count > MaximumLength)
        {
            broken.Add(AccountRuleCodes.PasswordTooLong);
        }

        if (!Rune.IsLetter(runes[0]) || !Rune.IsLetter(runes[^1]))
        {
            broken.Add(AccountRuleCodes.ProfessionalPasswordEdges);
        }

        if (!runes.Any(Rune.IsLetter) || !runes.Any(Rune.IsDigit))
        {
            broken.Add(AccountRuleCodes.ProfessionalPasswordLettersAndDigits);
        }

        if (commonPasswords.Contains(normalized))
        {
            broken.Add(AccountRuleCodes.PasswordCommon);
        }

        return broken;
    }
}
