namespace Sesame.Core.Accounts;

/// <summary>
/// Stable codes for every account rule. The server's resource files hold the French and English text
/// under these keys, so a message can change without touching the rule.
/// </summary>
public static class AccountRuleCodes
{
    public const string UsernameRequired = "Username.Required";
    public const string UsernameTooShort = "Username.TooShort";
    public const string UsernameTooLong = "Username.TooLong";
    public const string UsernameCharacters = "Username.Characters";
    public const string UsernameTaken = "Username.Taken";

    public const string EmailRequired = "Email.Required";
    public const string EmailInvalid = "Email.Invalid";
    public const string EmailTaken = "Email.Taken";

    public const string PasswordRequired = "Password.Required";
    public const string PasswordTooShort = "Password.TooShort";
    public const string PasswordTooLong = "Password.TooLong";
    public const string PasswordRepetition = "Password.Repetition";
    public const string PasswordSequence = "Password.Sequence";
    public const string PasswordContainsUsername = "Password.ContainsUsername";
    public const string PasswordIsEmail = "Password.IsEmail";
    public const string PasswordCommon = "Password.Common";
    public const string PasswordMismatch = "Password.Mismatch";

    public const string ProfessionalUsernameNotEmail = "ProfessionalUsername.NotEmail";
    public const string ProfessionalUsernameCharacters = "ProfessionalUsername.Characters";
    public const string ProfessionalUsernameTooLong = "ProfessionalUsername.TooLong";

    public const string ProfessionalPasswordTooShort = "ProfessionalPassword.TooShort";
    public const string ProfessionalPasswordEdges = "ProfessionalPassword.Edges";
    public const string ProfessionalPasswordLettersAndDigits = "ProfessionalPassword.LettersAndDigits";

    public const string NameRequired = "Name.Required";
    public const string NameTooLong = "Name.TooLong";
    public const string NameCharacters = "Name.Characters";

    public const string SecurityAnswerRequired = "SecurityAnswer.Required";
    public const string SecurityAnswerTooShort = "SecurityAnswer.TooShort";
    public const string SecurityAnswerTooLong = "SecurityAnswer.TooLong";
}
