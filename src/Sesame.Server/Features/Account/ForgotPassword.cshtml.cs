using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure;
using Sesame.Server.Infrastructure.Identity;
using Sesame.Server.Infrastructure.Mail;
using Sesame.Server.Infrastructure.Security;

namespace Sesame.Server.Features.Account;

/// <summary>
/// "Mot de passe oublié?": the answer is the same whether or not an account matches (mission.md §1); only
/// the owner of a confirmed account receives a link, valid one hour and usable once.
/// </summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class ForgotPasswordModel(
    SesameDbContext db,
    UserManager<SesameUser> users,
    MailOutbox outbox,
    MailTemplates mail,
    AccountLinks links) : SesamePageModel
{
    [BindProperty]
    public ForgotInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var identifier = Input.Identifier?.Trim();
        if (string.IsNullOrEmpty(identifier))
        {
            ModelState.AddModelError("Input.Identifier", Text["SignIn.Identifier.Required"]);
            return Rejected();
        }

        var user = await users.FindByIdentifierAsync(identifier);
        if (user is { EmailConfirmed: true })
        {
            outbox.Enqueue(MailTemplates.PasswordReset, mail.PasswordResetLink(user.Email!, await links.PasswordResetAsync(user)));
            await db.SaveChangesAsync(cancellationToken);
        }

        Sent = true;
        return Page();
    }

    public sealed class ForgotInput
    {
        public string? Identifier { get; set; }
    }
}
