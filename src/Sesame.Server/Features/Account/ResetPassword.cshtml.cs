using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure.Mail;
using Sesame.Server.Infrastructure.Security;
using Sesame.Server.Infrastructure.Sessions;

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
    MailTemplates mail) : SesamePageModel
{
    [BindProperty]
    public ResetInput Input { get; set; } = new();

    public bool LinkInvalid { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "compte")] string? account, [FromQuery(Name = "jeton")] string? token)
    {
        Input.Account = account;
        Input.Token = token;
        LinkInvalid = await FindAsync() is null;
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
        outbox.Enqueue(MailTemplates.PasswordChanged, mail.PasswordChangedAlert(user.Email!));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Redirect("/?avis=SignIn.Notice.PasswordReset");
    }

    protected override async Task<IActionResult?> ReloadAsync()
    {
        LinkInvalid = await FindAsync() is null;
        return null;
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

    public sealed class ResetInput
    {
        public string? Account { get; set; }

        public string? Token { get; set; }

        public string? Password { get; set; }

        public string? ConfirmPassword { get; set; }
    }
}
