using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Sesame.Core.Accounts;

/// <summary>What Sesame accepts as an e-mail address: one the SMTP client can address, of bounded length.</summary>
public static partial class EmailAddressRules
{
    /// <summary>RFC 5321 §4.5.3.1.3: a forward-path is at most 256 octets, so an address fits in 254.</summary>
    public const int MaximumLength = 254;

    public static IReadOnlyList<string> Check(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return [AccountRuleCodes.EmailRequired];
        }

        return IsValid(email) ? [] : [AccountRuleCodes.EmailInvalid];
    }

    /// <summary>
    /// A mailbox on an Internet domain: a local part without leading, trailing or doubled dots, and a host
    /// name of letters, digits and inner hyphens under an alphabetic (or IDNA "xn--") top-level domain.
    /// Address literals such as [10.0.0.5] are refused: Sesame never mails a bare address.
    /// </summary>
    public static bool IsValid(string email)
    {
        if (email.Length > MaximumLength || !Mailbox().IsMatch(email))
        {
            return false;
        }

        return MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && string.IsNullOrEmpty(parsed.DisplayName);
    }

    /// <summary>Something shaped like local@domain.tld, used to refuse passwords that are e-mail addresses.</summary>
    public static bool LooksLikeEmailAddress(string value) => EmailShape().IsMatch(value);

    [GeneratedRegex(@"^[^@\s\p{C}]+@[^@\s\p{C}]+\.[^@\s\p{C}.]{2,}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex EmailShape();

    [GeneratedRegex(
        @"^(?!\.)(?!.*\.\.)[^@\s\p{C}""(),:;<>\[\]\\]{1,64}(?<!\.)@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 200)]
    private static partial Regex Mailbox();
}
