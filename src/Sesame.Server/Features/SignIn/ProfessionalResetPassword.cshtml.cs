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
using Sesame.Server.Infrastructure.Security;
using Sesame.Server.Infrastructure.Sessions;

namespace Sesame.Server.Features.SignIn;

/// <summary>
/// The second page of a professional's forgotten password: three security questions, kept for the whole step so a
/// reload cannot draw easier ones; the code of the authenticator app or a recovery code when the account has a
/// stronger factor (otherwise the answers alone would undo it, decision 0017); and the new password under seed 004's
/// rules. Wrong answers or codes count towards the lockout; the refusal is the same whatever was wrong, and for an
/// unknown username. On success every session of the account ends.
/// </summary>
[EnableRateLimiting(RateLimits.CodeEntry)]
public sealed class ProfessionalResetPasswordModel(
    SesameDbContext db,
    UserManager<SesameUser> users,
    SecondFactors factors,
    ProfessionalPasswordRules passwordRules,
    DummyPassword dummy,
    PendingSteps steps) : SesamePageModel
{
    public const string Path = "/professionnels/mot-de-passe-oublie/questions";

    [BindProperty]
    public ResetInput Input { get; set; } = new();

    public IReadOnlyList<int> Asked { get; private set; } = [];

    /// <summary>A resource key shown as an alert above the form.</summary>
    public string? Problem { get; private set; }

    public IActionResult OnGet() => CurrentStep() is null ? Expired() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (CurrentStep() is not { } step)
        {
            return Expired();
        }

        ModelState.Clear();
        foreach (var question in Asked.Where(q => string.IsNullOrWhiteSpace(Input.Answers.GetValueOrDefault(q))))
        {
            ModelState.AddModelError($"Input.Answers[{question}]", Text[AccountRuleCodes.SecurityAnswerRequired]);
        }

        AddNewPasswordErrors(passwordRules.Check(Input.Password), Input.Password, Input.ConfirmPassword);

        if (!ModelState.IsValid)
        {
            return Refused(problem: null);
        }

        var user = step.UserId == Guid.Empty ? null : await users.FindByIdAsync(step.UserId.ToString());
        if (user is null || user.Population != AccountPopulation.Professional || await users.IsLockedOutAsync(user))
        {
            // The same slow work as three answers checked, so the time taken does not tell the account apart.
            foreach (var _ in Asked)
            {
                dummy.Spend(Input.Password);
            }

            return Refused("Professional.Forgot.Failed");
        }

        // The recovery code is spent only once the answers are right, so wrong answers cannot burn the codes.
        var right = await factors.CheckSecurityAnswersAsync(user, Asked, Input.Answers, cancellationToken)
            && await StrongerFactorPresentedAsync(user);
        if (!right)
        {
            await RecordFailedSignInAsync(user, cancellationToken);
            return Refused("Professional.Forgot.Failed");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), Input.Password!);
        if (!reset.Succeeded)
        {
            AddRuleErrors("Input.Password", reset.Errors.Select(e => e.Code));
            return Refused(problem: null);
        }

        await users.ResetAccessFailedCountAsync(user);
        // A password of one's own now: a temporary one still waiting to be changed (seed 003) is no longer asked for.
        await db.ProfessionalProfiles.Where(p => p.UserId == user.Id && p.MustChangePassword)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.MustChangePassword, false), cancellationToken);
        await DatabaseTicketStore.EndAllAsync(db, user.Id, cancellationToken);
        Audit(new PasswordReset { Subject = user.Id, Actor = user.Id.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        steps.End(HttpContext);
        return Redirect("/professionnels/connexion?avis=SignIn.Notice.PasswordReset");
    }

    protected override Task<IActionResult?> ReloadAsync() => Task.FromResult<IActionResult?>(CurrentStep() is null ? Expired() : null);

    private async Task<bool> StrongerFactorPresentedAsync(SesameUser user)
    {
        if (!(await factors.OfAsync(user)).HasStrongFactor)
        {
            return true;
        }

        return SecondFactors.Digits(Input.Code) is not null
            ? await factors.CheckAuthenticatorCodeAsync(user, Input.Code)
            : await factors.RedeemRecoveryCodeAsync(user, Input.Code);
    }

    /// <summary>The step begun on the username page, with its three questions (then in <see cref="Asked"/>); null once over.</summary>
    private PendingStep? CurrentStep()
    {
        var step = steps.Current(HttpContext, PendingPurpose.ForgottenPassword);
        if (step?.Questions is not { Length: SecurityQuestions.AskedForReset } asked)
        {
            return null;
        }

        Asked = asked;
        return step;
    }

    private RedirectResult Expired() => Redirect(ProfessionalForgotPasswordModel.Path + "?avis=SignIn.Notice.StepExpired");

    /// <summary>Nothing secret is written back into the page: neither the answers, nor the code, nor the passwords.</summary>
    private PageResult Refused(string? problem)
    {
        Problem = problem;
        Input = new ResetInput { Answers = Asked.ToDictionary(q => q, _ => (string?)null) };
        ForgetTyped(ModelState.Keys.ToList());

        return Rejected();
    }

    public sealed class ResetInput
    {
        /// <summary>Answers by question number (1 to 8); only the three asked are read.</summary>
        public Dictionary<int, string?> Answers { get; set; } = [];

        /// <summary>The authenticator app's code or a recovery code, for an account with a stronger factor.</summary>
        public string? Code { get; set; }

        public string? Password { get; set; }

        public string? ConfirmPassword { get; set; }
    }
}
