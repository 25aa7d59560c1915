using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure.Identity;
using Sesame.Server.Infrastructure.Mail;
using Sesame.Server.Infrastructure.Sessions;

using Sesame.Core.Audit;

namespace Sesame.Server.Features.SignIn;

/// <summary>The second step of signing in: the code mailed after a right password (seed 001's last screens).</summary>
public sealed class CodeModel(
    SesameDbContext db,
    UserManager<SesameUser> users,
    SignInManager<SesameUser> signIn,
    EmailCodeService codes,
    SecurityCodeSender sender,
    PendingSteps steps,
    TimeProvider time) : CodeStepPageModel(db, users, codes, sender, steps)
{
    protected override PendingPurpose Step => PendingPurpose.SignInCode;

    protected override EmailCodePurpose CodePurpose => EmailCodePurpose.SignIn;

    protected override Task ApplyAsync(SesameUser user, CancellationToken cancellationToken)
    {
        user.LastSignInAt = time.GetUtcNow();
        Audit(new SignedIn("pwd+otp-courriel") { Subject = user.Id, Actor = user.Id.ToString() });
        return Task.CompletedTask;
    }

    protected override async Task<IActionResult> CompleteAsync(SesameUser user, PendingStep step)
    {
        await signIn.SignInWithClaimsAsync(user, step.RememberMe, SessionClaims.PasswordAndEmailCode(time.GetUtcNow()));
        Steps.End(HttpContext);
        return LocalRedirect(step.ReturnUrl ?? "/compte");
    }
}
