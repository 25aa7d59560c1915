using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Core.Invitations;
using Sesame.Core.Organizations;
using Sesame.Server.Features.Invitations;

namespace Sesame.Server.Features.Organizations;

/// <summary>
/// "Ajouter un utilisateur" (seed 004): whether the person already has an account, the title, given and
/// family names, the address the instructions go to, and the services to grant among those the organization
/// may grant. The invitation and its mail are written in one unit of work with the audit record; the secret
/// code is shown once on the answer.
/// </summary>
public sealed class AddUserModel(
    SesameDbContext db,
    RepresentativeScope scope,
    ProfessionalAccounts accounts,
    InvitationSender sender,
    TimeProvider time) : ProfessionalPageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    [BindProperty]
    public AddInput Input { get; set; } = new();

    public Organization Organization { get; private set; } = new();

    public IReadOnlyList<ProfessionalService> Grantable { get; private set; } = [];

    /// <summary>After the invitation: "L'ajout de [nom] a été effectué."</summary>
    public string? AddedName { get; private set; }

    public string? SecretCode { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (await LoadAsync(cancellationToken) is { } notFound)
        {
            return notFound;
        }

        var givenName = Input.GivenName?.Trim();
        var familyName = Input.FamilyName?.Trim();
        var email = Input.Email?.Trim();
        if (Input.HasAccount is not ("oui" or "non"))
        {
            ModelState.AddModelError("Input.HasAccount", Text["Organizations.Add.HasAccount.Required"]);
        }

        if (!Enum.TryParse<CivilityTitle>(Input.Title, ignoreCase: false, out var title) || !Enum.IsDefined(title) || Input.Title!.Any(char.IsDigit))
        {
            ModelState.AddModelError("Input.Title", Text["Organizations.Add.Title.Required"]);
        }

        AddRuleErrors("Input.GivenName", PersonNameRules.Check(givenName));
        AddRuleErrors("Input.FamilyName", PersonNameRules.Check(familyName));
        AddRuleErrors("Input.Email", EmailAddressRules.Check(email));
        var requested = Input.Services.Distinct(StringComparer.Ordinal).ToList();
        if (requested.Count == 0 || requested.Any(code => Grantable.All(s => s.Code != code)))
        {
            ModelState.AddModelError("Input.Services", Text["Organizations.Add.Services.Required"]);
        }

        var now = time.GetUtcNow();
        if (ModelState.IsValid && await HasOpenInvitationAsync(email!, now, cancellationToken))
        {
            // A second open invitation would give the person two codes and two links for the same thing: the
            // representative re-sends or revokes the first one from the list instead.
            ModelState.AddModelError("Input.Email", Text["Organizations.Add.Email.AlreadyInvited"]);
        }

        if (!ModelState.IsValid)
        {
            return Rejected();
        }

        var me = scope.AccountOf(User)!.Value;
        var invitation = new Invitation
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = Organization.Id,
            InvitedBy = me,
            Person = accounts.Protect(new ProfessionalName(title, givenName!, familyName!)),
            Email = email!,
            HasAccount = Input.HasAccount == "oui",
            Services = string.Join(' ', requested.Order(StringComparer.Ordinal)),
            CreatedAt = now,
        };
        SecretCode = await sender.IssueAndMailAsync(invitation, me, cancellationToken);
        db.Invitations.Add(invitation);
        Audit(new InvitationSent(invitation.Services) { Actor = me.ToString(), Organization = Organization.Id.ToString() });
        await db.SaveChangesAsync(cancellationToken);

        AddedName = $"{givenName} {familyName}";
        Input = new AddInput();
        return Page();
    }

    protected override Task<IActionResult?> ReloadAsync() => LoadAsync(HttpContext.RequestAborted);

    /// <summary>An invitation of this organization, to this address (whatever its case), that can still be accepted.</summary>
    private async Task<bool> HasOpenInvitationAsync(string email, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pending = await db.Invitations.AsNoTracking()
            .Where(i => i.OrganizationId == Organization.Id && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .ToListAsync(cancellationToken);
        return pending.Any(i => i.StateAt(now) == InvitationState.Open && string.Equals(i.Email, email, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var organization = await scope.OrganizationAsync(User, Id, cancellationToken);
        if (organization is null)
        {
            return NotFound();
        }

        Organization = organization;
        var codes = organization.Services.Select(s => s.ServiceCode).ToList();
        Grantable = await db.ProfessionalServices.AsNoTracking().Where(s => codes.Contains(s.Code)).OrderBy(s => s.ListOrder).ToListAsync(cancellationToken);
        return null;
    }

    public sealed class AddInput
    {
        /// <summary>"oui" or "non".</summary>
        public string? HasAccount { get; set; }

        public string? Title { get; set; }

        public string? GivenName { get; set; }

        public string? FamilyName { get; set; }

        public string? Email { get; set; }

        public List<string> Services { get; set; } = [];
    }
}
