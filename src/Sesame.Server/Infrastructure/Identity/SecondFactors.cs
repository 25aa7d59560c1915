using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Sesame.Core.Accounts;
using Sesame.Core.Privacy;

namespace Sesame.Server.Infrastructure.Identity;

/// <summary>What second factors an account has set up (issue 5: authenticator app, passkeys, recovery codes).</summary>
/// <param name="Authenticator">An authenticator app (TOTP) is set up.</param>
/// <param name="Passkeys">How many passkeys are registered.</param>
/// <param name="RecoveryCodesLeft">How many of the ten single-use recovery codes are left.</param>
public sealed record FactorSet(bool Authenticator, int Passkeys, int RecoveryCodesLeft)
{
    /// <summary>
    /// Once a person set up an authenticator app or a passkey, the e-mailed code is no longer enough to sign in:
    /// the mailbox would otherwise stay the weakest way in (NIST SP 800-63B §5.1.3.3 restricts e-mail as an
    /// out-of-band authenticator). Recovery codes, or account recovery, cover a lost device.
    /// </summary>
    public bool HasStrongFactor => Authenticator || Passkeys > 0;
}

/// <summary>Reads and checks an account's second factors.</summary>
public sealed class SecondFactors(UserManager<SesameUser> users, KeyedHasher hasher, TimeProvider time)
{
    public const int RecoveryCodeCount = 10;

    /// <summary>An accepted authenticator code cannot be used again within the window that accepts it (RFC 6238 §5.2).</summary>
    private static readonly TimeSpan CodeReuseWindow = TimeSpan.FromMinutes(3);

    private const string TokenProvider = "[Sesame]";
    private const string LastAuthenticatorCode = "LastAuthenticatorCode";

    public async Task<FactorSet> OfAsync(SesameUser user)
    {
        var authenticator = user.TwoFactorEnabled && await users.GetAuthenticatorKeyAsync(user) is not null;
        var passkeys = (await users.GetPasskeysAsync(user)).Count;
        var codes = await users.CountRecoveryCodesAsync(user);
        return new FactorSet(authenticator, passkeys, codes);
    }

    /// <summary>Six digits from the app, accepted once.</summary>
    public async Task<bool> CheckAuthenticatorCodeAsync(SesameUser user, string? entered)
    {
        var code = Digits(entered);
        if (code is null || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            return false;
        }

        var now = time.GetUtcNow();
        var fingerprint = Convert.ToBase64String(hasher.Hash("totp", user.Id.ToString(), code));
        var last = await users.GetAuthenticationTokenAsync(user, TokenProvider, LastAuthenticatorCode);
        if (last is not null && last.Split('|') is [var hash, var at]
            && hash == fingerprint
            && long.TryParse(at, CultureInfo.InvariantCulture, out var seconds)
            && now - DateTimeOffset.FromUnixTimeSeconds(seconds) < CodeReuseWindow)
        {
            return false;
        }

        await users.SetAuthenticationTokenAsync(user, TokenProvider, LastAuthenticatorCode,
            string.Create(CultureInfo.InvariantCulture, $"{fingerprint}|{now.ToUnixTimeSeconds()}"));
        return true;
    }

    public async Task<bool> RedeemRecoveryCodeAsync(SesameUser user, string? entered) =>
        !string.IsNullOrWhiteSpace(entered) && entered.Length <= 64
        && (await users.RedeemTwoFactorRecoveryCodeAsync(user, entered)).Succeeded;

    /// <summary>"123 456" or "123456" → "123456"; anything else → null.</summary>
    public static string? Digits(string? entered)
    {
        if (entered is null || entered.Length > 12)
        {
            return null;
        }

        var digits = new string([.. entered.Where(c => c is not (' ' or '-'))]);
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
