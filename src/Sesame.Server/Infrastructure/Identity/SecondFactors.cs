using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
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

/// <summary>Reads and checks an account's second factors, and a professional's security answers (issue 6).</summary>
public sealed class SecondFactors(UserManager<SesameUser> users, KeyedHasher hasher, TimeProvider time, SesameDbContext db, SecurityAnswerHasher answers)
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

    /// <summary>
    /// Removes the authenticator app, every passkey and the recovery codes: the account is back to its first
    /// second step (the mailed code, or a professional's questions). For a recovery, or a representative's reset.
    /// </summary>
    public async Task RemoveAllAsync(SesameUser user)
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        foreach (var passkey in await users.GetPasskeysAsync(user))
        {
            await users.RemovePasskeyAsync(user, passkey.CredentialId);
        }

        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
    }

    /// <summary>
    /// Whether every asked question got its right answer. All are checked whatever the first gives, so the time
    /// taken does not tell which one was wrong.
    /// </summary>
    public async Task<bool> CheckSecurityAnswersAsync(SesameUser user, IReadOnlyCollection<int> asked, IReadOnlyDictionary<int, string?> typed, CancellationToken cancellationToken)
    {
        var stored = await db.SecurityAnswers.AsNoTracking().Where(a => a.UserId == user.Id && asked.Contains(a.Question)).ToListAsync(cancellationToken);
        var right = asked.Select(q => stored.SingleOrDefault(a => a.Question == q) is { } answer && answers.Matches(user, answer, typed.GetValueOrDefault(q))).ToList();
        return right.Count > 0 && !right.Contains(false);
    }

    /// <summary>
    /// The two questions a professional answers again in this session ("Confirmer que c'est bien vous"): the same
    /// pair for the whole session, so a reload cannot draw easier ones, and another pair in the next session.
    /// </summary>
    public int[] QuestionsForSession(SesameUser user, string sessionKey) =>
        SecurityQuestions.PairFor(hasher.Hash("questions-session", user.Id.ToString(), sessionKey));

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
