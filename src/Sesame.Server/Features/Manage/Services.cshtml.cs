using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Server.Infrastructure.Localization;
using Sesame.Server.Infrastructure.Identity;

namespace Sesame.Server.Features.Manage;

/// <summary>
/// "Gérer votre compte › Services": the services the person consented to, and withdrawal. Withdrawing
/// revokes what the service holds (its authorizations and their refresh and access tokens), so it must ask
/// again; the consent stays recorded with its dates (mission.md §3, §6).
/// </summary>
[CitizensOnly]
public sealed class ServicesModel(
    SesameDbContext db,
    UserManager<SesameUser> users,
    IOpenIddictApplicationManager applications,
    IOpenIddictAuthorizationManager authorizations,
    IOpenIddictTokenManager tokens,
    TimeProvider time,
    AuditTrail audit) : PageModel
{
    public IReadOnlyList<ConsentRow> Consents { get; private set; } = [];

    /// <summary>The name of the service whose consent was just withdrawn.</summary>
    public string? Withdrawn { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await LoadAsync(user.Id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        // Scoped to the person: another person's consent id is simply not found.
        var consent = await db.Consents.SingleOrDefaultAsync(c => c.Id == id && c.UserId == user.Id && c.WithdrawnAt == null, cancellationToken);
        if (consent is null)
        {
            return NotFound();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        consent.WithdrawnAt = time.GetUtcNow();
        audit.Record(new ConsentWithdrawn { Subject = user.Id, Actor = user.Id.ToString(), Service = consent.ClientId });
        await db.SaveChangesAsync(cancellationToken);
        if (await applications.FindByClientIdAsync(consent.ClientId, cancellationToken) is { } application
            && await applications.GetIdAsync(application, cancellationToken) is { } applicationId)
        {
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

        await transaction.CommitAsync(cancellationToken);
        await LoadAsync(user.Id, cancellationToken);
        var service = await db.RelyingParties.AsNoTracking().SingleAsync(r => r.ClientId == consent.ClientId, cancellationToken);
        Withdrawn = Languages.Current == Languages.English ? service.NameEn : service.NameFr;
        return Page();
    }

    private async Task LoadAsync(Guid userId, CancellationToken cancellationToken)
    {
        var english = Languages.Current == Languages.English;
        var rows = await db.Consents.AsNoTracking()
            .Where(c => c.UserId == userId && c.WithdrawnAt == null)
            .Join(db.RelyingParties, c => c.ClientId, r => r.ClientId, (c, r) => new { c.Id, r.NameFr, r.NameEn, c.Claims, c.GrantedAt })
            .ToListAsync(cancellationToken);
        Consents = [.. rows
            .OrderByDescending(r => r.GrantedAt)
            .Select(r => new ConsentRow(r.Id, english ? r.NameEn : r.NameFr, r.Claims.Split(' ', StringSplitOptions.RemoveEmptyEntries), r.GrantedAt))];
    }

    public sealed record ConsentRow(Guid Id, string ServiceName, IReadOnlyList<string> Claims, DateTimeOffset GrantedAt);
}
