using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
using Sesame.Server.Features.Proofing;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure.Identity;
using Sesame.Server.Infrastructure.Mail;
using Sesame.Server.Infrastructure.Security;
using Sesame.Server.Infrastructure.Sessions;

using Sesame.Core.Audit;

namespace Sesame.Server.Features.Account;

/// <summary>
/// The mailed reset link's page. A new password ends every session of the account, lifts a lockout and
/// mails an alert (mission.md §1: "all sessions end and an alert is mailed after a reset"). Identity's
/// token is tied to the security stamp, which the reset changes, so a link works once.
/// </summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class ResetPasswordModel(
    SesameDbContext db,
    UserManager<SesameUser> users,
    MailOutbox outbox,
    MailTemplates mail,
    Reidentification reidentification,
    ProofingSettings proofing,
    AccountLinks links) : SesamePageModel
{
    [BindProperty]
    public ResetInput Input { get; set; } = new();

    public bool LinkInvalid { get; private set; }

    /// <summary>What an identified account's holder proves again before the reset (seed 002).</summary>
    public ReidentificationProof Proof { get; private set; }

    /// <summary>The registry's verdict on the proof, when it did not confirm it.</summary>
    public StepResult? ProofResult { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "compte")] string? account, [FromQuery(Name = "jeton")] string? token)
    {
        Input.Account = account;
        Input.Token = token;
        var user = await FindAsync();
        LinkInvalid = user is null;
        Proof = user is null ? ReidentificationProof.None : await reidentification.RequiredOfAsync(user, HttpContext.RequestAborted);
        return LinkInvalid ? Rejected() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var user = await FindAsync();
        if (user is null)
        {
            LinkInvalid = true;
            return Rejected();
        }

        if (!string.IsNullOrEmpty(Input.Password) && Input.Password != Input.ConfirmPassword)
        {
            AddRuleErrors("Input.ConfirmPassword", [AccountRuleCodes.PasswordMismatch]);
            return Rejected();
        }

        Proof = await reidentification.RequiredOfAsync(user, cancellationToken);
        if (Proof != ReidentificationProof.None && !await PasswordAcceptableAsync(user))
        {
            // The new password is checked first, so that the registry is asked only once it can be used.
            return Rejected();
        }

        if (Proof != ReidentificationProof.None && await ProveIdentityAsync(user, cancellationToken) is { } refused)
        {
            return refused;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var reset = await users.ResetPasswordAsync(user, Input.Token!, Input.Password ?? "");
        if (!reset.Succeeded)
        {
            var ruleErrors = reset.Errors.Where(e => e.Code.StartsWith("Password.", StringComparison.Ordinal)).Select(e => e.Code).ToList();
            if (ruleErrors.Count == 0)
            {
                LinkInvalid = true;
            }

            AddRuleErrors("Input.Password", ruleErrors);
            return Rejected();
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await DatabaseTicketStore.EndAllAsync(db, user.Id, cancellationToken);
        outbox.Enqueue(MailTemplates.PasswordChanged, mail.PasswordChangedAlert(user.Email!, links.NotMe(user)));
        Audit(new PasswordReset { Subject = user.Id, Actor = user.Id.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Redirect("/?avis=SignIn.Notice.PasswordReset");
    }

    protected override async Task<IActionResult?> ReloadAsync()
    {
        var user = await FindAsync();
        LinkInvalid = user is null;
        Proof = user is null ? ReidentificationProof.None : await reidentification.RequiredOfAsync(user, HttpContext.RequestAborted);
        return null;
    }

    private async Task<bool> PasswordAcceptableAsync(SesameUser user)
    {
        var codes = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, Input.Password);
            codes.AddRange(result.Errors.Select(e => e.Code).Where(c => c.StartsWith("Password.", StringComparison.Ordinal)));
        }

        AddRuleErrors("Input.Password", codes);
        return codes.Count == 0;
    }

    /// <summary>The identified person proves again who they are; returns the page to show when they did not.</summary>
    private async Task<IActionResult?> ProveIdentityAsync(SesameUser user, CancellationToken cancellationToken)
    {
        if (Input.Validate(Proof, proofing, Text, ModelState, "Input") is not { } typed)
        {
            return Rejected();
        }

        var (identifier, proof) = typed;
        var result = await reidentification.CheckAsync(user, identifier, proof, cancellationToken);
        if (result.Outcome == StepOutcome.Advanced)
        {
            return null;
        }

        ProofResult = result;
        var page = Page();
        page.StatusCode = ReidentificationInput.StatusOf(result);
        return page;
    }

    private async Task<SesameUser?> FindAsync()
    {
        if (!Guid.TryParse(Input.Account, out var id) || string.IsNullOrEmpty(Input.Token))
        {
            return null;
        }

        var user = await users.FindByIdAsync(id.ToString());
        var valid = user is not null && await users.VerifyUserTokenAsync(
            user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<SesameUser>.ResetPasswordTokenPurpose, Input.Token);
        return valid ? user : null;
    }

    /// <summary>The reset form; an identified account's holder also fills the re-identification fields (seed 002).</summary>
    public sealed class ResetInput : ReidentificationInput
    {
        public string? Account { get; set; }

        public string? Token { get; set; }

        public string? Password { get; set; }

        public string? ConfirmPassword { get; set; }
    }
}
