using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure.Identity;
using Sesame.Server.Infrastructure.Mail;
using Sesame.Server.Infrastructure.Sessions;

namespace Sesame.Server.Features.Account;

/// <summary>
/// Seed 001: "Validez votre adresse courriel à l'aide du code de sécurité". The account is usable only once
/// its e-mail is confirmed (mission.md §1); the code proves the mailbox and the person has just chosen the
/// password, so confirming signs them in.
/// </summary>
public sealed class ConfirmEmailModel(
    SesameDbContext db,
    UserManager<SesameUser> users,
    SignInManager<SesameUser> signIn,
    EmailCodeService codes,
    SecurityCodeSender sender,
    PendingSteps steps,
    TimeProvider time) : CodeStepPageModel(db, users, codes, sender, steps)
{
    protected override PendingPurpose Step => PendingPurpose.ConfirmEmail;

    protected override EmailCodePurpose CodePurpose => EmailCodePurpose.ConfirmEmail;

    protected override Task ApplyAsync(SesameUser user, CancellationToken cancellationToken)
    {
        user.EmailConfirmed = true;
        user.LastSignInAt = time.GetUtcNow();
        Audit(new EmailConfirmed { Subject = user.Id, Actor = user.Id.ToString() });
        return Task.CompletedTask;
    }

    protected override async Task<IActionResult> CompleteAsync(SesameUser user, PendingStep step)
    {
        await signIn.SignInWithClaimsAsync(user, step.RememberMe, SessionClaims.PasswordAndEmailCode(time.GetUtcNow()));
        Steps.End(HttpContext);
        return LocalRedirect(step.ReturnUrl ?? "/creer-compte/termine");
    }
}
