using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Core.Invitations;
using Sesame.Core.Organizations;
using Sesame.Server.Features.Invitations;
using Sesame.Server.Infrastructure.Identity;

namespace Sesame.Server.Features.Organizations;

/// <summary>
/// "Utilisateurs" (seed 004): the designated representative lists and filters the organization's users
/// (Nom, Prénom, Nom d'utilisateur), removes a user or one of their services, and re-sends or revokes the
/// invitations not yet accepted, and removes the sign-in methods of a user who lost them all (issue 6: a
/// professional has no mailbox nor registry identity to recover with; they are back to their security questions). Every id in the route or a form is looked up under an organization the
/// signed-in account represents, so another organization's id finds nothing (404).
/// </summary>
public sealed class UsersModel(
    SesameDbContext db,
    RepresentativeScope scope,
    ProfessionalAccounts accounts,
    InvitationSender sender,
    UserManager<SesameUser> users,
    SecondFactors factors,
    TimeProvider time) : ProfessionalPageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    [BindProperty]
    public FilterInput Filter { get; set; } = new();

    public Organization Organization { get; private set; } = new();

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public IReadOnlyList<InvitationRow> Invitations { get; private set; } = [];

    public IReadOnlyDictionary<string, ProfessionalService> Catalogue { get; private set; } = new Dictionary<string, ProfessionalService>();

    /// <summary>A resource key shown above the list after a change.</summary>
    public string? Notice { get; private set; }

    /// <summary>After a re-send: the new code, shown this once.</summary>
    public string? SecretCode { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostFilterAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostRemoveAsync([FromForm(Name = "membre")] Guid member, CancellationToken cancellationToken)
    {
        var (organization, me) = await ScopeAsync(cancellationToken);
        if (organization is null)
        {
            return NotFound();
        }

        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.Id == member && m.OrganizationId == organization.Id, cancellationToken);
        if (membership is null)
        {
            return NotFound();
        }

        if (membership.UserId == me)
        {
            // A representative who removed themselves could no longer reach the console to undo it.
            Notice = "Organizations.Users.CannotRemoveSelf";
            return await LoadAsync(cancellationToken) ?? Rejected();
        }

        db.Memberships.Remove(membership);
        Audit(new MemberRemoved { Subject = membership.UserId, Actor = me.ToString(), Organization = organization.Id.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/organisations/{organization.Id}/utilisateurs?avis=Organizations.Users.Removed");
    }

    public async Task<IActionResult> OnPostRemoveServiceAsync([FromForm(Name = "membre")] Guid member, [FromForm(Name = "service")] string? service, CancellationToken cancellationToken)
    {
        var (organization, me) = await ScopeAsync(cancellationToken);
        if (organization is null)
        {
            return NotFound();
        }

        var granted = await db.MembershipServices
            .Where(s => s.MembershipId == member && s.ServiceCode == service
                && db.Memberships.Any(m => m.Id == s.MembershipId && m.OrganizationId == organization.Id))
            .SingleOrDefaultAsync(cancellationToken);
        if (granted is null)
        {
            return NotFound();
        }

        var userId = await db.Memberships.Where(m => m.Id == member).Select(m => m.UserId).SingleAsync(cancellationToken);
        db.MembershipServices.Remove(granted);
        Audit(new MemberServiceRemoved(granted.ServiceCode) { Subject = userId, Actor = me.ToString(), Organization = organization.Id.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/organisations/{organization.Id}/utilisateurs?avis=Organizations.Users.ServiceRemoved");
    }

    public async Task<IActionResult> OnPostResetFactorsAsync([FromForm(Name = "membre")] Guid member, CancellationToken cancellationToken)
    {
        var (organization, me) = await ScopeAsync(cancellationToken);
        var userId = organization is null ? null : await db.Memberships
            .Where(m => m.Id == member && m.OrganizationId == organization.Id).Select(m => (Guid?)m.UserId).SingleOrDefaultAsync(cancellationToken);
        if (userId is null || await users.FindByIdAsync(userId.Value.ToString()) is not { } user)
        {
            return NotFound();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await factors.RemoveAllAsync(user);
        // Every session of the account ends: whoever held the lost phone or keys is signed out too.
        await users.UpdateSecurityStampAsync(user);
        Audit(new FactorRemoved("toutes") { Subject = user.Id, Actor = me.ToString(), Organization = organization!.Id.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Redirect($"/organisations/{organization.Id}/utilisateurs?avis=Organizations.Users.FactorsReset");
    }

    public async Task<IActionResult> OnPostResendAsync([FromForm(Name = "invitation")] Guid invitationId, CancellationToken cancellationToken)
    {
        var (organization, me) = await ScopeAsync(cancellationToken);
        var invitation = organization is null ? null : await OpenInvitationAsync(organization.Id, invitationId, cancellationToken);
        if (invitation is null)
        {
            return NotFound();
        }

        SecretCode = await sender.IssueAndMailAsync(invitation, me, cancellationToken);
        Audit(new InvitationResent { Actor = me.ToString(), Organization = organization!.Id.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        Notice = "Organizations.Users.Resent";
        return await LoadAsync(cancellationToken) ?? Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync([FromForm(Name = "invitation")] Guid invitationId, CancellationToken cancellationToken)
    {
        var (organization, me) = await ScopeAsync(cancellationToken);
        var invitation = organization is null ? null : await OpenInvitationAsync(organization.Id, invitationId, cancellationToken);
        if (invitation is null)
        {
            return NotFound();
        }

        invitation.RevokedAt = time.GetUtcNow();
        Audit(new InvitationRevoked { Actor = me.ToString(), Organization = organization!.Id.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/organisations/{organization.Id}/utilisateurs?avis=Organizations.Users.Revoked");
    }

    protected override Task<IActionResult?> ReloadAsync() => LoadAsync(HttpContext.RequestAborted);

    /// <summary>An invitation of this organization that is not yet accepted nor revoked (an expired or voided one can be re-sent).</summary>
    private Task<Invitation?> OpenInvitationAsync(Guid organizationId, Guid invitationId, CancellationToken cancellationToken) =>
        db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId && i.OrganizationId == organizationId && i.AcceptedAt == null && i.RevokedAt == null, cancellationToken);

    private async Task<(Organization? Organization, Guid Me)> ScopeAsync(CancellationToken cancellationToken) =>
        (await scope.OrganizationAsync(User, Id, cancellationToken), scope.AccountOf(User) ?? Guid.Empty);

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var organization = await scope.OrganizationAsync(User, Id, cancellationToken);
        if (organization is null)
        {
            return NotFound();
        }

        Organization = organization;
        if (Notice is null && Request.Query["avis"].ToString() is "Organizations.Users.Removed" or "Organizations.Users.ServiceRemoved" or "Organizations.Users.Revoked" or "Organizations.Users.FactorsReset")
        {
            Notice = Request.Query["avis"];
        }

        Catalogue = await db.ProfessionalServices.AsNoTracking().ToDictionaryAsync(s => s.Code, cancellationToken);
        var members = await db.Memberships.AsNoTracking()
            .Where(m => m.OrganizationId == organization.Id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new
            {
                Membership = m,
                u.UserName,
                Services = m.Services.Select(s => s.ServiceCode).ToList(),
                StrongFactor = u.TwoFactorEnabled || db.UserPasskeys.Any(p => p.UserId == u.Id),
            })
            .ToListAsync(cancellationToken);
        var profiles = await db.ProfessionalProfiles.AsNoTracking()
            .Where(p => members.Select(m => m.Membership.UserId).Contains(p.UserId))
            .ToDictionaryAsync(p => p.UserId, cancellationToken);

        // Names are encrypted, so the filter runs on the decrypted rows of this one organization.
        var rows = members.Select(m =>
        {
            var name = profiles.TryGetValue(m.Membership.UserId, out var profile) ? accounts.Unprotect(profile.Name) : null;
            return new UserRow(m.Membership.Id, name?.FamilyName ?? "", name?.GivenName ?? "", m.UserName ?? "", m.Membership.IsDesignatedRepresentative, m.Services, m.StrongFactor);
        });
        Users = [.. rows.Where(r => Matches(r.FamilyName, Filter.FamilyName) && Matches(r.GivenName, Filter.GivenName) && Matches(r.Username, Filter.Username))
            .OrderBy(r => TextFolding.Fold(r.FamilyName), StringComparer.Ordinal).ThenBy(r => TextFolding.Fold(r.GivenName), StringComparer.Ordinal)];

        var now = time.GetUtcNow();
        var invitations = await db.Invitations.AsNoTracking()
            .Where(i => i.OrganizationId == organization.Id && i.AcceptedAt == null && i.RevokedAt == null)
            .ToListAsync(cancellationToken);
        Invitations = [.. invitations.OrderBy(i => i.CreatedAt).Select(i =>
        {
            var person = accounts.Unprotect(i.Person);
            return new InvitationRow(i.Id, person.FamilyName, person.GivenName, i.StateAt(now), i.ExpiresAt, i.ServiceCodes);
        })];
        return null;
    }

    private static bool Matches(string value, string? filter) =>
        string.IsNullOrWhiteSpace(filter) || TextFolding.Fold(value).Contains(TextFolding.Fold(filter.Length > 100 ? filter[..100] : filter), StringComparison.Ordinal);

    public sealed class FilterInput
    {
        public string? FamilyName { get; set; }

        public string? GivenName { get; set; }

        public string? Username { get; set; }
    }

    /// <param name="HasStrongFactor">The user added an authenticator app or a passkey, which the representative can remove.</param>
    public sealed record UserRow(Guid MembershipId, string FamilyName, string GivenName, string Username, bool IsRepresentative, IReadOnlyList<string> Services, bool HasStrongFactor);

    public sealed record InvitationRow(Guid Id, string FamilyName, string GivenName, InvitationState State, DateTimeOffset ExpiresAt, IReadOnlyList<string> Services);
}
