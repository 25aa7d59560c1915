using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Sesame.Core.Accounts;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure.Security;
using Sesame.Server.Infrastructure.Sessions;

namespace Sesame.Server.Features.SignIn;

/// <summary>
/// Seed 004's "Mot de passe oublié?" for professionals, who have no mailbox on file (decision 0014): the username,
/// then three of the eight security questions and, on an account with a stronger factor, its code
/// (<see cref="ProfessionalResetPasswordModel"/>). Whether the username exists is never told: an unknown one gets
/// the same questions page and, at the end, the same refusal.
/// </summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class ProfessionalForgotPasswordModel(UserManager<SesameUser> users, PendingSteps steps) : SesamePageModel
{
    public const string Path = "/professionnels/mot-de-passe-oublie";

    [BindProperty]
    public string? Username { get; set; }

    [FromQuery(Name = "avis")]
    public string? Notice { get; set; }

    public IActionResult OnGet()
    {
        Notice = Notice is "SignIn.Notice.StepExpired" ? Notice : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Notice = null;
        var username = Username?.Trim();
        if (string.IsNullOrEmpty(username))
        {
            ModelState.AddModelError(nameof(Username), Text["Professional.Username.Required"]);
            return Rejected();
        }

        var user = username.Length <= ProfessionalUsernameRules.MaximumLength ? await users.FindByNameAsync(username) : null;
        var account = user?.Population == AccountPopulation.Professional ? user.Id : Guid.Empty;
        steps.Begin(HttpContext, account, PendingPurpose.ForgottenPassword, questions: SecurityQuestions.Draw(SecurityQuestions.AskedForReset));
        return Redirect(ProfessionalResetPasswordModel.Path);
    }
}
