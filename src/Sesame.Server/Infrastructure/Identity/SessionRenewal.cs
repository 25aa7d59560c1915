using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Sesame.Core.Accounts;

namespace Sesame.Server.Infrastructure.Identity;

/// <summary>
/// Writes this browser's session again with the claims it should now carry: after a second factor was
/// presented again, or after a change that renewed the security stamp (password, e-mail, factors), which
/// would otherwise end this session along with the others at the next stamp check.
/// Identity's RefreshSignInAsync would drop Sesame's claims (how and when the person signed in).
/// </summary>
public sealed class SessionRenewal(SignInManager<SesameUser> signIn)
{
    public async Task RenewAsync(HttpContext context, SesameUser user, IEnumerable<Claim> claims)
    {
        var current = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        await signIn.SignInWithClaimsAsync(user, new AuthenticationProperties { IsPersistent = current.Properties?.IsPersistent ?? false }, claims);
    }

    /// <summary>The same claims as now (after a stamp change).</summary>
    public Task KeepAsync(HttpContext context, SesameUser user) =>
        RenewAsync(context, user, context.User.Claims
            .Where(c => c.Type is SessionClaims.Methods or SessionClaims.AuthenticatedAt or SessionClaims.SecondFactorAt)
            .Select(c => new Claim(c.Type, c.Value, c.ValueType)));
}
