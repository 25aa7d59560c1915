using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Access;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Core.Organizations;
using Sesame.Core.Privacy;
using Sesame.Server.Features.Admin;
using Sesame.Server.Features.Invitations;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure.Identity;
using Sesame.Server.Infrastructure.Mail;

namespace Sesame.Server.Features.AccessRequests;

/// <summary>
/// An operator opens a confirmed request and fills seed 003's section 4: the privileges created (services granted,
/// among those requested) and the validity period, then approves, or rejects with a reason. On approval the
/// professional account is created (or the existing one the user named is reused), made a member of the
/// organization with those services, and the credentials go as the seed says: "Nous transmettrons par courriel à
/// l'utilisateur son mot de passe temporaire. Toutefois, c'est à la personne qui autorise la demande d'accès que
/// nous fournirons le nom d'utilisateur." Everything is written in one transaction with its audit record.
/// </summary>
[Authorize(Roles = JournalModel.OperatorRole)]
public sealed class DecideModel(
    SesameDbContext db,
    UserManager<SesameUser> users,
    ProfessionalAccounts accounts,
    PersonalDataProtector protector,
    MailOutbox outbox,
    MailTemplates mail,
    AccountLinks links,
    TimeProvider time) : SesamePageModel
{
    public const int ReasonMaximumLength = 1000;

    [FromRoute]
    public Guid Id { get; set; }

    [BindProperty]
    public DecisionInput Input { get; set; } = new();

    public AccessRequestView View { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } notFound)
        {
            return notFound;
        }

        var today = ServiceDays.Today(time);
        Input = new DecisionInput { Services = [.. View.Request.ServiceCodes], ValidFrom = today, ValidUntil = today.AddYears(1) };
        Audit(new PersonalInformationRead($"access request {View.Request.ReferenceNumber}") { Actor = "operator:" + users.GetUserId(User), Organization = View.Request.OrganizationId.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostApproveAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (await LoadAsync(cancellationToken) is { } notFound)
        {
            return notFound;
        }

        var request = View.Request;
        if (request.State != AccessRequestState.Confirmed)
        {
            return AlreadyDecided();
        }

        var granted = Input.Services.Distinct(StringComparer.Ordinal).ToList();
        if (granted.Count == 0 || granted.Any(code => !request.ServiceCodes.Contains(code)))
        {
            ModelState.AddModelError("Input.Services", Text["Access.Decide.Services.Required"]);
        }

        if (Input.ValidFrom is null || Input.ValidUntil is null || Input.ValidUntil <= Input.ValidFrom)
        {
            ModelState.AddModelError("Input.ValidUntil", Text["Access.Decide.Validity.Invalid"]);
        }

        SesameUser? existing = null;
        if (request.ExistingUsername is { } name)
        {
            existing = await users.FindByNameAsync(name);
            if (existing?.Population != AccountPopulation.Professional)
            {
                ModelState.AddModelError(string.Empty, Text["Access.Decide.UsernameUnknown"]);
            }
        }

        if (!ModelState.IsValid)
        {
            return Rejected();
        }

        var now = time.GetUtcNow();
        var me = Guid.Parse(users.GetUserId(User)!);
        var reference = View.Reference;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = existing;
        string? temporaryPassword = null;
        if (account is null)
        {
            temporaryPassword = AccessRequestRules.NewTemporaryPassword();
            account = new SesameUser { Id = Guid.CreateVersion7(now), UserName = await FreeUsernameAsync(), CreatedAt = now, TermsAcceptedAt = request.UserCommittedAt };
            var created = await accounts.CreateWithTemporaryPasswordAsync(account, temporaryPassword, request.User, request.UserCommittedAt);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"The account of an approved request could not be created: {string.Join(", ", created.Errors.Select(e => e.Code))}.");
            }

            Audit(new ProfessionalAccountCreated { Subject = account.Id, Actor = "operator:" + me, Organization = request.OrganizationId.ToString() });
        }

        await accounts.JoinAsync(request.OrganizationId, account.Id, granted, now, designatedRepresentative: false, cancellationToken, Input.ValidFrom, Input.ValidUntil);
        request.State = AccessRequestState.Approved;
        request.GrantedServices = string.Join(' ', granted.Order(StringComparer.Ordinal));
        request.ValidFrom = Input.ValidFrom;
        request.ValidUntil = Input.ValidUntil;
        request.DecidedBy = me;
        request.DecidedAt = now;
        request.AccountId = account.Id;
        outbox.Enqueue(MailTemplates.AccessRequestUsername, mail.AccessRequestUsernameMail(request.AuthorizerEmail, reference, account.UserName!));
        outbox.Enqueue(temporaryPassword is null ? MailTemplates.AccessRequestGranted : MailTemplates.AccessRequestTemporaryPassword, temporaryPassword is null
            ? mail.AccessRequestGrantedMail(request.UserEmail, reference, links.ProfessionalSignIn)
            : mail.AccessRequestTemporaryPasswordMail(request.UserEmail, reference, temporaryPassword, links.ProfessionalSignIn));
        Audit(new AccessRequestApproved(request.ReferenceNumber, request.GrantedServices, NewAccount: existing is null)
        {
            Subject = account.Id, Actor = "operator:" + me, Organization = request.OrganizationId.ToString(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Redirect("/admin/demandes?avis=approuvee");
    }

    public async Task<IActionResult> OnPostRejectAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (await LoadAsync(cancellationToken) is { } notFound)
        {
            return notFound;
        }

        var request = View.Request;
        if (request.State != AccessRequestState.Confirmed)
        {
            return AlreadyDecided();
        }

        var reason = Input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > ReasonMaximumLength
            || reason.Any(c => (char.IsControl(c) && c is not ('\r' or '\n')) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format))
        {
            ModelState.AddModelError("Input.Reason", Text["Access.Decide.Reason.Required"]);
            return Rejected();
        }

        var me = Guid.Parse(users.GetUserId(User)!);
        request.State = AccessRequestState.Rejected;
        request.RejectionReason = reason;
        request.DecidedBy = me;
        request.DecidedAt = time.GetUtcNow();
        foreach (var to in new[] { request.UserEmail, request.AuthorizerEmail })
        {
            outbox.Enqueue(MailTemplates.AccessRequestRejected, mail.AccessRequestRejectedMail(to, View.Reference, reason));
        }

        Audit(new AccessRequestRejected(request.ReferenceNumber) { Actor = "operator:" + me, Organization = request.OrganizationId.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/admin/demandes?avis=refusee");
    }

    /// <summary>Another operator (or a second click) decided first: said plainly, as a 409.</summary>
    private PageResult AlreadyDecided()
    {
        ModelState.AddModelError(string.Empty, Text["Access.Decide.AlreadyDecided"]);
        var page = Page();
        page.StatusCode = StatusCodes.Status409Conflict;
        return page;
    }

    protected override Task<IActionResult?> ReloadAsync() => LoadAsync(HttpContext.RequestAborted);

    /// <summary>A random username nobody has (the unique index would refuse a collision anyway).</summary>
    private async Task<string> FreeUsernameAsync()
    {
        while (true)
        {
            var username = AccessRequestRules.NewUsername();
            if (await users.FindByNameAsync(username) is null)
            {
                return username;
            }
        }
    }

    /// <summary>Any request by its id, for operators only (the page's role); an unknown id answers 404.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var request = await db.AccessRequests.SingleOrDefaultAsync(r => r.Id == Id, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == request.OrganizationId, cancellationToken);
        var catalogue = await db.ProfessionalServices.AsNoTracking().ToListAsync(cancellationToken);
        View = AccessRequestView.Open(request, organization, catalogue, protector);
        return null;
    }

    public sealed class DecisionInput
    {
        public List<string> Services { get; set; } = [];

        public DateOnly? ValidFrom { get; set; }

        public DateOnly? ValidUntil { get; set; }

        public string? Reason { get; set; }
    }
}
