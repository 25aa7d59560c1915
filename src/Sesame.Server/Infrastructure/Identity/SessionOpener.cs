using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Server.Infrastructure.Location;

namespace Sesame.Server.Infrastructure.Identity;

/// <summary>
/// Opens a session once every step of signing in succeeded, the same way whatever the factor: the audit
/// record, the last sign-in, the new-place alert (when the person turned it on), "trust this browser", and the
/// session's claims (how and when). Saved in one unit of work before the session row is written.
/// </summary>
public sealed class SessionOpener(
    SesameDbContext db,
    SignInManager<SesameUser> signIn,
    LocationAlerts places,
    AuditTrail audit,
    TimeProvider time)
{
    /// <summary>Records the sign-in in the caller's unit of work (saved by the caller, or by <see cref="OpenAsync"/>).</summary>
    public async Task RecordAsync(HttpContext context, SesameUser user, SignInMethod method, CancellationToken cancellationToken)
    {
        user.LastSignInAt = time.GetUtcNow();
        audit.Record(new SignedIn(SessionClaims.AuditName(method)) { Subject = user.Id, Actor = user.Id.ToString() });
        await places.NoteSignInAsync(user, context.Connection.RemoteIpAddress, cancellationToken);
    }

    /// <summary>Records the sign-in, saves, then writes the session.</summary>
    public async Task OpenAsync(HttpContext context, SesameUser user, SignInMethod method, bool rememberMe, bool trustBrowser, CancellationToken cancellationToken)
    {
        await RecordAsync(context, user, method, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await StartAsync(user, method, rememberMe, trustBrowser);
    }

    /// <summary>Writes the session (after the caller committed the sign-in's records).</summary>
    public async Task StartAsync(SesameUser user, SignInMethod method, bool rememberMe, bool trustBrowser)
    {
        if (trustBrowser && method != SignInMethod.PasswordOnTrustedBrowser)
        {
            await signIn.RememberTwoFactorClientAsync(user);
        }

        await signIn.SignInWithClaimsAsync(user, new AuthenticationProperties { IsPersistent = rememberMe }, SessionClaims.For(method, time.GetUtcNow()));
    }
}
