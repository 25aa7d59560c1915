using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Sesame.Core.Accounts;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure.Identity;
using Sesame.Server.Infrastructure.Security;
using Sesame.Server.Infrastructure.Sessions;

namespace Sesame.Server.Features.SignIn;

/// <summary>
/// The second step of a professional's sign-in (issue 6): the two security questions drawn after the right
/// password, kept for the whole step so a reload cannot fish for easier ones. A wrong answer counts towards
/// the account's lockout like a wrong password or code; both right opens the session (amr pwd + kba).
/// </summary>
[EnableRateLimiting(RateLimits.CodeEntry)]
public sealed class QuestionsModel(
    UserManager<SesameUser> users,
    SecondFactors factors,
    SessionOpener opener,
    PendingSteps steps) : SesamePageModel
{
    [BindProperty]
    public QuestionsInput Input { get; set; } = new();

    public IReadOnlyList<int> Asked { get; private set; } = [];

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await ReloadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (user, step) = await CurrentAsync();
        if (user is null || step?.Questions is not { Length: SecurityQuestions.AskedAtSignIn } asked)
        {
            return Expired();
        }

        Asked = asked;
        if (await users.IsLockedOutAsync(user))
        {
            Problem = "Code.LockedOut";
            return Rejected();
        }

        var typed = asked.Select(q => Input.Answers.GetValueOrDefault(q)).ToList();
        if (typed.Any(string.IsNullOrWhiteSpace))
        {
            foreach (var question in asked.Where(q => string.IsNullOrWhiteSpace(Input.Answers.GetValueOrDefault(q))))
            {
                ModelState.AddModelError($"Input.Answers[{question}]", Text[AccountRuleCodes.SecurityAnswerRequired]);
            }

            ClearAnswers();
            return Rejected();
        }

        if (!await factors.CheckSecurityAnswersAsync(user, asked, Input.Answers, cancellationToken))
        {
            await RecordFailedSignInAsync(user, cancellationToken);
            Problem = await users.IsLockedOutAsync(user) ? "Code.LockedOut" : "Professional.Questions.Wrong";
            ClearAnswers();
            return Rejected();
        }

        await users.ResetAccessFailedCountAsync(user);
        await opener.OpenAsync(HttpContext, user, SignInMethod.PasswordAndSecurityQuestions, step.RememberMe, trustBrowser: false, cancellationToken);
        steps.End(HttpContext);
        return LocalRedirect(step.ReturnUrl ?? "/organisations");
    }

    protected override async Task<IActionResult?> ReloadAsync()
    {
        var (user, step) = await CurrentAsync();
        if (user is null || step?.Questions is not { Length: SecurityQuestions.AskedAtSignIn } asked)
        {
            return Expired();
        }

        Asked = asked;
        ClearAnswers();
        return null;
    }

    /// <summary>Answers are secrets: never written back into the page.</summary>
    private void ClearAnswers()
    {
        Input.Answers = Asked.ToDictionary(q => q, _ => (string?)null);
        ForgetTyped(Asked.Select(q => $"Input.Answers[{q}]"));
    }

    private async Task<(SesameUser? User, PendingStep? Step)> CurrentAsync()
    {
        var step = steps.Current(HttpContext, PendingPurpose.SecurityQuestions);
        var user = step is null ? null : await users.FindByIdAsync(step.UserId.ToString());
        return (user?.Population == AccountPopulation.Professional ? user : null, step);
    }

    private RedirectResult Expired() => Redirect("/professionnels/connexion?avis=SignIn.Notice.StepExpired");

    public sealed class QuestionsInput
    {
        /// <summary>Answers by question number (1 to 8); only the two asked are read.</summary>
        public Dictionary<int, string?> Answers { get; set; } = [];
    }
}
