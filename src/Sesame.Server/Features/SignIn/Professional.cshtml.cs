using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure.Identity;
using Sesame.Server.Infrastructure.Localization;
using Sesame.Server.Infrastructure.Security;
using Sesame.Server.Infrastructure.Sessions;

namespace Sesame.Server.Features.SignIn;

/// <summary>
/// The professionals' "Connexion" (seed 004: "Nom d'utilisateur", "Mot de passe"), then two of their eight
/// security questions drawn at random, or their stronger factor once they added one. Citizens sign in at "/" and
/// are not found here, nor professionals there (decision 0014). An unknown account, a wrong password and a locked account get the same answer after the
/// same work (quality.md "sign-in"); a professional has no mailbox, so no lockout mail is sent.
/// </summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class ProfessionalModel(
    SesameDbContext db,
    UserManager<SesameUser> users,
    DummyPassword dummy,
    SecondFactors factors,
    PendingSteps steps) : SesamePageModel
{
    [BindProperty]
    public ProfessionalSignInInput Input { get; set; } = new();

    public bool Failed { get; private set; }

    [FromQuery(Name = "avis")]
    public string? Notice { get; set; }

    [FromQuery(Name = "retour")]
    public string? ReturnUrl { get; set; }

    /// <summary>The citizens' sign-in page, with the same return address (a citizen sent here by a professional service).</summary>
    public string CitizenSignInLink => Languages.IsLocalPath(ReturnUrl) ? $"/?retour={Uri.EscapeDataString(ReturnUrl!)}" : "/";

    public IActionResult OnGet()
    {
        Notice = Notice is "Invitation.Created" or "SignIn.Notice.StepExpired" or "SignIn.Notice.PasswordReset" ? Notice : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Notice = null;
        var username = Input.Username?.Trim();
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(Input.Password))
        {
            if (string.IsNullOrEmpty(username))
            {
                ModelState.AddModelError("Input.Username", Text["SignIn.Identifier.Required"]);
            }

            if (string.IsNullOrEmpty(Input.Password))
            {
                ModelState.AddModelError("Input.Password", Text["SignIn.Password.Required"]);
            }

            return Rejected();
        }

        var user = username.Length <= ProfessionalUsernameRules.MaximumLength ? await users.FindByNameAsync(username) : null;
        if (user is null || user.Population != AccountPopulation.Professional || await users.IsLockedOutAsync(user))
        {
            dummy.Spend(Input.Password);
            return Fail();
        }

        if (!await users.CheckPasswordAsync(user, Input.Password))
        {
            await RecordFailedSignInAsync(user, cancellationToken);
            return Fail();
        }

        // Seed 003: an account an operator approved has a temporary password, replaced before anything else.
        if (await db.ProfessionalProfiles.AsNoTracking().AnyAsync(p => p.UserId == user.Id && p.MustChangePassword, cancellationToken))
        {
            steps.Begin(HttpContext, user.Id, PendingPurpose.TemporaryPassword, rememberMe: false, Languages.IsLocalPath(ReturnUrl) ? ReturnUrl : null);
            return Redirect(FirstPasswordModel.Path);
        }

        // Issue 6: a professional may add a stronger factor; once they have, it replaces the questions, as it
        // replaces a citizen's mailed code (FactorSet.HasStrongFactor), and the recovery codes cover a lost device.
        var returnUrl = Languages.IsLocalPath(ReturnUrl) ? ReturnUrl : null;
        var enrolled = await factors.OfAsync(user);
        if (enrolled.HasStrongFactor)
        {
            steps.Begin(HttpContext, user.Id, PendingPurpose.SecondFactor, rememberMe: false, returnUrl);
            return Redirect(enrolled.Authenticator ? "/connexion/application" : "/connexion/cle-acces");
        }

        steps.Begin(HttpContext, user.Id, PendingPurpose.SecurityQuestions, rememberMe: false, returnUrl, SecurityQuestions.Draw());
        return Redirect("/professionnels/connexion/questions");
    }

    private PageResult Fail()
    {
        Failed = true;
        Input.Password = null;
        return Rejected();
    }

    public sealed class ProfessionalSignInInput
    {
        public string? Username { get; set; }

        public string? Password { get; set; }
    }
}
