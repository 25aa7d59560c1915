using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure.Security;
using Sesame.Server.Infrastructure.Sessions;

namespace Sesame.Server.Features.SignIn;

/// <summary>
/// The first sign-in of an account an operator approved (seed 003's "mot de passe temporaire"): after the right
/// temporary password, the person chooses their own under the professional rules (seed 004), and answers the
/// eight security questions if the account has none yet, as an invitation's acceptance asks. The sign-in then goes
/// on as usual, with two of those questions.
/// </summary>
[EnableRateLimiting(RateLimits.CodeEntry)]
public sealed class FirstPasswordModel(
    SesameDbContext db,
    UserManager<SesameUser> users,
    ProfessionalPasswordRules passwordRules,
    SecurityAnswerHasher answers,
    PendingSteps steps) : SesamePageModel
{
    public const string Path = "/professionnels/connexion/nouveau-mot-de-passe";

    [BindProperty]
    public FirstPasswordInput Input { get; set; } = new();

    /// <summary>Whether the eight answers are asked too (an account made from an access request has none).</summary>
    public bool AsksAnswers { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) is (null, _) ? Expired() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (user, step) = await LoadAsync(cancellationToken);
        if (user is null || step is null)
        {
            return Expired();
        }

        ModelState.Clear();
        AddNewPasswordErrors(passwordRules.Check(Input.Password), Input.Password, Input.ConfirmPassword);

        if (AsksAnswers)
        {
            for (var i = 0; i < SecurityQuestions.Count; i++)
            {
                AddRuleErrors($"Input.Answers[{i}]", SecurityQuestions.Check(Input.Answers.ElementAtOrDefault(i)));
            }
        }

        // The temporary password travelled by mail: keeping it would leave the account as strong as that mail.
        if (ModelState.IsValid && await users.CheckPasswordAsync(user, Input.Password!))
        {
            ModelState.AddModelError("Input.Password", Text["FirstPassword.SameAsTemporary"]);
        }

        if (!ModelState.IsValid)
        {
            return Rejected();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), Input.Password!);
        if (!changed.Succeeded)
        {
            AddRuleErrors("Input.Password", changed.Errors.Select(e => e.Code));
            return Rejected();
        }

        var profile = await db.ProfessionalProfiles.SingleAsync(p => p.UserId == user.Id, cancellationToken);
        profile.MustChangePassword = false;
        if (AsksAnswers)
        {
            foreach (var question in SecurityQuestions.All)
            {
                db.SecurityAnswers.Add(answers.Hash(user, question, Input.Answers[question - 1]!));
            }
        }

        var organization = await db.Memberships.AsNoTracking().Where(m => m.UserId == user.Id).Select(m => (Guid?)m.OrganizationId).FirstOrDefaultAsync(cancellationToken);
        Audit(new TemporaryPasswordChanged { Subject = user.Id, Actor = user.Id.ToString(), Organization = organization?.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        steps.Begin(HttpContext, user.Id, PendingPurpose.SecurityQuestions, rememberMe: false, step.ReturnUrl, SecurityQuestions.Draw());
        return Redirect("/professionnels/connexion/questions");
    }

    protected override async Task<IActionResult?> ReloadAsync() => await LoadAsync(HttpContext.RequestAborted) is (null, _) ? Expired() : null;

    private async Task<(SesameUser? User, PendingStep? Step)> LoadAsync(CancellationToken cancellationToken)
    {
        var step = steps.Current(HttpContext, PendingPurpose.TemporaryPassword);
        var user = step is null ? null : await users.FindByIdAsync(step.UserId.ToString());
        if (user?.Population != AccountPopulation.Professional
            || !await db.ProfessionalProfiles.AsNoTracking().AnyAsync(p => p.UserId == user.Id && p.MustChangePassword, cancellationToken))
        {
            return (null, null);
        }

        AsksAnswers = !await db.SecurityAnswers.AsNoTracking().AnyAsync(a => a.UserId == user.Id, cancellationToken);
        return (user, step);
    }

    private RedirectResult Expired() => Redirect("/professionnels/connexion?avis=SignIn.Notice.StepExpired");

    public sealed class FirstPasswordInput
    {
        public string? Password { get; set; }

        public string? ConfirmPassword { get; set; }

        /// <summary>The answers to questions 1 to 8, in order.</summary>
        public string?[] Answers { get; set; } = new string?[SecurityQuestions.Count];
    }
}
