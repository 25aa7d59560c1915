using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Core.Invitations;
using Sesame.Core.Privacy;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure.Security;

namespace Sesame.Server.Features.Invitations;

/// <summary>
/// "Création du compte" (seed 004), reached by the mailed link: the usage policy and "J'accepte", then the
/// secret code from the representative, a username in the form of an e-mail address, the password and the
/// answers to the eight security questions; the account becomes a member of the organization with the
/// services granted. A professional already signed in gives the code to accept instead. The code is checked
/// before anything else is, so that without it nothing (not even whether a username is taken) is learned.
/// </summary>
[EnableRateLimiting(RateLimits.AccountCreation)]
public sealed class AcceptModel(
    SesameDbContext db,
    UserManager<SesameUser> users,
    ProfessionalAccounts accounts,
    ProfessionalPasswordRules passwordRules,
    KeyedHasher hasher,
    IDataProtectionProvider protection,
    TimeProvider time) : SesamePageModel
{
    /// <summary>How long a "J'accepte" stays good for the form that follows it.</summary>
    public static readonly TimeSpan AcceptanceLifetime = TimeSpan.FromHours(1);

    private readonly IDataProtector _acceptance = protection.CreateProtector("Sesame.Invitation.PolicyAccepted.v1");

    [FromQuery(Name = "jeton")]
    public string? Token { get; set; }

    [BindProperty]
    public CreateInput Input { get; set; } = new();

    public AcceptStep Step { get; private set; } = AcceptStep.Policy;

    /// <summary>A resource key shown as an alert above the form.</summary>
    public string? Problem { get; private set; }

    public string SignInLink => $"/professionnels/connexion?retour={Uri.EscapeDataString("/invitation?jeton=" + Token)}";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var invitation = await InvitationAsync(cancellationToken);
        if (invitation is null)
        {
            return Invalid();
        }

        Step = IsProfessional ? AcceptStep.Join : AcceptStep.Policy;
        return Page();
    }

    /// <summary>"J'accepte": the policy is accepted now; the form that follows carries that fact, protected.</summary>
    public async Task<IActionResult> OnPostPolicyAsync(CancellationToken cancellationToken)
    {
        var invitation = await InvitationAsync(cancellationToken);
        if (invitation is null)
        {
            return Invalid();
        }

        ModelState.Clear();
        Input = new CreateInput { Acceptance = _acceptance.Protect($"{invitation.Id:N}|{time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}") };
        Step = AcceptStep.Create;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var invitation = await InvitationAsync(cancellationToken);
        if (invitation is null)
        {
            return Invalid();
        }

        ModelState.Clear();
        Step = AcceptStep.Create;
        if (AcceptedAt(invitation, Input.Acceptance) is not { } policyAcceptedAt)
        {
            Step = AcceptStep.Policy;
            Problem = "Invitation.Policy.Required";
            return Rejected();
        }

        var username = Input.Username?.Trim();
        AddRuleErrors("Input.Username", ProfessionalUsernameRules.Check(username));
        AddNewPasswordErrors(passwordRules.Check(Input.Password), Input.Password, Input.ConfirmPassword);

        for (var i = 0; i < SecurityQuestions.Count; i++)
        {
            AddRuleErrors($"Input.Answers[{i}]", SecurityQuestions.Check(Input.Answers.ElementAtOrDefault(i)));
        }

        if (!await CodeIsRightAsync(invitation, cancellationToken))
        {
            return Rejected();
        }

        if (ModelState.IsValid && await users.FindByNameAsync(username!) is not null)
        {
            AddRuleErrors("Input.Username", [AccountRuleCodes.UsernameTaken]);
        }

        if (!ModelState.IsValid)
        {
            return Rejected();
        }

        var now = time.GetUtcNow();
        var user = new SesameUser { Id = Guid.CreateVersion7(now), UserName = username, CreatedAt = now, TermsAcceptedAt = policyAcceptedAt };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await accounts.CreateAsync(user, Input.Password!, invitation.Person, [.. Input.Answers.Take(SecurityQuestions.Count).Select(a => a!)], policyAcceptedAt);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                AddRuleErrors(error.Code.StartsWith("Password.", StringComparison.Ordinal) || error.Code.StartsWith("ProfessionalPassword.", StringComparison.Ordinal) ? "Input.Password" : "Input.Username",
                    [error.Code == nameof(IdentityErrorDescriber.DuplicateUserName) ? AccountRuleCodes.UsernameTaken : error.Code]);
            }

            return Rejected();
        }

        await accounts.JoinAsync(invitation.OrganizationId, user.Id, invitation.ServiceCodes, now, designatedRepresentative: false, cancellationToken);
        invitation.AcceptedAt = now;
        invitation.AcceptedBy = user.Id;
        var organization = invitation.OrganizationId.ToString();
        Audit(new ProfessionalAccountCreated { Subject = user.Id, Actor = user.Id.ToString(), Organization = organization });
        Audit(new InvitationAccepted(invitation.Services) { Subject = user.Id, Actor = user.Id.ToString(), Organization = organization });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Redirect("/professionnels/connexion?avis=Invitation.Created");
    }

    /// <summary>An existing professional account accepts: the code, then the membership.</summary>
    public async Task<IActionResult> OnPostJoinAsync(CancellationToken cancellationToken)
    {
        var invitation = await InvitationAsync(cancellationToken);
        if (invitation is null)
        {
            return Invalid();
        }

        ModelState.Clear();
        if (!IsProfessional || !Guid.TryParse(users.GetUserId(User), out var me))
        {
            Step = AcceptStep.Policy;
            Problem = "Invitation.Join.SignInFirst";
            return Rejected();
        }

        Step = AcceptStep.Join;
        if (!await CodeIsRightAsync(invitation, cancellationToken))
        {
            return Rejected();
        }

        var now = time.GetUtcNow();
        await accounts.JoinAsync(invitation.OrganizationId, me, invitation.ServiceCodes, now, designatedRepresentative: false, cancellationToken);
        invitation.AcceptedAt = now;
        invitation.AcceptedBy = me;
        Audit(new InvitationAccepted(invitation.Services) { Subject = me, Actor = me.ToString(), Organization = invitation.OrganizationId.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/organisations");
    }

    /// <summary>Only the professional sign-in opens a session with security questions (RFC 8176 "kba").</summary>
    private bool IsProfessional => User.Identity?.IsAuthenticated == true && User.HasClaim(Infrastructure.Identity.SessionClaims.Methods, "kba");

    /// <summary>Checks the code; a wrong one is counted and recorded at once, whatever else the form holds.</summary>
    private async Task<bool> CodeIsRightAsync(Invitation invitation, CancellationToken cancellationToken)
    {
        var check = invitation.Check(hasher, Input.Code, time.GetUtcNow());
        if (check == CodeCheck.Right)
        {
            return true;
        }

        Audit(new InvitationCodeFailed { Actor = "anonyme", Organization = invitation.OrganizationId.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        Input.Code = null;
        if (check == CodeCheck.WrongAndVoided)
        {
            Problem = "Invitation.Code.Voided";
            Step = AcceptStep.Invalid;
        }
        else
        {
            ModelState.AddModelError("Input.Code", Text["Invitation.Code.Wrong"]);
        }

        return false;
    }

    private DateTimeOffset? AcceptedAt(Invitation invitation, string? acceptance)
    {
        var parts = _acceptance.TryUnprotect(acceptance, 1000)?.Split('|');
        if (parts is null || parts.Length != 2 || parts[0] != invitation.Id.ToString("N") || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        var at = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return time.GetUtcNow() - at <= AcceptanceLifetime ? at : null;
    }

    /// <summary>The invitation the link names, if its secret matches and it can still be accepted.</summary>
    private async Task<Invitation?> InvitationAsync(CancellationToken cancellationToken)
    {
        var parts = Token?.Split('.', 2);
        if (parts is not [var id, var secret] || secret.Length > 100 || !Guid.TryParseExact(id, "N", out var invitationId))
        {
            return null;
        }

        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId, cancellationToken);
        return invitation is not null && invitation.LinkMatches(hasher, secret) && invitation.StateAt(time.GetUtcNow()) == InvitationState.Open ? invitation : null;
    }

    /// <summary>An unknown, expired, revoked, voided or already used link: a message, and 404 as the link leads nowhere.</summary>
    private PageResult Invalid()
    {
        Step = AcceptStep.Invalid;
        Problem ??= "Invitation.Invalid";
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }

    public enum AcceptStep
    {
        Policy,
        Create,
        Join,
        Invalid,
    }

    public sealed class CreateInput
    {
        /// <summary>The protected record of "J'accepte" (invitation and time).</summary>
        public string? Acceptance { get; set; }

        public string? Code { get; set; }

        public string? Username { get; set; }

        public string? Password { get; set; }

        public string? ConfirmPassword { get; set; }

        /// <summary>The answers to questions 1 to 8, in order.</summary>
        public string?[] Answers { get; set; } = new string?[SecurityQuestions.Count];
    }
}
