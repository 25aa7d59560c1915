using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure.Identity;
using Sesame.Server.Infrastructure.Mail;
using Sesame.Server.Infrastructure.Sessions;


namespace Sesame.Server.Features.SignIn;

/// <summary>The second step of signing in: the code mailed after a right password (seed 001's last screens).</summary>
public sealed class CodeModel(
    SesameDbContext db,
    UserManager<SesameUser> users,
    EmailCodeService codes,
    SecurityCodeSender sender,
    SessionOpener opener,
    PendingSteps steps) : CodeStepPageModel(db, users, codes, sender, steps)
{
    protected override PendingPurpose Step => PendingPurpose.SignInCode;

    protected override EmailCodePurpose CodePurpose => EmailCodePurpose.SignIn;

    public override bool OffersTrust => true;

    protected override Task ApplyAsync(SesameUser user, CancellationToken cancellationToken) =>
        opener.RecordAsync(HttpContext, user, SignInMethod.PasswordAndEmailCode, cancellationToken);

    protected override async Task<IActionResult> CompleteAsync(SesameUser user, PendingStep step)
    {
        await opener.StartAsync(user, SignInMethod.PasswordAndEmailCode, step.RememberMe, Input.TrustBrowser);
        Steps.End(HttpContext);
        return LocalRedirect(step.ReturnUrl ?? "/compte");
    }
}
