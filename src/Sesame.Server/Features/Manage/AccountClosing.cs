using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Server.Infrastructure.Identity;
using Sesame.Server.Infrastructure.Mail;
using Sesame.Server.Infrastructure.Sessions;

namespace Sesame.Server.Features.Manage;

/// <summary>
/// Closing an account and changing one's mind (mission.md §4, "account closure"). Closing stops the account at
/// once: every session ends, the security stamp changes (so a cookie kept somewhere is refused), and what the
/// services hold (their authorizations, refresh and access tokens) is revoked. The personal information is
/// deleted once <see cref="AccountClosure.GracePeriod"/> has passed (<see cref="ClosedAccountDeletion"/>), unless
/// the person signs in and cancels before then. Everything is written in one transaction with its audit record
/// and the mail that tells the person (quality.md: no half-made state).
/// </summary>
public sealed class AccountClosing(
    SesameDbContext db,
    UserManager<SesameUser> users,
    IOpenIddictApplicationManager applications,
    IOpenIddictAuthorizationManager authorizations,
    IOpenIddictTokenManager tokens,
    MailOutbox outbox,
    MailTemplates mail,
    AccountLinks links,
    AuditTrail audit,
    TimeProvider time)
{
    public async Task CloseAsync(SesameUser user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await DatabaseTicketStore.EndAllAsync(db, user.Id, cancellationToken);
        await RevokeServicesAsync(user.Id, cancellationToken);

        user.ClosureRequestedAt = now;
        audit.Record(new AccountClosureRequested { Subject = user.Id, Actor = user.Id.ToString() });
        outbox.Enqueue(MailTemplates.ClosureScheduled, mail.ClosureScheduledAlert(user.Email!, DateText(AccountClosure.DeletionDue(now)), links.NotMe(user)));

        // Saves the account, the audit record and the mail; a new stamp voids any cookie the ticket store missed.
        var saved = await users.UpdateSecurityStampAsync(user);
        if (!saved.Succeeded)
        {
            throw new DbUpdateConcurrencyException("The account changed while it was being closed.");
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The person signed in during the grace period and keeps the account.</summary>
    public async Task<bool> CancelAsync(SesameUser user)
    {
        user.ClosureRequestedAt = null;
        audit.Record(new AccountClosureCancelled { Subject = user.Id, Actor = user.Id.ToString() });
        return (await users.UpdateAsync(user)).Succeeded;
    }

    /// <summary>"23 décembre 2026" in the person's language and the server's time zone.</summary>
    public string DateText(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, time.LocalTimeZone).ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>As a withdrawal does (Services page), for every service the person consented to.</summary>
    private async Task RevokeServicesAsync(Guid userId, CancellationToken cancellationToken)
    {
        var given = await db.Consents.AsNoTracking().Where(c => c.UserId == userId)
            .Select(c => new { c.ClientId, c.Subject }).Distinct().ToListAsync(cancellationToken);
        foreach (var consent in given)
        {
            if (await applications.FindByClientIdAsync(consent.ClientId, cancellationToken) is not { } application
                || await applications.GetIdAsync(application, cancellationToken) is not { } applicationId)
            {
                continue;
            }

            // Read them all before changing any: PostgreSQL cannot run a command while a reader is open.
            var granted = new List<object>();
            await foreach (var authorization in authorizations.FindAsync(consent.Subject, applicationId, status: null, type: null, scopes: null, cancellationToken))
            {
                granted.Add(authorization);
            }

            foreach (var authorization in granted)
            {
                await authorizations.TryRevokeAsync(authorization, cancellationToken);
                if (await authorizations.GetIdAsync(authorization, cancellationToken) is { } authorizationId)
                {
                    await tokens.RevokeByAuthorizationIdAsync(authorizationId, cancellationToken);
                }
            }
        }
    }
}
