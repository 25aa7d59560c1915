using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure.Identity;
using Sesame.Server.Infrastructure.Mail;
using Sesame.Server.Infrastructure.Sessions;
using Sesame.Server.Infrastructure.Security;

namespace Sesame.Server.Features.Manage;

/// <summary>
/// "Modifier mon mot de passe" (issue 5): the current password, then a new one under the citizen rules
/// (mission.md §1). Every other session ends, as after a reset; this one continues; an alert is mailed.
/// </summary>
[CitizensOnly]
[RequireRecentSecondFactor]
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class PasswordModel(
    SesameDbContext db,
    UserManager<SesameUser> users,
    MailOutbox outbox,
    MailTemplates mail,
    AccountLinks links,
    SessionRenewal renewal) : SesamePageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public bool Changed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (string.IsNullOrEmpty(Input.Current))
        {
            ModelState.AddModelError("Input.Current", Text["ChangePassword.Current.Required"]);
        }

        if (Input.New != Input.Confirm)
        {
            AddRuleErrors("Input.Confirm", [AccountRuleCodes.PasswordMismatch]);
        }

        if (!ModelState.IsValid)
        {
            return Rejected();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await users.ChangePasswordAsync(user, Input.Current!, Input.New ?? "");
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                ModelState.AddModelError("Input.Current", Text["ChangePassword.Current.Wrong"]);
            }

            AddRuleErrors("Input.New", result.Errors.Select(e => e.Code).Where(c => c.StartsWith("Password.", StringComparison.Ordinal)));
            return Rejected();
        }

        var thisSession = User.FindFirst(DatabaseTicketStore.SessionKeyClaim)?.Value;
        await db.UserSessions.Where(s => s.UserId == user.Id && s.Id != thisSession).ExecuteDeleteAsync(cancellationToken);
        outbox.Enqueue(MailTemplates.PasswordChanged, mail.PasswordChangedAlert(user.Email!, links.NotMe(user)));
        Audit(new PasswordChanged { Subject = user.Id, Actor = user.Id.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await renewal.KeepAsync(HttpContext, user);
        Changed = true;
        Input = new();
        return Page();
    }

    public sealed class PasswordInput
    {
        public string? Current { get; set; }

        public string? New { get; set; }

        public string? Confirm { get; set; }
    }
}
