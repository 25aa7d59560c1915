using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure.Identity;
using Sesame.Server.Infrastructure.Localization;
using Sesame.Server.Infrastructure.Logging;
using Sesame.Server.Infrastructure.Mail;
using Sesame.Server.Infrastructure.Security;
using Sesame.Server.Infrastructure.Sessions;

using Sesame.Core.Audit;

namespace Sesame.Server.Features.SignIn;

/// <summary>
/// "Se connecter" (seed 001): username or e-mail, password, "Se souvenir de moi", then the e-mailed code.
/// An unknown account, a wrong password and a locked account get the same answer after the same work
/// (quality.md "sign-in"); the owner of a locked account learns of it by mail.
/// </summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class IndexModel(
    SesameDbContext db,
    UserManager<SesameUser> users,
    DummyPassword dummy,
    SecurityCodeSender codes,
    MailOutbox outbox,
    MailTemplates mail,
    AccountLinks links,
    SignInManager<SesameUser> signIn,
    SecondFactors factors,
    SessionOpener opener,
    PendingSteps steps,
    ILogger<IndexModel> logger) : SesamePageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    public bool Failed { get; private set; }

    /// <summary>A resource key shown above the form (after sign-out, an expired step, a reset).</summary>
    [FromQuery(Name = "avis")]
    public string? Notice { get; set; }

    /// <summary>Where to resume after signing in: a service's authorization request, for instance (local only).</summary>
    [FromQuery(Name = "retour")]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(Languages.IsLocalPath(ReturnUrl) ? ReturnUrl! : "/compte");
        }

        Notice = Notice is "SignIn.Notice.SignedOut" or "SignIn.Notice.StepExpired" or "SignIn.Notice.PasswordReset" or "SignIn.Notice.SessionExpired"
            or "SignIn.Notice.SignedOutEverywhere" or "SignIn.Notice.Closed" ? Notice : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Notice = null;
        if (string.IsNullOrWhiteSpace(Input.Identifier) || string.IsNullOrEmpty(Input.Password))
        {
            if (string.IsNullOrWhiteSpace(Input.Identifier))
            {
                ModelState.AddModelError("Input.Identifier", Text["SignIn.Identifier.Required"]);
            }

            if (string.IsNullOrEmpty(Input.Password))
            {
                ModelState.AddModelError("Input.Password", Text["SignIn.Password.Required"]);
            }

            return Rejected();
        }

        var user = await users.FindByIdentifierAsync(Input.Identifier);
        // Professionals sign in at their own page with their own factors (seed 004; decision 0014).
        if (user is null || user.Population != AccountPopulation.Citizen || await users.IsLockedOutAsync(user))
        {
            dummy.Spend(Input.Password);
            return Fail();
        }

        if (!await users.CheckPasswordAsync(user, Input.Password))
        {
            await using var failure = await db.Database.BeginTransactionAsync(cancellationToken);
            await users.AccessFailedAsync(user);
            if (await users.IsLockedOutAsync(user))
            {
                outbox.Enqueue(MailTemplates.AccountLocked, mail.AccountLockedAlert(user.Email!, links.NotMe(user)));
                SecurityLog.AccountLockedOut(logger, user.Id, HttpContext.Connection.RemoteIpAddress?.ToString());
            }

            Audit(new SignInFailed { Subject = user.Id });
            await db.SaveChangesAsync(cancellationToken);

            await failure.CommitAsync(cancellationToken);
            return Fail();
        }

        if (user.EmailConfirmed && await signIn.IsTwoFactorClientRememberedAsync(user))
        {
            // "Faire confiance à ce navigateur" (issue 5): no second factor for 30 days on this browser; a
            // service that requires more, and sensitive changes, still ask for one.
            await users.ResetAccessFailedCountAsync(user);
            await opener.OpenAsync(HttpContext, user, SignInMethod.PasswordOnTrustedBrowser, Input.RememberMe, trustBrowser: false, cancellationToken);
            return LocalRedirect(Languages.IsLocalPath(ReturnUrl) ? ReturnUrl! : "/compte");
        }

        var enrolled = await factors.OfAsync(user);
        if (user.EmailConfirmed && enrolled.HasStrongFactor)
        {
            steps.Begin(HttpContext, user.Id, PendingPurpose.SecondFactor, Input.RememberMe, ReturnUrl);
            return Redirect(enrolled.Authenticator ? "/connexion/application" : "/connexion/cle-acces");
        }

        var purpose = user.EmailConfirmed ? PendingPurpose.SignInCode : PendingPurpose.ConfirmEmail;
        // When the hour's five codes are spent, the code page says so and when to ask again.
        await codes.SendAsync(user, purpose == PendingPurpose.SignInCode ? EmailCodePurpose.SignIn : EmailCodePurpose.ConfirmEmail, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        steps.Begin(HttpContext, user.Id, purpose, Input.RememberMe, ReturnUrl);
        return Redirect(purpose == PendingPurpose.SignInCode ? "/connexion/code" : "/creer-compte/confirmer");
    }

    private PageResult Fail()
    {
        Failed = true;
        Input.Password = null;
        return Rejected();
    }

    public sealed class SignInInput
    {
        public string? Identifier { get; set; }

        public string? Password { get; set; }

        public bool RememberMe { get; set; }
    }
}
