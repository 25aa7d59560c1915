using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
using Sesame.Core.Privacy;

namespace Sesame.Server.Infrastructure.Identity;

/// <summary>
/// Identity's EF Core store, with its two secrets kept the way quality.md asks: recovery codes only as keyed
/// hashes (a copy of the database cannot be used to sign in), and the authenticator app's shared key
/// encrypted with Data Protection (it must be read back to check a code, so it cannot be hashed). Identity
/// itself keeps both in clear in the tokens table.
/// </summary>
public sealed class SesameUserStore(SesameDbContext context, KeyedHasher hasher, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserStore<SesameUser, IdentityRole<Guid>, SesameDbContext, Guid>(context, describer)
{
    private readonly IDataProtector _authenticatorKeys = protection.CreateProtector("Sesame.AuthenticatorKey.v1");

    public override Task SetAuthenticatorKeyAsync(SesameUser user, string key, CancellationToken cancellationToken) =>
        base.SetAuthenticatorKeyAsync(user, _authenticatorKeys.Protect(key), cancellationToken);

    public override async Task<string?> GetAuthenticatorKeyAsync(SesameUser user, CancellationToken cancellationToken)
    {
        var stored = await base.GetAuthenticatorKeyAsync(user, cancellationToken);
        return stored is null ? null : _authenticatorKeys.Unprotect(stored);
    }

    public override Task ReplaceCodesAsync(SesameUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(c => HashOf(user, c)), cancellationToken);

    public override Task<bool> RedeemCodeAsync(SesameUser user, string code, CancellationToken cancellationToken) =>
        base.RedeemCodeAsync(user, HashOf(user, code), cancellationToken);

    /// <summary>Spaces, dashes and case do not matter when a person types a code back from paper.</summary>
    public static string NormalizeRecoveryCode(string code) =>
        new([.. code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);

    private string HashOf(SesameUser user, string code) =>
        Convert.ToBase64String(hasher.Hash("recovery-code", user.Id.ToString(), NormalizeRecoveryCode(code)));
}
