using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Access;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Core.Organizations;
using Sesame.Core.Privacy;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure.Identity;
using Sesame.Server.Infrastructure.Mail;
using Sesame.Server.Infrastructure.Security;

namespace Sesame.Server.Features.AccessRequests;

/// <summary>
/// Seed 003's "Demande d'accès aux services en ligne", online: section 1 (the applications), section 2 (the
/// user and their commitments), section 3 (the authorizer, their role and the scope, with section 5's
/// installation numbers). The rules of the seed's "Directives" are checked (<see cref="AccessRequestRules"/>);
/// the request, the authorizer's mail and the audit record are written in one unit of work, and the person is
/// shown the reference number. Postal address, fax and sex are not asked: nothing in the online process uses
/// them (Québec's Law 25, A-2.1 s.5: collect only what is necessary; decision 0015).
/// </summary>
[EnableRateLimiting(RateLimits.AccountCreation)]
public sealed class IndexModel(
    SesameDbContext db,
    PersonalDataProtector protector,
    KeyedHasher hasher,
    MailOutbox outbox,
    MailTemplates mail,
    AccountLinks links,
    TimeProvider time) : SesamePageModel
{
    public const int JobTitleMaximumLength = 100;

    [BindProperty]
    public RequestInput Input { get; set; } = new();

    public IReadOnlyList<Organization> Organizations { get; private set; } = [];

    public IReadOnlyList<ProfessionalService> Catalogue { get; private set; } = [];

    /// <summary>After submission: the reference number to quote, displayed in groups.</summary>
    public string? SubmittedReference { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        await LoadAsync(cancellationToken);
        var organization = Organizations.SingleOrDefault(o => o.Id == Input.OrganizationId);

        // Section 1: applications the chosen organization may grant.
        var services = Input.Services.Distinct(StringComparer.Ordinal).ToList();
        if (services.Count == 0 || organization is null || services.Any(code => organization.Services.All(s => s.ServiceCode != code)))
        {
            ModelState.AddModelError("Input.Services", Text["Access.Services.Required"]);
        }

        if (organization is null)
        {
            ModelState.AddModelError("Input.OrganizationId", Text["Access.Organization.Required"]);
        }

        // "Possédez-vous un accès pour d'autres services en ligne de la RAMQ? Si oui, donnez votre nom d'utilisateur".
        var existing = Input.ExistingUsername?.Trim();
        if (Input.HasUsername is not ("oui" or "non"))
        {
            ModelState.AddModelError("Input.HasUsername", Text["Access.HasUsername.Required"]);
        }
        else if (Input.HasUsername == "oui")
        {
            AddRuleErrors("Input.ExistingUsername", ProfessionalUsernameRules.Check(existing));
        }

        // Section 2.
        var userTitle = ParseTitle("Input.UserTitle", Input.UserTitle);
        var userGiven = Input.UserGivenName?.Trim();
        var userFamily = Input.UserFamilyName?.Trim();
        AddRuleErrors("Input.UserGivenName", AccessRequestRules.CheckCapitalName(userGiven));
        AddRuleErrors("Input.UserFamilyName", AccessRequestRules.CheckCapitalName(userFamily));
        var jobTitle = Input.UserJobTitle?.Trim();
        if (string.IsNullOrEmpty(jobTitle) || jobTitle.Length > JobTitleMaximumLength || jobTitle.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format))
        {
            ModelState.AddModelError("Input.UserJobTitle", Text["Access.JobTitle.Invalid"]);
        }

        var phone = PhoneRules.Normalize(Input.UserPhone);
        if (phone is null)
        {
            ModelState.AddModelError("Input.UserPhone", Text[PhoneRules.Invalid]);
        }

        var extension = Input.UserExtension?.Trim();
        if (!PhoneRules.ExtensionIsValid(extension))
        {
            ModelState.AddModelError("Input.UserExtension", Text[PhoneRules.ExtensionInvalid]);
        }

        var userEmail = Input.UserEmail?.Trim();
        AddRuleErrors("Input.UserEmail", AccessRequestRules.CheckEmail(userEmail));
        if (!Input.CommitNotDisclose || !Input.CommitPurpose)
        {
            ModelState.AddModelError("Input.Commitments", Text["Access.Commitments.Required"]);
        }

        // Section 3.
        var authorizerTitle = ParseTitle("Input.AuthorizerTitle", Input.AuthorizerTitle);
        var authorizerGiven = Input.AuthorizerGivenName?.Trim();
        var authorizerFamily = Input.AuthorizerFamilyName?.Trim();
        AddRuleErrors("Input.AuthorizerGivenName", AccessRequestRules.CheckCapitalName(authorizerGiven));
        AddRuleErrors("Input.AuthorizerFamilyName", AccessRequestRules.CheckCapitalName(authorizerFamily));
        var authorizerEmail = Input.AuthorizerEmail?.Trim();
        var authorizerEmailErrors = AccessRequestRules.CheckEmail(authorizerEmail);
        AddRuleErrors("Input.AuthorizerEmail", authorizerEmailErrors);
        if (authorizerEmailErrors.Count == 0 && EmailAddressRules.Check(userEmail).Count == 0 && AccessRequestRules.SameMailbox(userEmail!, authorizerEmail!))
        {
            AddRuleErrors("Input.AuthorizerEmail", [AccessRuleCodes.SameAddress]);
        }

        var role = Enum.TryParse<AuthorizerRole>(Input.AuthorizerRole, ignoreCase: false, out var r) && Enum.IsDefined(r) && !Input.AuthorizerRole!.Any(char.IsDigit) ? r : (AuthorizerRole?)null;
        if (role is null)
        {
            ModelState.AddModelError("Input.AuthorizerRole", Text["Access.Role.Required"]);
        }
        else if (organization is not null && !AccessRequestRules.RolesFor(organization.Kind).Contains(role.Value))
        {
            AddRuleErrors("Input.AuthorizerRole", [AccessRuleCodes.RoleNotForOrganization]);
        }

        var scope = Enum.TryParse<AccessScope>(Input.Scope, ignoreCase: false, out var s) && Enum.IsDefined(s) && !Input.Scope!.Any(char.IsDigit) ? s : (AccessScope?)null;
        var installations = Input.Installations.Distinct(StringComparer.Ordinal).ToList();
        if (scope is null)
        {
            ModelState.AddModelError("Input.Scope", Text["Access.Scope.Required"]);
        }
        else if (organization is not null && !AccessRequestRules.ScopesFor(organization.Kind).Contains(scope.Value))
        {
            AddRuleErrors("Input.Scope", [AccessRuleCodes.ScopeNotForOrganization]);
        }
        else if (scope == AccessScope.SomeInstallations
            && (installations.Count == 0 || organization is null || installations.Any(n => organization.Installations.All(i => i.Number != n))))
        {
            AddRuleErrors("Input.Installations", [AccessRuleCodes.InstallationsRequired]);
        }

        if (!ModelState.IsValid)
        {
            return Rejected();
        }

        var now = time.GetUtcNow();
        var request = new AccessRequest
        {
            Id = Guid.CreateVersion7(now),
            ReferenceNumber = await NewReferenceAsync(cancellationToken),
            OrganizationId = organization!.Id,
            Services = string.Join(' ', services.Order(StringComparer.Ordinal)),
            ExistingUsername = Input.HasUsername == "oui" ? existing : null,
            User = protector.Protect(new ProfessionalName(userTitle!.Value, userGiven!, userFamily!), ProfessionalName.Purpose),
            UserWork = protector.Protect(new AccessRequestWork(jobTitle!, phone!, string.IsNullOrEmpty(extension) ? null : extension), AccessRequestWork.Purpose),
            UserEmail = userEmail!,
            UserCommittedAt = now,
            Authorizer = protector.Protect(new ProfessionalName(authorizerTitle!.Value, authorizerGiven!, authorizerFamily!), ProfessionalName.Purpose),
            AuthorizerEmail = authorizerEmail!,
            AuthorizerRole = role!.Value,
            Scope = scope!.Value,
            Installations = scope == AccessScope.SomeInstallations ? string.Join(' ', installations.Order(StringComparer.Ordinal)) : "",
            State = AccessRequestState.Submitted,
            SubmittedAt = now,
        };
        var secret = request.IssueConfirmation(hasher, now);
        db.AccessRequests.Add(request);
        var reference = AccessRequestRules.DisplayReference(request.ReferenceNumber);
        outbox.Enqueue(MailTemplates.AccessRequestConfirmation, mail.AccessRequestConfirmationMail(request.AuthorizerEmail, reference, links.AccessRequestConfirmation(request.Id, secret)));
        Audit(new AccessRequestSubmitted(request.ReferenceNumber, request.Services) { Actor = "anonyme", Organization = organization.Id.ToString() });
        await db.SaveChangesAsync(cancellationToken);

        SubmittedReference = reference;
        Input = new RequestInput();
        return Page();
    }

    protected override async Task<IActionResult?> ReloadAsync()
    {
        await LoadAsync(HttpContext.RequestAborted);
        return null;
    }

    private CivilityTitle? ParseTitle(string field, string? typed)
    {
        if (Enum.TryParse<CivilityTitle>(typed, ignoreCase: false, out var title) && Enum.IsDefined(title) && !typed!.Any(char.IsDigit))
        {
            return title;
        }

        ModelState.AddModelError(field, Text["Organizations.Add.Title.Required"]);
        return null;
    }

    /// <summary>Nine random digits, drawn again on the rare collision (the unique index is the last line of defence).</summary>
    private async Task<string> NewReferenceAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var reference = AccessRequestRules.NewReferenceNumber();
            if (!await db.AccessRequests.AnyAsync(a => a.ReferenceNumber == reference, cancellationToken))
            {
                return reference;
            }
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var organizations = await db.Organizations.AsNoTracking().Include(o => o.Installations).Include(o => o.Services).OrderBy(o => o.Name).ToListAsync(cancellationToken);
        Organizations = [.. organizations.Where(o => AccessRequestRules.UsesAccessRequests(o.Kind))];
        Catalogue = await db.ProfessionalServices.AsNoTracking().OrderBy(s => s.ListOrder).ToListAsync(cancellationToken);
    }

    public sealed class RequestInput
    {
        public List<string> Services { get; set; } = [];

        /// <summary>"oui" or "non".</summary>
        public string? HasUsername { get; set; }

        public string? ExistingUsername { get; set; }

        public Guid? OrganizationId { get; set; }

        public string? UserTitle { get; set; }

        public string? UserGivenName { get; set; }

        public string? UserFamilyName { get; set; }

        public string? UserJobTitle { get; set; }

        public string? UserEmail { get; set; }

        public string? UserPhone { get; set; }

        public string? UserExtension { get; set; }

        public bool CommitNotDisclose { get; set; }

        public bool CommitPurpose { get; set; }

        public string? AuthorizerTitle { get; set; }

        public string? AuthorizerGivenName { get; set; }

        public string? AuthorizerFamilyName { get; set; }

        public string? AuthorizerEmail { get; set; }

        public string? AuthorizerRole { get; set; }

        public string? Scope { get; set; }

        public List<string> Installations { get; set; } = [];
    }
}
