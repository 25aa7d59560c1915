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
using Sesame.Server.Infrastructure.Security;
using Sesame.Server.Infrastructure.Sessions;

namespace Sesame.Server.Features.Account;

/// <summary>
/// "Ce n'était pas moi" (issue 5), from an alert mail's link or from "Mon activité": every session ends,
/// every trusted browser is forgotten, the password stops working, a pending account recovery is cancelled,
/// and a link to choose a new password goes to the account's address. The link page asks before acting,
/// because mail scanners open links.
/// </summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class NotMeModel(
    SesameDbContext db,
    UserManager<SesameUser> users,
    SignInManager<SesameUser> signIn,
    AccountLinks links,
    MailOutbox outbox,
    MailTemplates mail,
    TimeProvider time) : SesamePageModel
{
    [BindProperty(SupportsGet = true, Name = "jeton")]
    public string? Token { get; set; }

    public bool LinkInvalid { get; private set; }

    public bool Secured { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        LinkInvalid = await AccountAsync() is null;
        return LinkInvalid ? Rejected() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await AccountAsync() is not { } user)
        {
            LinkInvalid = true;
            return Rejected();
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await DatabaseTicketStore.EndAllAsync(db, user.Id, cancellationToken);
        await db.AccountRecoveries.Where(r => r.UserId == user.Id && r.CompletedAt == null && r.CancelledAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.CancelledAt, now), cancellationToken);
        if (await users.HasPasswordAsync(user))
        {
            await users.RemovePasswordAsync(user);
        }
        else
        {
            await users.UpdateSecurityStampAsync(user);
        }

        outbox.Enqueue(MailTemplates.AccountSecured, mail.AccountSecuredMail(user.Email!, await links.PasswordResetAsync(user)));
        Audit(new AccountSecured { Subject = user.Id, Actor = user.Id.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (User.Identity?.IsAuthenticated == true)
        {
            await signIn.SignOutAsync();
        }

        await signIn.ForgetTwoFactorClientAsync();
        Secured = true;
        return Page();
    }

    /// <summary>The account the link names, or the signed-in account when the page is opened from "Mon activité".</summary>
    private async Task<SesameUser?> AccountAsync()
    {
        if (!string.IsNullOrEmpty(Token))
        {
            return links.AccountOfNotMe(Token) is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        }

        return User.Identity?.IsAuthenticated == true ? await users.GetUserAsync(User) : null;
    }
}
